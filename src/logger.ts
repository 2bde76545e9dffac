import { pino, type Logger } from 'pino';
import type { Config } from './config.ts';

export type { Logger };

/** Structured logs: JSON for collectors, pino-pretty for people (when it is installed). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>): Logger {
  const pretty = (config.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty';
  if (pretty && canResolve('pino-pretty')) {
    return pino({
      level: config.LOG_LEVEL,
      transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino({ level: config.LOG_LEVEL });
}

function canResolve(name: string): boolean {
  try {
    import.meta.resolve(name);
    return true;
  } catch {
    return false;
  }
}

/** What a log line about a task says of it: which task, of which type, which attempt, in which trace. */
export interface TaskLogFields {
  taskId: string;
  taskType: string;
  attempt?: number;
  /** The OpenTelemetry trace of the task (when an SDK records one): find the trace from the line. */
  traceId?: string;
}

/** A logger whose lines carry `fields` (the ones that are set). */
export function taskLogger(log: Logger, fields: TaskLogFields): Logger {
  const bindings: Record<string, string | number> = { taskId: fields.taskId, taskType: fields.taskType };
  if (fields.attempt !== undefined) bindings.attempt = fields.attempt;
  if (fields.traceId !== undefined) bindings.traceId = fields.traceId;
  return log.child(bindings);
}
