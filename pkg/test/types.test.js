// The TypeScript declarations, checked by the real compiler against test/types/usage.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PKG } from './helpers.js';

// typescript's exports map hides bin/tsc, so find it from the package root.
const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
const typecheck = (project) => spawnSync(process.execPath, [tsc, '-p', project], { cwd: PKG, encoding: 'utf8' });

test('the declarations accept real use and reject misuse', () => {
  const { status, stdout, stderr } = typecheck('test/types');
  assert.equal(status, 0, stdout + stderr);
});

test('FormatName is the list of output formats, as scripts/gen-types.js writes it', (t) => {
  const check = (file) => spawnSync(process.execPath, [path.join(PKG, 'scripts', 'gen-types.js'), '--check', file], { encoding: 'utf8' });
  const declarations = path.join(PKG, 'src', 'index.d.ts');
  assert.equal(check(declarations).status, 0, check(declarations).stderr);
  // A list kept by hand that lost a format is found out.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gen-types-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const stale = path.join(dir, 'index.d.ts');
  writeFileSync(stale, readFileSync(declarations, 'utf8').replace(" | 'junit'", ''));
  const { status, stderr } = check(stale);
  assert.equal(status, 1);
  assert.match(stderr, /is out of date/);
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
