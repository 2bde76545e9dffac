import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
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
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\()\s*'([^'.][^']*)'/g)) {
        const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!;
        if (!name.startsWith('node:') && !builtinModules.includes(name)) imported.add(name);
      }
    }
    expect([...imported].filter((name) => !(name in pkg.dependencies))).toEqual([]);
  });
});
