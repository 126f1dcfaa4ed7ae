// The GitHub Action (action.yml at the repository root), its composite steps run locally the way
// the runner runs them: each `run:` script by `bash --noprofile --norc -eo pipefail FILE` (what
// `shell: bash` means), in the workspace, a temporary git repository holding a bad module, with
// the environment GitHub gives a composite step: GITHUB_WORKSPACE, GITHUB_ACTION_PATH, RUNNER_TEMP,
// a fresh GITHUB_OUTPUT file per step (read afterwards, also when the step failed), CI and
// GITHUB_ACTIONS, and the step's own `env:` with its `${{ }}` expressions evaluated. A composite
// step gets no INPUT_* variables from the runner: only what its `env:` declares. Steps run in
// order until one fails, as no step has an `if:`; then the action's outputs are evaluated.
//
// The package comes from `npm pack` of this directory, installed by the action's own install
// step once for the whole file; the other cases run the lint step with that step's outputs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const PKG = path.join(ROOT, 'pkg');
const VERSION = JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8')).version;

/**
 * Reads the YAML that action.yml and the README's workflow are written in; no YAML library is
 * among the package's dependencies, and this subset is all they use: block mappings and block
 * sequences (of mappings or scalars) by indentation (spaces), `key: value` with plain,
 * 'single-quoted' or "double-quoted" (JSON escapes) scalars, `|` literal and `>-` folded block
 * scalars, comments on lines of their own or after a value. Every scalar is a string. Anything
 * else (flow `{}` `[]`, anchors, tags, plain scalars over several lines, other block-scalar
 * headers, tabs) throws, so that the files cannot drift into YAML that this reader would misread.
 */
function parseYaml(text, name) {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  const fail = (why) => {
    throw new Error(`${name}:${i + 1}: ${why}: ${JSON.stringify(lines[i])}`);
  };
  const indentOf = (line) => line.length - line.trimStart().length;
  const next = () => {
    while (i < lines.length && /^\s*(#.*)?$/.test(lines[i])) i++;
    if (i < lines.length && /^\s*\t/.test(lines[i])) fail('a tab in the indentation');
    return lines[i];
  };
  const isItem = (line, indent) => indentOf(line) === indent && /^- /.test(line.slice(indent));

  function node(indent) {
    return isItem(next(), indent) ? sequence(indent) : mapping(indent);
  }
  function sequence(indent) {
    const items = [];
    for (let line = next(); line !== undefined && isItem(line, indent); line = next()) {
      const rest = line.slice(indent + 2);
      if (!/^[A-Za-z_][\w-]*:( |$)/.test(rest)) {
        items.push(scalar(rest));
        i++;
        continue;
      }
      // `- key: value` opens a mapping two columns in: read the dash as a space.
      lines[i] = `${line.slice(0, indent)}  ${rest}`;
      items.push(node(indent + 2));
    }
    return items;
  }
  function mapping(indent) {
    const map = {};
    for (let line = next(); line !== undefined; line = next()) {
      const at = indentOf(line);
      if (at < indent || isItem(line, indent)) break;
      if (at > indent) fail('unexpected indentation');
      const entry = /^([A-Za-z_][\w-]*):(?: +(.*))?$/.exec(line.slice(indent));
      if (!entry) fail('expected `key: value`');
      const [, key, value = ''] = entry;
      if (Object.hasOwn(map, key)) fail(`a second \`${key}\``);
      i++;
      if (value === '' || value.startsWith('#')) {
        const after = next();
        if (after !== undefined && indentOf(after) > indent) map[key] = node(indentOf(after));
        else if (after !== undefined && isItem(after, indent)) map[key] = sequence(indent);
        else map[key] = null;
      } else if (value === '|' || value === '>-') {
        map[key] = blockScalar(indent, value);
      } else {
        map[key] = scalar(value);
      }
    }
    return map;
  }
  function blockScalar(indent, header) {
    const body = [];
    let content;
    for (; i < lines.length; i++) {
      const line = lines[i];
      if (line.trim() === '') {
        body.push('');
        continue;
      }
      if (indentOf(line) <= indent) break;
      content ??= indentOf(line);
      if (indentOf(line) < content) fail('a line less indented than the block scalar');
      body.push(line.slice(content));
    }
    while (body.at(-1) === '') body.pop();
    if (header === '|') return body.length > 0 ? `${body.join('\n')}\n` : '';
    if (body.some((line) => /^\s/.test(line))) fail('a more indented line in a folded scalar');
    return body.join('\n').split(/\n\n/).map((paragraph) => paragraph.replace(/\n/g, ' ')).join('\n');
  }
  function scalar(text) {
    const quoted = /^(?:'((?:[^']|'')*)'|("(?:[^"\\]|\\.)*"))\s*(?:#.*)?$/.exec(text);
    if (quoted) return quoted[1] !== undefined ? quoted[1].replace(/''/g, "'") : JSON.parse(quoted[2]);
    const plain = text.replace(/\s+#.*$/, '').trimEnd();
    if (/^[[\]{}&*!|>%@`,'"#]|^[-?:](\s|$)|: |:$/.test(plain)) fail('YAML this reader does not take');
    return plain;
  }

  const document = mapping(0);
  if (next() !== undefined) fail('unexpected indentation');
  return document;
}

const ACTION = parseYaml(readFileSync(path.join(ROOT, 'action.yml'), 'utf8'), 'action.yml');
const STEPS = ACTION.runs.steps;

/** `${{ ... }}` as the runner evaluates it, for the few expressions a composite action needs. */
function evaluate(template, context) {
  return template.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression) => {
    let m;
    if ((m = /^inputs\.([\w-]+)$/.exec(expression))) {
      assert.ok(Object.hasOwn(context.inputs, m[1]), `action.yml uses an undeclared input: ${expression}`);
      return context.inputs[m[1]];
    }
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(expression))) return context.steps[m[1]]?.outputs[m[2]] ?? '';
    if (expression === 'github.action_path') return ROOT;
    throw new Error(`the test does not evaluate \${{ ${expression} }}`);
  });
}

/** A GITHUB_OUTPUT file: `name=value` lines, or `name<<DELIMITER`, the value's lines, the delimiter. */
function readOutputs(file) {
  const outputs = {};
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let n = 0; n < lines.length; n++) {
    if (lines[n] === '') continue;
    const heredoc = /^([^=]+)<<(.+)$/.exec(lines[n]);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], n + 1);
      assert.ok(end > n, `GITHUB_OUTPUT: ${heredoc[1]} has no end delimiter`);
      outputs[heredoc[1]] = lines.slice(n + 1, end).join('\n');
      n = end;
    } else {
      const eq = lines[n].indexOf('=');
      assert.ok(eq > 0, `GITHUB_OUTPUT: not name=value: ${JSON.stringify(lines[n])}`);
      outputs[lines[n].slice(0, eq)] = lines[n].slice(eq + 1);
    }
  }
  return outputs;
}

// Nothing from the caller's CI, npm or terminal leaks in (the tests may run inside a workflow, or
// under `npm test`, which sets npm_config_*); the node running the tests is the runner's node.
const BASE_ENV = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(GITHUB_|RUNNER_|INPUT_|npm_|NPM_CONFIG_|KEYMGMT_LINT_|NODE_OPTIONS$|NO_COLOR$|FORCE_COLOR$|CI$)/.test(k),
    ),
  ),
  PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
  CI: 'true',
  GITHUB_ACTIONS: 'true',
  // A tarball without dependencies needs no registry: offline makes sure the test uses none.
  npm_config_offline: 'true',
};

let tmp;
let workspace;
let runnerTemp;
let first; // the whole action, run once in `before`
let installed; // its install step, which the other cases reuse

/**
 * Runs the action's steps with `with` as the workflow's inputs, in order until one fails;
 * `from` skips the steps before the one with that id, reusing the outputs in `steps`.
 */
function runAction({ with: given = {}, from, steps: earlier = {} } = {}) {
  const inputs = Object.fromEntries(Object.entries(ACTION.inputs).map(([name, spec]) => [name, spec.default ?? '']));
  for (const [name, value] of Object.entries(given)) {
    assert.ok(Object.hasOwn(inputs, name), `no input ${name}`);
    inputs[name] = value;
  }
  const context = { inputs, steps: { ...earlier } };
  const first = from ? STEPS.findIndex((step) => step.id === from) : 0;
  assert.ok(first >= 0, `no step ${from}`);
  let log = '';
  let failed;
  for (const [n, step] of STEPS.entries()) {
    if (n < first) continue;
    const dir = mkdtempSync(path.join(runnerTemp, 'step-'));
    const files = Object.fromEntries(['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map((k) => [k, path.join(dir, k)]));
    for (const file of Object.values(files)) writeFileSync(file, '');
    const script = path.join(dir, 'step.sh');
    writeFileSync(script, step.run);
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(v, context)]));
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: workspace,
      env: { ...BASE_ENV, GITHUB_WORKSPACE: workspace, GITHUB_ACTION_PATH: ROOT, RUNNER_TEMP: runnerTemp, ...files, ...stepEnv },
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (result.error) throw result.error;
    log += result.stdout + result.stderr;
    context.steps[step.id] = { outputs: readOutputs(files.GITHUB_OUTPUT), status: result.status, stdout: result.stdout, stderr: result.stderr };
    if (result.status !== 0) {
      failed = { id: step.id, status: result.status };
      break;
    }
  }
  const outputs = Object.fromEntries(Object.entries(ACTION.outputs).map(([name, spec]) => [name, evaluate(spec.value, context)]));
  return { steps: context.steps, failed, outputs, log };
}

/** The lint step alone, over the package that the install step installed in `before`. */
const lint = (given) => runAction({ with: given, from: 'lint', steps: { install: installed } });

const sarifAt = (file) => JSON.parse(readFileSync(path.join(workspace, file), 'utf8'));

// The planted mistakes: `acces_key` misspelt (unknown-argument at 21:3), and the key's type from a
// variable whose value the args tests choose (invalid-value at 14:10 when it is not a key type).
const BAD_MODULE = `variable "key_type" {
  type    = string
  default = "aes256-gcm96"
}

resource "vault_mount" "keymgmt" {
  path = "keymgmt"
  type = "keymgmt"
}

resource "vault_keymgmt_key" "payments" {
  path = vault_mount.keymgmt.path
  name = "payments"
  type = var.key_type
}

resource "vault_keymgmt_aws_kms" "aws" {
  path           = vault_mount.keymgmt.path
  name           = "aws-us-west-2"
  key_collection = "us-west-2"
  acces_key      = "AKIAEXAMPLE"
}
`;

before(() => {
  assert.ok(existsSync(path.join(PKG, 'dist', 'keymgmt_lint_bg.wasm')), 'pkg/dist/ is missing: run `npm run --prefix pkg build` first');
  tmp = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-action-'));
  workspace = path.join(tmp, 'workspace');
  runnerTemp = path.join(tmp, 'runner-temp');
  mkdirSync(runnerTemp);
  mkdirSync(path.join(workspace, 'clean'), { recursive: true });
  mkdirSync(path.join(workspace, 'canary'));
  writeFileSync(path.join(workspace, 'main.tf'), BAD_MODULE);
  writeFileSync(path.join(workspace, 'clean', 'main.tf'), 'resource "vault_mount" "keymgmt" {\n  path = "keymgmt"\n  type = "keymgmt"\n}\n');
  const git = spawnSync('git', ['init', '-q', workspace], { env: { ...BASE_ENV, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } });
  assert.equal(git.status, 0, String(git.stderr));

  // The tarball as a release would ship it, in the workspace as a project would keep it. Without
  // the prepack bundle: `npm test` bundles first, and other test files run the CLI meanwhile.
  const vendor = path.join(workspace, 'vendor');
  mkdirSync(vendor);
  const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', vendor], { cwd: PKG, env: BASE_ENV, encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
  assert.deepEqual(readdirSync(vendor), [`keymgmt-lint-${VERSION}.tgz`]);

  // Every step, with the defaults but for the package: its tarball, by a path in the workspace.
  first = runAction({ with: { package: `./vendor/keymgmt-lint-${VERSION}.tgz` } });
  installed = first.steps.install;
  first.sarif = existsSync(path.join(workspace, 'keymgmt-lint.sarif')) ? sarifAt('keymgmt-lint.sarif') : undefined;
});

after(() => rmSync(tmp, { recursive: true, force: true }));

test('action.yml: a composite action of bash steps that read their inputs only through env', () => {
  assert.equal(ACTION.runs.using, 'composite');
  assert.deepEqual(Object.keys(ACTION.inputs), ['paths', 'args', 'sarif-file', 'fail-on-error', 'package']);
  assert.deepEqual(
    Object.fromEntries(Object.entries(ACTION.inputs).map(([name, spec]) => [name, spec.default])),
    { paths: '.', args: '', 'sarif-file': 'keymgmt-lint.sarif', 'fail-on-error': 'true', package: `keymgmt-lint@${VERSION}` },
    'the default package is this version of the package',
  );
  assert.deepEqual(ACTION.outputs, {
    'sarif-file': { description: ACTION.outputs['sarif-file'].description, value: '${{ steps.lint.outputs.sarif-file }}' },
    'exit-code': { description: ACTION.outputs['exit-code'].description, value: '${{ steps.lint.outputs.exit-code }}' },
  });
  assert.deepEqual(STEPS.map((step) => step.id), ['install', 'lint']);
  for (const step of STEPS) {
    // What runAction emulates, and nothing more: no `uses:`, `if:` or `working-directory:`.
    assert.deepEqual(Object.keys(step).sort(), ['env', 'id', 'name', 'run', 'shell'], step.id);
    assert.equal(step.shell, 'bash', step.id);
    // An expression in a script body is pasted into the code before bash reads it: with an input,
    // that is script injection. Inputs reach the scripts as environment variables only.
    assert.doesNotMatch(step.run, /\$\{\{/, `${step.id}: an expression in run:`);
    for (const [name, value] of Object.entries(step.env)) assert.match(value, /^\$\{\{ [\w.-]+ \}\}$/, `${step.id}: env ${name}`);
  }
});

test('install from a tarball, then lint: the SARIF is written, then the step fails on the errors', () => {
  const run = first;
  assert.equal(installed.status, 0, run.log);
  // Installed under RUNNER_TEMP, not into the project.
  assert.ok(installed.outputs.cli.startsWith(`${runnerTemp}/`), installed.outputs.cli);
  assert.ok(existsSync(installed.outputs.cli));
  assert.match(installed.stdout, new RegExp(`^keymgmt-lint ${VERSION.replace(/\./g, '\\.')}`, 'm'));
  assert.ok(!existsSync(path.join(workspace, 'node_modules')) && !existsSync(path.join(workspace, 'package.json')), 'the workspace is left alone');

  assert.deepEqual(run.failed, { id: 'lint', status: 1 }, run.log);
  assert.deepEqual(run.outputs, { 'sarif-file': 'keymgmt-lint.sarif', 'exit-code': '1' });
  const { sarif } = run;
  assert.ok(sarif, 'no SARIF written');
  assert.equal(sarif.version, '2.1.0');
  const results = sarif.runs[0].results.map((r) => {
    const { artifactLocation, region } = r.locations[0].physicalLocation;
    return `${artifactLocation.uri}:${region.startLine}:${region.startColumn} ${r.level} ${r.ruleId}`;
  });
  // URIs relative to the root of the git repository, as code scanning needs them.
  assert.deepEqual(results, ['main.tf:21:3 error unknown-argument']);
  assert.match(run.log, /^main\.tf:21:3: error: `vault_keymgmt_aws_kms\.aws` has no argument `acces_key`\. \(unknown-argument\)$/m);
  assert.match(run.log, /^keymgmt-lint: 1 error, 0 warnings, 0 notes; SARIF in keymgmt-lint\.sarif$/m);
  assert.match(run.log, /^::error title=keymgmt-lint::keymgmt-lint found errors \(exit 1\)/m);
});

test('fail-on-error: false writes the same SARIF and outputs, and the step passes', () => {
  const run = lint({ 'fail-on-error': 'false', 'sarif-file': 'reports/nested/lint.sarif' });
  assert.equal(run.failed, undefined, run.log);
  assert.deepEqual(run.outputs, { 'sarif-file': 'reports/nested/lint.sarif', 'exit-code': '1' });
  assert.deepEqual(sarifAt('reports/nested/lint.sarif').runs[0].results.map((r) => r.ruleId), ['unknown-argument']);
  assert.doesNotMatch(run.log, /::error/);
});

test('a clean module: exit 0, and a SARIF with no results is still written', () => {
  // A file name that starts with `-` is a file name, for the CLI and for node.
  writeFileSync(path.join(workspace, '-clean.sarif'), 'stale');
  const run = lint({ paths: 'clean', 'sarif-file': '-clean.sarif' });
  assert.equal(run.failed, undefined, run.log);
  assert.deepEqual(run.outputs, { 'sarif-file': '-clean.sarif', 'exit-code': '0' });
  const sarif = sarifAt('-clean.sarif');
  assert.deepEqual(sarif.runs[0].results, []);
  assert.ok(sarif.runs[0].tool.driver.rules.length > 0);
  assert.match(run.log, /^keymgmt-lint: 0 errors, 0 warnings, 0 notes; SARIF in -clean\.sarif$/m);
});

test('args holding shell metacharacters are passed as arguments, never run', () => {
  // One word in double quotes (where a shell would substitute) holding command substitution, `;`,
  // backquotes, a variable and a glob: it must reach the CLI as it is, as the value of --var, which
  // the finding quotes back.
  const value = '$(touch pwned); rm -rf canary; `touch pwned2` $HOME *';
  const run = lint({ args: `--var "key_type=${value}"\n--disable 'unknown-argument'`, paths: '. clean' });
  assert.deepEqual(run.failed, { id: 'lint', status: 1 }, run.log);
  const [result, ...others] = sarifAt('keymgmt-lint.sarif').runs[0].results;
  assert.deepEqual(others, [], 'unknown-argument is disabled, clean has no finding');
  assert.equal(result.ruleId, 'invalid-value');
  assert.ok(result.message.text.includes(`is ${JSON.stringify(value)}, which is not an allowed value`), result.message.text);
  assert.ok(!existsSync(path.join(workspace, 'pwned')) && !existsSync(path.join(workspace, 'pwned2')), 'a command ran');
  assert.ok(existsSync(path.join(workspace, 'canary')), 'a command ran');
});

test('unquoted metacharacters, and a lint that cannot run: exit 2 fails the step even with fail-on-error false', () => {
  writeFileSync(path.join(workspace, 'keymgmt-lint.sarif'), '{"stale": true}');
  const run = lint({ args: '; rm -rf canary && touch pwned | true', 'fail-on-error': 'false' });
  assert.deepEqual(run.failed, { id: 'lint', status: 2 }, run.log);
  // The words reached the CLI as options and paths, which it refused in one line.
  assert.match(run.steps.lint.stderr, /^keymgmt-lint: /m);
  assert.deepEqual(run.outputs, { 'sarif-file': '', 'exit-code': '2' });
  assert.ok(!existsSync(path.join(workspace, 'keymgmt-lint.sarif')), 'a stale SARIF must not be uploaded for this run');
  assert.ok(existsSync(path.join(workspace, 'canary')) && !existsSync(path.join(workspace, 'pwned')), 'a command ran');
  assert.match(run.log, /^::error title=keymgmt-lint::keymgmt-lint could not lint \(exit 2\)/m);
});

test('args with an unmatched quote, or holding `--`, stop before the lint runs', () => {
  for (const [args, message] of [
    ["--var 'key_type=aes", /The args input has an unmatched quote/],
    ['--quiet -- main.tf', /The args input holds '--'/],
  ]) {
    const run = lint({ args });
    assert.deepEqual(run.failed, { id: 'lint', status: 2 }, run.log);
    assert.match(run.log, message);
    assert.deepEqual(run.outputs, { 'sarif-file': '', 'exit-code': '' });
  }
});

test('args that end the run before linting leave no SARIF, and the step fails', () => {
  const run = lint({ args: '--version' });
  assert.deepEqual(run.failed, { id: 'lint', status: 2 }, run.log);
  assert.deepEqual(run.outputs, { 'sarif-file': '', 'exit-code': '0' });
  assert.match(run.log, /keymgmt-lint wrote no SARIF/);
});

// The workflow in the README, as a user copies it: every input it sets exists, and the upload
// takes the SARIF from the outputs of the step that ran the action.
test('README.md: the workflow uses the action as it is', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- keymgmt-lint: github action workflow -->\n```yaml\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, 'README.md has no GitHub Actions workflow block');
  const workflow = parseYaml(block[1], 'README.md workflow');
  const [job] = Object.values(workflow.jobs);
  assert.equal(job.permissions['security-events'], 'write');
  const uses = job.steps.map((step) => step.uses);
  assert.ok(uses.some((u) => /^actions\/checkout@/.test(u)) && uses.some((u) => /^actions\/setup-node@/.test(u)), uses.join(', '));
  const action = job.steps.find((step) => /\/keymgmt-lint@/.test(step.uses ?? ''));
  assert.ok(action?.id, 'the action step has an id');
  for (const name of Object.keys(action.with ?? {})) assert.ok(Object.hasOwn(ACTION.inputs, name), `no input ${name}`);
  const upload = job.steps.find((step) => /^github\/codeql-action\/upload-sarif@v3$/.test(step.uses ?? ''));
  assert.equal(upload.with.sarif_file, `\${{ steps.${action.id}.outputs.sarif-file }}`);
  assert.match(upload.if, /always\(\)/);
});
