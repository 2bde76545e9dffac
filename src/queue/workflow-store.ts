import { randomUUID } from 'node:crypto';
import { FlowProducer, type FlowJob } from 'bullmq';
import type { TaskContract } from '../tasks/index.ts';
import { taskqlKeys } from './keys.ts';
import { queueing } from './queue-outcome.ts';
import type { TaskRecord, TaskLocation, WorkflowStepData } from './task-record.ts';
import type { EnqueueOptions, TaskStore } from './task-store.ts';
import { toWorkflowRecord, type WorkflowKind, type WorkflowMeta, type WorkflowRecord } from './workflow-record.ts';

/** One step as the client asked for it, already validated. */
export interface PlannedStep {
  type: TaskContract;
  input: unknown;
  options: EnqueueOptions;
  previousResultAs?: string;
}

/**
 * A workflow's record lives for the retention period plus this long from its creation, so a
 * workflow that runs up to a week is still readable for the whole retention period after.
 */
const MAX_RUN_SECONDS = 7 * 86_400;

interface Node {
  ref: TaskLocation;
  step: PlannedStep;
  workflow: WorkflowStepData;
  children: Node[];
}

/**
 * Workflows are BullMQ flows: a parent job runs after its children and reads their results.
 * A chain A → B → C is the tree C(B(A)); a chord is its callback over the group's steps; a
 * group is an internal collector over its steps. The workflow's own record (kind, steps,
 * root) is a small hash beside them.
 */
export class WorkflowStore {
  readonly #flows: FlowProducer;

  constructor(
    private readonly tasks: TaskStore,
    private readonly collector: TaskContract,
  ) {
    this.#flows = new FlowProducer({ connection: tasks.redis, prefix: tasks.prefix });
  }

  async create(kind: WorkflowKind, steps: PlannedStep[], callback?: PlannedStep, owner?: string): Promise<WorkflowRecord> {
    const id = randomUUID();
    const node = (step: PlannedStep): Node => ({
      ref: { id: randomUUID(), queue: step.type.defaults.queue },
      step,
      workflow: { id, ...(step.previousResultAs && { previousResultAs: step.previousResultAs }) },
      children: [],
    });
    const leaves = steps.map(node);
    let root: Node;
    if (kind === 'CHAIN') {
      root = leaves.reduce((previous, next) => {
        this.#adopt(next, [previous], 'one');
        return next;
      });
      // A failed step takes every later one with it.
      leaves.forEach((leaf, index) => (leaf.workflow.dependents = leaves.slice(index + 1).map((later) => later.ref)));
    } else {
      // The group's collector is in the trace of the steps it collects.
      root = node(callback ?? { type: this.collector, input: {}, options: { traceContext: steps[0]?.options.traceContext } });
      this.#adopt(root, leaves, 'all');
      for (const leaf of leaves) leaf.workflow.dependents = [root.ref];
    }

    const meta: WorkflowMeta = {
      id,
      kind,
      createdAt: new Date(),
      tasks: [...leaves, ...(callback ? [root] : [])].map((n) => n.ref),
      root: root.ref,
      cancelled: false,
      owner,
    };
    const key = taskqlKeys(this.tasks.prefix).workflow(id);
    // The record first (harmless alone); the flow is one MULTI: all steps or none.
    return queueing(this.tasks.redis, async (write) => {
      const keepSeconds = this.tasks.retentionSeconds + MAX_RUN_SECONDS;
      const listed = taskqlKeys(this.tasks.prefix).workflowsByCreation;
      await this.tasks.redis
        .multi()
        .hset(key, serialize(meta))
        .expire(key, keepSeconds)
        .zadd(listed, meta.createdAt.getTime(), id)
        .zremrangebyscore(listed, '-inf', meta.createdAt.getTime() - keepSeconds * 1000)
        .exec();
      await write(() => this.#flows.add(this.#toFlow(root, owner)));
      const created = this.#nodes(root).map((n) => ({ ...n.ref, name: n.step.type.name, createdAt: meta.createdAt.getTime(), owner }));
      this.tasks.announce(created, 'PENDING');
      return (await this.read(id))!;
    });
  }

  /** Workflow ids, newest first (`count` of them, from `offset`). */
  newest(offset: number, count: number): Promise<string[]> {
    return this.tasks.redis.zrange(taskqlKeys(this.tasks.prefix).workflowsByCreation, '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, count);
  }

  async readMeta(id: string): Promise<WorkflowMeta | null> {
    const hash = await this.tasks.redis.hgetall(taskqlKeys(this.tasks.prefix).workflow(id));
    return hash.kind ? deserialize(id, hash) : null;
  }

  /** The workflow now; null for an unknown id, or once its tasks have all expired. */
  async read(id: string): Promise<WorkflowRecord | null> {
    const meta = await this.readMeta(id);
    if (!meta) return null;
    const tasks = await this.readTasks(meta);
    return tasks.size === 0 ? null : toWorkflowRecord(meta, tasks);
  }

  async readTasks(meta: WorkflowMeta): Promise<Map<string, TaskRecord>> {
    const refs = [...meta.tasks, meta.root];
    const found = await Promise.all(refs.map((ref) => this.tasks.read(ref.id)));
    return new Map(found.filter((task) => task !== null).map((task) => [task.id, task]));
  }

  async markCancelled(id: string): Promise<void> {
    await this.tasks.redis.hset(taskqlKeys(this.tasks.prefix).workflow(id), 'cancelled', '1');
  }

  async close(): Promise<void> {
    await this.#flows.close();
  }

  #nodes(node: Node): Node[] {
    return [node, ...node.children.flatMap((child) => this.#nodes(child))];
  }

  #adopt(parent: Node, children: Node[], receives: 'one' | 'all'): void {
    parent.children = children;
    parent.workflow.receives = receives;
    parent.workflow.children = children.map((child) => this.tasks.queue(child.ref.queue).toKey(child.ref.id));
  }

  #toFlow(node: Node, owner: string | undefined): FlowJob {
    const { data, opts } = this.tasks.jobTemplate(node.step.type, node.step.input, { ...node.step.options, owner });
    return {
      name: node.step.type.name,
      queueName: node.ref.queue,
      data: { ...data, workflow: node.workflow },
      opts: { ...opts, jobId: node.ref.id },
      children: node.children.length > 0 ? node.children.map((child) => this.#toFlow(child, owner)) : undefined,
    } as FlowJob;
  }
}

function serialize(meta: WorkflowMeta): Record<string, string> {
  return {
    kind: meta.kind,
    createdAt: String(meta.createdAt.getTime()),
    tasks: JSON.stringify(meta.tasks),
    root: JSON.stringify(meta.root),
    cancelled: meta.cancelled ? '1' : '0',
    ...(meta.owner !== undefined && { owner: meta.owner }),
  };
}

function deserialize(id: string, hash: Record<string, string>): WorkflowMeta {
  return {
    id,
    kind: hash.kind as WorkflowKind,
    createdAt: new Date(Number(hash.createdAt)),
    tasks: JSON.parse(hash.tasks ?? '[]') as TaskLocation[],
    root: JSON.parse(hash.root ?? '{}') as TaskLocation,
    cancelled: hash.cancelled === '1',
    owner: hash.owner,
  };
}
