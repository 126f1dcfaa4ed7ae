// The conventions ESLint and tflint users expect of a linter's CLI, through the real CLI: listing
// and explaining rules, short flags, one-line answers to mistyped options, --max-warnings -1,
// the line a clean run prints on a terminal, warnings for paths the config ignores,
// --print-config, and no colour on a dumb terminal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rules } from 'keymgmt-lint';
import { runCli, runJson, tempModule, FIXTURES, PKG, ANSI } from './helpers.js';

const at = (name) => `${FIXTURES}/${name}`;
const fixture = (name, file = 'main.tf') => readFileSync(path.join(PKG, FIXTURES, name, file), 'utf8');

test('--list-rules lists every rule with its default severity and summary; --format json as an array', () => {
  const known = rules();
  const text = runCli(['--list-rules']);
  assert.equal(text.code, 0);
  const lines = text.stdout.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, known.length);
  lines.forEach((line, i) => {
    const [id, severity, ...summary] = line.split(/ {2,}/);
    assert.deepEqual([id, severity, summary.join('  ')], [known[i].id, known[i].severity, known[i].summary]);
  });
  for (const args of [['--list-rules', '--format', 'json'], ['--list-rules', '-f', 'json']]) {
    const json = runCli(args);
    assert.equal(json.code, 0);
    assert.deepEqual(JSON.parse(json.stdout), known.map(({ id, severity, summary }) => ({ id, severity, summary })));
  }
  const sarif = runCli(['--list-rules', '--format', 'sarif']);
  assert.deepEqual([sarif.code, sarif.stdout], [2, '']);
  assert.match(sarif.stderr, /^keymgmt-lint: --list-rules prints text, or JSON with --format json/);
});

test('--explain prints the rule page the package ships; an unknown id is one line with a did-you-mean', () => {
  const page = readFileSync(path.join(PKG, 'docs', 'rules', 'hardcoded-secret.md'), 'utf8');
  assert.deepEqual(runCli(['--explain', 'hardcoded-secret']), { code: 0, stdout: page, stderr: '' });
  assert.match(page, /## What it checks/);
  const typo = runCli(['--explain', 'hardcoded-secrets']);
  assert.deepEqual(typo, { code: 2, stdout: '', stderr: 'keymgmt-lint: --explain: unknown rule id `hardcoded-secrets`; did you mean `hardcoded-secret`?\n' });
  // Only rule pages are ever read, whatever the id holds.
  for (const id of ['README', '../../package', 'zzzzzzzzzzzz']) {
    const unknown = runCli(['--explain', id]);
    assert.equal(unknown.code, 2, id);
    assert.equal(unknown.stdout, '');
    assert.match(unknown.stderr, /^keymgmt-lint: --explain: unknown rule id `[^`]+`\n$/, id);
  }
});

test('-f, -o, -c and -q are --format, --output-file, --config and --quiet', () => {
  const dir = tempModule({ 'main.tf': fixture('unknown-argument'), 'strict.json': '{ "rules": { "missing-required-argument": "warning" } }' });
  const out = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-short-'));
  const long = runCli(['--format', 'json', '--config', 'strict.json', '--quiet', '--output-file', path.join(out, 'long.json'), '.'], { cwd: dir });
  const short = runCli(['-f', 'json', '-c', 'strict.json', '-q', '-o', path.join(out, 'short.json'), '.'], { cwd: dir });
  assert.deepEqual(short, long);
  assert.equal(long.code, 1);
  const report = JSON.parse(readFileSync(path.join(out, 'short.json'), 'utf8'));
  assert.deepEqual(report, JSON.parse(readFileSync(path.join(out, 'long.json'), 'utf8')));
  // -q kept the errors only, -c turned missing-required-argument into a warning.
  assert.ok(report.diagnostics.length > 0);
  assert.ok(report.diagnostics.every((d) => d.severity === 'error' && d.rule !== 'missing-required-argument'));
  assert.ok(runJson(['-c', 'strict.json', '.'], { cwd: dir }).report.diagnostics.some((d) => d.rule === 'missing-required-argument' && d.severity === 'warning'));
});

test('a mistyped option is answered in one line, with the option meant', () => {
  for (const [args, message] of [
    [['--formt', 'json'], "unknown option '--formt'; did you mean '--format'?"],
    [['--recursiv', '.'], "unknown option '--recursiv'; did you mean '--recursive'?"],
    [['--max-warning', '0'], "unknown option '--max-warning'; did you mean '--max-warnings'?"],
    [['--list-rule'], "unknown option '--list-rule'; did you mean '--list-rules'?"],
    [['--frobnicate'], "unknown option '--frobnicate'"],
    [['-x'], "unknown option '-x'"],
    // Terraform spells its options with one dash.
    [['-var-file=prod.tfvars'], "unknown option '-var-file'; did you mean '--var-file'?"],
    [['-format', 'json'], "unknown option '-format'; did you mean '--format'?"],
    [['--quiet=yes'], '-q, --quiet takes no value'],
    [['--format'], '-f, --format expects a value'],
    [['--var-file', '--quiet', '.'], "--var-file expects a value; write one that starts with '-' as --var-file=VALUE"],
  ]) {
    const { code, stdout, stderr } = runCli(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.equal(stderr, `keymgmt-lint: ${message} (see keymgmt-lint --help)\n`, args.join(' '));
  }
});

test('an unknown option never echoes its value, which may be a secret', () => {
  const { code, stderr } = runCli(['--secret-key=hunter2-PLANTED', at('clean')]);
  assert.equal(code, 2);
  assert.equal(stderr, "keymgmt-lint: unknown option '--secret-key' (see keymgmt-lint --help)\n");
});

test('--max-warnings -1 means no limit; other negative numbers are refused', () => {
  const args = ['--rule', 'invalid-value=warning', at('invalid-purpose')];
  assert.equal(runCli(['--max-warnings', '0', ...args]).code, 1);
  for (const limit of [['--max-warnings', '-1'], ['--max-warnings=-1']]) {
    assert.deepEqual(runCli([...limit, ...args]), runCli(args), limit.join(' '));
  }
  const refused = runCli(['--max-warnings', '-2', ...args]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /^keymgmt-lint: --max-warnings expects a non-negative integer or -1 \(no limit\), got '-2'/);
});

// `script` (util-linux) gives the CLI a real terminal as stdout.
function runInTerminal(args, { env = {}, cwd = PKG } = {}) {
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, path.join(PKG, 'bin', 'keymgmt-lint.js'), ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd,
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm', ...env },
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { code: result.status, output: result.stdout.replaceAll('\r\n', '\n') };
}

test('a clean run on a terminal says so in one line: files, resources, time; --quiet and pipes get nothing', () => {
  const clean = runInTerminal(['--no-color', at('clean')]);
  assert.equal(clean.code, 0);
  assert.match(clean.output, /^✔ No problems: 1 file, 4 resources in \d+ ms\n$/);
  const args = [at('clean'), at('planted-secrets'), '--rule', 'parse-error'];
  const { summary } = runJson(args).report;
  assert.deepEqual([summary.files, summary.resources], [3, 8]);
  assert.match(runInTerminal(['--no-color', ...args]).output, /^✔ No problems: 3 files, 8 resources in \d+ ms\n$/);
  assert.match(runInTerminal([at('clean')]).output, /^\x1b\[32m✔ No problems: /);
  assert.deepEqual(runInTerminal(['--quiet', at('clean')]), { code: 0, output: '' });
  assert.doesNotMatch(runInTerminal(['-f', 'json', at('clean')]).output, /No problems/);
  assert.deepEqual(runCli([at('clean')]), { code: 0, stdout: '', stderr: '' });
  // Problems: the report, and no such line.
  assert.doesNotMatch(runInTerminal([at('invalid-purpose')]).output, /No problems/);
});

test('TERM=dumb turns colour off on a terminal; FORCE_COLOR still forces it, NO_COLOR still stops it', () => {
  assert.match(runInTerminal([at('invalid-purpose')]).output, ANSI);
  assert.doesNotMatch(runInTerminal([at('invalid-purpose')], { env: { TERM: 'dumb' } }).output, ANSI);
  assert.match(runInTerminal([at('invalid-purpose')], { env: { TERM: 'dumb', FORCE_COLOR: '1' } }).output, ANSI);
  assert.doesNotMatch(runInTerminal([at('invalid-purpose')], { env: { NO_COLOR: '1' } }).output, ANSI);
});

test('a path named on the command line that the config ignores is not linted, and a warning says so', () => {
  const bad = fixture('invalid-purpose');
  const dir = tempModule({
    'live/main.tf': fixture('clean'),
    'live/legacy.tf': 'resource "vault_keymgmt_key" "old" {\n  path = "keymgmt"\n  nmae = "x"\n}\n',
    'legacy/main.tf': bad,
    '.keymgmt-lint.json': '{ "ignore": ["legacy/**", "live/legacy.tf"] }',
  });
  const named = runCli(['live/legacy.tf', 'legacy', 'live/main.tf'], { cwd: dir });
  assert.deepEqual(named, {
    code: 0,
    stdout: '',
    stderr:
      'keymgmt-lint: warning: live/legacy.tf is not linted: the ignore patterns of .keymgmt-lint.json exclude it\n' +
      'keymgmt-lint: warning: legacy is not linted: the ignore patterns of .keymgmt-lint.json exclude it\n',
  });
  // Found by --recursive rather than named: ignored without a word, as intended.
  assert.deepEqual(runCli(['-r', '.'], { cwd: dir }), { code: 0, stdout: '', stderr: '' });
  // With --no-config nothing is ignored.
  assert.equal(runCli(['--no-config', 'legacy'], { cwd: dir }).code, 1);
});

test('--print-config shows each module\'s config file, rules, variable sources and provider facts, never a value', () => {
  const dir = tempModule({
    'main.tf': [
      'variable "region" {\n  type    = string\n  default = "us-east-1"\n}',
      'variable "token" {\n  type      = string\n  sensitive = true\n}',
      'variable "unset" {}',
      'variable "tags" {\n  type = map(string)\n  default = {}\n}',
    ].join('\n'),
    'terraform.tfvars': 'region = "eu-west-1"\ntoken = "TFVARS-PLANTED"\n',
    'b.auto.tfvars.json': '{ "region": "eu-north-1" }',
    'prod.tfvars': 'tags = { a = "b" }\n',
    '.keymgmt-lint.json': JSON.stringify({
      rules: { 'hardcoded-secret': 'error', 'unknown-kms': 'off' },
      variables: { region: 'CONFIG-PLANTED' },
      providers: { 'azure-kv': { sku: 'standard' } },
    }),
  });
  const env = { TF_VAR_token: 'ENV-PLANTED', TF_VAR_region: 'ENV-PLANTED', TF_VAR_undeclared: 'x' };
  const { code, stdout, stderr } = runCli(['--print-config', '--var-file', 'prod.tfvars', '--var', 'extra=VAR-PLANTED', '--disable', 'duplicate-name', '.'], { cwd: dir, env });
  assert.deepEqual([code, stderr], [0, '']);
  assert.doesNotMatch(stdout, /PLANTED/);
  const { modules } = JSON.parse(stdout);
  assert.equal(modules.length, 1);
  const [module] = modules;
  assert.equal(module.path, '.');
  assert.equal(module.configFile, path.join(dir, '.keymgmt-lint.json'));
  assert.equal(module.callModuleType, 'local');
  assert.deepEqual(module.providers, { 'azure-kv': { sku: 'standard' } });
  assert.deepEqual(Object.keys(module.rules), rules().map((r) => r.id));
  assert.equal(module.rules['hardcoded-secret'], 'error');
  assert.equal(module.rules['unknown-kms'], 'off');
  assert.equal(module.rules['duplicate-name'], 'off');
  assert.equal(module.rules['invalid-value'], 'error');
  assert.deepEqual(module.variables, {
    extra: { declared: false, source: '--var', overrides: [] },
    region: {
      declared: true,
      source: path.join(dir, '.keymgmt-lint.json'),
      overrides: ['default', 'TF_VAR_region', 'terraform.tfvars', 'b.auto.tfvars.json'],
    },
    tags: { declared: true, source: 'prod.tfvars', overrides: ['default'] },
    token: { declared: true, sensitive: true, source: 'terraform.tfvars', overrides: ['TF_VAR_token'] },
    unset: { declared: true, source: null, overrides: [] },
  });
  // A file named directly: its module, and which of its files are reported.
  const named = JSON.parse(runCli(['--print-config', 'main.tf'], { cwd: dir }).stdout).modules[0];
  assert.deepEqual(named.reported, ['main.tf']);
  const refused = runCli(['--print-config', '-r', '.'], { cwd: dir });
  assert.equal(refused.code, 2);
});

test('--output-file into folders that do not exist yet keeps the exit code of the lint', () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-out-')), 'a', 'b', 'report.sarif');
  assert.equal(runCli(['-f', 'sarif', '-o', out, at('invalid-purpose')]).code, 1);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).runs[0].results.length, 1);
  writeFileSync(out, 'old');
  assert.equal(runCli(['-f', 'sarif', '-o', out, at('clean')]).code, 0);
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).runs[0].results.length, 0);
});
