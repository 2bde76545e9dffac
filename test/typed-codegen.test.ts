import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileClient } from './support/compile.ts';
import { printTaskqlSchema } from '../src/schema/index.ts';
import { liar, report } from './support/typed-test-tasks.ts';


/**
 * A user's project: its own task types, the SDL taskql prints for them (what `taskql schema
 * --tasks` prints), GraphQL Code Generator's client preset on it, and client files compiled
 * with TypeScript. Under node_modules/.cache so that neither the repo's codegen nor lint sees it.
 */
describe("codegen for a user's project", () => {
  const dir = join('node_modules', '.cache', `taskql-typed-codegen-${randomUUID().slice(0, 8)}`);
  // Built from parts, so that the repo's own codegen does not take it for one of its documents.
  const tag = 'graph' + 'ql';
  const operations =
    `export const RunReport = ${tag}(\`mutation RunReport($input: ReportInput!) { runReport(input: $input) { id input { title format } } }\`);\n` +
    `export const FollowReport = ${tag}(\`subscription FollowReport($id: ID!) { reportUpdated(id: $id) { state result { url pages format } progress { data { step done } } } }\`);\n` +
    `export const FollowLiar = ${tag}(\`subscription FollowLiar($id: ID!) { liarUpdated(id: $id) { result { status bytes } } }\`);\n`;

  const compile = (source: string) => compileClient(dir, source);

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'schema.graphql'), printTaskqlSchema([report, liar]));
    writeFileSync(join(dir, 'operations.ts'), `import { ${tag} } from './gql/index.ts';\n${operations}`);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, allowImportingTsExtensions: true, types: [], skipLibCheck: true },
        include: ['*.ts', 'gql/*.ts'],
      }),
    );
    await generate(
      {
        schema: join(dir, 'schema.graphql'),
        documents: [join(dir, 'operations.ts')],
        emitLegacyCommonJSImports: false,
        silent: true,
        generates: {
          [join(dir, 'gql/')]: {
            preset: 'client',
            config: { scalars: { JSON: 'unknown', DateTime: 'string', EmailAddress: 'string', URL: 'string', UUID: 'string' }, enumsAsTypes: true, useTypeImports: true },
            presetConfig: { fragmentMasking: false },
          },
        },
      },
      true,
    );
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const header =
    "import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';\n" +
    "import { FollowLiar, FollowReport, RunReport } from './operations.ts';\n";

  it('compiles a client that uses the generated types: typed input, result as the result schema says', async () => {
    const errors = await compile(
      header +
        "export const variables: VariablesOf<typeof RunReport> = { input: { title: 'Q3', format: 'csv', recipients: ['a@example.com'], layout: { pages: 2 } } };\n" +
        'export function show(data: ResultOf<typeof FollowReport>, liar: ResultOf<typeof FollowLiar>): string {\n' +
        '  const pages: number | undefined = data.reportUpdated.result?.pages;\n' +
        "  const format: 'pdf' | 'csv' | undefined = data.reportUpdated.result?.format;\n" +
        '  const step: string | undefined = data.reportUpdated.progress?.data?.step;\n' +
        '  const status: number | undefined = liar.liarUpdated.result?.status;\n' +
        '  return `${pages} ${format} ${step} ${status}`;\n' +
        '}\n',
    );
    expect(errors).toBe('');
  }, 60_000);

  it('refuses to compile a client with a wrong input field, a wrong input type, or a result used as the wrong type', async () => {
    const errors = await compile(
      header +
        "export const unknownField: VariablesOf<typeof RunReport> = { input: { title: 'Q3', colour: 'red' } };\n" +
        "export const wrongType: VariablesOf<typeof RunReport> = { input: { title: 'Q3', layout: { pages: 'two' } } };\n" +
        "export const wrongEnum: VariablesOf<typeof RunReport> = { input: { title: 'Q3', format: 'docx' } };\n" +
        'export const pages = (data: ResultOf<typeof FollowReport>): string => data.reportUpdated.result!.pages;\n',
    );
    expect(errors).toContain("'colour' does not exist");
    expect(errors).toMatch(/client\.ts\(4,.*'string' is not assignable to type 'number'/);
    expect(errors).toMatch(/client\.ts\(5,.*"docx"/);
    expect(errors).toMatch(/client\.ts\(6,.*'number' is not assignable to type 'string'/);
  }, 60_000);
});
