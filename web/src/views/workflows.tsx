import { useEffect } from 'preact/hooks';
import { api } from '../api.ts';
import { shortId } from '../format.ts';
import type { WorkflowViewFragment } from '../gql/graphql.ts';
import { WorkflowQuery, WorkflowsQuery, WorkflowUpdated } from '../operations.ts';
import { href } from '../router.ts';
import { Badge, ErrorNote, Panel, ProgressBar, Time, useLoad } from '../ui.tsx';

export function WorkflowsView() {
  const workflows = useLoad((signal) => api.request(WorkflowsQuery, {}, signal), [], 5000);
  const list = workflows.data?.workflows ?? [];
  return (
    <Panel title="Workflows" testid="workflows">
      <ErrorNote error={workflows.error} />
      {workflows.data && list.length === 0 && <p class="muted">No workflow. Start one with runChain, runGroup or runChord.</p>}
      <table class="responsive">
        <thead>
          <tr>
            <th scope="col">Workflow</th>
            <th scope="col">Kind</th>
            <th scope="col">State</th>
            <th scope="col">Steps</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {list.map((workflow) => (
            <tr data-testid="workflow-row" data-id={workflow.id} onClick={() => (location.hash = href(['workflows', workflow.id]))}>
              <td data-label="Workflow" class="id">
                <a href={href(['workflows', workflow.id])} onClick={(e) => e.stopPropagation()}>
                  {shortId(workflow.id)}
                </a>
              </td>
              <td data-label="Kind">{workflow.kind}</td>
              <td data-label="State">
                <Badge state={workflow.state} />
              </td>
              <td data-label="Steps">
                {workflow.tasks.filter((t) => t.state === 'SUCCESS').length} of {workflow.tasks.length} done: {workflow.tasks.map((t) => t.name).join(' → ')}
              </td>
              <td data-label="Created">
                <Time value={workflow.createdAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** A workflow's steps as a graph (a chain in a line, a group side by side, a chord's callback after its group), live. */
export function WorkflowDetail({ id }: { id: string }) {
  const workflow = useLoad((signal) => api.request(WorkflowQuery, { id }, signal), [id]);
  useEffect(
    () => api.subscribe(WorkflowUpdated, { id }, ({ workflowUpdated }) => workflow.setData({ workflow: workflowUpdated })),
    [id],
  );
  const flow = workflow.data?.workflow;
  if (workflow.data && !flow) return <Panel title="Workflow">{`Workflow ${id} is unknown, or has expired.`}</Panel>;
  if (!flow) return <ErrorNote error={workflow.error} />;
  return (
    <Panel title={`${flow.kind.toLowerCase()} ${shortId(flow.id)}`} testid="workflow-detail">
      <p>
        <Badge state={flow.state} /> created <Time value={flow.createdAt} />
        {flow.finishedAt && (
          <>
            , finished <Time value={flow.finishedAt} />
          </>
        )}
      </p>
      {flow.error && (
        <p class="note error">
          {flow.error.name}: {flow.error.message}
        </p>
      )}
      <StepGraph flow={flow} />
    </Panel>
  );
}

type Step = WorkflowViewFragment['tasks'][number];

function StepNode({ step, index }: { step: Step; index: number }) {
  return (
    <a class={`step ${step.state.toLowerCase()}`} href={href(['tasks', step.id])} data-testid="step" data-state={step.state}>
      <span class="muted">#{index + 1}</span> <strong>{step.name}</strong>
      <Badge state={step.state} />
      <ProgressBar state={step.state} progress={step.progress} />
    </a>
  );
}

function StepGraph({ flow }: { flow: WorkflowViewFragment }) {
  const steps = flow.tasks;
  if (flow.kind === 'CHAIN') {
    return (
      <ol class="graph chain" aria-label="Steps, in order" data-testid="graph">
        {steps.map((step, i) => (
          <li>
            {i > 0 && <span class="arrow" aria-hidden="true" />}
            <StepNode step={step} index={i} />
          </li>
        ))}
      </ol>
    );
  }
  const group = flow.kind === 'CHORD' ? steps.slice(0, -1) : steps;
  const callback = flow.kind === 'CHORD' ? steps.at(-1) : undefined;
  return (
    <div class="graph fan" data-testid="graph">
      <ul class="parallel" aria-label="Steps run in parallel">
        {group.map((step, i) => (
          <li>
            <StepNode step={step} index={i} />
          </li>
        ))}
      </ul>
      {callback && (
        <>
          <span class="arrow" aria-hidden="true" />
          <div class="callback" aria-label="Then the callback">
            <StepNode step={callback} index={steps.length - 1} />
          </div>
        </>
      )}
    </div>
  );
}
