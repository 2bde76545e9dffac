import type { RedisClient } from '../redis/connections.ts';
import { channelsOf, publish } from '../redis/pubsub.ts';
import { topics, type TopicPayloads } from '../queue/topics.ts';

/** The API's side: tells every worker that a running task is to be cancelled (cancelTask). */
export class CancelRequests {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async send(taskId: string): Promise<void> {
    const request: TopicPayloads['cancelRequested'] = { id: taskId };
    await publish(this.redis, topics.cancelRequested(this.prefix), JSON.stringify(request));
  }
}

/**
 * A worker's side: calls `onCancel` with the id of each task someone cancels. One channel per
 * worker process, on its own subscriber connection; resolves once Redis confirmed it. Requests
 * sent while that connection was down are lost: once it is subscribed again (confirmed), it
 * calls `onMissed`, for the worker to look at the cancel marks of the tasks it runs instead.
 */
export async function subscribeCancelRequests(
  subscriber: RedisClient,
  prefix: string,
  onCancel: (taskId: string) => void,
  onMissed: () => void,
): Promise<void> {
  const channel = topics.cancelRequested(prefix);
  const channels = channelsOf(subscriber);
  channels.onMessage((from, message) => {
    if (from !== channel) return;
    const request = JSON.parse(message) as TopicPayloads['cancelRequested'];
    onCancel(request.id);
  });
  // A request sent from then on arrives; the marks read in onMissed cover those before.
  channels.afterInterruption(() => [channel], onMissed);
  await channels.subscribe(channel);
}
