import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileClient } from './support/compile.ts';

const run = promisify(execFile);
const EXAMPLE = join('examples', 'frontend');

/**
 * The frontend example's generated types (examples/frontend/src/gql, from `taskql schema`), as
 * its user's compiler sees them: the typed divide operations take DivideInput and give a
 * number as result. Client files go under node_modules/.cache, beside the example's own code.
 */
describe("the frontend example's generated types", () => {
  const dir = join('node_modules', '.cache', `taskql-frontend-types-${randomUUID().slice(0, 8)}`);
  const operations = relative(dir, join(EXAMPLE, 'src', 'operations.ts'));

  const compile = (source: string) => compileClient(dir, source);
  const header =
    "import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';\n" +
    `import { FollowDivide, RunDivide } from '${operations}';\n`;

  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    const example = JSON.parse(readFileSync(join(EXAMPLE, 'tsconfig.json'), 'utf8')) as { compilerOptions: object };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { ...example.compilerOptions, types: [] }, files: ['client.ts'] }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('are generated from what `taskql schema` prints for the shipped task types', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/bin/taskql.ts', 'schema']);
    expect(readFileSync(join(EXAMPLE, 'schema.graphql'), 'utf8').trim()).toBe(stdout.trim());
  });

  it('compile a client whose input is DivideInput and whose result is a number', async () => {
    const errors = await compile(
      header +
        'export const variables: VariablesOf<typeof RunDivide> = { input: { x: 1, y: 2, delayMs: 500 } };\n' +
        'export function show(update: ResultOf<typeof FollowDivide>): number | undefined {\n' +
        '  const result: number | null | undefined = update.divideUpdated.result;\n' +
        '  return result ?? undefined;\n' +
        '}\n',
    );
    expect(errors).toBe('');
  });

  it('refuse a wrong input field at compile time, naming it', async () => {
    const errors = await compile(header + "export const variables: VariablesOf<typeof RunDivide> = { input: { x: 1, z: 2 } };\n");
    expect(errors).toMatch(/'z' does not exist in type 'DivideInput'/);
  });

  it('refuse treating the result as another type than its result schema gives', async () => {
    const errors = await compile(
      header + 'export const text = (update: ResultOf<typeof FollowDivide>): string | null | undefined => update.divideUpdated.result;\n',
    );
    expect(errors).toMatch(/Type 'number' is not assignable to type 'string'/);
  });
});
