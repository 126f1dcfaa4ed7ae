// The pre-commit hook's wrapper (bin/keymgmt-lint-pre-commit.js) run as pre-commit runs it: from
// the repository's top, with the hook's args and then the staged files. It lints the root modules
// whose configuration holds a staged file: a staged file of a called module is linted through
// the root modules that call it. test/precommit.test.js runs it under the real pre-commit.
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
