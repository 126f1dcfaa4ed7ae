// The Vault provider's version chooses the generation of the keymgmt resources: the CLI reads the
// root module's .terraform.lock.hcl as Terraform does, and the JSON report says what was chosen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, runJson, tempModule } from './helpers.js';

const KEY = 'resource "vault_keymgmt_key" "k" {\n  path = "keymgmt"\n  name = "k"\n}\n';
const LOCK = 'provider "registry.terraform.io/hashicorp/vault" {\n  version     = "5.11.0"\n  constraints = "~> 5.0"\n}\n';

test('a lock file beside the root module pins provider 5.x, and the report says so', () => {
  const unpinned = runJson(['.'], { cwd: tempModule({ 'main.tf': KEY }) });
  assert.equal(unpinned.code, 0);
  assert.equal(unpinned.report.schemaGeneration.pinned, null);

  const locked = runJson(['.'], { cwd: tempModule({ 'main.tf': KEY, '.terraform.lock.hcl': LOCK }) });
  assert.equal(locked.code, 1);
  assert.deepEqual(locked.report.diagnostics.map((d) => d.rule), ['missing-required-argument', 'unknown-argument']);
  assert.equal(locked.report.schemaGeneration.pinned, '5.x');
  assert.equal(locked.report.schemaGeneration.file, '.terraform.lock.hcl');
  assert.match(locked.report.schemaGeneration.reason, /5\.11\.0/);
});

test('--recursive reads each root module\'s own lock file', () => {
  const tree = tempModule({ 'live/main.tf': KEY, 'live/.terraform.lock.hcl': LOCK, 'legacy/main.tf': KEY });
  const { report } = runJson(['-r', '.'], { cwd: tree });
  assert.deepEqual([...new Set(report.diagnostics.map((d) => d.file))], ['live/main.tf']);
});

test('--print-config shows the generation chosen and why', () => {
  const dir = tempModule({ 'main.tf': KEY, '.terraform.lock.hcl': LOCK });
  const printed = runCli(['--print-config', '.'], { cwd: dir });
  assert.equal(printed.code, 0);
  const [module] = JSON.parse(printed.stdout).modules;
  assert.equal(module.schemaGeneration.pinned, '5.x');
  assert.equal(module.schemaGeneration.file, '.terraform.lock.hcl');
});
