// --stdin with --stdin-filename, as editors and scripts use it: the text of standard input is
// linted as that file of its directory's module, whether or not the file is on disk, and only its
// problems are reported; nothing is written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, runCli, tempModule } from './helpers.js';

const KEYS = 'resource "vault_mount" "m" {\n  path = "keymgmt"\n  type = "keymgmt"\n}\n\nresource "vault_keymgmt_key" "k" {\n  path = vault_mount.m.path\n  name = "payments"\n  type = "rsa-2048"\n}\n';
const KMS = 'resource "vault_keymgmt_azure_kms" "azure" {\n  path           = vault_mount.m.path\n  name           = "azure"\n  key_collection = "my-keyvault"\n}\n';
const dist = (purpose) =>
  `resource "vault_keymgmt_distribute_key" "d" {\n  path     = vault_mount.m.path\n  kms_name = vault_keymgmt_azure_kms.azure.name\n  key_name = vault_keymgmt_key.k.name\n  purpose  = ${purpose}\n  protection = "software"\n}\n`;

function lintStdin(args, text, cwd) {
  const result = spawnSync(process.execPath, [BIN, '--format', 'json', ...args], { cwd, input: text, encoding: 'utf8' });
  return { code: result.status, report: JSON.parse(result.stdout), stderr: result.stderr };
}

test('standard input stands in for the file named, with the rest of its module, and only it is reported', () => {
  const dir = tempModule({ 'keys.tf': KEYS, 'kms.tf': KMS, 'dist.tf': dist('["encrypt"]'), 'other.tf': 'resource "vault_keymgmt_key" "x" {\n  path = "keymgmt"\n  nmae = "x"\n}\n' });
  const clean = lintStdin(['--stdin', '--stdin-filename', 'dist.tf'], dist('["encrypt"]'), dir);
  assert.equal(clean.code, 0, JSON.stringify(clean.report));
  assert.deepEqual(clean.report.diagnostics, [], 'other.tf is not reported');
  // An AES key sent to Azure is found through keys.tf and kms.tf, read from disk: the text given
  // is checked against the module around it.
  const aes = tempModule({ 'keys.tf': KEYS.replace('rsa-2048', 'aes256-gcm96'), 'kms.tf': KMS, 'dist.tf': dist('["encrypt"]') });
  const bad = lintStdin(['--stdin', '--stdin-filename', 'dist.tf'], dist('["sign"]'), aes);
  assert.equal(bad.code, 1);
  assert.deepEqual([...new Set(bad.report.diagnostics.map((d) => d.file))], ['dist.tf']);
  assert.ok(bad.report.diagnostics.some((d) => d.rule === 'key-type-unsupported'), JSON.stringify(bad.report));
  assert.equal(readFileSync(path.join(aes, 'dist.tf'), 'utf8'), dist('["encrypt"]'), 'nothing is written');
  // A buffer never saved: the file is not on disk yet.
  const unsaved = lintStdin(['--stdin', '--stdin-filename', 'new.tf'], dist('"encrypt"').replace('"d"', '"e"'), dir);
  assert.deepEqual([...new Set(unsaved.report.diagnostics.map((d) => d.file))], ['new.tf']);
  const alone = lintStdin(['--stdin', '--stdin-filename', 'empty/main.tf'], KEYS, dir);
  assert.equal(alone.code, 0, alone.stderr);
});

test('--stdin goes with --stdin-filename, and with no paths, --recursive, --plan or --fix', () => {
  for (const args of [['--stdin'], ['--stdin-filename', 'x.tf'], ['--stdin', '--stdin-filename', 'x.tf', '.'], ['--stdin', '--stdin-filename', 'x.tf', '--fix']]) {
    const result = runCli(args, { cwd: tempModule({ 'x.tf': KEYS }) });
    assert.equal(result.code, 2, args.join(' '));
    assert.match(result.stderr, /--stdin/, args.join(' '));
  }
});
