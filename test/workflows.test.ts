import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancelTask,
  CancelWorkflow,
  GetTask,
  GetWorkflow,
  RunChain,
  RunChord,
  RunGroup,
  TaskUpdated,
  WorkflowUpdated,
} from './support/documents.ts';
import { collect, Harness } from './support/taskql.ts';
import { testRegistry } from './support/test-tasks.ts';

const divide = (input: Record<string, number>, previousResultAs?: string) => ({
  name: 'divide',
  input: { delayMs: 20, ...input },
  ...(previousResultAs && { previousResultAs }),
});

describe('workflows', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry: testRegistry });
  });
  afterAll(() => taskql.stop());

  const finish = async (id: string) => (await collect(taskql.wsClient(), WorkflowUpdated, { id })).values.at(-1)!.workflowUpdated;

  it("runs a chain of three divide steps, each getting the previous step's result", async () => {
    const { runChain } = await taskql.data(RunChain, {
      steps: [divide({ x: 100, y: 2 }), divide({ y: 5 }, 'x'), divide({ y: 2 }, 'x')],
    });
    expect(runChain).toMatchObject({ kind: 'CHAIN', result: null });
    expect(runChain.tasks.map((t) => t.state)).toEqual([expect.stringMatching(/PENDING|STARTED/), 'PENDING', 'PENDING']);

    const done = await finish(runChain.id);
    expect(done).toMatchObject({ state: 'SUCCESS', result: 5, error: null });
    expect(done.tasks.map((t) => t.result)).toEqual([50, 10, 5]);
    expect(done.finishedAt).not.toBeNull();

    // Every step is a normal task that knows its workflow.
    const { task } = await taskql.data(GetTask, { id: runChain.tasks[1]!.id });
    expect(task).toMatchObject({ name: 'divide', state: 'SUCCESS', result: 10, input: { y: 5, delayMs: 20 } });
    expect(runChain.tasks.every((t) => t.workflowId === runChain.id)).toBe(true);
    const late = await collect(taskql.wsClient(), TaskUpdated, { id: runChain.tasks[2]!.id });
    expect(late.values.map((v) => v.taskUpdated.state)).toEqual(['SUCCESS']);
  });

  it('runs a group of five noops; the result lists their results in step order', async () => {
    const { runGroup } = await taskql.data(RunGroup, { steps: [1, 2, 3, 4, 5].map((n) => ({ name: 'noop', input: n })) });
    expect(runGroup.kind).toBe('GROUP');
    expect(await finish(runGroup.id)).toMatchObject({ state: 'SUCCESS', result: [1, 2, 3, 4, 5] });
  });

  it('keeps step order in a group whose steps finish in reverse order', async () => {
    const { runGroup } = await taskql.data(RunGroup, { steps: [120, 60, 0].map((ms) => ({ name: 'sleep', input: { ms } })) });
    expect((await finish(runGroup.id)).result).toEqual([120, 60, 0]);
  });

  it("runs a chord: a group, then a callback that sums the group's results", async () => {
    const { runChord } = await taskql.data(RunChord, {
      steps: [divide({ x: 1, y: 1 }), divide({ x: 4, y: 2 }), divide({ x: 9, y: 3 })],
      callback: { name: 'sum', previousResultAs: 'numbers' },
    });
    const done = await finish(runChord.id);
    expect(done).toMatchObject({ kind: 'CHORD', state: 'SUCCESS', result: 6 });
    expect(done.tasks.map((t) => t.name)).toEqual(['divide', 'divide', 'divide', 'sum']);
  });

  it('streams workflowUpdated: the snapshot, each change, then completion; a late subscriber gets one event', async () => {
    const { runChain } = await taskql.data(RunChain, { steps: [divide({ x: 8, y: 2 }), divide({ y: 2 }, 'x')] });
    const { values } = await collect(taskql.wsClient(), WorkflowUpdated, { id: runChain.id });
    const seen = values.map((v) => JSON.stringify(v.workflowUpdated));
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toBe(seen[i - 1]); // each value is a change
    expect(values.length).toBeGreaterThan(2);
    expect(values.at(-1)?.workflowUpdated).toMatchObject({ state: 'SUCCESS', result: 2 });
    const late = await collect(taskql.wsClient(), WorkflowUpdated, { id: runChain.id });
    expect(late.values).toHaveLength(1);
    expect(late.values[0]?.workflowUpdated.state).toBe('SUCCESS');
  });

  it('answers null and NOT_FOUND for an unknown workflow', async () => {
    expect((await taskql.data(GetWorkflow, { id: 'nope' })).workflow).toBeNull();
    const { errors } = await collect(taskql.wsClient(), WorkflowUpdated, { id: 'nope' });
    expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('workflow failure rules', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ registry: testRegistry });
  });
  afterAll(() => taskql.stop());

  const finish = async (id: string) => (await collect(taskql.wsClient(), WorkflowUpdated, { id })).values.at(-1)!.workflowUpdated;

  it('fails a chain when a step fails, and revokes the steps after it with the reason', async () => {
    const { runChain } = await taskql.data(RunChain, {
      steps: [divide({ x: 1, y: 1 }), divide({ y: 0 }, 'x'), divide({ y: 1 }, 'x'), divide({ y: 1 }, 'x')],
    });
    const done = await finish(runChain.id);
    expect(done).toMatchObject({ state: 'FAILURE', result: null, error: { name: 'ZeroDivisionError', message: 'division by zero' } });
    expect(done.tasks.map((t) => t.state)).toEqual(['SUCCESS', 'FAILURE', 'REVOKED', 'REVOKED']);
    expect(done.tasks[2]?.error).toEqual({
      name: 'RevokedError',
      message: `Step "divide" (${runChain.tasks[1]!.id}) failed: division by zero`,
    });
  });

  it('fails a group when a step fails after its retries; the other steps still run', async () => {
    const { runGroup } = await taskql.data(RunGroup, {
      steps: [
        { name: 'noop', input: 'fine' },
        { name: 'flaky', input: { failTimes: 5 }, options: { attempts: 2, backoffMs: 5 } },
      ],
    });
    const done = await finish(runGroup.id);
    expect(done.state).toBe('FAILURE');
    expect(done.error?.message).toBe('flaky failure (attempt 2)');
    const fine = await taskql.data(GetTask, { id: runGroup.tasks[0]!.id });
    expect(fine.task?.state).toBe('SUCCESS');
  });

  it("revokes a chord's callback when a group step fails", async () => {
    const { runChord } = await taskql.data(RunChord, {
      steps: [divide({ x: 1, y: 1 }), divide({ x: 1, y: 0 })],
      callback: { name: 'sum', previousResultAs: 'numbers' },
    });
    const done = await finish(runChord.id);
    expect(done.state).toBe('FAILURE');
    expect(done.tasks.at(-1)).toMatchObject({ name: 'sum', state: 'REVOKED' });
  });

  it('fails a step whose previous result does not fit its input, and the workflow with it', async () => {
    const { runChain } = await taskql.data(RunChain, { steps: [{ name: 'noop', input: 'text' }, divide({ y: 2 }, 'x')] });
    const done = await finish(runChain.id);
    expect(done.state).toBe('FAILURE');
    expect(done.error?.message).toMatch(/Invalid input/);
  });

  it('cancelWorkflow revokes what has not finished, running steps included', async () => {
    const { runChain } = await taskql.data(RunChain, {
      steps: [{ name: 'sleep', input: { ms: 60_000 } }, { name: 'noop', input: 'never' }, { name: 'noop', input: 'never' }],
    });
    await new Promise<void>((started) => {
      void collect(taskql.wsClient(), TaskUpdated, { id: runChain.tasks[0]!.id }, (v) => v.taskUpdated.state === 'STARTED' && started());
    });
    const { cancelWorkflow } = await taskql.data(CancelWorkflow, { id: runChain.id });
    expect(cancelWorkflow.state).toBe('REVOKED');
    expect(cancelWorkflow.tasks.map((t) => t.state)).toEqual(['REVOKED', 'REVOKED', 'REVOKED']);

    const again = await taskql.request(CancelWorkflow, { id: runChain.id });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await taskql.request(CancelWorkflow, { id: 'nope' })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('revokes the later steps of a chain when one waiting step is cancelled on its own', async () => {
    const idle = await Harness.start({ registry: testRegistry, worker: false });
    try {
      const { runChain } = await idle.data(RunChain, { steps: [{ name: 'noop', input: 1 }, { name: 'noop' }, { name: 'noop' }] });
      await idle.data(CancelTask, { id: runChain.tasks[0]!.id });
      const { workflow } = await idle.data(GetWorkflow, { id: runChain.id });
      expect(workflow?.state).toBe('REVOKED');
      expect(workflow?.tasks.map((t) => t.state)).toEqual(['REVOKED', 'REVOKED', 'REVOKED']);
    } finally {
      await idle.stop();
    }
  });
});

describe('workflow input checks', () => {
  let taskql: Harness;
  beforeAll(async () => {
    taskql = await Harness.start({ worker: false });
  });
  afterAll(() => taskql.stop());

  it('refuses bad steps with BAD_USER_INPUT naming the step, and queues nothing', async () => {
    const queued = async () => Object.values(await taskql.queue().getJobCounts()).reduce((sum, n) => sum + n, 0);
    const before = await queued();
    const refuse = async (result: Promise<ExecutionResult<unknown, { code?: string }>>) => {
      const { errors } = await result;
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      return errors?.[0]?.message;
    };
    expect(await refuse(taskql.request(RunChain, { steps: [divide({ x: 1, y: 1 }), { name: 'nope' }] }))).toMatch(/^steps\[1\]: Unknown task type "nope"/);
    expect(await refuse(taskql.request(RunChain, { steps: [divide({ x: 1 })] }))).toMatch(/^steps\[0\]: .*y: /);
    expect(await refuse(taskql.request(RunChain, { steps: [divide({ x: 1, y: 1 }, 'x')] }))).toMatch(/steps\[0\]\.previousResultAs: this step has no previous result/);
    expect(await refuse(taskql.request(RunChain, { steps: [divide({ x: 1, y: 1 }), divide({ y: 1 }, 'z')] }))).toMatch(/"divide" has no input field "z"/);
    expect(await refuse(taskql.request(RunGroup, { steps: [] }))).toMatch(/1 to 100 steps/);
    expect(await refuse(taskql.request(RunGroup, { steps: [{ name: 'collectResults' }] }))).toMatch(/Unknown task type "collectResults"/);
    expect(await refuse(taskql.request(RunChord, { steps: [divide({ x: 1, y: 1 })], callback: { name: 'sum' } }))).toMatch(/callback\[0\]: .*numbers/);
    expect(await refuse(taskql.request(RunGroup, { steps: [{ name: 'noop', options: { delayMs: 5 } }] }))).toMatch(/do not apply to workflow steps/);
    expect(await queued()).toBe(before);
  });

  it('refuses previousResultAs names every object inherits (__proto__, constructor) with BAD_USER_INPUT', async () => {
    const queued = async () => Object.values(await taskql.queue().getJobCounts()).reduce((sum, n) => sum + n, 0);
    const before = await queued();
    for (const name of ['__proto__', 'constructor', 'toString']) {
      for (const step of [divide({ y: 1 }, name), { name: 'noop', input: { a: 1 }, previousResultAs: name }]) {
        const { errors } = await taskql.request(RunChain, { steps: [divide({ x: 1, y: 1 }), step] });
        expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(errors?.[0]?.message).toMatch(/^Invalid steps\[1\]\.previousResultAs: .*reserved name/);
      }
    }
    expect(await queued()).toBe(before);
  });
});
