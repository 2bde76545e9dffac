import type { Redis } from 'ioredis';
import { topics, type TopicPayloads } from './topics.ts';

/** Tells every worker that a running task is to be cancelled (cancelTask). */
export async function publishCancelRequest(redis: Redis, prefix: string, taskId: string): Promise<void> {
  const request: TopicPayloads['cancelRequested'] = { id: taskId };
  await redis.publish(topics.cancelRequested(prefix), JSON.stringify(request));
}

/**
 * A worker's side: calls `onCancel` with the id of each task someone cancels. One channel per
 * worker process, on its own subscriber connection; resolves once Redis confirmed it.
 */
export async function subscribeCancelRequests(
  subscriber: Redis,
  prefix: string,
  onCancel: (taskId: string) => void,
): Promise<void> {
  const channel = topics.cancelRequested(prefix);
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const request = JSON.parse(message) as TopicPayloads['cancelRequested'];
    onCancel(request.id);
  });
  await subscriber.subscribe(channel);
}
