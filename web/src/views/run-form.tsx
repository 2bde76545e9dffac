import { useMemo, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { RunTask, TaskTypesQuery } from '../operations.ts';
import { href } from '../router.ts';
import { ErrorNote, useAction, useLoad } from '../ui.tsx';
import { shortId } from '../format.ts';

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  description?: string;
}

const kindOf = (schema: JsonSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** The fields' text as typed → the task input (numbers as numbers, empty fields left out). */
function readInput(schema: JsonSchema, values: Record<string, string | boolean>): unknown {
  const input: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const value = values[name];
    const kind = kindOf(property);
    if (kind === 'boolean') input[name] = value === true;
    else if (value === undefined || value === '') continue;
    else if (kind === 'number' || kind === 'integer') input[name] = Number(value);
    else if (kind === 'string') input[name] = value;
    else input[name] = JSON.parse(String(value));
  }
  return input;
}

/** Runs a task from a form built from the type's input JSON Schema (or JSON for any input). */
export function RunForm() {
  const types = useLoad((signal) => api.request(TaskTypesQuery, {}, signal), []);
  const [name, setName] = useState('');
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [json, setJson] = useState('{}');
  const [queued, setQueued] = useState<string | undefined>();
  const action = useAction();
  const list = types.data?.taskTypes ?? [];
  const type = list.find((t) => t.name === name) ?? list[0];
  const schema = (type?.inputSchema ?? {}) as JsonSchema;
  const structured = kindOf(schema) === 'object' && schema.properties !== undefined;
  const fields = useMemo(() => Object.entries(schema.properties ?? {}), [schema]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!type) return;
    setQueued(undefined);
    const done = await action.run(() => api.request(RunTask, { name: type.name, input: structured ? readInput(schema, values) : JSON.parse(json) }));
    if (done) setQueued(done.runTask.id);
  };

  return (
    <form class="run-form" onSubmit={submit} data-testid="run-form">
      <ErrorNote error={types.error} />
      <label>
        Task type
        <select
          data-testid="run-type"
          value={type?.name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            setValues({});
          }}
        >
          {list.map((t) => (
            <option value={t.name}>{t.name}</option>
          ))}
        </select>
      </label>
      {type && <p class="hint">{type.description}</p>}
      <div class="fields">
        {structured ? (
          fields.map(([field, property]) => {
            const required = schema.required?.includes(field) ?? false;
            const kind = kindOf(property);
            const label = `${field}${required ? ' *' : ''}`;
            const common = { name: field, 'data-testid': `input-${field}`, title: property.description };
            if (kind === 'boolean') {
              return (
                <label class="check">
                  <input {...common} type="checkbox" checked={values[field] === true} onChange={(e) => setValues({ ...values, [field]: e.currentTarget.checked })} />
                  {label}
                </label>
              );
            }
            const text = String(values[field] ?? '');
            const onInput = (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => setValues({ ...values, [field]: e.currentTarget.value });
            return (
              <label>
                {label}
                {kind === 'number' || kind === 'integer' || kind === 'string' ? (
                  <input
                    {...common}
                    type={kind === 'string' ? (property.format === 'email' ? 'email' : property.format === 'uri' ? 'url' : 'text') : 'number'}
                    step={kind === 'integer' ? '1' : kind === 'number' ? 'any' : undefined}
                    min={property.minimum}
                    max={property.maximum}
                    required={required}
                    placeholder={property.default === undefined ? '' : String(property.default)}
                    value={text}
                    onInput={onInput}
                  />
                ) : (
                  <textarea {...common} placeholder={property.default === undefined ? 'JSON' : JSON.stringify(property.default)} value={text} onInput={onInput} />
                )}
              </label>
            );
          })
        ) : (
          <label>
            input (JSON)
            <textarea name="input" data-testid="input-input" value={json} onInput={(e) => setJson(e.currentTarget.value)} />
          </label>
        )}
      </div>
      <div class="actions">
        <button type="submit" class="primary" data-testid="run-submit" disabled={action.busy || !type}>
          Run
        </button>
        <output data-testid="run-result">
          {queued && (
            <>
              queued <a href={href(['tasks', queued])}>{shortId(queued)}</a>
              <span hidden data-testid="run-id">{queued}</span>
            </>
          )}
        </output>
      </div>
      <ErrorNote error={action.error} onClose={action.clear} />
    </form>
  );
}
