import { context, isSpanContextValid, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

/**
 * OpenTelemetry traces of tasks, through @opentelemetry/api alone: a user who registers an SDK
 * (docs/monitoring.md) gets a trace per task, from the `runTask` request through the queue to
 * each attempt in a worker. With no SDK registered every call here meets the API's no-op
 * tracer and propagator: no span is recorded and the job carries no trace context.
 */

/** One tracer for taskql's spans (the instrumentation scope users filter on). */
export const tracer = trace.getTracer('taskql');

/**
 * The W3C trace context (`traceparent`, `tracestate`) of a span, as a task's job data carries
 * it from the API process to the workers: taskql's own field rather than a BullMQ option, so
 * schedules and retries keep or drop it as taskql decides.
 */
export type TraceCarrier = Record<string, string>;

/** Span attribute names of a task (taskql's own namespace, beside OpenTelemetry's messaging ones). */
export const TASK_ATTRIBUTES = {
  id: 'taskql.task.id',
  name: 'taskql.task.name',
  attempt: 'taskql.task.attempt',
  count: 'taskql.task.count',
  worker: 'taskql.worker.id',
  workflow: 'taskql.workflow.id',
} as const;

/**
 * Runs `enqueue` (queueing `names.length` tasks of `queue`) in a PRODUCER span, `enqueue <name>`,
 * a child of the active span (the GraphQL operation), and hands it the trace context to store
 * in the job (undefined when nothing records: the job stays as it was). The span names what was
 * queued under `idAttribute`: the task ids, or a workflow's id (TASK_ATTRIBUTES.workflow).
 */
export async function traceEnqueue<T extends { id: string } | readonly { id: string }[]>(
  names: readonly string[],
  queues: readonly string[],
  enqueue: (carrier: TraceCarrier | undefined) => Promise<T>,
  idAttribute: string = TASK_ATTRIBUTES.id,
): Promise<T> {
  const distinct = (list: readonly string[]) => (list.length === 1 ? list[0]! : [...new Set(list)].join(','));
  const span = tracer.startSpan(`enqueue ${distinct(names)}`, {
    kind: SpanKind.PRODUCER,
    attributes: {
      'messaging.system': 'bullmq',
      'messaging.operation.type': 'send',
      'messaging.destination.name': distinct(queues),
      [TASK_ATTRIBUTES.name]: names[0],
      ...(names.length > 1 && { [TASK_ATTRIBUTES.count]: names.length }),
    },
  });
  if (!span.isRecording()) return enqueue(undefined);
  const carrier: TraceCarrier = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  try {
    const queued = await enqueue(Object.keys(carrier).length > 0 ? carrier : undefined);
    if (!Array.isArray(queued)) span.setAttribute(idAttribute, (queued as { id: string }).id);
    else if (queued.length <= 100) span.setAttribute(idAttribute, queued.map((task: { id: string }) => task.id));
    return queued;
  } catch (error) {
    fail(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** What an attempt span is about. */
export interface AttemptInfo {
  id: string;
  name: string;
  queue: string;
  attempt: number;
  workerId: string;
}

/** One attempt of a task in a worker, as a CONSUMER span under the span that queued it. */
export interface AttemptTrace {
  /** The trace id to put on log lines about this attempt; undefined when nothing records. */
  readonly traceId: string | undefined;
  /** A progress report, as a span event. */
  progress(percent: number, message: string | null | undefined): void;
  /**
   * Runs the handler with the attempt span active (the handler's own spans are its children)
   * and ends the span; a failure is recorded on it (`cause`: what to record for what it threw).
   */
  run<T>(handler: () => Promise<T>, cause?: (error: unknown) => unknown): Promise<T>;
}

/** The span of one attempt (`process <name>`), a child of the span whose context the job carries. */
export function traceAttempt(carrier: TraceCarrier | undefined, info: AttemptInfo): AttemptTrace {
  const parent = carrier ? propagation.extract(context.active(), carrier) : context.active();
  const span = tracer.startSpan(
    `process ${info.name}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        'messaging.system': 'bullmq',
        'messaging.operation.type': 'process',
        'messaging.destination.name': info.queue,
        'messaging.message.id': info.id,
        [TASK_ATTRIBUTES.id]: info.id,
        [TASK_ATTRIBUTES.name]: info.name,
        [TASK_ATTRIBUTES.attempt]: info.attempt,
        [TASK_ATTRIBUTES.worker]: info.workerId,
      },
    },
    parent,
  );
  const recording = span.isRecording();
  const spanContext = span.spanContext();
  return {
    traceId: isSpanContextValid(spanContext) ? spanContext.traceId : undefined,
    progress(percent, message) {
      if (!recording) return;
      const attributes: Attributes = { 'taskql.progress.percent': percent };
      if (message) attributes['taskql.progress.message'] = message;
      span.addEvent('progress', attributes);
    },
    async run(handler, cause = (error) => error) {
      if (!recording) return handler();
      try {
        return await context.with(trace.setSpan(parent, span), handler);
      } catch (error) {
        fail(span, cause(error));
        throw error;
      } finally {
        span.end();
      }
    },
  };
}

/** A failure on a span: the exception event and an ERROR status with its message. */
export function fail(span: Span, error: unknown): void {
  const failure = error instanceof Error ? error : new Error(String(error));
  span.recordException(failure);
  span.setStatus({ code: SpanStatusCode.ERROR, message: `${failure.name}: ${failure.message}` });
}

/** The trace id of the active span, for log lines; undefined when nothing records. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  if (!span) return undefined;
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}
