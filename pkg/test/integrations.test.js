// CI integrations of the CLI and API: plan JSON input, the config file, printed schemas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli, runJson, tempModule, PKG, BIN, FIXTURES } from './helpers.js';
import { lintPlan, readConfig, configSchema, ConfigError } from '../src/index.js';

const PLANS = path.join(PKG, '..', 'tests', 'plans');
const rulesOf = (report) => [...new Set(report.diagnostics.map((d) => d.rule))].sort();

const BAD_PURPOSE = `resource "vault_keymgmt_distribute_key" "dist" {
  path     = "keymgmt"
  kms_name = "aws-kms"
  key_name = "my-key"
  purpose  = "encrypt"
}
`;

test('--plan lints terraform show -json output, with module addresses and positions in the plan', () => {
  const plan = path.join(PLANS, 'every-family.json');
  const { code, report } = runJson(['--plan', plan]);
  assert.equal(code, 1);
  assert.ok(rulesOf(report).includes('purpose-key-type'), JSON.stringify(rulesOf(report)));
  const d = report.diagnostics.find((x) => x.rule === 'purpose-key-type');
  assert.equal(d.file, plan);
  assert.equal(d.resource, 'module.kms.vault_keymgmt_distribute_key.gcp[0]');
  assert.equal(readFileSync(plan, 'utf8').split('\n')[d.range.start.line - 1].trim().replace(/,$/, ''), '"sign"');
  assert.equal(runJson(['--plan', path.join(PLANS, 'clean.json')]).code, 0);
});

test('--plan - reads the plan from standard input', () => {
  const result = spawnSync(process.execPath, [BIN, '--format', 'json', '--plan', '-'], {
    cwd: PKG,
    input: readFileSync(path.join(PLANS, 'every-family.json')),
    encoding: 'utf8',
  });
  assert.equal(result.status, 1);
  assert.equal(JSON.parse(result.stdout).diagnostics[0].file, 'plan.json');
});

test('a broken, missing or foreign plan exits 2 with the position of the problem', () => {
  const dir = tempModule({ 'plan.json': '{"planned_values": {"root_module": [}', 'other.json': '{"resource": {}}' });
  const broken = runCli(['--plan', path.join(dir, 'plan.json')]);
  assert.equal(broken.code, 2);
  assert.match(broken.stderr, /^keymgmt-lint: cannot read the plan\n.*plan\.json:1:\d+: JSON syntax error: .*\n$/);
  const foreign = runCli(['--plan', path.join(dir, 'other.json')]);
  assert.equal(foreign.code, 2);
  assert.match(foreign.stderr, /other\.json:1:1: not a Terraform plan/);
  const missing = runCli(['--plan', path.join(dir, 'nope.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /^keymgmt-lint: cannot read .*nope\.json: /);
  assert.equal(runCli(['--plan', path.join(dir, 'plan.json'), dir]).code, 2);
});

test('the resource schemas ship in the package for editors', async () => {
  const { createRequire } = await import('node:module');
  const require = createRequire(path.join(PKG, 'package.json'));
  const schema = require('keymgmt-lint/schemas/vault_keymgmt_key.json');
  assert.equal(schema.title, 'vault_keymgmt_key');
  assert.equal(require('keymgmt-lint/schemas/keymgmt-lint-config.json').title, '.keymgmt-lint.json');
});

test('the nearest .keymgmt-lint.json above a module applies; flags win over it', () => {
  const root = tempModule({ '.keymgmt-lint.json': '{"rules": {"invalid-value": "warning"}}' });
  const module = path.join(root, 'infra', 'vault');
  mkdirSync(module, { recursive: true });
  writeFileSync(path.join(module, 'main.tf'), BAD_PURPOSE);
  const { code, report } = runJson([module]);
  assert.equal(code, 0);
  assert.equal(report.diagnostics.find((d) => d.rule === 'invalid-value').severity, 'warning');
  assert.equal(runJson(['--rule', 'invalid-value=error', module]).code, 1);
  assert.equal(runJson(['--no-config', module]).code, 1);
  const other = path.join(root, 'strict.json');
  writeFileSync(other, '{"rules": {"invalid-value": "off"}}');
  const explicit = runJson(['--config', other, module]);
  assert.equal(explicit.code, 0);
  assert.ok(!rulesOf(explicit.report).includes('invalid-value'));
});

test('ignore globs in the config file skip files and whole modules', () => {
  const root = tempModule({ '.keymgmt-lint.json': '{"ignore": ["legacy/**", "**/generated.tf"]}' });
  for (const dir of ['legacy/old', 'current']) mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'legacy/old/main.tf'), BAD_PURPOSE);
  writeFileSync(path.join(root, 'current/generated.tf'), BAD_PURPOSE);
  writeFileSync(path.join(root, 'current/main.tf'), 'resource "vault_mount" "m" {\n  path = "keymgmt"\n  type = "keymgmt"\n}\n');
  const { code, report } = runJson([path.join(root, 'legacy/old'), path.join(root, 'current')]);
  assert.equal(code, 0, JSON.stringify(report.diagnostics));
  assert.equal(report.summary.files, 1);
});

test('an invalid config file exits 2 and lists every problem with its position', () => {
  const dir = tempModule({
    '.keymgmt-lint.json': '{\n  "rules": {"hardcoded-secrt": "off"},\n  "colour": true\n}\n',
    'main.tf': BAD_PURPOSE,
  });
  const { code, stderr } = runCli([dir]);
  assert.equal(code, 2);
  const config = path.join(dir, '.keymgmt-lint.json');
  assert.equal(
    stderr,
    `keymgmt-lint: invalid config file\n${config}:2:13: \`rules.hardcoded-secrt\`: no rule has this id; did you mean \`hardcoded-secret\`?\n${config}:3:3: the configuration has no setting \`colour\`\n`,
  );
});

test('--print-schema prints a resource schema, the config schema, or all', () => {
  const key = runCli(['--print-schema', 'vault_keymgmt_key']);
  assert.equal(key.code, 0);
  assert.equal(JSON.parse(key.stdout).title, 'vault_keymgmt_key');
  assert.equal(Object.keys(JSON.parse(runCli(['--print-schema', 'all']).stdout)).length, 8);
  assert.equal(JSON.parse(runCli(['--print-schema', 'config']).stdout).title, '.keymgmt-lint.json');
  const unknown = runCli(['--print-schema', 'vault_keymgmt_kee']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no schema named 'vault_keymgmt_kee'; one of: .*vault_keymgmt_key/);
});

test('the JS API reads plans and config files', () => {
  const report = lintPlan(readFileSync(path.join(PLANS, 'every-family.json'), 'utf8'), {}, 'p.json');
  assert.ok(report.diagnostics.every((d) => d.file === 'p.json'));
  assert.deepEqual(readConfig('{"ignore": ["a/**"]}', 'c.json').ignore, ['a/**']);
  assert.throws(() => readConfig('{"rules": {"x": "off"}}', 'c.json'), (error) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.errors[0].range.start.line, 1);
    return true;
  });
  assert.equal(configSchema().title, '.keymgmt-lint.json');
});

test('graph() returns the keys, KMS providers and links the core resolved', async () => {
  const { graph } = await import('../src/index.js');
  const text = readFileSync(path.join(PKG, '..', 'tests', 'fixtures', 'seeds', '002-replicate-key', 'main.tf'), 'utf8');
  const { nodes, edges } = graph([{ path: 'main.tf', text }]);
  assert.deepEqual(nodes.map((n) => n.kind), ['mount', 'key', 'kms', 'distribution', 'replication']);
  assert.equal(nodes[1].facts.type, 'aes256-gcm96');
  assert.equal(edges.filter((e) => e.kind === 'replication').length, 2);
  assert.throws(() => graph('main.tf'), TypeError);
  assert.deepEqual(graph([{ path: 'main.tf', text: new TextEncoder().encode(text) }]), { nodes, edges });
});

test('every rule has its page shipped in the package, which SARIF links under --docs-base-url', () => {
  const base = 'https://example.com/docs/rules/';
  const { stdout } = runCli(['--format', 'sarif', '--docs-base-url', base, path.join(PKG, FIXTURES, 'clean')]);
  const { rules } = JSON.parse(stdout).runs[0].tool.driver;
  assert.ok(rules.length > 20);
  for (const rule of rules) {
    assert.equal(rule.helpUri, `${base}${rule.id}.md`);
    assert.equal(readFileSync(path.join(PKG, 'docs', 'rules', `${rule.id}.md`), 'utf8').includes(`# ${rule.id}`), true, rule.id);
  }
});
