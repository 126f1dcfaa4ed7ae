// Every recursive walk of the core, driven to its limit inside the WebAssembly build: the stack
// there is set at build time (.cargo/config.toml), and none of these may trap. Each input ends
// in a diagnostic (or a TypeError for options nested past JSON's limit), never an InternalError.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as api from '../src/index.js';

const rulesOf = (report) => report.diagnostics.map((d) => d.rule);

const nested = (depth, leaf) => {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

const key = (argument) =>
  `resource "vault_keymgmt_key" "key" {\n  path = "keymgmt"\n  name = "key"\n  ${argument}\n}\n`;

test("a .tf.json local nested to the JSON parser's limit is evaluated to the evaluation limit", () => {
  const text = JSON.stringify({
    locals: { deep: nested(500, 'x') },
    resource: { vault_keymgmt_key: { key: { path: 'keymgmt', name: 'key', replica_regions: '${local.deep}' } } },
  });
  const report = api.lint([{ path: 'main.tf.json', text }]);
  assert.ok(rulesOf(report).includes('evaluation-limit'), JSON.stringify(report));
  // Past the parser's own limit it is a parse error, not a deeper walk.
  const deeper = JSON.stringify({ locals: { deep: nested(600, 'x') } });
  assert.deepEqual(rulesOf(api.lint([{ path: 'main.tf.json', text: deeper }])), ['parse-error']);
});

test('a chain of ten thousand locals is followed link by link, in the order of its references', () => {
  const locals = Array.from({ length: 10_000 }, (_, i) => `  l${i} = local.l${i + 1}\n`).join('');
  const text = `locals {\n${locals}  l10000 = "us-east-1"\n}\n${key('replica_regions = [local.l0]')}`;
  assert.deepEqual(rulesOf(api.lint([{ path: 'main.tf', text }])), []);
});

test('a chain of resources each reading the next ends at the evaluation depth limit', () => {
  const chain = Array.from(
    { length: 2_000 },
    (_, i) => `resource "terraform_data" "r${i}" {\n  input = terraform_data.r${i + 1}.input\n}\n`,
  ).join('');
  const text = `${chain}resource "terraform_data" "r2000" {\n  input = "x"\n}\n${key('replica_regions = [terraform_data.r0.input]')}`;
  const report = api.lint([{ path: 'main.tf', text }]);
  assert.ok(rulesOf(report).includes('evaluation-limit'), JSON.stringify(rulesOf(report)));
  assert.match(report.diagnostics.find((d) => d.rule === 'evaluation-limit').message, /more than 128 deep/);
});

test('values nest 64 deep, and no deeper', () => {
  const lint = (depth) =>
    api.lint([
      { path: 'locals.tf.json', text: JSON.stringify({ locals: { v: nested(depth, 'x') } }) },
      { path: 'main.tf', text: key('replica_regions = local.v') },
    ]);
  assert.ok(!rulesOf(lint(64)).includes('evaluation-limit'));
  assert.ok(rulesOf(lint(65)).includes('evaluation-limit'));
});

test('a doubling template stops at the size limit, quickly and in bounded memory', () => {
  const locals = Array.from({ length: 60 }, (_, i) => `  l${i} = "\${local.l${i + 1}}\${local.l${i + 1}}"\n`).join('');
  const text = `locals {\n${locals}  l60 = "x"\n}\n${key('type = local.l0')}`;
  const report = api.lint([{ path: 'main.tf', text }]);
  const limit = report.diagnostics.find((d) => d.rule === 'evaluation-limit');
  assert.ok(limit, JSON.stringify(report));
  assert.match(limit.message, /more than 2097152 elements and string bytes/);
});

test('sensitive() marks a value nested to the limit', () => {
  const json = JSON.stringify({ locals: { raw: nested(63, 'x'), v: '${sensitive(local.raw)}' } });
  const report = api.lint([{ path: 'locals.tf.json', text: json }, { path: 'main.tf', text: key('replica_regions = local.v') }]);
  assert.ok(!rulesOf(report).includes('evaluation-limit'), JSON.stringify(report));
});

test("a variable from the options nested past the value limit is reported; past JSON's limit refused", () => {
  const files = [{ path: 'main.tf', text: `variable "v" {}\n${key('replica_regions = var.v')}` }];
  const report = api.lint(files, { variables: { v: nested(100, 'x') } });
  assert.ok(rulesOf(report).includes('evaluation-limit'), JSON.stringify(report));
  const refused = (error) => error instanceof TypeError && /nested deeper than 128/.test(error.message);
  assert.throws(() => api.lint(files, { variables: { v: nested(10_000, 'x') } }), refused);
  assert.throws(() => api.graph(files, { variables: { v: nested(10_000, 'x') } }), refused);
});

test("a plan whose values nest to the JSON parser's limit", () => {
  const values = { path: 'keymgmt', name: 'key', replica_regions: nested(500, 'x') };
  const resource = { address: 'vault_keymgmt_key.key', mode: 'managed', type: 'vault_keymgmt_key', name: 'key', values };
  const report = api.lintPlan(JSON.stringify({ planned_values: { root_module: { resources: [resource] } } }));
  assert.ok(rulesOf(report).includes('evaluation-limit'), JSON.stringify(report));
});
