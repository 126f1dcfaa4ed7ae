// The package as users get it: `npm pack`, installed from the tarball into a fresh directory,
// then the CLI through npx and the API from an ES module and from a CommonJS script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PKG, FIXTURES } from './helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// No colour or panic hook from the caller's shell; npm must not ask anything.
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'KEYMGMT_LINT_TEST_PANIC'].includes(k) && !k.startsWith('npm_')));

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, env: { ...ENV, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' }, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('npm pack produces a package that installs and runs from a temporary directory', { timeout: 180_000 }, (t) => {
  const work = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-pack-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));

  const packed = run(npm, ['pack', '--ignore-scripts', '--pack-destination', work], PKG);
  assert.equal(packed.code, 0, packed.stderr);
  const [tarball] = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  assert.ok(tarball, 'no tarball');

  const app = path.join(work, 'app');
  cpSync(path.join(PKG, FIXTURES, 'invalid-purpose'), path.join(app, 'infra'), { recursive: true });
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
  // The package has no runtime dependencies, so installing it needs no registry.
  const installed = run(npm, ['install', '--offline', path.join(work, tarball)], app);
  assert.equal(installed.code, 0, installed.stderr);

  const cli = run(npx, ['--no', '--', 'keymgmt-lint', '--format', 'github', 'infra'], app);
  assert.equal(cli.code, 1, cli.stderr);
  assert.match(cli.stdout, /^::error file=infra\/main\.tf,line=22,col=14,.*title=invalid-value::/);
  // The pre-commit hook's wrapper is a bin of the package too, for `repo: local` hooks.
  const hook = run(npx, ['--no', '--', 'keymgmt-lint-pre-commit', '--format', 'github', 'infra/main.tf'], app);
  assert.equal(hook.code, 1, hook.stderr);
  assert.match(hook.stdout, /^::error file=infra\/main\.tf,line=22,col=14,.*title=invalid-value::/);
  const version = run(npx, ['--no', '--', 'keymgmt-lint', '--version'], app);
  assert.match(version.stdout, /^keymgmt-lint \d+\.\d+\.\d+/);

  const script = (apiImport) => `${apiImport}
const { readFileSync } = require_('node:fs');
const report = lint([{ path: 'infra/main.tf', text: readFileSync('infra/main.tf', 'utf8') }]);
const sarif = JSON.parse(format(report, 'sarif'));
console.log(JSON.stringify({ rules: report.diagnostics.map((d) => d.rule), results: sarif.runs[0].results.length, version: version(), schemas: Object.keys(schemas()).length, ruleCount: rules().length, internal: typeof InternalError }));
`;
  writeFileSync(
    path.join(app, 'esm.mjs'),
    script("import { lint, format, rules, schemas, version, InternalError } from 'keymgmt-lint';\nimport { createRequire } from 'node:module';\nconst require_ = createRequire(import.meta.url);"),
  );
  writeFileSync(path.join(app, 'cjs.cjs'), script("const { lint, format, rules, schemas, version, InternalError } = require('keymgmt-lint');\nconst require_ = require;"));
  const outputs = ['esm.mjs', 'cjs.cjs'].map((file) => {
    const { code, stdout, stderr } = run(process.execPath, [file], app);
    assert.equal(code, 0, `${file}: ${stderr}`);
    assert.equal(stderr, '', file);
    return JSON.parse(stdout);
  });
  assert.deepEqual(outputs[0], outputs[1]);
  const [esm] = outputs;
  assert.deepEqual(esm.rules, ['invalid-value']);
  assert.equal(esm.results, 1);
  assert.ok(esm.schemas >= 7 && esm.ruleCount > 0);
  assert.equal(esm.internal, 'function');
  // And the CommonJS entry is what require() loads there.
  const resolved = run(process.execPath, ['-p', "require.resolve('keymgmt-lint')"], app);
  assert.equal(resolved.stdout.trim(), path.join(app, 'node_modules', 'keymgmt-lint', 'dist', 'index.cjs'));
});
