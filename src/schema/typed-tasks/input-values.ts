import type { Shape } from './shape.ts';

/**
 * A typed input as GraphQL has coerced it → the JSON the task's zod schema checks, as if the
 * client had sent it to `runTask`:
 * - an explicit null where the schema takes none means "not given" (GraphQL types an optional
 *   field as nullable, and generated clients send null for it), so the key is left out and zod
 *   applies its default or its optionality;
 * - DateTime arrives as a Date and goes on as its ISO string (UTC);
 * - objects are plain objects again (GraphQL builds them without a prototype).
 */
export function toTaskInput(shape: Shape, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (shape.kind) {
    case 'scalar':
      return value instanceof Date ? value.toISOString() : value;
    case 'enum':
      return value;
    case 'list':
      return Array.isArray(value) ? value.map((item: unknown) => toTaskInput(shape.of, item)) : value;
    case 'object': {
      const given = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const field of shape.fields) {
        const item = given[field.name];
        if (item === undefined || (item === null && !field.shape.nullable)) continue;
        out[field.name] = toTaskInput(field.shape, item);
      }
      return out;
    }
  }
}
