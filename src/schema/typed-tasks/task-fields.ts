import {
  GraphQLID,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import type { z } from 'zod';
import type { TaskRecord } from '../../queue/task-record.ts';
import { STATE_STREAM } from '../state-stream.ts';
import { NotFoundError } from '../../resolvers/errors.ts';
import type { GraphqlTypes } from './graphql-types.ts';
import { toTaskInput } from './input-values.ts';
import { typedNames, type NameClaims, type TypedNames } from './names.ts';
import { shapeOf, type Shape } from './shape.ts';

/** What typed fields need of a task type: its contract (no handler). */
export interface TypedContract {
  name: string;
  description: string;
  input: z.ZodType;
  /** Without one, `result` stays JSON. */
  result?: z.ZodType;
  /** Without one, progress data stays JSON. */
  progress?: z.ZodType;
}


/** The generic fields the typed ones stand on, from taskql's own schema. */
export interface GenericFields {
  task: GraphQLObjectType;
  progress: GraphQLObjectType;
  options: GraphQLInputType;
  runTask: GraphQLFieldConfig<unknown, unknown>;
  readTask: GraphQLFieldConfig<unknown, unknown>;
  followTask: GraphQLFieldConfig<unknown, unknown>;
}

export function genericFields(schema: GraphQLSchema): GenericFields {
  const field = (root: GraphQLObjectType | null | undefined, name: string) => {
    const found = root?.toConfig().fields[name];
    if (!found) throw new Error(`taskql's schema has no ${root?.name}.${name}`);
    return found;
  };
  return {
    task: schema.getType('Task') as GraphQLObjectType,
    progress: schema.getType('TaskProgress') as GraphQLObjectType,
    options: schema.getType('TaskOptions') as GraphQLInputType,
    runTask: field(schema.getMutationType(), 'runTask'),
    readTask: field(schema.getQueryType(), 'task'),
    followTask: field(schema.getSubscriptionType(), 'taskUpdated'),
  };
}

/** A task type's typed root fields: run it, read it, follow it. */
export interface TypedRootFields {
  mutation: GraphQLFieldConfigMap<unknown, unknown>;
  query: GraphQLFieldConfigMap<unknown, unknown>;
  subscription: GraphQLFieldConfigMap<unknown, unknown>;
}

/**
 * `runDivide(input: DivideInput!, options: TaskOptions): DivideTask!`, `divideTask(id)` and
 * `divideUpdated(id)`. Each calls the generic field's own resolver (runTask, task,
 * taskUpdated), so auth scopes, ownership, validation, errors and the subscription's
 * snapshot merge are theirs; the typed field only maps the input in and the type out.
 */
export function typedRootFields(contract: TypedContract, generic: GenericFields, types: GraphqlTypes, claims: NameClaims): TypedRootFields {
  const names = typedNames(contract.name);
  const of = `task type "${contract.name}"`;
  const inputShape = shapeOf(contract.input, 'input');
  const task = new GraphQLObjectType<TaskRecord, unknown>({
    name: claims.claim(names.task, `the task object of ${of}`),
    description: `A task of type ${contract.name}: Task with its typed input, result and progress. ${contract.description}`,
    fields: () => typedTaskFields(contract, generic, types, claims, inputShape, of),
  });

  const inputArg = inputArgument(inputShape, types, names.input, of);
  const run = generic.runTask.resolve as GraphQLFieldResolver<unknown, unknown>;
  const read = generic.readTask.resolve as GraphQLFieldResolver<unknown, unknown>;
  const follow = generic.followTask.subscribe as GraphQLFieldResolver<unknown, unknown>;
  const id = { type: new GraphQLNonNull(GraphQLID) };

  return {
    mutation: {
      [claims.claim(names.run, `the run field of ${of}`)]: {
        type: new GraphQLNonNull(task),
        description: `Runs ${contract.name} (as runTask(name: "${contract.name}") does): ${contract.description}`,
        args: { input: inputArg, options: { type: generic.options } },
        resolve: (root, args: { input?: unknown; options?: unknown }, context, info) =>
          run(root, { name: contract.name, input: toTaskInput(inputShape, args.input), options: args.options }, context, info),
      },
    },
    query: {
      [claims.claim(names.read, `the read field of ${of}`)]: {
        type: task,
        description: `The ${contract.name} task with this id; null for an unknown or expired id, or a task of another type.`,
        args: { id },
        resolve: async (root, args, context, info) => {
          const found = (await read(root, args, context, info)) as TaskRecord | null;
          return found?.name === contract.name ? found : null;
        },
      },
    },
    subscription: {
      [claims.claim(names.follow, `the follow field of ${of}`)]: {
        type: new GraphQLNonNull(task),
        description: `As taskUpdated, for a ${contract.name} task (NOT_FOUND for a task of another type).`,
        args: { id },
        extensions: STATE_STREAM,
        subscribe: async (root, args: { id: string }, context, info) =>
          ofType((await follow(root, args, context, info)) as AsyncIterable<TaskRecord>, contract.name, args.id),
        resolve: (value: unknown) => value,
      },
    },
  };
}

const isJson = (shape: Shape): boolean => shape.kind === 'scalar' && shape.scalar === 'JSON';

function inputArgument(shape: Shape, types: GraphqlTypes, name: string, of: string): { type: GraphQLInputType } {
  // An input that may be left out (no required field, or any JSON) is a nullable argument: omitted means {}.
  const optional = isJson(shape) || (shape.kind === 'object' && shape.fields.every((f) => !f.required || f.default));
  const type = types.input({ ...shape, nullable: shape.nullable || optional }, name, `the input of ${of}`);
  return { type };
}

/** Task's own fields (all of them, as they grow), with input, result and progress typed. */
function typedTaskFields(
  contract: TypedContract,
  generic: GenericFields,
  types: GraphqlTypes,
  claims: NameClaims,
  inputShape: Shape,
  of: string,
): GraphQLFieldConfigMap<TaskRecord, unknown> {
  const names = typedNames(contract.name);
  const fields = generic.task.toConfig().fields as GraphQLFieldConfigMap<TaskRecord, unknown>;
  const resultShape = contract.result && shapeOf(contract.result, 'output');
  const result: GraphQLOutputType = resultShape
    ? nullableOf(types.output(resultShape, names.result, `the result of ${of}`))
    : fields.result!.type;
  const resultDescription = [fields.result!.description, resultShape?.description].filter(Boolean).join(' ');
  return {
    ...fields,
    input: isJson(inputShape)
      ? fields.input!
      : {
          ...fields.input!,
          type: types.output(inputShape, names.inputData, `the input (as stored) of ${of}`),
          description: 'The input as given (defaults the client left out through runTask stay out).',
          resolve: (task) => task.input,
        },
    result: { ...fields.result!, type: result, description: resultDescription, resolve: (task) => task.result },
    progress: contract.progress
      ? { ...fields.progress!, type: typedProgress(contract.progress, generic, types, claims, names, of), resolve: (task) => task.progress }
      : fields.progress!,
  };
}

function typedProgress(
  schema: z.ZodType,
  generic: GenericFields,
  types: GraphqlTypes,
  claims: NameClaims,
  names: TypedNames,
  of: string,
): GraphQLObjectType {
  const fields = generic.progress.toConfig().fields;
  return new GraphQLObjectType({
    name: claims.claim(names.progress, `the progress of ${of}`),
    description: `${generic.progress.description ?? ''} Its data as ${of} says.`.trim(),
    fields: () => ({
      ...fields,
      data: {
        ...fields.data!,
        type: nullableOf(types.output(shapeOf(schema, 'output'), names.progressData, `the progress data of ${of}`)),
      },
    }),
  });
}

const nullableOf = (type: GraphQLOutputType): GraphQLOutputType => (type instanceof GraphQLNonNull ? type.ofType : type);

/**
 * The stream of a task of this type, or NOT_FOUND: the first value (the snapshot, at once) says
 * which type the task is. An iterator object, so `return()` (the subscriber left) reaches the
 * generic stream at once.
 */
async function ofType(stream: AsyncIterable<TaskRecord>, name: string, id: string): Promise<AsyncIterableIterator<TaskRecord>> {
  const source = stream[Symbol.asyncIterator]();
  const first = await source.next();
  if (!first.done && first.value.name !== name) {
    await source.return?.();
    throw new NotFoundError(`No ${name} task with id "${id}"`);
  }
  return new Prepended(first, source);
}

class Prepended implements AsyncIterableIterator<TaskRecord> {
  constructor(
    private pending: IteratorResult<TaskRecord> | undefined,
    private readonly source: AsyncIterator<TaskRecord>,
  ) {}

  next(): Promise<IteratorResult<TaskRecord>> {
    const value = this.pending;
    this.pending = undefined;
    return value ? Promise.resolve(value) : this.source.next();
  }

  async return(): Promise<IteratorResult<TaskRecord>> {
    this.pending = undefined;
    return (await this.source.return?.()) ?? { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
