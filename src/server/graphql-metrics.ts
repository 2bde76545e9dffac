import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Metric, Registry } from 'prom-client';

/** prom-client's default histogram buckets, in seconds. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/**
 * Series kept per metric at most. Labels come from what clients send (operation names, aliases
 * in error paths): past this many, new ones are counted under operationName="(other)" (and no
 * path), so no client can grow the API's memory and every scrape without bound.
 * @defaultValue 1000
 */
export const MAX_SERIES = 1000;
const OTHER = '(other)';

type Phase = 'parse' | 'validate' | 'context' | 'execute';

/** Counts and durations of one operation (its name and type), as the histogram keeps them. */
interface Operation {
  labels: { operationName: string; operationType: string };
  count: number;
  sumSeconds: number;
  /** Observations per bucket of DURATION_BUCKETS (not cumulative). */
  buckets: number[];
}

/**
 * What the server context of a request carries when the JSON POST path (json-post.ts) has
 * already counted its failure and replays it to yoga for yoga's own answer: not counted twice.
 */
export interface MetricsCounted {
  metricsCounted?: true;
}

/**
 * GraphQL operation metrics for /metrics, under the names and labels of @envelop/prometheus
 * (which served them before): `graphql_envelop_request` and `graphql_envelop_request_duration`
 * (a histogram, in seconds) by operationName and operationType, for queries and mutations
 * executed; `graphql_envelop_error_result` by operation, phase (parse, validate, context,
 * execute) and the error's path.
 *
 * The plugin computed labels, built closures and filtered its handler lists on every request,
 * and prom-client hashed the labels on every observation: ~6 % of the API's CPU per `runTask`
 * (interleaved A/B runs of bench/submit-cpu.ts). Here an operation's counts are found by its
 * parsed document (yoga's parse cache hands back the same object for the same query) and summed
 * in place; the metrics are printed from them at scrape time.
 */
export function createGraphqlMetrics(registry: Registry): Plugin<MetricsCounted> {
  /** Operations by document, then by the operationName a request selected ('' for none). */
  const byDocument = new WeakMap<DocumentNode, Map<string, Operation>>();
  const operations = new Map<string, Operation>();
  const errors = new Map<string, { labels: Record<string, string>; count: number }>();
  /** The document of each request being served, for the labels of a failure in building its context. */
  const documents = new WeakMap<object, DocumentNode>();

  const operationOf = (document: DocumentNode, operationName: string | null | undefined): Operation => {
    let named = byDocument.get(document);
    if (!named) byDocument.set(document, (named = new Map()));
    let operation = named.get(operationName ?? '');
    if (!operation) {
      let labels = labelsOf(document, operationName);
      if (operations.size >= MAX_SERIES && !operations.has(keyOf(labels))) labels = { operationName: OTHER, operationType: labels.operationType };
      operation = operations.get(keyOf(labels));
      if (!operation) operations.set(keyOf(labels), (operation = { labels, count: 0, sumSeconds: 0, buckets: DURATION_BUCKETS.map(() => 0) }));
      named.set(operationName ?? '', operation);
    }
    return operation;
  };
  const countError = (phase: Phase, labels: Record<string, string> = {}, path?: readonly (string | number)[]) => {
    let all: Record<string, string> = { ...labels, phase, ...(path && { path: path.join('.') }) };
    let key = JSON.stringify(all);
    if (errors.size >= MAX_SERIES && !errors.has(key)) {
      all = { operationName: OTHER, phase };
      key = JSON.stringify(all);
    }
    const counted = errors.get(key);
    if (counted) counted.count++;
    else errors.set(key, { labels: all, count: 1 });
  };
  const observe = (operation: Operation, seconds: number, result: ExecutionResult) => {
    operation.count++;
    operation.sumSeconds += seconds;
    const bucket = DURATION_BUCKETS.findIndex((le) => seconds <= le);
    if (bucket >= 0) operation.buckets[bucket]!++;
    for (const error of result.errors ?? []) countError('execute', operation.labels, error.path);
  };
  /** Operations executed at least once (one whose execution threw is not shown with 0). */
  const executed = () => [...operations.values()].filter((operation) => operation.count > 0);
  const operationNameOf = (context: object) => (context as { params?: { operationName?: string | null } }).params?.operationName;

  registry.registerMetric(
    printed('graphql_envelop_request', 'Counts the amount of GraphQL requests executed through Envelop', 'counter', () =>
      executed().map((operation) => ({ labels: operation.labels, value: operation.count })),
    ),
  );
  registry.registerMetric(
    printed('graphql_envelop_request_duration', 'Time spent on running the GraphQL operation from parse to execute', 'histogram', () =>
      executed().flatMap(({ labels, count, sumSeconds, buckets }) => {
        let cumulative = 0;
        return [
          ...DURATION_BUCKETS.map((le, i) => ({ metricName: 'graphql_envelop_request_duration_bucket', labels: { le, ...labels }, value: (cumulative += buckets[i]!) })),
          { metricName: 'graphql_envelop_request_duration_bucket', labels: { le: '+Inf', ...labels }, value: count },
          { metricName: 'graphql_envelop_request_duration_sum', labels, value: sumSeconds },
          { metricName: 'graphql_envelop_request_duration_count', labels, value: count },
        ];
      }),
    ),
  );
  registry.registerMetric(
    printed('graphql_envelop_error_result', 'Counts the amount of errors reported from all phases', 'counter', () =>
      [...errors.values()].map(({ labels, count }) => ({ labels, value: count })),
    ),
  );

  return {
    onPluginInit({ registerContextErrorHandler }) {
      registerContextErrorHandler(({ context }) => {
        if (context.metricsCounted) return;
        const document = documents.get(context);
        countError('context', document && labelsOf(document, operationNameOf(context)));
      });
    },
    onParse({ context }) {
      return ({ result }) => {
        if (result instanceof Error) {
          if (!context.metricsCounted) countError('parse');
        } else if (result) documents.set(context, result);
      };
    },
    onValidate({ context, params: { documentAST } }) {
      return ({ valid }) => {
        if (!valid && !context.metricsCounted) countError('validate', labelsOf(documentAST, operationNameOf(context)));
      };
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = operationOf(args.document, args.operationName);
      // The execution timed by wrapping it: an onExecuteDone hook costs more in envelop's
      // orchestration than the timing itself.
      setExecuteFn((executeArgs) => {
        const start = performance.now();
        const done = (result: Awaited<ReturnType<typeof executeFn>>) => {
          // An incremental result (@defer, @stream: not enabled here) is not observed.
          if (!(Symbol.asyncIterator in result)) observe(operation, (performance.now() - start) / 1000, result);
          return result;
        };
        const result = executeFn(executeArgs);
        return isPromiseLike(result) ? Promise.resolve(result).then(done) : done(result);
      });
    },
  };
}

/**
 * An operation's labels: the name and type of the operation the request selected, as the
 * document has them (a name the request gives that the document does not have is not a label).
 */
function labelsOf(document: DocumentNode, operationName: string | null | undefined) {
  const operation = getOperationAST(document, operationName);
  return { operationName: operation?.name?.value ?? 'Anonymous', operationType: operation?.operation ?? 'query' };
}

const keyOf = (labels: { operationName: string; operationType: string }) => `${labels.operationName}\n${labels.operationType}`;

const isPromiseLike = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> => typeof (value as { then?: unknown })?.then === 'function';

/** A metric whose values are read at scrape time, in the shape prom-client's registry prints. */
function printed(name: string, help: string, type: 'counter' | 'histogram', values: () => { metricName?: string; labels: Record<string, string | number>; value: number }[]) {
  return {
    name,
    help,
    type,
    aggregator: 'sum',
    get: () => ({ name, help, type, aggregator: 'sum', values: values() }),
  } as unknown as Metric;
}
