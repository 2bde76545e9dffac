import { z } from 'zod';
import type { AnyTaskContract } from './define.ts';

/** A task type that cannot be registered (malformed, a duplicate, no handler): start-up fails with it. */
export class TaskTypeError extends Error {
  override name = 'TaskTypeError';
}

/**
 * Letters, digits and `_`, starting with a letter: a task type's name becomes a GraphQL type
 * name (`resizeImage` → `ResizeImageInput`), so it must be one.
 */
export const TASK_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const isZodSchema = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && '_zod' in value && typeof (value as { safeParse?: unknown }).safeParse === 'function';

const TaskTypeShape = z.object({
  name: z.string().regex(TASK_NAME, 'letters, digits and _ only, starting with a letter'),
  description: z.string(),
  internal: z.boolean().optional(),
  input: z.custom(isZodSchema, 'must be a zod 4 schema (use the `z` that taskql exports)'),
  defaults: z.object(
    {
      attempts: z.int().min(1),
      backoffMs: z.number().min(0),
      timeoutMs: z.number().positive().optional(),
      queue: z.string().regex(/^[\w.-]+$/, 'letters, digits, _ . - only'),
      rateLimit: z.object({ max: z.int().min(1), durationMs: z.int().min(1) }).optional(),
    },
    'missing: make task types with defineTask (or defineContract)',
  ),
  run: z.custom((value) => typeof value === 'function', 'must be a function').optional(),
});

/** Checks one entry of a task-type list; `where` says where it came from (a module, an index). */
export function checkTaskType(entry: unknown, where: string): AnyTaskContract {
  const parsed = TaskTypeShape.safeParse(entry);
  if (parsed.success) return entry as AnyTaskContract;
  const name = typeof (entry as { name?: unknown } | null)?.name === 'string' ? `"${(entry as { name: string }).name}"` : '(no name)';
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'the entry'}: ${issue.message}`);
  throw new TaskTypeError(`task type ${name} (${where}) is malformed: ${issues.join('; ')}`);
}
