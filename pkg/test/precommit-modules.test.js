// The pre-commit hook's wrapper (bin/keymgmt-lint-pre-commit.js) run as pre-commit runs it: from
// the repository's top, with the hook's args and then the staged files. It lints the root modules
// whose configuration holds a staged file: a staged file of a called module is linted through
// the root modules that call it. An argument that starts with `-`, or is an option's value, is
// never a staged file, wherever it stands. test/precommit.test.js runs it under the real
// pre-commit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PKG, tempModule } from './helpers.js';

const HOOK = path.join(PKG, 'bin', 'keymgmt-lint-pre-commit.js');

const badKey = (label, type = '"rot13"') =>
  `resource "vault_keymgmt_key" "${label}" {\n  mount = "keymgmt"\n  name  = "${label}"\n  type  = ${type}\n}\n`;

const repo = tempModule({
  'live/prod/main.tf': 'module "kms" {\n  source = "../../modules/kms"\n  type   = "rot13"\n}\n',
  'modules/kms/main.tf': `variable "type" {}\n\n${badKey('passed', 'var.type')}`,
  'live/dev/main.tf': badKey('dev'),
  'vars/prod.tfvars': 'type = "rsa-2048"\n',
});

function hook(...args) {
  const result = spawnSync(process.execPath, [HOOK, ...args], { cwd: repo, encoding: 'utf8' });
  if (result.error) throw result.error;
  const resources = result.stdout === '' ? [] : JSON.parse(result.stdout).diagnostics.map((d) => d.resource);
  return { code: result.status, resources, stderr: result.stderr };
}

test('a staged file of a called module is linted through the root module that calls it', () => {
  assert.deepEqual(hook('--format', 'json', 'modules/kms/main.tf'), { code: 1, resources: ['module.kms.vault_keymgmt_key.passed'], stderr: '' });
});

test('only the root modules whose configuration holds a staged file are linted, each once', () => {
  assert.deepEqual(hook('--format', 'json', 'live/dev/main.tf'), { code: 1, resources: ['vault_keymgmt_key.dev'], stderr: '' });
  assert.deepEqual(hook('--format', 'json', 'live/dev/main.tf', 'modules/kms/main.tf', 'live/prod/main.tf'), {
    code: 1,
    resources: ['vault_keymgmt_key.dev', 'module.kms.vault_keymgmt_key.passed'],
    stderr: '',
  });
});

test("the hook's args reach the CLI, and staged files outside any module lint nothing", () => {
  assert.deepEqual(hook('--format', 'json', '--disable', 'invalid-value', 'modules/kms/main.tf'), { code: 0, resources: [], stderr: '' });
  assert.deepEqual(hook('--format', 'json', 'vars/prod.tfvars'), { code: 0, resources: [], stderr: '' });
});

// A root module whose variable's default is wrong, and a variable file that sets it right.
const withVars = tempModule({
  'app/main.tf': `variable "type" {\n  default = "rot13"\n}\n\n${badKey('app', 'var.type')}`,
  'other/main.tf': badKey('other', '"aes256-gcm96"'),
  'vars/good.tfvars': 'type = "aes256-gcm96"\n',
});

function hookIn(dir, args) {
  const result = spawnSync(process.execPath, [HOOK, '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, rules: result.stdout === '' ? [] : JSON.parse(result.stdout).diagnostics.map((d) => d.rule), stderr: result.stderr };
}

test('--var-file, written either way, is never a staged file, wherever it stands', () => {
  assert.deepEqual(hookIn(withVars, ['app/main.tf']), { code: 1, rules: ['invalid-value'], stderr: '' });
  for (const args of [
    ['--var-file=vars/good.tfvars', 'app/main.tf'],
    ['--var-file', 'vars/good.tfvars', 'app/main.tf'],
    ['app/main.tf', '--var-file=vars/good.tfvars'],
    ['app/main.tf', '--var-file', 'vars/good.tfvars'],
    ['other/main.tf', '--var-file', 'vars/good.tfvars', 'app/main.tf'],
    ['other/main.tf', '--var-file=vars/good.tfvars', 'app/main.tf'],
  ]) {
    assert.deepEqual(hookIn(withVars, args), { code: 0, rules: [], stderr: '' }, args.join(' '));
  }
  // Staged itself, with no module beside it, the variable file lints nothing.
  assert.deepEqual(hookIn(withVars, ['vars/good.tfvars']), { code: 0, rules: [], stderr: '' });
});

test('--rule ID reaches the CLI from any position among the staged files', () => {
  for (const args of [
    ['--rule', 'unknown-argument', 'app/main.tf', 'other/main.tf'],
    ['app/main.tf', '--rule', 'unknown-argument', 'other/main.tf'],
    ['app/main.tf', 'other/main.tf', '--rule', 'unknown-argument'],
    ['app/main.tf', 'other/main.tf', '--rule=unknown-argument'],
  ]) {
    assert.deepEqual(hookIn(withVars, args), { code: 0, rules: [], stderr: '' }, args.join(' '));
  }
  assert.deepEqual(hookIn(withVars, ['app/main.tf', 'other/main.tf']), { code: 1, rules: ['invalid-value'], stderr: '' });
  assert.deepEqual(hookIn(withVars, ['app/main.tf', '--rule', 'invalid-value=warning']), { code: 0, rules: ['invalid-value'], stderr: '' });
});

test('a mistyped option in the hook\'s args is a usage error, not a file', () => {
  const { code, rules, stderr } = hookIn(withVars, ['--var-flie=vars/good.tfvars', 'app/main.tf']);
  assert.deepEqual([code, rules], [2, []]);
  assert.equal(stderr, "keymgmt-lint: unknown option '--var-flie'; did you mean '--var-file'? (see keymgmt-lint --help)\n");
});
