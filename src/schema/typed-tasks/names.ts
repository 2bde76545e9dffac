/** A task type that cannot get typed fields (its name, or a name derived from it, is unusable): start-up fails. */
export class TypedSchemaError extends Error {
  override name = 'TypedSchemaError';
}

/** Letters, digits and `_`, starting with a letter: what makes GraphQL names in every case below. */
const TASK_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** `processData` → `ProcessData`, `send_email` → `SendEmail`. */
export const pascalCase = (name: string): string =>
  name
    .split('_')
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');

/**
 * Every GraphQL name a task type's typed contract uses, derived from its name alone, so they
 * stay the same from release to release (clients' generated code depends on them): the input
 * type is `<PascalCase>Input` (docs/typed-contracts.md), and the rest follow the same pattern.
 */
export interface TypedNames {
  /** `DivideInput`: the input type of `runDivide`. */
  input: string;
  /** `DivideInputData`: the same fields as an output type (`DivideTask.input`). */
  inputData: string;
  /** `DivideResult`, when the result is an object. */
  result: string;
  /** `DivideProgress`, when the type has a progress schema, and its data `DivideProgressData`. */
  progress: string;
  progressData: string;
  /** `DivideTask`: Task with typed input, result and progress. */
  task: string;
  /** `runDivide`, `divideTask`, `divideUpdated`. */
  run: string;
  read: string;
  follow: string;
}

export function typedNames(taskName: string): TypedNames {
  if (!TASK_NAME.test(taskName)) {
    throw new TypedSchemaError(
      `Task type name "${taskName}" cannot make GraphQL names (its typed fields would be ${pascalCase(taskName.replace(/[^A-Za-z0-9_]/g, '_'))}Input, ` +
        `run…): use letters, digits and _ only, starting with a letter.`,
    );
  }
  const pascal = pascalCase(taskName);
  const camel = pascal[0]!.toLowerCase() + pascal.slice(1);
  return {
    input: `${pascal}Input`,
    inputData: `${pascal}InputData`,
    result: `${pascal}Result`,
    progress: `${pascal}Progress`,
    progressData: `${pascal}ProgressData`,
    task: `${pascal}Task`,
    run: `run${pascal}`,
    read: `${camel}Task`,
    follow: `${camel}Updated`,
  };
}

/**
 * Names given out so far in one schema, each with what it is for, so that a second use (two
 * task types whose names make the same name, or a name taskql's own schema has) is refused
 * with both named, instead of one silently replacing the other.
 */
export class NameClaims {
  readonly #owners = new Map<string, string>();

  constructor(taken: Iterable<[name: string, owner: string]>) {
    for (const [name, owner] of taken) this.#owners.set(name, owner);
  }

  claim(name: string, owner: string): string {
    const other = this.#owners.get(name);
    if (other !== undefined) {
      throw new TypedSchemaError(`${owner} would be named "${name}", which ${other} already is: rename the task type (or that field).`);
    }
    this.#owners.set(name, owner);
    return name;
  }
}
