import { WORKFLOW_KINDS, type WorkflowRecord } from '../queue/workflow-record.ts';
import {
  cancelWorkflow,
  getWorkflow,
  listWorkflows,
  runChain,
  runChord,
  runGroup,
  watchWorkflow,
  type WorkflowStepArgs,
} from '../resolvers/workflows.ts';
import { builder } from './builder.ts';
import { STATE_STREAM } from './state-stream.ts';
import { TaskRef } from './task.ts';
import { TaskErrorRef } from './task-error.ts';
import { TaskOptionsInput } from './task-options.ts';
import { TaskStateEnum } from './task-state.ts';

const WorkflowKindEnum = builder.enumType('WorkflowKind', {
  description: 'CHAIN: steps in order. GROUP: steps in parallel. CHORD: a group, then a callback step.',
  values: WORKFLOW_KINDS,
});

const WorkflowStepInput = builder.inputType('WorkflowStep', {
  description: 'One step: a task type with its input and options, as for runTask.',
  fields: (t) => ({
    name: t.string({ required: true }),
    input: t.field({ type: 'JSON' }),
    options: t.field({ type: TaskOptionsInput, description: 'delayMs, runAt and idempotencyKey do not apply.' }),
    previousResultAs: t.string({
      description:
        "The input field that receives the previous step's result (chain steps after the first) or the list " +
        "of the group's results (a chord's callback). The handler also gets it as ctx.previous.",
    }),
  }),
});

export const WorkflowRef = builder.objectRef<WorkflowRecord>('Workflow').implement({
  description: 'Tasks run as a chain, a group or a chord. Every step is also a normal task.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.field({ type: WorkflowKindEnum, resolve: (workflow) => workflow.kind }),
    state: t.field({
      type: TaskStateEnum,
      description:
        'FAILURE once a step has failed for good; REVOKED once a step was revoked (or cancelWorkflow); ' +
        'SUCCESS with its last step (chain), callback (chord) or all its steps (group).',
      resolve: (workflow) => workflow.state,
    }),
    tasks: t.field({ type: [TaskRef], description: 'The steps, in order (a chord: its callback last).', resolve: (w) => w.tasks }),
    result: t.field({
      type: 'JSON',
      nullable: true,
      description: "Chain: the last step's result. Group: the list of results in step order. Chord: the callback's.",
      resolve: (workflow) => workflow.result,
    }),
    error: t.field({ type: TaskErrorRef, nullable: true, resolve: (workflow) => workflow.error }),
    createdAt: t.field({ type: 'DateTime', resolve: (workflow) => workflow.createdAt }),
    finishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (workflow) => workflow.finishedAt }),
  }),
});

const steps = (t: Parameters<Parameters<typeof builder.mutationField>[1]>[0]) =>
  t.arg({ type: [WorkflowStepInput], required: true });

const asSteps = (list: readonly WorkflowStepArgs[]): WorkflowStepArgs[] => [...list];

builder.queryField('workflow', (t) =>
  t.field({
    authScopes: { read: true },
    type: WorkflowRef,
    nullable: true,
    description: 'The workflow with this id; null for an unknown or expired id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, caller }) => getWorkflow(services, String(id), caller),
  }),
);

builder.queryField('workflows', (t) =>
  t.field({
    authScopes: { read: true },
    type: [WorkflowRef],
    description: "The newest retained workflows, the caller's own (an admin: everyone's). first: 1 to 100 (default 20).",
    args: { first: t.arg.int() },
    resolve: (_root, args, { services, caller }) => listWorkflows(services, args.first ?? 20, caller),
  }),
);

builder.mutationField('runChain', (t) =>
  t.field({
    authScopes: { run: true },
    type: WorkflowRef,
    description: "Runs the steps one after another; each gets the previous step's result.",
    args: { steps: steps(t) },
    resolve: (_root, args, { services, caller }) => runChain(services, asSteps(args.steps), caller),
  }),
);

builder.mutationField('runGroup', (t) =>
  t.field({
    authScopes: { run: true },
    type: WorkflowRef,
    description: 'Runs the steps in parallel; the result is the list of their results, in step order.',
    args: { steps: steps(t) },
    resolve: (_root, args, { services, caller }) => runGroup(services, asSteps(args.steps), caller),
  }),
);

builder.mutationField('runChord', (t) =>
  t.field({
    authScopes: { run: true },
    type: WorkflowRef,
    description: "Runs the steps in parallel, then the callback with the list of their results.",
    args: { steps: steps(t), callback: t.arg({ type: WorkflowStepInput, required: true }) },
    resolve: (_root, args, { services, caller }) => runChord(services, asSteps(args.steps), args.callback, caller),
  }),
);

builder.mutationField('cancelWorkflow', (t) =>
  t.field({
    authScopes: { run: true },
    type: WorkflowRef,
    description: 'Revokes every step that has not finished. CONFLICT when the workflow already has.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { services, caller }) => cancelWorkflow(services, String(id), caller),
  }),
);

builder.subscriptionField('workflowUpdated', (t) =>
  t.field({
    authScopes: { read: true },
    extensions: STATE_STREAM,
    type: WorkflowRef,
    description: 'The workflow now, then one event per change of any step; completes after a final state.',
    args: { id: t.arg.id({ required: true }) },
    subscribe: (_root, { id }, { services, caller }) => watchWorkflow(services, String(id), caller),
    resolve: (workflow) => workflow,
  }),
);
