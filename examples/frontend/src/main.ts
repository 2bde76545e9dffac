import { createTaskqlClient } from './client.ts';
import { FollowDivide, RunDivide } from './operations.ts';

const client = createTaskqlClient(import.meta.env.VITE_TASKQL_URL ?? 'http://localhost:4000/graphql', import.meta.env.VITE_TASKQL_TOKEN);

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const form = byId<HTMLFormElement>('divide');
const task = byId<HTMLElement>('task');
const bar = byId<HTMLProgressElement>('task-progress');
const errorLine = byId<HTMLElement>('error');
let following: { unsubscribe(): void } | undefined;

function showError(message: string) {
  errorLine.textContent = message;
  errorLine.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const fields = new FormData(form);
  following?.unsubscribe();
  errorLine.hidden = true;
  try {
    // Queued at once: the answer carries the task's id; the work happens in a worker.
    const { data } = await client.mutate({
      mutation: RunDivide,
      variables: { input: { x: Number(fields.get('x')), y: Number(fields.get('y')), delayMs: Number(fields.get('seconds')) * 1000 } },
    });
    const queued = data!.runDivide;
    byId('task-id').textContent = queued.id;
    byId('task-state').textContent = queued.state;
    byId('task-result').textContent = '';
    byId('task-message').textContent = '';
    bar.value = 0;
    task.hidden = false;

    // Pushed by the workers through Redis: every state change and progress report, then the end.
    following = client.subscribe({ query: FollowDivide, variables: { id: queued.id } }).subscribe({
      next: ({ data: update, error }) => {
        if (error) return showError(error.message);
        const { state, progress, result, error: failure } = update!.divideUpdated;
        byId('task-state').textContent = state;
        if (progress) bar.value = progress.percent;
        byId('task-message').textContent = progress?.message ?? '';
        if (state === 'SUCCESS') {
          bar.value = 100;
          // result is typed from the task type's result schema: number | null | undefined.
          byId('task-result').textContent = `x / y = ${result?.toString()}`;
        }
        if (failure) byId('task-result').textContent = `failed: ${failure.message}`;
      },
      error: (error: Error) => showError(error.message),
    });
  } catch (error) {
    showError((error as Error).message);
  }
});
