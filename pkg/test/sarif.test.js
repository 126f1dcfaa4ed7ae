// SARIF output against the official OASIS SARIF 2.1.0 JSON Schema (see test/schemas/README.md
// for where the copy comes from), validated by Ajv with format checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { format } from 'keymgmt-lint';
import { gzipSync } from 'node:zlib';
import { publishedDocsUrl } from '../src/cli/rule-docs.js';
import { runCli, tempModule, FIXTURES, PKG, REPO_ROOT, inRepo } from './helpers.js';

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
      assert.ok(result.message.text.startsWith(d.message), result.message.text);
      const { artifactLocation, region } = result.locations[0].physicalLocation;
      // Relative to the repository's root, wherever in it the CLI runs.
      assert.deepEqual(artifactLocation, { uri: inRepo(d.file), uriBaseId: '%SRCROOT%' });
      assert.deepEqual(
        [region.startLine, region.startColumn, region.endLine, region.endColumn],
        [d.range.start.line, d.range.start.column, d.range.end.line, d.range.end.column],
      );
      assert.equal(result.relatedLocations?.length ?? 0, d.related.length);
    });
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${REPO_ROOT}/` } });
    assertGithubLimits(log, name);
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
  assertGithubLimits(withDocs, 'docsBaseUrl');
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

// What GitHub code scanning documents that it requires of an upload and the limits past which it
// rejects one or drops data ("SARIF support for code scanning").
function assertGithubLimits(log, what) {
  assert.ok(gzipSync(JSON.stringify(log)).length <= 10 * 1024 * 1024, `${what}: over 10 MB gzipped`);
  assert.ok(log.runs.length <= 20, what);
  for (const run of log.runs) {
    assert.ok(run.results.length <= 25_000, what);
    assert.ok(run.tool.driver.rules.length <= 25_000, what);
    assert.ok(run.tool.driver.name, what);
    for (const rule of run.tool.driver.rules) {
      const where = `${what}: rule ${rule.id}`;
      assert.ok(rule.id, where);
      assert.ok(rule.name === undefined || rule.name.length <= 255, where);
      for (const key of ['shortDescription', 'fullDescription']) {
        assert.ok(rule[key].text.length > 0 && rule[key].text.length <= 1024, `${where}: ${key} is ${rule[key].text.length} characters`);
      }
      assert.ok(rule.help.text.length > 0, where);
      // One sentence: GitHub shows it beside every result.
      assert.doesNotMatch(rule.shortDescription.text, /[.!?]\s+\S/, where);
      assert.ok(['note', 'warning', 'error'].includes(rule.defaultConfiguration.level), where);
      // Only 10 tags are shown, 20 accepted.
      assert.ok(rule.properties.tags.length <= 10, where);
      const severity = rule.properties['security-severity'];
      if (severity !== undefined) {
        assert.ok(/^\d+(\.\d+)?$/.test(severity) && Number(severity) > 0 && Number(severity) <= 10, where);
        assert.ok(rule.properties.tags.includes('security'), where);
      }
    }
    for (const result of run.results) {
      assert.ok(result.message.text.length > 0, what);
      assert.ok(result.locations.length >= 1 && result.locations.length <= 10, what);
      assert.ok((result.relatedLocations ?? []).length <= 1000, what);
      assert.match(result.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:\d+$/, what);
      for (const location of [...result.locations, ...(result.relatedLocations ?? [])]) {
        const { artifactLocation, region } = location.physicalLocation;
        assert.ok(artifactLocation.uri.length > 0, what);
        for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[key]), what);
      }
      // Every embedded link names a related location of the result, once each.
      const ids = (result.relatedLocations ?? []).map((r) => r.id);
      assert.equal(new Set(ids).size, ids.length, what);
      const linked = [...result.message.text.matchAll(/\]\((\d+)\)/g)].map((m) => Number(m[1]));
      assert.deepEqual(linked, ids, what);
    }
  }
}

test('the CLI names files relative to the repository root wherever it runs, with stable fingerprints', () => {
  // A repository whose module is linted from a subdirectory, by a relative and an absolute path.
  const repo = tempModule({ 'infra/vault/main.tf': readFileSync(path.join(PKG, FIXTURES, 'purpose-key-type', 'main.tf')), 'tools/.keep': '' });
  mkdirSync(path.join(repo, '.git'));
  const fromTools = JSON.parse(runCli(['--format', 'sarif', '../infra/vault'], { cwd: path.join(repo, 'tools') }).stdout);
  const fromTop = JSON.parse(runCli(['--format', 'sarif', path.join(repo, 'infra', 'vault')], { cwd: repo }).stdout);
  assertValid(fromTools, 'from tools/');
  assertGithubLimits(fromTools, 'from tools/');
  const [run] = fromTools.runs;
  assert.ok(run.results.length > 0);
  assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `file://${repo}/` } });
  for (const result of run.results) {
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'infra/vault/main.tf', uriBaseId: '%SRCROOT%' });
  }
  // The same findings from elsewhere are the same results, fingerprints and all.
  assert.deepEqual(fromTop.runs[0].results, run.results);
});

test('helpUri comes from --docs-base-url, else the package homepage on GitHub, never a file: URL', () => {
  const dir = `${FIXTURES}/invalid-purpose`;
  const plain = JSON.parse(runCli(['--format', 'sarif', dir]).stdout).runs[0].tool.driver;
  const manifest = JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  const published = publishedDocsUrl(manifest);
  for (const rule of plain.rules) assert.equal(rule.helpUri, published && `${published}${rule.id}.md`);
  assert.equal(publishedDocsUrl({ version: '1.2.3' }), undefined);
  assert.equal(publishedDocsUrl({ version: '1.2.3', homepage: 'https://example.com/keymgmt-lint' }), undefined);
  for (const homepage of ['https://github.com/acme/keymgmt-lint#readme', 'https://github.com/acme/keymgmt-lint/tree/main/pkg', 'https://github.com/acme/keymgmt-lint.git']) {
    assert.equal(publishedDocsUrl({ version: '1.2.3', homepage }), 'https://github.com/acme/keymgmt-lint/blob/v1.2.3/docs/rules/', homepage);
  }
  const base = 'https://example.com/keymgmt-lint/docs/rules/';
  const withBase = JSON.parse(runCli(['--format', 'sarif', '--docs-base-url', base, dir]).stdout);
  assertValid(withBase, '--docs-base-url');
  for (const rule of withBase.runs[0].tool.driver.rules) {
    assert.equal(rule.helpUri, `${base}${rule.id}.md`);
    assert.equal(rule.help.text, `${rule.shortDescription.text} Documentation: ${base}${rule.id}.md`);
  }
  // The config file's, where the command line names none; the command line's wins.
  const configured = tempModule({
    'main.tf': readFileSync(path.join(dir, 'main.tf'), 'utf8'),
    '.keymgmt-lint.json': JSON.stringify({ docsBaseUrl: 'https://docs.example.com/rules/' }),
  });
  const fromConfig = JSON.parse(runCli(['--format', 'sarif', '.'], { cwd: configured }).stdout).runs[0].tool.driver.rules;
  assert.equal(fromConfig[0].helpUri, `https://docs.example.com/rules/${fromConfig[0].id}.md`);
  const overridden = JSON.parse(runCli(['--format', 'sarif', '--docs-base-url', base, '.'], { cwd: configured }).stdout).runs[0].tool.driver.rules;
  assert.equal(overridden[0].helpUri, `${base}${overridden[0].id}.md`);
  const bad = runCli(['--format', 'sarif', '--docs-base-url', 'docs/rules', dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^keymgmt-lint: --docs-base-url expects an absolute URL, got 'docs\/rules'/);
});

test('every rule\'s documentation is in the log once, and the log stays small', () => {
  const { stdout } = runCli(['--format', 'sarif', `${FIXTURES}/planted-secrets`]);
  const log = JSON.parse(stdout);
  for (const rule of log.runs[0].tool.driver.rules) {
    const whyItMatters = rule.help.markdown.indexOf('## Why it matters');
    assert.ok(whyItMatters > 0, rule.id);
    const section = rule.help.markdown.slice(whyItMatters, whyItMatters + 200);
    assert.equal(stdout.split(JSON.stringify(section).slice(1, -1)).length - 1, 1, rule.id);
  }
  // Beside the rule pages (each once, as checked above; they grow with their examples), the
  // rest of the log stays small.
  const pages = log.runs[0].tool.driver.rules.reduce((n, rule) => n + JSON.stringify(rule.help.markdown).length, 0);
  assert.ok(stdout.length - pages < 80_000, `${stdout.length} bytes, ${pages} of them the rule pages`);
});
