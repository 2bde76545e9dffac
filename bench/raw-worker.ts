import { Worker } from 'bullmq';

/** Raw BullMQ's worker for the benchmark: a no-op or a sleep, at the given concurrency. */
const [url, prefix, queue, concurrency] = process.argv.slice(2);
const worker = new Worker(
  queue!,
  async (job) => {
    if (job.data?.ms) await new Promise((resolve) => setTimeout(resolve, job.data.ms));
    return job.data;
  },
  { connection: { url: url!, maxRetriesPerRequest: null }, prefix, concurrency: Number(concurrency) },
);
await worker.waitUntilReady();
console.log('ready');
process.on('SIGTERM', () => void worker.close().then(() => process.exit(0)));
