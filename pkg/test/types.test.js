// The TypeScript declarations, checked by the real compiler against test/types/usage.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PKG } from './helpers.js';

// typescript's exports map hides bin/tsc, so find it from the package root.
const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const typecheck = (project) => spawnSync(process.execPath, [tsc, '-p', project], { cwd: PKG, encoding: 'utf8' });

test('the declarations accept real use and reject misuse', () => {
  const { status, stdout, stderr } = typecheck('test/types');
  assert.equal(status, 0, stdout + stderr);
});

test('a misuse without @ts-expect-error fails to typecheck', () => {
  // A copy beside the original so that 'keymgmt-lint' still resolves to this package.
  const dir = mkdtempSync(path.join(PKG, 'test', 'types', 'tmp-'));
  try {
    for (const file of ['tsconfig.json', 'usage-cjs.cts', 'usage-browser.ts']) cpSync(path.join(PKG, 'test/types', file), path.join(dir, file));
    const usage = readFileSync(path.join(PKG, 'test/types/usage.ts'), 'utf8');
    writeFileSync(path.join(dir, 'usage.ts'), usage.replace("// @ts-expect-error a file needs its text\n", ''));
    const { status, stdout } = typecheck(dir);
    assert.notEqual(status, 0);
    assert.match(stdout, /usage\.ts\(\d+,\d+\): error TS2741: Property 'text' is missing/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
