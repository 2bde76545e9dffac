import { Worker } from 'bullmq';
import { Cluster } from 'ioredis';

/**
 * Raw BullMQ's worker for the benchmark: a no-op or a sleep, at the given concurrency. It
 * reports its own completions ("completed N", at most once per event-loop turn), which
 * BullMQ's QueueEvents stream could miss.
 */
const [url, prefix, queue, concurrency] = process.argv.slice(2);
let completed = 0;
const worker = new Worker(
  queue!,
  async (job) => {
    if (job.data?.ms) await new Promise((resolve) => setTimeout(resolve, job.data.ms));
    return job.data;
  },
  {
    // `cluster:host:port,host:port` for a Redis Cluster.
    connection: url!.startsWith('cluster:')
      ? new Cluster(url!.slice('cluster:'.length).split(',').map((node) => ({ host: node.split(':')[0]!, port: Number(node.split(':')[1]) })), { redisOptions: { maxRetriesPerRequest: null } })
      : { url: url!, maxRetriesPerRequest: null },
    prefix,
    concurrency: Number(concurrency),
  },
);
let reporting = false;
worker.on('completed', () => {
  completed++;
  if (reporting) return;
  reporting = true;
  setImmediate(() => {
    reporting = false;
    console.log(`completed ${completed}`);
  });
});
await worker.waitUntilReady();
console.log('ready');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
