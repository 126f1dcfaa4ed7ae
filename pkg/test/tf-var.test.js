// TF_VAR_name environment variables through the real CLI, with Terraform's precedence (after
// defaults, before terraform.tfvars, *.auto.tfvars, --var-file, the config file and --var) and
// parsing (the raw text for variables without a type or of a primitive type, an HCL expression
// for the others), in every way the CLI lints: one module, --recursive on worker threads, the
// pre-commit hook. A sensitive variable's value is never printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli, runJson, tempModule, PKG } from './helpers.js';

// An AWS KMS provider whose key collection (an AWS region) comes from `expression`.
const provider = (expression) => `resource "vault_mount" "km" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_keymgmt_aws_kms" "aws" {
  mount                  = vault_mount.km.path
  name                   = "aws"
  key_collection         = ${expression}
  credentials_wo         = { access_key = var.access_key, secret_key = var.secret_key }
  credentials_wo_version = 1
}

variable "access_key" {
  type      = string
  sensitive = true
}

variable "secret_key" {
  type      = string
  sensitive = true
}
`;

const REGION = `variable "region" {
  type    = string
  default = "us-east-1"
}
${provider('var.region')}`;

const rulesOf = (result) => result.report.diagnostics.map((d) => d.rule);
const lint = (dir, { env = {}, args = [] } = {}) => runJson([...args, '.'], { cwd: dir, env });

test('TF_VAR_ wins over the default and loses to every .tfvars file, --var-file, the config file and --var', () => {
  const dir = tempModule({ 'main.tf': REGION });
  assert.deepEqual(rulesOf(lint(dir)), []);
  const bogus = { TF_VAR_region: 'Frankfurt' };
  assert.deepEqual(rulesOf(lint(dir, { env: bogus })), ['key-collection-format']);
  for (const [file, text] of [
    ['terraform.tfvars', 'region = "eu-west-1"\n'],
    ['terraform.tfvars.json', '{ "region": "eu-west-1" }'],
    ['x.auto.tfvars', 'region = "eu-west-1"\n'],
  ]) {
    assert.deepEqual(rulesOf(lint(tempModule({ 'main.tf': REGION, [file]: text }), { env: bogus })), [], file);
  }
  const withFile = tempModule({ 'main.tf': REGION, 'prod.tfvars': 'region = "eu-west-1"\n', '.keymgmt-lint.json': '{ "variables": { "region": "eu-west-1" } }' });
  assert.deepEqual(rulesOf(lint(withFile, { env: bogus, args: ['--no-config', '--var-file', 'prod.tfvars'] })), []);
  assert.deepEqual(rulesOf(lint(withFile, { env: bogus })), []);
  assert.deepEqual(rulesOf(lint(dir, { env: bogus, args: ['--var', 'region=eu-west-1'] })), []);
  // And a .tfvars file with a wrong value still loses to a right one given later.
  const later = tempModule({ 'main.tf': REGION, 'terraform.tfvars': 'region = "Paris"\n' });
  assert.deepEqual(rulesOf(lint(later, { env: { TF_VAR_region: 'eu-west-1' } })), ['key-collection-format']);
});

test('a variable of a primitive type or without one takes the raw text; any other type reads it as HCL', () => {
  const declare = (type) => `variable "regions" {${type === undefined ? '' : `\n  type = ${type}`}\n}\n${provider('var.regions[0]')}`;
  const list = { TF_VAR_regions: '["eu-west-1"] # a comment' };
  const bad = { TF_VAR_regions: '["Frankfurt"]' };
  for (const type of ['list(string)', 'any', 'set(string)', 'tuple([string])']) {
    const dir = tempModule({ 'main.tf': declare(type).replace('var.regions[0]', type === 'set(string)' ? 'tolist(var.regions)[0]' : 'var.regions[0]') });
    assert.deepEqual(rulesOf(lint(dir, { env: list })), [], type);
    assert.deepEqual(rulesOf(lint(dir, { env: bad })), ['key-collection-format'], type);
  }
  // A string variable keeps brackets and quotes as text, as Terraform does.
  const text = tempModule({ 'main.tf': `variable "region" {\n  type = string\n}\n${provider('var.region')}` });
  const literal = lint(text, { env: { TF_VAR_region: '["eu-west-1"]' } });
  assert.deepEqual(rulesOf(literal), ['key-collection-format']);
  assert.ok(literal.report.diagnostics[0].message.includes('is "[\\"eu-west-1\\"]"'), literal.report.diagnostics[0].message);
  const untyped = tempModule({ 'main.tf': `variable "region" {}\n${provider('var.region')}` });
  assert.deepEqual(rulesOf(lint(untyped, { env: { TF_VAR_region: 'eu-west-1' } })), []);
  assert.deepEqual(rulesOf(lint(untyped, { env: { TF_VAR_region: '["eu-west-1"]' } })), ['key-collection-format']);
  // The text of a number or bool variable is converted by its type, as Terraform converts it.
  const typed = tempModule({ 'main.tf': `variable "version" {\n  type = number # a comment\n}\nvariable "on" {\n  type = bool\n}\n${provider('"eu-west-1"')}` });
  assert.deepEqual(rulesOf(lint(typed, { env: { TF_VAR_version: '3', TF_VAR_on: 'true' } })), []);
  const notANumber = lint(typed, { env: { TF_VAR_version: 'three' } });
  assert.deepEqual(rulesOf(notANumber), ['invalid-expression']);
  assert.match(notANumber.report.diagnostics[0].message, /`var\.version`: a number is required/);
});

test('declarations in .tf.json are read too, and TF_VAR_ of an undeclared variable is ignored, as Terraform ignores it', () => {
  const json = JSON.stringify({ variable: { regions: { type: 'list(string)' }, region: {} } });
  const dir = tempModule({ 'main.tf': provider('var.regions[0]'), 'variables.tf.json': json });
  assert.deepEqual(rulesOf(lint(dir, { env: { TF_VAR_regions: '["Frankfurt"]' } })), ['key-collection-format']);
  assert.deepEqual(rulesOf(lint(dir, { env: { TF_VAR_regions: '["eu-west-1"]', TF_VAR_nothing: '[', TF_VAR_: 'x', 'TF_VAR_not a name': 'x' } })), []);
});

test('a TF_VAR_ value Terraform would refuse is an invalid-expression at the variable, its text never shown', () => {
  const dir = tempModule({ 'main.tf': `variable "regions" {\n  type = list(string)\n}\nvariable "key_json" {\n  type      = map(string)\n  sensitive = true\n}\n${provider('var.regions[0]')}` });
  const broken = lint(dir, { env: { TF_VAR_regions: '["eu-west-1"' } });
  assert.equal(broken.code, 1);
  assert.deepEqual(broken.report.diagnostics.map((d) => [d.rule, d.range.start.line]), [['invalid-expression', 1]]);
  assert.match(broken.report.diagnostics[0].message, /TF_VAR_regions/);
  // A second assignment cannot ride in on a line break: the text is one expression or nothing.
  const smuggled = lint(dir, { env: { TF_VAR_regions: '["eu-west-1"]\nregions = ["Frankfurt"]' } });
  assert.deepEqual(rulesOf(smuggled), ['invalid-expression']);
  const secret = runCli(['.'], { cwd: dir, env: { TF_VAR_regions: '["eu-west-1"]', TF_VAR_key_json: '{ key = "SECRET-PLANTED-1" ' } });
  assert.equal(secret.code, 1);
  assert.match(secret.stdout, /TF_VAR_key_json/);
  assert.doesNotMatch(secret.stdout + secret.stderr, /PLANTED/);
});

test('sensitive values from TF_VAR_ never reach any output format', () => {
  const dir = tempModule({ 'main.tf': `variable "region" {\n  type = string\n}\n${provider('var.region')}` });
  const env = { TF_VAR_region: 'eu-west-1', TF_VAR_access_key: 'AKIA-SECRET-PLANTED', TF_VAR_secret_key: 'SECRET-PLANTED-2' };
  for (const format of ['stylish', 'json', 'sarif', 'github', 'junit']) {
    const { stdout, stderr } = runCli(['--format', format, '--print-config', '.'].filter((a) => format === 'json' || a !== '--print-config'), { cwd: dir, env });
    assert.doesNotMatch(stdout + stderr, /PLANTED/, format);
  }
  const printed = runCli(['--print-config', '.'], { cwd: dir, env });
  assert.equal(printed.code, 0);
  assert.doesNotMatch(printed.stdout, /PLANTED/);
  assert.equal(JSON.parse(printed.stdout).modules[0].variables.secret_key.source, 'TF_VAR_secret_key');
});

test('--recursive applies TF_VAR_ to each root module, on worker threads as on the main thread', () => {
  const tree = tempModule({
    'a/main.tf': REGION,
    'b/main.tf': REGION,
    'c/main.tf': provider('"eu-west-1"'),
  });
  for (const jobs of ['1', '2']) {
    const { report } = runJson(['-r', '-j', jobs, '.'], { cwd: tree, env: { TF_VAR_region: 'Frankfurt' } });
    assert.deepEqual(report.diagnostics.map((d) => `${d.file} ${d.rule}`), ['a/main.tf key-collection-format', 'b/main.tf key-collection-format'], jobs);
    assert.equal(report.summary.files, 3, jobs);
  }
});

test('the pre-commit hook reads TF_VAR_ too', () => {
  const repo = tempModule({ 'vault/main.tf': REGION });
  const hook = (env) =>
    spawnSync(process.execPath, [path.join(PKG, 'bin', 'keymgmt-lint-pre-commit.js'), 'vault/main.tf'], { cwd: repo, encoding: 'utf8', env: { ...process.env, ...env } });
  assert.equal(hook({}).status, 0);
  const refused = hook({ TF_VAR_region: 'Frankfurt' });
  assert.equal(refused.status, 1);
  assert.match(refused.stdout, /key-collection-format/);
});
