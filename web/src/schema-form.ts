/** Builds form fields from a task type's input JSON Schema, and reads them back as input. */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  description?: string;
}

type Reader = () => [string, unknown] | undefined;

/** Renders the fields into `container`; answers a function that reads the input. */
export function renderSchemaForm(container: HTMLElement, schema: JsonSchema): () => unknown {
  container.replaceChildren();
  if (schema.type !== 'object' || !schema.properties) {
    // Any JSON (e.g. noop): one JSON editor.
    const area = field(container, 'input (JSON)', document.createElement('textarea'), 'input');
    area.value = '{}';
    return () => JSON.parse(area.value || 'null');
  }
  const readers: Reader[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    const required = schema.required?.includes(name) ?? false;
    const label = `${name}${required ? ' *' : ''}`;
    const type = Array.isArray(property.type) ? property.type[0] : property.type;
    if (type === 'number' || type === 'integer') {
      const input = field(container, label, document.createElement('input'), name);
      input.type = 'number';
      input.step = type === 'integer' ? '1' : 'any';
      if (property.minimum !== undefined) input.min = String(property.minimum);
      if (property.maximum !== undefined) input.max = String(property.maximum);
      if (property.default !== undefined) input.placeholder = String(property.default);
      input.required = required;
      readers.push(() => (input.value === '' ? undefined : [name, Number(input.value)]));
    } else if (type === 'boolean') {
      const input = field(container, label, document.createElement('input'), name);
      input.type = 'checkbox';
      input.checked = property.default === true;
      readers.push(() => [name, input.checked]);
    } else if (type === 'string') {
      const input = field(container, label, document.createElement('input'), name);
      input.type = property.format === 'email' ? 'email' : property.format === 'uri' ? 'url' : 'text';
      if (property.default !== undefined) input.placeholder = String(property.default);
      input.required = required;
      readers.push(() => (input.value === '' ? undefined : [name, input.value]));
    } else {
      const area = field(container, `${label} (JSON)`, document.createElement('textarea'), name);
      if (property.default !== undefined) area.placeholder = JSON.stringify(property.default);
      readers.push(() => (area.value === '' ? undefined : [name, JSON.parse(area.value)]));
    }
  }
  return () => Object.fromEntries(readers.map((read) => read()).filter((entry) => entry !== undefined));
}

function field<T extends HTMLElement>(container: HTMLElement, text: string, control: T, name: string): T {
  const label = document.createElement('label');
  label.append(text, control);
  control.setAttribute('name', name);
  control.dataset.testid = `input-${name}`;
  container.append(label);
  return control;
}
