import { Job, Queue } from 'bullmq';
import Fastify from 'fastify';

/**
 * The peer a Node user would write instead of taskql, as its README would show it: Fastify with
 * a BullMQ Queue (`POST /tasks` adds a job, `GET /tasks/:id` reads it and its state), its
 * workers a plain BullMQ Worker process (bench/raw-worker.ts). Same BullMQ as taskql's.
 */
const [url, prefix, queueName] = process.argv.slice(2);
const queue = new Queue(queueName!, { connection: { url: url!, maxRetriesPerRequest: null }, prefix });
const app = Fastify({ logger: false });

app.post<{ Body: { name: string; data?: unknown } }>('/tasks', async (request, reply) => {
  const job = await queue.add(request.body.name, request.body.data ?? {});
  return reply.code(201).send({ id: job.id, state: 'waiting' });
});

app.get<{ Params: { id: string } }>('/tasks/:id', async (request, reply) => {
  const job = await Job.fromId(queue, request.params.id);
  if (!job) return reply.code(404).send({ error: 'not found' });
  return { id: job.id, name: job.name, state: await job.getState(), result: job.returnvalue ?? null };
});

const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`ready ${address}`);
process.on('SIGTERM', () => void app.close().then(() => queue.close()).then(() => process.exit(0)));
