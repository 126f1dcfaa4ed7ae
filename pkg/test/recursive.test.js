// --recursive through the real CLI: which directories are modules, which modules are roots, the
// same report for any number of jobs, a crash on a worker thread, and the progress line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { createProgress } from '../src/cli/progress.js';
import { chooseRoots } from '../src/cli/roots.js';
import { BIN, FIXTURES, PKG, runCli, runJson, tempModule } from './helpers.js';

// A key whose type Vault does not have: one invalid-value error, named by the key's address.
const badKey = (label, type = '"rot13"') =>
  `resource "vault_keymgmt_key" "${label}" {\n  mount = "keymgmt"\n  name  = "${label}"\n  type  = ${type}\n}\n`;

const found = (report) => report.diagnostics.map((d) => `${d.file} ${d.resource}`);

// A root module calling a module that is linted through it: the key's type comes from the call,
// so that only there is it known; the module's other key is wrong whoever lints it.
const CALLED = {
  'live/prod/main.tf': 'module "kms" {\n  source = "../../modules/kms"\n  type   = "rot13"\n}\n',
  'modules/kms/main.tf': `variable "type" {}\n\n${badKey('passed', 'var.type')}\n${badKey('literal')}`,
};

test('--recursive finds the modules below a directory, not in .terraform, node_modules or .git, nor through a symlink', () => {
  const dir = tempModule({
    'main.tf': badKey('top'),
    'a/main.tf': badKey('a'),
    'a/b/c/keys.tf.json': JSON.stringify({ resource: { vault_keymgmt_key: { c: { mount: 'keymgmt', name: 'c', type: 'rot13' } } } }),
    'a/notes/README.md': 'no module here',
    '.terraform/modules/x/main.tf': badKey('installed'),
    'node_modules/pkg/main.tf': badKey('npm'),
    '.git/x/main.tf': badKey('git'),
    'sub/.terraform/main.tf': badKey('nested_installed'),
  });
  // A link back up the tree would be a loop; one sideways would lint `a` twice.
  symlinkSync('..', path.join(dir, 'a', 'up'));
  symlinkSync(path.join(dir, 'a'), path.join(dir, 'also-a'));
  const { code, report } = runJson(['--recursive', '.'], { cwd: dir });
  assert.equal(code, 1);
  assert.deepEqual(found(report), [
    'main.tf vault_keymgmt_key.top',
    'a/main.tf vault_keymgmt_key.a',
    'a/b/c/keys.tf.json vault_keymgmt_key.c',
  ]);
  // -r is --recursive; without it, subdirectories are not searched.
  assert.deepEqual(found(runJson(['-r', 'a'], { cwd: dir }).report), ['a/main.tf vault_keymgmt_key.a', 'a/b/c/keys.tf.json vault_keymgmt_key.c']);
  assert.deepEqual(found(runJson(['a'], { cwd: dir }).report), ['a/main.tf vault_keymgmt_key.a']);
});

test('--recursive skips what the config file ignores, and a tree without modules is an error', () => {
  const dir = tempModule({
    '.keymgmt-lint.json': JSON.stringify({ ignore: ['legacy/**'] }),
    'live/main.tf': badKey('live'),
    'legacy/old/main.tf': badKey('old'),
    'docs/README.md': '',
  });
  assert.deepEqual(found(runJson(['--recursive'], { cwd: dir }).report), ['live/main.tf vault_keymgmt_key.live']);
  const empty = runCli(['--recursive', 'docs'], { cwd: dir });
  assert.equal(empty.code, 2);
  assert.equal(empty.stderr, 'keymgmt-lint: docs has no Terraform files (*.tf, *.tf.json) in it or below\n');
  const file = runCli(['--recursive', 'live/main.tf'], { cwd: dir });
  assert.equal(file.code, 2);
  assert.match(file.stderr, /^keymgmt-lint: --recursive searches directories, and live\/main\.tf is not one/);
});

test('a called module is linted through its caller only, and on its own too with --include-called-modules', () => {
  const dir = tempModule(CALLED);
  const { code, report } = runJson(['--recursive', '.'], { cwd: dir });
  assert.equal(code, 1);
  assert.deepEqual(found(report), [
    'modules/kms/main.tf module.kms.vault_keymgmt_key.passed',
    'modules/kms/main.tf module.kms.vault_keymgmt_key.literal',
  ]);
  const both = runJson(['--recursive', '--include-called-modules', '.'], { cwd: dir }).report;
  assert.deepEqual(found(both), [
    'modules/kms/main.tf module.kms.vault_keymgmt_key.passed',
    'modules/kms/main.tf module.kms.vault_keymgmt_key.literal',
    // On its own the type passed in is unknown: only the literal one is wrong.
    'modules/kms/main.tf vault_keymgmt_key.literal',
  ]);
  // Which calls count follows --call-module-type: with none, nothing is called, all are roots.
  assert.deepEqual(found(runJson(['--recursive', '--call-module-type=none', '.'], { cwd: dir }).report), [
    'modules/kms/main.tf vault_keymgmt_key.literal',
  ]);
});

test('--changed lints the roots whose configuration holds the file: a called module through its callers', () => {
  const dir = tempModule({ ...CALLED, 'live/dev/main.tf': badKey('dev'), 'live/dev/terraform.tfvars': '' });
  const roots = (...changed) =>
    [...new Set(runJson(['--recursive', ...changed.map((file) => `--changed=${file}`), '.'], { cwd: dir }).report.diagnostics.map((d) => d.resource))];
  assert.deepEqual(roots('modules/kms/main.tf'), ['module.kms.vault_keymgmt_key.passed', 'module.kms.vault_keymgmt_key.literal']);
  assert.deepEqual(roots('live/dev/terraform.tfvars'), ['vault_keymgmt_key.dev']);
  assert.deepEqual(roots('elsewhere/main.tf'), []);
  const { code, stdout } = runCli(['--recursive', '--changed', 'README.md', '.'], { cwd: dir });
  assert.deepEqual({ code, stdout }, { code: 0, stdout: '' });
});

test('--jobs 1 and --jobs 2 give the same report byte for byte, in the order of the sorted roots', () => {
  const files = { ...CALLED };
  for (const name of ['zeta', 'alpha', 'mid/one', 'mid/two', 'alpha-b', 'alpha/inner']) {
    files[`${name}/main.tf`] = `${badKey('k')}\n${badKey('j', '"rsa-1024"')}`;
  }
  const dir = tempModule(files);
  const run = (jobs, format) => runCli(['--recursive', '--format', format, '--jobs', jobs, '.'], { cwd: dir });
  const one = run('1', 'json');
  assert.equal(one.code, 1, one.stderr);
  for (const jobs of ['2', '3', '16']) assert.equal(run(jobs, 'json').stdout, one.stdout, `--jobs ${jobs}`);
  assert.equal(run('2', 'stylish').stdout, run('1', 'stylish').stdout);
  // Grouped by root: modules/kms is reported where its caller live/prod sorts.
  const order = [...new Set(JSON.parse(one.stdout).diagnostics.map((d) => path.dirname(d.file)))];
  assert.deepEqual(order, ['alpha', 'alpha/inner', 'alpha-b', 'modules/kms', 'mid/one', 'mid/two', 'zeta']);
});

test('--jobs takes a positive integer, and --jobs, --include-called-modules and --changed need --recursive', () => {
  for (const jobs of ['0', 'x', '-1', '1.5', '']) {
    const { code, stdout, stderr } = runCli(['--recursive', `--jobs=${jobs}`, FIXTURES]);
    assert.equal(code, 2, jobs);
    assert.equal(stdout, '');
    assert.equal(stderr, `keymgmt-lint: --jobs expects a positive integer, got '${jobs}' (see keymgmt-lint --help)\n`);
  }
  assert.equal(runCli(['-r', '-j0', FIXTURES]).code, 2);
  for (const flag of [['--jobs', '2'], ['--include-called-modules'], ['--changed', 'main.tf']]) {
    const { code, stderr } = runCli([...flag, `${FIXTURES}/clean`]);
    assert.equal(code, 2);
    assert.equal(stderr, `keymgmt-lint: ${flag[0]} applies to --recursive (see keymgmt-lint --help)\n`);
  }
  const plan = runCli(['--recursive', '--plan', 'plan.json']);
  assert.equal(plan.code, 2);
});

test('a crash of the core on a worker thread ends the run with exit 2 and one line, without hanging', () => {
  const dir = tempModule(Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((name) => [`${name}/main.tf`, badKey(name)])));
  for (const jobs of ['2', '1']) {
    // Killed by the timeout if the run hangs: the status is then null, not 2.
    const result = spawnSync(process.execPath, [BIN, '--recursive', '--jobs', jobs, dir], {
      env: { ...process.env, KEYMGMT_LINT_TEST_PANIC: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    assert.equal(result.status, 2, `--jobs ${jobs}: ${result.signal ?? ''} ${result.stderr}`);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^keymgmt-lint: internal error: [^\n]*__testPanic[^\n]*\n$/);
  }
});

test('a usage error met on a worker thread is reported as on the main thread', () => {
  const dir = tempModule({ 'a/main.tf': badKey('a'), 'b/main.tf': badKey('b'), 'c/main.tf': badKey('c') });
  // A --var-file is read with each root, on the thread that lints it.
  for (const jobs of ['1', '2']) {
    const { code, stdout, stderr } = runCli(['--recursive', '--jobs', jobs, '--var-file', '/dev/zero', dir]);
    assert.deepEqual({ code, stdout, stderr }, { code: 2, stdout: '', stderr: 'keymgmt-lint: cannot read /dev/zero: it is a character device, not a regular file\n' });
  }
});

test('without a terminal there is no progress line, whatever the number of modules', () => {
  const dir = tempModule(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`m${i}/main.tf`, badKey('k')])));
  for (const jobs of ['1', '2']) {
    const { code, stderr } = runCli(['--recursive', '--jobs', jobs, dir]);
    assert.equal(code, 1);
    assert.equal(stderr, '');
  }
});

// `script` (util-linux) gives the CLI a real terminal; stdout and stderr both reach it.
function runInTerminal(args, env) {
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: PKG, env: { ...process.env, CI: '', ...env }, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.stdout;
}

test('on a terminal the progress line is shown, rewritten in place and erased; never in CI', () => {
  const dir = tempModule(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`m${String(i).padStart(2, '0')}/main.tf`, badKey('k')])));
  const shown = runInTerminal(['--recursive', '--no-color', dir], {});
  assert.match(shown, /\r\x1b\[2Kkeymgmt-lint: linted 0\/12 modules/);
  assert.match(shown, /\r\x1b\[2Kkeymgmt-lint: linted 12\/12 modules\r\x1b\[2K/);
  // Erased before the report, which starts on a clean line.
  assert.match(shown, /modules\r\x1b\[2K[^\r\x1b]*m00\/main\.tf/);
  const inCI = runInTerminal(['--recursive', '--no-color', dir], { CI: 'true' });
  assert.doesNotMatch(inCI, /linted/);
  assert.match(inCI, /m11\/main\.tf/);
});

// A stream that records what is written, as a terminal or not.
function fakeStream(isTTY) {
  const writes = [];
  return { isTTY, writes, write: (text) => writes.push(text) };
}

test('the progress line: shown at once for many modules, after a second for few, throttled, erased at the end', () => {
  let now = 0;
  const clock = () => now;
  const many = fakeStream(true);
  const progress = createProgress({ stream: many, env: {}, total: 100, now: clock });
  now = 10;
  progress.update(1);
  now = 60;
  progress.update(2);
  now = 70;
  progress.update(100);
  progress.end();
  assert.deepEqual(many.writes, [
    '\r\x1b[2Kkeymgmt-lint: linted 0/100 modules',
    '\r\x1b[2Kkeymgmt-lint: linted 2/100 modules',
    '\r\x1b[2Kkeymgmt-lint: linted 100/100 modules',
    '\r\x1b[2K',
  ]);

  now = 0;
  const few = fakeStream(true);
  const slow = createProgress({ stream: few, env: {}, total: 3, now: clock });
  now = 500;
  slow.update(1);
  assert.deepEqual(few.writes, []);
  now = 1500;
  slow.update(2);
  slow.end();
  assert.deepEqual(few.writes, ['\r\x1b[2Kkeymgmt-lint: linted 2/3 modules', '\r\x1b[2K']);

  // Nothing at all: not a terminal, or CI; a quick run of few modules leaves nothing to erase.
  for (const [stream, env] of [[fakeStream(false), {}], [fakeStream(true), { CI: 'true' }], [fakeStream(true), { CI: '1' }], [fakeStream(true), {}]]) {
    now = 0;
    const p = createProgress({ stream, env, total: env.CI || !stream.isTTY ? 100 : 2, now: clock });
    p.update(1);
    p.end();
    assert.deepEqual(stream.writes, [], JSON.stringify(env));
  }
  const notCI = fakeStream(true);
  createProgress({ stream: notCI, env: { CI: 'false' }, total: 100, now: clock }).end();
  assert.equal(notCI.writes.length, 2);
});

test('roots: a module another one calls is not a root; a ring of calls has one; --changed follows the calls', () => {
  const calls = { '/r': ['/m'], '/m': ['/n'], '/n': [], '/x': ['/y'], '/y': ['/x'], '/solo': [], '/p': ['/outside'], '/outside': ['/q'], '/q': [] };
  const callsOf = (dir) => calls[dir];
  const dirs = ['/m', '/n', '/p', '/q', '/r', '/solo', '/x', '/y'];
  assert.deepEqual(chooseRoots(dirs, callsOf), ['/p', '/r', '/solo', '/x']);
  assert.deepEqual(chooseRoots(dirs, callsOf, { includeCalled: true }), dirs);
  assert.deepEqual(chooseRoots(dirs, callsOf, { changed: ['/n/main.tf', '/y/keys.tf'] }), ['/r', '/x']);
  assert.deepEqual(chooseRoots(dirs, callsOf, { changed: ['/q/main.tf'] }), ['/p']);
  assert.deepEqual(chooseRoots(dirs, callsOf, { changed: [] }), []);
});
