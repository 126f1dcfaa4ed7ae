// Terminal safety through the real CLI: a resource label and a directory name as a hostile pull
// request could write them, in every output format, and in the CLI's messages on stderr.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { runCli } from './helpers.js';

// Erase the line, move up one, then a line break and a forged summary, a bidi override, a C1 CSI.
const HOSTILE = '\u001b[2K\u001b[1A\n✖ 0 problems\u202e\u009b[31m';
// In HCL the label is a quoted string, whose escapes give the same characters.
const HCL_LABEL = 'evil\\u001b[2K\\u001b[1A\\n✖ 0 problems\\u202e\\u009b[31m';
const LABEL = `evil${HOSTILE}`;
const DIR = `mod${HOSTILE}`;
// A control or bidi character other than the line feed that ends the format's own lines.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const FORGED_LINE = /^✖ 0 problems/m;

/** A directory holding a module in a directory named DIR, with a resource labelled LABEL. */
function hostileModule() {
  const root = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-terminal-'));
  mkdirSync(path.join(root, DIR));
  writeFileSync(
    path.join(root, DIR, 'main.tf'),
    `resource "vault_keymgmt_key" "${HCL_LABEL}" {\n  path = "keymgmt"\n  nmae = "k"\n}\n`,
  );
  return root;
}

const root = hostileModule();
const lint = (format, env = {}) => runCli(['--format', format, DIR], { cwd: root, env });

test('the core puts the label into its messages, and json round-trips it and the directory exactly', () => {
  const { code, stdout } = lint('json');
  assert.equal(code, 1);
  assert.doesNotMatch(stdout, RAW_CONTROL);
  const { diagnostics } = JSON.parse(stdout);
  assert.ok(diagnostics.length >= 2, stdout);
  for (const d of diagnostics) {
    assert.equal(d.file, `${DIR}/main.tf`);
    assert.ok(d.message.includes(`vault_keymgmt_key.${LABEL}`), d.message);
    assert.equal(d.resource, `vault_keymgmt_key.${LABEL}`);
  }
});

test('sarif keeps the exact label and directory, JSON-escaped', () => {
  const { code, stdout } = lint('sarif');
  assert.equal(code, 1);
  assert.doesNotMatch(stdout, RAW_CONTROL);
  const { results } = JSON.parse(stdout).runs[0];
  assert.ok(results.length >= 2);
  for (const r of results) {
    assert.ok(r.message.text.includes(`vault_keymgmt_key.${LABEL}`), r.message.text);
    const [location] = r.locations;
    assert.equal(decodeURIComponent(location.physicalLocation.artifactLocation.uri), `${DIR}/main.tf`);
    assert.equal(location.logicalLocations[0].fullyQualifiedName, `vault_keymgmt_key.${LABEL}`);
  }
});

for (const format of ['stylish', 'github', 'junit']) {
  test(`${format}: no raw control character reaches stdout and no line is forged`, () => {
    const { code, stdout, stderr } = lint(format);
    assert.equal(code, 1);
    assert.equal(stderr, '');
    assert.doesNotMatch(stdout, RAW_CONTROL);
    assert.doesNotMatch(stdout, FORGED_LINE);
    // What was there is shown as visible escapes.
    assert.ok(stdout.includes('evil\\u001b[2K\\u001b[1A'), stdout);
    assert.ok(stdout.includes('mod\\u001b[2K\\u001b[1A'), stdout);
    if (format === 'junit') assert.equal(XMLValidator.validate(stdout), true);
    if (format === 'github') assert.equal(stdout.split('\n').filter((l) => l.startsWith('::error ')).length, stdout.split('\n').length - 1);
  });
}

test('stylish in colour: the only escape sequences are its own colours', () => {
  const { stdout } = lint('stylish', { FORCE_COLOR: '1' });
  assert.match(stdout, /\x1b\[31merror/);
  const uncoloured = stdout.replace(/\x1b\[\d+m/g, '');
  assert.doesNotMatch(uncoloured, RAW_CONTROL);
  assert.doesNotMatch(uncoloured, FORGED_LINE);
});

test('messages on stderr name hostile paths escaped, on one line', () => {
  const empty = `empty${HOSTILE}`;
  mkdirSync(path.join(root, empty));
  const noModule = runCli([empty], { cwd: root });
  assert.equal(noModule.code, 2);
  assert.equal(noModule.stderr, 'keymgmt-lint: empty\\u001b[2K\\u001b[1A\\n✖ 0 problems\\u202e\\u009b[31m has no Terraform files (*.tf, *.tf.json); subdirectories are not searched\n');
  const missing = runCli([`missing${HOSTILE}`], { cwd: root });
  assert.equal(missing.code, 2);
  assert.doesNotMatch(missing.stderr, RAW_CONTROL);
  assert.match(missing.stderr, /^keymgmt-lint: cannot read missing\\u001b\[2K[^\n]*: no such file or directory\n$/);
});

test('the problems of a config file are listed one per line, each escaped', () => {
  const dir = path.join(root, 'configured');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'main.tf'), 'resource "vault_mount" "m" {\n  path = "keymgmt"\n  type = "keymgmt"\n}\n');
  writeFileSync(path.join(dir, '.keymgmt-lint.json'), '{ "rules": { "evil\\u001b[2K\\n✖ 0 problems": "off" }, "col\\u202eour": 1 }');
  const { code, stdout, stderr } = runCli([dir]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.doesNotMatch(stderr, RAW_CONTROL);
  assert.doesNotMatch(stderr, FORGED_LINE);
  const lines = stderr.split('\n');
  assert.deepEqual([lines.length, lines[0], lines.at(-1)], [4, 'keymgmt-lint: invalid config file', '']);
  assert.ok(lines[1].includes('`rules.evil\\u001b[2K\\n✖ 0 problems`'), lines[1]);
  assert.ok(lines[2].includes('`col\\u202eour`'), lines[2]);
});
