// SARIF output against the official OASIS SARIF 2.1.0 JSON Schema (see test/schemas/README.md
// for where the copy comes from), validated by Ajv with format checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { format } from 'keymgmt-lint';
import { runCli, tempModule, FIXTURES, PKG } from './helpers.js';

const require = createRequire(import.meta.url);
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const SCHEMA_FILE = new URL('schemas/sarif-schema-2.1.0.json', import.meta.url);
const SCHEMA_SHA256 = 'c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e';

const ajv = new Ajv({ allErrors: true });
addFormats(ajv);
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
const validate = ajv.compile(schema);

function assertValid(log, what) {
  const ok = validate(log);
  assert.ok(ok, `${what}: ${JSON.stringify(validate.errors, null, 2)}`);
}

test('the schema is the unchanged OASIS SARIF 2.1.0 (Errata 01) schema', () => {
  assert.equal(createHash('sha256').update(readFileSync(SCHEMA_FILE)).digest('hex'), SCHEMA_SHA256);
  assert.equal(schema.id, 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
});

test('the validator rejects what the schema forbids', () => {
  const log = JSON.parse(format({ diagnostics: [], summary: { errors: 0, warnings: 0, infos: 0, files: 0, resources: 0 } }, 'sarif'));
  assertValid(log, 'empty run');
  assert.equal(validate({ ...log, version: '2.0.0' }), false);
  assert.equal(validate({ ...log, runs: [{ ...log.runs[0], columnKind: 'bytes' }] }), false);
  // Format checks are on: helpUri must be an absolute URI.
  const rules = log.runs[0].tool.driver.rules.map((r) => ({ ...r, helpUri: 'docs/rules/x.md' }));
  assert.equal(validate({ ...log, runs: [{ ...log.runs[0], tool: { driver: { ...log.runs[0].tool.driver, rules } } }] }), false);
});

const FIXTURE_DIRS = ['invalid-purpose', 'missing-required', 'purpose-key-type', 'duplicate-name', 'unknown-argument', 'parse-error', 'json-config', 'planted-secrets', 'clean'];

test('the CLI\'s SARIF is valid for every fixture, one result per diagnostic', () => {
  for (const name of FIXTURE_DIRS) {
    const dir = `${FIXTURES}/${name}`;
    const { stdout } = runCli(['--format', 'sarif', dir]);
    const log = JSON.parse(stdout);
    assertValid(log, name);
    const report = JSON.parse(runCli(['--format', 'json', dir]).stdout);
    const [run] = log.runs;
    assert.equal(run.results.length, report.diagnostics.length, name);
    run.results.forEach((result, i) => {
      const d = report.diagnostics[i];
      assert.equal(result.ruleId, d.rule);
      assert.equal(run.tool.driver.rules[result.ruleIndex].id, d.rule);
      assert.equal(result.message.text, d.message);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      assert.deepEqual(artifactLocation, { uri: d.file, uriBaseId: '%SRCROOT%' });
      assert.deepEqual(
        [region.startLine, region.startColumn, region.endLine, region.endColumn],
        [d.range.start.line, d.range.start.column, d.range.end.line, d.range.end.column],
      );
      assert.equal(result.relatedLocations?.length ?? 0, d.related.length);
    });
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${PKG.endsWith('/') ? PKG : `${PKG}/`}` } });
  }
});

test('absolute paths, spaces and non-ASCII names, helpUri: still valid SARIF', () => {
  const dir = tempModule({ 'clé main.tf': readFileSync(path.join(PKG, FIXTURES, 'purpose-key-type', 'main.tf')) });
  const { stdout } = runCli(['--format', 'sarif', dir]);
  const log = JSON.parse(stdout);
  assertValid(log, 'absolute path');
  const { uri } = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
  assert.equal(uri, `file://${encodeURI(dir)}/cl%C3%A9%20main.tf`);
  const report = JSON.parse(runCli(['--format', 'json', dir]).stdout);
  const withDocs = JSON.parse(format(report, 'sarif', { docsBaseUrl: 'https://example.invalid/docs/rules/', cwd: dir }));
  assertValid(withDocs, 'docsBaseUrl');
  assert.equal(withDocs.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'cl%C3%A9%20main.tf');
});

test('UTF-16 columns: a result after an astral character counts it as two', () => {
  const dir = tempModule({ 'main.tf': Buffer.concat([Buffer.from('# 😀é'), Buffer.from([0xff])]) });
  const log = JSON.parse(runCli(['--format', 'sarif', dir]).stdout);
  assertValid(log, 'utf16');
  assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
  const { region } = log.runs[0].results[0].locations[0].physicalLocation;
  assert.deepEqual([region.startLine, region.startColumn, region.byteOffset], [1, 6, 8]);
});
