import { Repeater } from 'graphql-yoga';
import { canSee, type Caller } from '../auth.ts';
import { RESYNC } from '../pubsub/task-event-listener.ts';
import type { FeedEvent } from '../queue/topics.ts';
import type { TaskState } from '../queue/task-record.ts';
import { ServiceUnavailableError } from './errors.ts';
import type { Services } from './services.ts';

export interface FeedFilter {
  state?: TaskState | null;
  name?: string | null;
}

/** What taskEvents sends: a task event with the time this API relayed it. */
export interface FeedItem extends FeedEvent {
  at: Date;
}

/** The socket the subscription runs on, when it is a WebSocket. */
export interface Transport {
  readonly bufferedAmount: number;
}

/** Above this many bytes queued for a client, it is slow: events are coalesced instead of sent. */
export const SLOW_CLIENT_BYTES = 1 << 20;
/** Tasks coalesced for one slow client at most; beyond this the oldest are dropped. */
export const MAX_COALESCED = 10_000;
const FLUSH_EVERY_MS = 200;
const REMEMBERED_STATES = 50_000;

/**
 * `taskEvents(filter)`: every change of every matching task, for dashboards. A client that
 * reads slower than events come would make the server buffer without bound, so while its
 * socket has more than SLOW_CLIENT_BYTES queued, events are coalesced per task (it then gets
 * each task's latest state, not every step) and beyond MAX_COALESCED tasks the oldest are
 * dropped. Progress and log events carry the task's last known state, so a state filter
 * matches them too.
 */
export async function watchFeed(
  services: Services,
  filter: FeedFilter,
  transport?: Transport,
  caller?: Caller,
): Promise<AsyncIterable<FeedItem>> {
  if (!services.events.available) throw new ServiceUnavailableError('Task events (Redis pub/sub) are unavailable; subscribe again shortly.');
  const stream = await services.events.listenFeed();
  const slow = () => (transport?.bufferedAmount ?? 0) > SLOW_CLIENT_BYTES;

  const items = new Repeater<FeedItem>(async (push, stop) => {
    void stop.then(() => stream.close());
    const states = new Map<string, TaskState>();
    const coalesced = new Map<string, FeedItem>();
    let flushing: NodeJS.Timeout | undefined;
    const flush = async () => {
      flushing = undefined;
      for (const [id, item] of coalesced) {
        if (slow()) break;
        coalesced.delete(id);
        await push(item);
      }
      if (coalesced.size > 0) flushing = setTimeout(() => void flush(), FLUSH_EVERY_MS);
    };
    void stop.then(() => clearTimeout(flushing));

    for await (const event of stream) {
      // The feed has no state to read again after a reconnect; clients see the next changes.
      if (event === RESYNC || !canSee(caller, event.owner)) continue;
      let state = event.state;
      if (state) {
        states.delete(event.id);
        states.set(event.id, state);
        if (states.size > REMEMBERED_STATES) states.delete(states.keys().next().value!);
      } else {
        state = states.get(event.id);
      }
      if (filter.name && event.name !== filter.name) continue;
      if (filter.state && state !== filter.state) continue;
      // Made for the events that pass only: a filtered feed drops most of them.
      const item: FeedItem = { ...event, state, at: new Date() };
      if (!slow() && coalesced.size === 0) {
        await push(item);
        continue;
      }
      const earlier = coalesced.get(item.id);
      coalesced.delete(item.id);
      coalesced.set(item.id, earlier ? { ...earlier, ...item } : item);
      if (coalesced.size > MAX_COALESCED) coalesced.delete(coalesced.keys().next().value!);
      flushing ??= setTimeout(() => void flush(), FLUSH_EVERY_MS);
    }
  });
  // A subscriber gone before the first read (graphql-ws returns it while subscribing) never
  // starts the executor above: the stream, and this process's word that the feed is watched,
  // are given back here then.
  const giveBack = items.return.bind(items);
  items.return = (value) => {
    stream.close();
    return giveBack(value);
  };
  return items;
}
