import { useEffect, useRef } from 'preact/hooks';
import { api } from './api.ts';
import { TaskEvents } from './operations.ts';
import type { DashboardTaskEventsSubscription } from './gql/graphql.ts';

export type FeedEvent = DashboardTaskEventsSubscription['taskEvents'];
type Listener = (event: FeedEvent) => void;

const listeners = new Set<Listener>();
let stop: (() => void) | undefined;

/** One taskEvents subscription for the page, shared by every view that listens, while any does. */
function listen(listener: Listener): () => void {
  listeners.add(listener);
  stop ??= api.subscribe(TaskEvents, {}, ({ taskEvents }) => {
    for (const each of listeners) each(taskEvents);
  });
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      stop?.();
      stop = undefined;
    }
  };
}

/** Calls the newest `onEvent` for each task event while the component is mounted. */
export function useTaskEvents(onEvent: Listener): void {
  const current = useRef(onEvent);
  current.current = onEvent;
  useEffect(() => listen((event) => current.current(event)), []);
}
