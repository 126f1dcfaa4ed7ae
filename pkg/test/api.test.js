// The JS API over the real WebAssembly core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { lint, rules, schemas, version, InternalError } from 'keymgmt-lint';

const fixture = (name, file = 'main.tf') => ({
  path: `${name}/${file}`,
  text: readFileSync(new URL(`../../tests/fixtures/cli/${name}/${file}`, import.meta.url), 'utf8'),
});
const ruleIds = (report) => report.diagnostics.map((d) => d.rule);
const SEVERITIES = ['error', 'warning', 'info'];

test('version() is the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  assert.equal(version(), pkg.version);
});

test('lint() returns a Report with a summary that matches its diagnostics', () => {
  const report = lint([fixture('invalid-purpose')]);
  assert.deepEqual(Object.keys(report).sort(), ['diagnostics', 'schemaGeneration', 'summary']);
  assert.deepEqual(report.schemaGeneration.pinned, null);
  assert.match(report.schemaGeneration.reason, /no version of hashicorp\/vault/);
  assert.deepEqual(Object.keys(report.summary).sort(), ['errors', 'files', 'infos', 'resources', 'warnings']);
  assert.equal(report.summary.files, 1);
  assert.equal(report.summary.resources, 4);
  for (const severity of SEVERITIES) {
    assert.equal(report.summary[`${severity}s`], report.diagnostics.filter((d) => d.severity === severity).length);
  }
  assert.ok(report.diagnostics.length > 0);
  for (const d of report.diagnostics) {
    assert.equal(typeof d.rule, 'string');
    assert.ok(SEVERITIES.includes(d.severity));
    assert.equal(typeof d.message, 'string');
    assert.equal(d.file, 'invalid-purpose/main.tf');
    assert.ok(Array.isArray(d.related));
    for (const end of ['start', 'end']) {
      for (const key of ['line', 'column', 'offset']) assert.ok(Number.isInteger(d.range[end][key]), `${end}.${key}`);
    }
  }
});

test('a clean module yields no diagnostics', () => {
  const report = lint([fixture('clean')]);
  assert.deepEqual(report.diagnostics, []);
  assert.equal(report.summary.resources, 4);
});

test('rules() lists the schema rules with their metadata', () => {
  const all = rules();
  const ids = all.map((r) => r.id);
  for (const id of ['parse-error', 'unknown-argument', 'missing-required-argument', 'invalid-value']) {
    assert.ok(ids.includes(id), `missing rule ${id}`);
  }
  for (const rule of all) {
    for (const key of ['id', 'name', 'summary', 'docs']) assert.equal(typeof rule[key], 'string', `${rule.id}.${key}`);
    assert.ok(SEVERITIES.includes(rule.severity));
  }
});

test('schemas() has a JSON Schema for each of the eight resource types', () => {
  const all = schemas();
  for (const type of [
    'vault_mount',
    'vault_keymgmt_key',
    'vault_keymgmt_aws_kms',
    'vault_keymgmt_azure_kms',
    'vault_keymgmt_gcp_kms',
    'vault_keymgmt_distribute_key',
    'vault_keymgmt_replicate_key',
    'vault_keymgmt_key_rotate',
  ]) {
    assert.equal(typeof all[type], 'object', type);
    assert.ok(all[type] !== null && Object.keys(all[type]).length > 0, type);
  }
});

test('options.rules changes a severity or switches a rule off', () => {
  const files = [fixture('invalid-purpose')];
  assert.ok(ruleIds(lint(files)).includes('invalid-value'));
  const lowered = lint(files, { rules: { 'invalid-value': 'warning' } });
  const moved = lowered.diagnostics.filter((d) => d.rule === 'invalid-value');
  assert.ok(moved.length > 0 && moved.every((d) => d.severity === 'warning'));
  assert.equal(lowered.summary.warnings, lowered.diagnostics.filter((d) => d.severity === 'warning').length);
  assert.ok(!ruleIds(lint(files, { rules: { 'invalid-value': 'off' } })).includes('invalid-value'));
});

test('options.variables wins over the tfvars files', () => {
  const files = [fixture('tfvars'), fixture('tfvars', 'terraform.tfvars')];
  assert.ok(ruleIds(lint(files)).includes('invalid-value'));
  assert.deepEqual(lint(files, { variables: { purpose: ['encrypt', 'decrypt'] } }).diagnostics, []);
});

test('a file given as UTF-8 bytes lints as its text does, alone or next to strings', () => {
  const files = [fixture('tfvars'), fixture('tfvars', 'terraform.tfvars'), fixture('invalid-purpose')];
  const asText = lint(files);
  assert.ok(asText.diagnostics.length > 0);
  const bytes = (file) => ({ path: file.path, text: new TextEncoder().encode(file.text) });
  assert.deepEqual(lint(files.map(bytes)), asText);
  assert.deepEqual(lint([bytes(files[0]), files[1], bytes(files[2])]), asText);
  // Offsets count bytes and columns UTF-16 units, as for strings: a multi-byte character first.
  const accented = { path: 'main.tf', text: `# clé\n${files[2].text}` };
  assert.deepEqual(lint([bytes(accented)]), lint([accented]));
});

test('bytes that are not UTF-8 are a parse-error of that file; text of another type is a TypeError', () => {
  // A property of the files, not misuse of the API: reported as the CLI reports it.
  const bad = new Uint8Array([...new TextEncoder().encode('variable "a" {}\n# '), 0xe9, 0x0a]);
  const report = lint([{ path: 'a.tf', text: 'locals {}\n' }, { path: 'b.tf', text: bad }]);
  assert.deepEqual(
    report.diagnostics.map((d) => [d.rule, d.file, d.message, d.range.start]),
    [['parse-error', 'b.tf', 'b.tf is not valid UTF-8 text (byte 0xe9 at offset 18)', { line: 2, column: 3, offset: 18 }]],
  );
  assert.throws(
    () => lint([{ path: 'a.tf', text: 42 }, { path: 'b.tf', text: new Uint8Array() }]),
    (e) => e instanceof TypeError && /files\[0\]\.text/.test(e.message),
  );
  assert.deepEqual(lint([{ path: 'main.tf', text: new Uint8Array() }]).diagnostics, []);
});

test('misuse of the API throws a TypeError with the core message', () => {
  assert.throws(() => lint('main.tf'), TypeError);
  assert.throws(() => lint([{ path: 'main.tf' }]), (e) => e instanceof TypeError && /text/.test(e.message));
  assert.throws(() => lint([{ path: 'main.tf', text: 42 }]), TypeError);
  assert.throws(
    () => lint([], { rules: { 'no-such-rule': 'off' } }),
    (e) => e instanceof TypeError && /no-such-rule/.test(e.message),
  );
});

test('an unknown option key is a TypeError, so that a typo is not silently ignored', () => {
  assert.throws(() => lint([], { colour: true }), (e) => e instanceof TypeError && /colour/.test(e.message));
});

test('a panic in the core is an InternalError, and the next call works', () => {
  assert.throws(
    () => lint([fixture('clean')], { __testPanic: true }),
    (e) => {
      assert.ok(e instanceof InternalError);
      assert.ok(e instanceof Error);
      assert.equal(e.name, 'InternalError');
      assert.match(e.message, /__testPanic/);
      assert.doesNotMatch(e.message, /\n/);
      assert.ok(e.cause instanceof WebAssembly.RuntimeError);
      return true;
    },
  );
  assert.deepEqual(lint([fixture('clean')]).diagnostics, []);
  assert.ok(ruleIds(lint([fixture('invalid-purpose')])).includes('invalid-value'));
  assert.ok(rules().length > 0);
});

test('panics stay contained when they repeat', () => {
  for (let i = 0; i < 3; i++) {
    assert.throws(() => lint([], { __testPanic: true }), InternalError);
    assert.equal(lint([fixture('clean')]).summary.errors, 0);
  }
});

test('memory that calls on large inputs leave behind is reclaimed, and results stay the same', async () => {
  // The same module instance as the API's: index.js imports this file.
  const bindings = await import('../dist/keymgmt_lint.js');
  // Over a megabyte, the size from which a call leaves its trees in place (crates/keymgmt_lint_wasm/src/lib.rs).
  const keys = Array.from(
    { length: 12000 },
    (_, i) => `resource "vault_keymgmt_key" "k${i}" {\n  path = vault_mount.keymgmt.path\n  name = "key-${i}"\n  type = "aes256-gcm96"\n}\n`,
  );
  const text = `resource "vault_mount" "keymgmt" {\n  path = "keymgmt"\n  type = "keymgmt"\n}\n${keys.join('')}`;
  const bad = `${text}resource "vault_keymgmt_key" "bad" {\n  path = vault_mount.keymgmt.path\n  name = "bad"\n  type = "aes256-gcm96"\n  purpose = ["sign"]\n}\n`;
  assert.ok(bad.length > 1024 * 1024);
  const first = lint([{ path: 'main.tf', text: bad }]);
  assert.equal(first.summary.resources, 12002);
  assert.ok(first.diagnostics.length > 0);
  let peak = 0;
  for (let i = 0; i < 6; i++) {
    assert.deepEqual(lint([{ path: 'main.tf', text: bad }]), first);
    peak = Math.max(peak, bindings.heapBytes());
  }
  // Each call leaves tens of megabytes behind; without reclaiming, the heap would pass 200 MB.
  assert.ok(peak < 128 * 1024 * 1024, `heap reached ${peak} bytes`);
});

test('what the core refuses is a RejectedInput (a TypeError), told apart from a TypeError of our own', async () => {
  const { RejectedInput } = await import('../src/errors.js');
  // The core refuses an unknown option key: the input's fault.
  assert.throws(() => lint([], { colour: true }), (e) => e instanceof RejectedInput && e instanceof TypeError);
  // The wrapper's own check of the files (before the core sees them) is a plain TypeError.
  const files = [{ path: 'a.tf', text: new TextEncoder().encode('locals {}\n') }, { path: 'b.tf', text: 42 }];
  assert.throws(() => lint(files), (e) => e instanceof TypeError && !(e instanceof RejectedInput) && /files\[1\]\.text/.test(e.message));
});
