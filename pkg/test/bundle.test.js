// The CLI as shipped: bin/keymgmt-lint.js runs the one-module bundle dist/cli.js (built by
// scripts/bundle.js, which `npm test` runs first). The bundle must not need node_modules at run
// time, and must not compile the core before the CLI has set its V8 tiering flag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { PKG, FIXTURES, eventSpyEnv, runCli } from './helpers.js';

const CLI = path.join(PKG, 'dist', 'cli.js');
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['NO_COLOR', 'FORCE_COLOR', 'KEYMGMT_LINT_TEST_PANIC'].includes(k) && !k.startsWith('npm_')));

function node(args, cwd) {
  const result = spawnSync(process.execPath, args, { cwd, env: ENV, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// What npm would publish, copied without any node_modules: the CLI must run from that alone.
function packageCopy(t) {
  const work = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-bundle-'));
  t.after(() => rmSync(work, { recursive: true, force: true }));
  // A node_modules above the copy would let a bare import resolve and hide the problem.
  for (let dir = work; ; dir = path.dirname(dir)) {
    assert.ok(!existsSync(path.join(dir, 'node_modules')), `${dir}/node_modules would hide a bare import`);
    if (path.dirname(dir) === dir) break;
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const listed = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG, env: ENV, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const copy = path.join(work, 'keymgmt-lint');
  for (const { path: file } of JSON.parse(listed.stdout)[0].files) {
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(PKG, file), path.join(copy, file));
  }
  return { work, copy };
}

test('dist/cli.js imports nothing but Node builtins', async () => {
  const imports = [];
  // esbuild's own parser finds every import, import() and require() with a literal specifier.
  await build({
    entryPoints: [CLI],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-imports',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            imports.push(`${args.kind} ${args.path}`);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  assert.ok(imports.length > 0, 'the bundle should import node:fs at least');
  assert.deepEqual(imports.filter((i) => !/ node:[a-z0-9_/]+$/.test(i)), []);
  // esbuild's stand-in for a require() of something it left out throws in an ES module at run time.
  assert.deepEqual(readFileSync(CLI, 'utf8').match(/\b__require\(\s*["'`][^"'`]*/g), null);
});

test('the published files alone run the CLI: no node_modules, no src/cli/', (t) => {
  const { work, copy } = packageCopy(t);
  assert.ok(!existsSync(path.join(copy, 'src', 'cli')), 'src/cli/ is bundled, so it is not published');
  const bin = path.join(copy, 'bin', 'keymgmt-lint.js');
  const { version } = JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  assert.deepEqual(node([bin, '--version'], work), { code: 0, stdout: `keymgmt-lint ${version}\n`, stderr: '' });

  // A config file's ignore glob exercises the bundled glob matcher; --explain the packaged
  // docs/rules/.
  const infra = path.join(work, 'infra');
  cpSync(path.join(PKG, FIXTURES, 'invalid-purpose'), infra, { recursive: true });
  mkdirSync(path.join(infra, 'legacy'));
  writeFileSync(path.join(infra, 'legacy', 'broken.tf'), 'resource "vault_keymgmt_key" {');
  writeFileSync(path.join(infra, '.keymgmt-lint.json'), '{"ignore": ["legacy/**"]}');
  const lint = node([bin, '--format', 'sarif', 'infra', 'infra/legacy'], work);
  assert.equal(lint.code, 1, lint.stderr);
  assert.equal(lint.stderr, 'keymgmt-lint: warning: infra/legacy is not linted: the ignore patterns of infra/.keymgmt-lint.json exclude it\n');
  const { results } = JSON.parse(lint.stdout).runs[0];
  assert.deepEqual(results.map((r) => r.ruleId), ['invalid-value']);
  const page = readFileSync(path.join(copy, 'docs', 'rules', 'invalid-value.md'), 'utf8');
  assert.deepEqual(node([bin, '--explain', 'invalid-value'], work), { code: 0, stdout: page, stderr: '' });
});

test('without dist/cli.js the bin says to build, in one line', (t) => {
  const { work, copy } = packageCopy(t);
  rmSync(path.join(copy, 'dist', 'cli.js'));
  const { code, stdout, stderr } = node([path.join(copy, 'bin', 'keymgmt-lint.js'), '--version'], work);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^keymgmt-lint: dist\/cli\.js is missing; run `npm run build`[^\n]*\n$/);
});

test('the CLI sets its V8 tiering flag before the core is compiled, and --version compiles nothing', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-flag-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = eventSpyEnv(dir);
  const run = (args) => runCli(args, { env });
  const lint = run(['--format', 'json', `${FIXTURES}/invalid-purpose`]);
  assert.equal(lint.code, 1, lint.stderr);
  // A small module: the baseline tier only (src/cli/tiering.js).
  assert.equal(lint.stderr, 'events: --liftoff-only compile\n');
  const version = run(['--version']);
  assert.equal(version.code, 0, version.stderr);
  assert.equal(version.stderr, 'events: \n');
});
