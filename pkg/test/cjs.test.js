// The CommonJS entry: require('keymgmt-lint') gets the same API, from dist/index.cjs (built by
// `npm run bundle`, which `npm test` runs first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esm from 'keymgmt-lint';
import { PKG, FIXTURES } from './helpers.js';

const require = createRequire(import.meta.url);
const fixture = (name) => ({ path: `${name}/main.tf`, text: readFileSync(path.join(PKG, FIXTURES, name, 'main.tf'), 'utf8') });

test('require() resolves to the CommonJS bundle, not the ES module', () => {
  assert.equal(require.resolve('keymgmt-lint'), path.join(PKG, 'dist', 'index.cjs'));
  const source = readFileSync(path.join(PKG, 'dist', 'index.cjs'), 'utf8');
  assert.doesNotMatch(source, /^\s*(import|export)\s/m);
});

test('the CommonJS API gives the same results as the ES module', () => {
  const cjs = require('keymgmt-lint');
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(esm).sort());
  assert.deepEqual(Object.keys(cjs).sort(), ['ConfigError', 'InternalError', 'calledModules', 'configSchema', 'format', 'graph', 'lint', 'lintPlan', 'readConfig', 'rules', 'schemas', 'variableSources', 'version']);
  const files = [fixture('purpose-key-type'), fixture('invalid-purpose')];
  const report = cjs.lint(files);
  assert.ok(report.diagnostics.length > 0);
  assert.deepEqual(report, esm.lint(files));
  assert.deepEqual(cjs.rules(), esm.rules());
  assert.equal(cjs.version(), esm.version());
  assert.deepEqual(cjs.schemas(), esm.schemas());
  for (const name of ['stylish', 'json', 'sarif', 'github', 'junit']) {
    assert.equal(cjs.format(report, name, { files: ['x.tf'] }), esm.format(report, name, { files: ['x.tf'] }), name);
  }
});

test('the CommonJS API contains panics and throws its own InternalError and TypeErrors', () => {
  const cjs = require('keymgmt-lint');
  assert.throws(() => cjs.lint([fixture('clean')], { __testPanic: true }), (e) => e instanceof cjs.InternalError && e.name === 'InternalError');
  assert.deepEqual(cjs.lint([fixture('clean')]).diagnostics, []);
  assert.throws(() => cjs.lint('main.tf'), TypeError);
  assert.throws(() => cjs.format({ diagnostics: [], summary: {} }, 'xml'), TypeError);
});
