// Module calls through every front end: the CLI reads the directories the core names, the API
// takes files with paths across directories, and both follow the same calls.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lint } from '../src/index.js';
import { runCli, runJson, tempModule } from './helpers.js';

const ROOT_FIXTURES = path.resolve('..', 'tests', 'fixtures', 'modules');

// A fixture tree as `{ path, text }` files, the root module's first.
function filesOf(dir, base = dir) {
  return readdirSync(dir)
    .flatMap((name) => {
      const file = path.join(dir, name);
      return statSync(file).isDirectory() ? filesOf(file, base) : [{ path: path.relative(base, file).split(path.sep).join('/'), text: readFileSync(file, 'utf8') }];
    })
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length || (a.path < b.path ? -1 : 1));
}

const found = (report) => report.diagnostics.map((d) => `${d.rule} ${d.resource ?? ''}`.trim());

test('the CLI reads the modules a configuration calls and reports in their files', () => {
  const dir = path.join(ROOT_FIXTURES, 'local-call');
  const { code, report } = runJson([dir]);
  assert.equal(code, 1);
  const finding = report.diagnostics.find((d) => d.rule === 'key-type-unsupported');
  assert.equal(finding.file, path.join(dir, 'modules', 'kms_keys', 'main.tf'));
  assert.equal(finding.resource, 'module.kms_keys.vault_keymgmt_distribute_key.this');
  assert.equal(finding.range.start.line, 31);
  // The same, nested two deep and with count on the outer call.
  const nested = runJson([path.join(ROOT_FIXTURES, 'nested-count')]).report;
  assert.deepEqual(found(nested), ['key-type-unsupported module.outer[1].module.inner.vault_keymgmt_distribute_key.this']);
});

test('the API follows calls among the files given, and names the directories it lacks', () => {
  const files = filesOf(path.join(ROOT_FIXTURES, 'for-each-call'));
  const report = lint(files);
  assert.deepEqual(found(report).sort(), [
    'key-collection-format module.region["moon"].vault_keymgmt_aws_kms.this',
    'purpose-key-type module.region["west"].vault_keymgmt_distribute_key.this',
  ]);
  assert.equal(report.missingModules, undefined);
  const rootOnly = lint(files.filter((f) => !f.path.includes('/')));
  assert.deepEqual(rootOnly.missingModules, ['modules/region']);
  assert.deepEqual(found(rootOnly), ['module-not-followed']);
});

test('--call-module-type and the config file choose which calls are followed', () => {
  const dir = tempModule({
    'main.tf': 'module "kms" {\n  source  = "acme/kms/vault"\n  version = "1.0.0"\n}\n\nmodule "local" {\n  source = "./local"\n}\n',
    'local/main.tf': 'resource "vault_keymgmt_key" "k" {\n  mount = "keymgmt"\n  name  = "k"\n  type  = "no-such-type"\n}\n',
    '.terraform/modules/modules.json': JSON.stringify({ Modules: [{ Key: '', Source: '', Dir: '.' }, { Key: 'kms', Source: 'registry.terraform.io/acme/kms/vault', Dir: '.terraform/modules/kms' }] }),
    '.terraform/modules/kms/main.tf': 'resource "vault_keymgmt_key" "r" {\n  mount = "keymgmt"\n  name  = "r"\n  type  = "rot13"\n}\n',
  });
  const resources = (args) => runJson([...args, dir]).report.diagnostics.map((d) => d.resource).sort();
  assert.deepEqual(resources([]), ['module.local.vault_keymgmt_key.k']);
  assert.deepEqual(resources(['--call-module-type=all']), ['module.kms.vault_keymgmt_key.r', 'module.local.vault_keymgmt_key.k']);
  assert.deepEqual(resources(['--call-module-type', 'none']), []);
  writeFileSync(path.join(dir, '.keymgmt-lint.json'), JSON.stringify({ callModuleType: 'all' }));
  assert.deepEqual(resources([]), ['module.kms.vault_keymgmt_key.r', 'module.local.vault_keymgmt_key.k']);
  // The flag wins over the file.
  assert.deepEqual(resources(['--call-module-type=local']), ['module.local.vault_keymgmt_key.k']);
  const { code, stderr } = runCli(['--call-module-type=remote', dir]);
  assert.equal(code, 2);
  assert.match(stderr, /unknown --call-module-type 'remote' \(expected local, all, none\)/);
});

test('a call whose directory does not exist is an info, and a module calling itself an error', () => {
  const dir = tempModule({
    'main.tf': 'module "gone" {\n  source = "./gone"\n}\n\nmodule "self" {\n  source = "./"\n}\n',
  });
  const { code, report } = runJson([dir]);
  assert.equal(code, 1);
  const byCall = Object.fromEntries(report.diagnostics.map((d) => [d.message.match(/`(module\.[a-z]+)`/)[1], d.severity]));
  assert.deepEqual(byCall, { 'module.gone': 'info', 'module.self': 'error' });
});

test('the CLI reads the files that file() and templatefile() name, and no file outside the module', () => {
  const dir = tempModule({
    'main.tf': [
      'resource "vault_keymgmt_key" "k" {',
      '  mount = "keymgmt"',
      '  name  = "k"',
      '  type  = trimspace(file("${path.module}/policy/key-type.txt"))',
      '}',
      '',
      'resource "vault_keymgmt_aws_kms" "aws" {',
      '  mount          = "keymgmt"',
      '  name           = "aws"',
      '  key_collection = templatefile("region.tftpl", { region = "us-west-2" })',
      '}',
      '',
      'resource "vault_keymgmt_distribute_key" "d" {',
      '  mount    = "keymgmt"',
      '  kms_name = vault_keymgmt_aws_kms.aws.name',
      '  key_name = vault_keymgmt_key.k.name',
      '  purpose  = ["encrypt", "decrypt"]',
      '}',
      '',
      'resource "vault_keymgmt_key" "outside" {',
      '  mount = "keymgmt"',
      '  name  = file("../outside.txt")',
      '}',
      '',
    ].join('\n'),
    'policy/key-type.txt': 'rsa-2048\n',
    'region.tftpl': '${region}',
  });
  writeFileSync(path.join(dir, '..', 'outside.txt'), 'not read');
  const { code, report } = runJson([dir]);
  assert.equal(code, 1);
  assert.deepEqual(found(report), ['key-type-unsupported vault_keymgmt_distribute_key.d']);
  assert.equal(report.missingFiles, undefined);
});
