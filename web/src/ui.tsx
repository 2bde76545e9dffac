import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, AuthError } from './api.ts';
import { localTime } from './format.ts';
import type { TaskState } from './gql/graphql.ts';

export const FINAL: ReadonlySet<string> = new Set(['SUCCESS', 'FAILURE', 'REVOKED']);
export const STATES: TaskState[] = ['PENDING', 'SCHEDULED', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE', 'REVOKED'];

export function Badge({ state }: { state: string }) {
  return <span class={`badge ${state.toLowerCase()}`}>{state}</span>;
}

/** A SUCCESS task's bar is full whatever its last report said. */
export function ProgressBar({ state, progress }: { state: string; progress: { percent: number; message?: string | null } | null }) {
  const percent = state === 'SUCCESS' ? 100 : Math.round(progress?.percent ?? 0);
  return (
    <div
      class="progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-label={progress?.message ?? `${percent}%`}
      title={progress?.message ?? `${percent}%`}
      data-percent={percent}
    >
      <div class="fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

/** A time in the browser's zone, the exact instant on hover. */
export function Time({ value }: { value: string | null | undefined }) {
  if (!value) return <span class="muted">—</span>;
  return (
    <time dateTime={value} title={new Date(value).toString()}>
      {localTime(value)}
    </time>
  );
}

export function describeError(error: unknown): string {
  if (error instanceof AuthError || error instanceof ApiError || error instanceof Error) return error.message;
  return String(error);
}

/** An inline error (never alert()): says what failed, can be dismissed. */
export function ErrorNote({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null;
  return (
    <div class="note error" role="alert" data-testid="error">
      <span>{describeError(error)}</span>
      {onClose && (
        <button type="button" class="link" onClick={onClose} aria-label="Dismiss">
          ×
        </button>
      )}
    </div>
  );
}

export function Panel({ title, children, actions, testid }: { title: string; children: ComponentChildren; actions?: ComponentChildren; testid?: string }) {
  return (
    <section class="panel" aria-label={title} data-testid={testid}>
      <div class="panel-head">
        <h2>{title}</h2>
        {actions && <div class="actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/**
 * Loads with `load` now, again when `deps` change and every `everyMs`; only the newest
 * request's answer is kept (an older one that arrives late is dropped).
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], everyMs?: number) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;
  const reload = useRef((): AbortController | undefined => undefined);
  reload.current = () => {
    const seq = ++latest.current;
    const controller = new AbortController();
    loader
      .current(controller.signal)
      .then((value) => {
        if (seq !== latest.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((failure: unknown) => {
        if (seq === latest.current && !controller.signal.aborted) setError(failure);
      });
    return controller;
  };
  useEffect(() => {
    const controller = reload.current();
    const timer = everyMs ? window.setInterval(() => reload.current(), everyMs) : undefined;
    return () => {
      controller?.abort();
      latest.current++;
      if (timer) window.clearInterval(timer);
    };
  }, deps);
  return { data, error, reload: () => void reload.current(), setData };
}

/** Runs an action and keeps its error for an inline note; `busy` while it runs. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action();
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clear: () => setError(undefined) };
}

/** Calls `fn` at most once per `ms` (trailing), for bursts of live events. */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: number | undefined;
  return () => {
    timer ??= window.setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
  };
}
