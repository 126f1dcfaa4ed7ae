// How the CLI has V8 compile the core (src/cli/tiering.js): by the size of what it lints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OPTIMISE_FROM_BYTES, tieringFlag } from '../src/cli/tiering.js';
import { eventSpyEnv, runCli } from './helpers.js';

test('below the threshold the baseline tier only, from it on hot functions are optimised', () => {
  assert.equal(tieringFlag(0), '--liftoff-only');
  assert.equal(tieringFlag(OPTIMISE_FROM_BYTES - 1), '--liftoff-only');
  assert.equal(tieringFlag(OPTIMISE_FROM_BYTES), '--wasm-tiering-budget=200000000');
});

test('the CLI sets the flag from the total size of the files it lints', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-tiering-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  // Comments only, so that even the large file lints in a moment whichever the tier.
  const line = '# a comment line to make the file large\n';
  // Each in a directory of its own: a file named directly is linted with its whole directory.
  mkdirSync(path.join(dir, 'small'));
  mkdirSync(path.join(dir, 'large'));
  const small = path.join(dir, 'small', 'main.tf');
  const large = path.join(dir, 'large', 'main.tf');
  writeFileSync(small, line);
  writeFileSync(large, line.repeat(Math.ceil(OPTIMISE_FROM_BYTES / line.length)));
  const env = eventSpyEnv(dir);
  const run = (file) => runCli(['--format', 'json', file], { env });
  const smallRun = run(small);
  assert.equal(smallRun.code, 0, smallRun.stderr);
  assert.equal(smallRun.stderr, 'events: --liftoff-only compile\n');
  const largeRun = run(large);
  assert.equal(largeRun.code, 0, largeRun.stderr);
  assert.equal(largeRun.stderr, 'events: --wasm-tiering-budget=200000000 compile\n');
});
