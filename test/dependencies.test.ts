import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };

/** Every .ts/.js file below `dir`. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );

describe('a production install (npm ci --omit=dev, as in the Dockerfile)', () => {
  it("has every package the service, the CLI and the package's root export import", () => {
    const imported = new Set<string>();
    for (const file of sources('src')) {
      // Type-only imports are erased at run time: they need no package in a production install.
      const runtime = readFileSync(file, 'utf8').replace(/import\s+type\s[^;]*?from\s+'[^']*'/g, '');
      for (const [, specifier] of runtime.matchAll(/(?:from\s+|import\()\s*'([^'.][^']*)'/g)) {
        const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!;
        if (!name.startsWith('node:') && !builtinModules.includes(name)) imported.add(name);
      }
    }
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});

describe('the Node.js it runs on', () => {
  it('is one package.json names in engines (CI runs the suite on each)', () => {
    const { engines } = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    const majors = [...engines.node.matchAll(/\^(\d+)\./g)].map(([, major]) => Number(major));
    expect(majors).toContain(Number(process.versions.node.split('.')[0]));
  });

  it("loads msgpackr's native extension (BullMQ's job encoding), not its slower fallback", () => {
    // msgpackr-extract is optional: when its prebuilt binary does not load, msgpackr quietly goes on without it.
    const native = createRequire(import.meta.url)('msgpackr-extract') as { extractStrings?: unknown };
    expect(typeof native.extractStrings).toBe('function');
  });
});
