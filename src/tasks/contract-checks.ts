import type { z } from 'zod';
import { NonRetryableError } from './errors.ts';

/**
 * A handler returned what its type's result schema refuses. Another attempt would most likely
 * return the same, so the task fails at once; the message names each field and why.
 */
export class ResultSchemaError extends NonRetryableError {}

/** `ctx.progress` was given data its type's progress schema refuses, or too much of it. */
export class ProgressDataError extends TypeError {
  override name = 'ProgressDataError';
}

/** `status: expected number, received string; bytes: Required` */
export function issuesOf(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return `${path}${issue.message.replace(/^Invalid input: /, '')}`;
    })
    .join('; ');
}

/**
 * The result as its schema gives it (zod's output: defaults applied, unknown keys dropped), so
 * a typed `result` field never shows what the schema does not say. Without a schema, as is.
 */
export function checkedResult(type: { name: string; result?: z.ZodType }, value: unknown): unknown {
  if (!type.result) return value;
  const checked = type.result.safeParse(value);
  if (!checked.success) {
    throw new ResultSchemaError(`The result of "${type.name}" does not match its result schema: ${issuesOf(checked.error)}`);
  }
  return checked.data;
}

/** Progress data as its schema gives it; JSON of at most `maxBytes`. */
export function checkedProgressData(type: { name: string; progress?: z.ZodType }, data: unknown, maxBytes: number): unknown {
  let value = data;
  if (type.progress) {
    const checked = type.progress.safeParse(data);
    if (!checked.success) {
      throw new ProgressDataError(`Progress data of "${type.name}" does not match its progress schema: ${issuesOf(checked.error)}`);
    }
    value = checked.data;
  }
  const json = JSON.stringify(value);
  if (json === undefined) throw new ProgressDataError(`Progress data of "${type.name}" is not JSON`);
  const size = Buffer.byteLength(json);
  if (size > maxBytes) {
    throw new ProgressDataError(`Progress data of "${type.name}" is ${size} bytes as JSON, at most ${maxBytes} (MAX_PROGRESS_DATA_BYTES)`);
  }
  return value;
}
