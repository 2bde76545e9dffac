import { z } from 'zod';

/**
 * What a zod schema says, in the terms GraphQL can say it: the model the typed fields are built
 * from (graphql-types.ts) and that typed input is turned back into JSON by (input-values.ts).
 *
 * It is read from zod's own JSON Schema (`z.toJSONSchema`, the same export `taskTypes` shows as
 * `inputSchema`), not from zod's internals: the documented output is what stays stable across
 * zod versions. Refinements, transforms and pipes do not show there, which is right: zod still
 * runs the whole schema on every input and result; GraphQL only carries the shape.
 */
export type Shape = (
  | { kind: 'scalar'; scalar: ScalarName }
  | { kind: 'enum'; values: string[] }
  | { kind: 'object'; fields: FieldShape[] }
  | { kind: 'list'; of: Shape }
) & {
  /** The schema accepts (input) or may give (output) null. */
  nullable: boolean;
  description?: string;
};

export interface FieldShape {
  name: string;
  shape: Shape;
  /** Must be given (input) or is always there (output). */
  required: boolean;
  /** Set when the schema has a default (`{ value }`, so that a default of null is one too). */
  default?: { value: unknown };
}

/**
 * The scalars a field can be. `JSON` is the fallback for what GraphQL cannot say (unions of
 * scalars, records with arbitrary keys, tuples, recursive schemas): any JSON, zod checks it.
 */
export type ScalarName = 'Int' | 'Float' | 'String' | 'Boolean' | 'JSON' | 'DateTime' | 'EmailAddress' | 'URL' | 'UUID';

/** JSON Schema `format` → the graphql-scalars scalar of that format. */
const FORMATS: Record<string, ScalarName> = { email: 'EmailAddress', uri: 'URL', uuid: 'UUID', 'date-time': 'DateTime' };

/** A GraphQL name (field, enum value): https://spec.graphql.org/October2021/#Name, not reserved. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
export const isGraphqlName = (name: string): boolean => GRAPHQL_NAME.test(name) && !name.startsWith('__');
const isEnumValueName = (value: unknown): value is string =>
  typeof value === 'string' && isGraphqlName(value) && !['true', 'false', 'null'].includes(value);

type JsonSchema = Record<string, unknown>;

/**
 * The shape of `schema` as clients send it (`input`: optional and defaulted fields may be left
 * out) or as it comes out (`output`: a result or progress data after zod has parsed it).
 */
export function shapeOf(schema: z.ZodType, io: 'input' | 'output'): Shape {
  return fromJsonSchema(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema);
}

const json = (js: JsonSchema, nullable = true): Shape => ({ kind: 'scalar', scalar: 'JSON', nullable, ...described(js) });
const described = (js: JsonSchema): { description?: string } =>
  typeof js.description === 'string' ? { description: js.description } : {};

function fromJsonSchema(js: JsonSchema): Shape {
  // References (recursive schemas), intersections and conditionals: beyond GraphQL's types.
  if ('$ref' in js || 'allOf' in js || 'not' in js || 'if' in js) return json(js);
  const alternatives = (js.anyOf ?? js.oneOf) as JsonSchema[] | undefined;
  if (alternatives) {
    const others = alternatives.filter((alternative) => alternative.type !== 'null');
    // `x.nullable()` is "x or null": x, nullable. Any other union is JSON.
    if (others.length !== 1 || others.length === alternatives.length) return json(js, others.length < alternatives.length);
    return { ...fromJsonSchema({ ...others[0], ...described(js) }), nullable: true };
  }
  const types = Array.isArray(js.type) ? (js.type as string[]) : js.type === undefined ? [] : [js.type as string];
  const nullable = types.includes('null');
  const type = types.filter((t) => t !== 'null');
  if (type.length === 0) return json(js); // any JSON
  if (type.length > 1) return json(js, nullable); // a union of scalars
  const base = { nullable, ...described(js) };
  if (Array.isArray(js.enum)) {
    const values = js.enum.filter((value) => value !== null);
    if (values.every(isEnumValueName)) return { kind: 'enum', values, ...base };
  }
  switch (type[0]) {
    case 'string':
      return { kind: 'scalar', scalar: FORMATS[js.format as string] ?? 'String', ...base };
    case 'integer':
      return { kind: 'scalar', scalar: 'Int', ...base };
    case 'number':
      return { kind: 'scalar', scalar: 'Float', ...base };
    case 'boolean':
      return { kind: 'scalar', scalar: 'Boolean', ...base };
    case 'array':
      if ('prefixItems' in js) return json(js, nullable); // a tuple
      return { kind: 'list', of: typeof js.items === 'object' ? fromJsonSchema(js.items as JsonSchema) : json({}), ...base };
    case 'object':
      return objectShape(js, base);
    default:
      return json(js, nullable);
  }
}

function objectShape(js: JsonSchema, base: { nullable: boolean; description?: string }): Shape {
  const properties = (js.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(properties);
  const extra = js.additionalProperties;
  const record = 'propertyNames' in js || (typeof extra === 'object' && extra !== null && Object.keys(extra).length > 0);
  // A record (arbitrary keys), an empty object, or keys that are not GraphQL names: JSON.
  if (record || names.length === 0 || !names.every(isGraphqlName)) return json(js, base.nullable);
  const required = new Set((js.required ?? []) as string[]);
  const fields = names.map((name): FieldShape => {
    const property = properties[name]!;
    return {
      name,
      shape: fromJsonSchema(property),
      required: required.has(name),
      ...('default' in property && { default: { value: property.default } }),
    };
  });
  return { kind: 'object', fields, ...base };
}
