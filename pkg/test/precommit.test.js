// The pre-commit hook (.pre-commit-hooks.yaml, the root package.json and
// bin/keymgmt-lint-pre-commit.js) under the real pre-commit framework from PyPI, both ways a
// Terraform team can use it while the package is not on the npm registry: a `repo: local` hook
// exactly as pkg/README.md shows it, over the package installed in the project from an
// `npm pack` of this package; and the hook repository's own `repo:` + `rev:` form, with that
// tarball as `additional_dependencies`. Either way `git commit` must be refused with the
// diagnostic shown, then accepted once the module is fixed.
//
// Needs python3 with venv and PyPI (once: the venv is kept in the temp directory and reused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PKG = path.join(ROOT, 'pkg');
const PROJECT = path.join(ROOT, 'tests', 'fixtures', 'cli', 'precommit-project');
// Pinned, so that a new release cannot change what this test proves without notice. Both ways
// pre-commit installs a `language: node` hook: since 4.6.1 `npm install -g git+file://<clone>`
// plus additional_dependencies, before that `npm install` and `npm pack` in the clone, then
// `npm install -g` of the tarball plus additional_dependencies.
const PRE_COMMIT_VERSIONS = ['4.7.0', '3.8.0'];

// Nothing from the caller's git, npm or pre-commit set-up may leak in (e.g. GIT_DIR when the
// tests run inside a git hook, or a global commit.gpgsign).
const ENV = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(GIT_|PRE_COMMIT|NPM_CONFIG_|npm_config_|NODE_|NO_COLOR|FORCE_COLOR)/.test(k)),
  ),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  PRE_COMMIT_COLOR: 'never',
  NO_COLOR: '1',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};
const GIT = ['-c', 'user.name=keymgmt-lint test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

function run(cmd, args, { cwd, env = {}, timeout = 60_000 } = {}) {
  const result = spawnSync(cmd, args, { cwd, env: { ...ENV, ...env }, encoding: 'utf8', timeout });
  if (result.error) throw new Error(`${cmd} ${args.join(' ')}: ${result.error.message}`);
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

function ok(cmd, args, options) {
  const result = run(cmd, args, options);
  if (result.code !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${result.code}:\n${result.output}`);
  return result.output;
}

// The venv is built beside its final place and renamed there, so that an interrupted or
// concurrent run never leaves a half-installed one to reuse.
function preCommitVenv(version) {
  const VENV = path.join(tmpdir(), `keymgmt-lint-precommit-venv-${version}`);
  const PYTHON = path.join(VENV, 'bin', 'python');
  const usable = () => existsSync(PYTHON) && run(PYTHON, ['-m', 'pre_commit', '--version'], { timeout: 30_000 }).code === 0;
  if (usable()) return PYTHON;
  rmSync(VENV, { recursive: true, force: true });
  const building = mkdtempSync(`${VENV}-building-`);
  try {
    const venv = run('python3', ['-m', 'venv', building], { timeout: 60_000 });
    if (venv.code !== 0) {
      throw new Error(`python3 -m venv failed (on Debian/Ubuntu: apt-get install python3-venv):\n${venv.output}`);
    }
    const pip = run(
      path.join(building, 'bin', 'python'),
      ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `pre-commit==${version}`],
      { timeout: 120_000 },
    );
    if (pip.code !== 0) throw new Error(`pip could not install pre-commit==${version} from PyPI (is PyPI reachable?):\n${pip.output}`);
    renameSync(building, VENV);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    // Another run may have finished first; its venv is as good.
    if (usable()) return PYTHON;
    throw error;
  }
  return PYTHON;
}

// A git repository holding what pre-commit clones from this one: the hook manifest and the
// root package (package.json and the files it lists), as they are in the working tree.
function hookRepository(dir) {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  for (const file of ['.pre-commit-hooks.yaml', 'package.json', ...manifest.files]) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    cpSync(path.join(ROOT, file), path.join(dir, file));
  }
  ok('git', ['init', '-q', '-b', 'main', dir]);
  ok('git', [...GIT, 'add', '-A'], { cwd: dir });
  ok('git', [...GIT, 'commit', '-q', '-m', 'hook'], { cwd: dir });
  return ok('git', ['rev-parse', 'HEAD'], { cwd: dir }).trim();
}

// The `repo: local` block of pkg/README.md, as a user copies it.
function readmeLocalHook() {
  const readme = readFileSync(path.join(PKG, 'README.md'), 'utf8');
  const block = /<!-- keymgmt-lint: pre-commit repo: local -->\n```yaml\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'pkg/README.md has no pre-commit repo: local block');
  return block[1];
}

const SETUPS = {
  // The README's block, over the package installed as the README says.
  'repo: local (README)': (tmp, repo, tarball) => {
    writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'infra', private: true }));
    writeFileSync(path.join(repo, '.gitignore'), 'node_modules/\n');
    ok('npm', ['install', '--offline', '--save-dev', tarball], { cwd: repo, timeout: 120_000 });
    writeFileSync(path.join(repo, '.pre-commit-config.yaml'), readmeLocalHook());
  },
  // The hook repository as pre-commit clones it, the package from the tarball, not npm.
  'repo: + rev:': (tmp, repo, tarball) => {
    const hooks = path.join(tmp, 'hooks');
    const rev = hookRepository(hooks);
    writeFileSync(
      path.join(repo, '.pre-commit-config.yaml'),
      [
        'repos:',
        `  - repo: ${hooks}`,
        `    rev: ${rev}`,
        '    hooks:',
        '      - id: keymgmt-lint',
        `        additional_dependencies: ['${tarball}']`,
        '',
      ].join('\n'),
    );
  },
};

for (const version of PRE_COMMIT_VERSIONS) {
  for (const [setup, configure] of Object.entries(SETUPS)) {
    test(`pre-commit ${version}, ${setup}: a broken module is refused with its diagnostic, the fixed one accepted`, { timeout: 180_000 }, () =>
      commitCycle(version, configure),
    );
  }
}

function commitCycle(version, configure) {
  assert.ok(
    existsSync(path.join(PKG, 'dist', 'keymgmt_lint_bg.wasm')),
    'pkg/dist/ is missing: run `npm run --prefix pkg build` first',
  );
  const PYTHON = preCommitVenv(version);
  const tmp = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-precommit-'));
  try {
    const tarball = path.join(tmp, ok('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: PKG }).trim().split('\n').pop());
    const repo = path.join(tmp, 'project');
    const env = { PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home') };
    cpSync(PROJECT, repo, { recursive: true });
    configure(tmp, repo, tarball);
    ok('git', ['init', '-q', '-b', 'main', repo]);
    ok(PYTHON, ['-m', 'pre_commit', 'install'], { cwd: repo, env });
    const git = (...args) => run('git', [...GIT, ...args], { cwd: repo, env, timeout: 120_000 });
    const edit = (file, from, to) => {
      const text = readFileSync(path.join(repo, file), 'utf8');
      assert.ok(text.includes(from), `${file} should contain ${from}`);
      writeFileSync(path.join(repo, file), text.replace(from, to));
    };

    // 1. A broken module and a clean one: refused, with the diagnostic and its position.
    ok('git', [...GIT, 'add', '-A'], { cwd: repo });
    let commit = git('commit', '-m', 'vault keymgmt');
    assert.equal(commit.code, 1, commit.output);
    assert.match(commit.output, /keymgmt-lint\.+Failed/, commit.output);
    assert.match(commit.output, /vault\/distribution\/dist\.tf\n\s+7:14\s+error\s+`purpose` of `vault_keymgmt_distribute_key\.dist` must be a list, not a string\.\s+invalid-value/, commit.output);
    // The module is linted whole: dist.tf alone would have unresolved references.
    assert.doesNotMatch(commit.output, /unresolved-reference|vault\/clean/, commit.output);
    assert.notEqual(git('rev-parse', '--verify', '-q', 'HEAD').code, 0, 'nothing may be committed');

    // 2. Fixed: accepted.
    edit('vault/distribution/dist.tf', 'purpose  = "encrypt"', 'purpose  = ["encrypt", "decrypt"]');
    ok('git', [...GIT, 'add', '-A'], { cwd: repo });
    commit = git('commit', '-m', 'vault keymgmt');
    assert.equal(commit.code, 0, commit.output);
    assert.match(commit.output, /keymgmt-lint\.+Passed/, commit.output);

    // 3. Only keys.tf staged, the problem shows in dist.tf, which is not: the module is linted.
    edit('vault/distribution/keys.tf', 'type = "aes256-gcm96"', 'type = "rsa-2048"');
    ok('git', [...GIT, 'add', 'vault/distribution/keys.tf'], { cwd: repo });
    commit = git('commit', '-m', 'rsa key');
    assert.equal(commit.code, 1, commit.output);
    assert.match(commit.output, /vault\/distribution\/dist\.tf\n\s+6:14\s+error\s+.*`rsa-2048`.*key-type-unsupported/, commit.output);

    // 4. Only dist.tf staged, fine with the rest of its module (alone it would not resolve).
    ok('git', ['reset', '-q'], { cwd: repo });
    ok('git', ['checkout', '--', 'vault/distribution/keys.tf'], { cwd: repo });
    edit('vault/distribution/dist.tf', '["encrypt", "decrypt"]', '["encrypt"]');
    ok('git', ['add', 'vault/distribution/dist.tf'], { cwd: repo });
    commit = git('commit', '-m', 'encrypt only');
    assert.equal(commit.code, 0, commit.output);
    assert.match(commit.output, /keymgmt-lint\.+Passed/, commit.output);
    assert.equal(ok('git', ['log', '--format=%s'], { cwd: repo }), 'encrypt only\nvault keymgmt\n');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
