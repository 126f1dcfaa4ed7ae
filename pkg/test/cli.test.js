// The real CLI in a child process: exit codes, formats, options and failure modes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli, runJson, tempModule, FIXTURES, PKG, ANSI, inRepo } from './helpers.js';

const at = (name) => `${FIXTURES}/${name}`;
const rulesOf = (report) => report.diagnostics.map((d) => d.rule);

test('a clean module exits 0 and prints nothing', () => {
  const { code, stdout, stderr } = runCli([at('clean')]);
  assert.equal(code, 0);
  assert.equal(stdout, '');
  assert.equal(stderr, '');
});

test('errors exit 1 and are listed in stylish format', () => {
  const { code, stdout } = runCli([at('invalid-purpose')]);
  assert.equal(code, 1);
  const lines = stdout.split('\n');
  assert.equal(lines[0], `${at('invalid-purpose')}/main.tf`);
  assert.match(lines[1], /^ {2}22:14 {2}error {2}`purpose` of `vault_keymgmt_distribute_key\.dist` .* {2}invalid-value$/);
  assert.match(lines[2], /^ +help: /);
  assert.match(stdout, /\n✖ 1 problem \(1 error, 0 warnings, 0 infos\)\n$/);
});

test('stylish output shows each diagnostic\'s help and related locations', () => {
  const args = ['--rule', 'purpose-key-type', at('purpose-key-type')];
  const { report } = runJson(args);
  const [d] = report.diagnostics;
  assert.equal(d.rule, 'purpose-key-type');
  assert.ok(d.help, 'no help');
  assert.ok(d.related.length >= 1, 'no related locations');
  const text = readFileSync(path.join(PKG, d.file), 'utf8').split('\n');
  // The key's `type`, whose value the rule holds the purpose against.
  assert.ok(d.related.some((r) => text[r.range.start.line - 1].startsWith('  type = ')), JSON.stringify(d.related));
  const { code, stdout } = runCli(args);
  assert.equal(code, 1);
  const lines = stdout.split('\n');
  const row = lines.findIndex((l) => l.endsWith('  purpose-key-type'));
  const indent = ' '.repeat(lines[row + 1].indexOf('help: '));
  assert.equal(lines[row + 1], `${indent}help: ${d.help}`);
  d.related.forEach((r, i) => {
    assert.equal(lines[row + 2 + i], `${indent}related: ${r.file}:${r.range.start.line}:${r.range.start.column} ${r.message}`);
  });
});

test('duplicate-name points at the second name and names the first in related', () => {
  const args = ['--rule', 'duplicate-name', at('duplicate-name')];
  const { code, report } = runJson(args);
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.equal(d.rule, 'duplicate-name');
  assert.equal(d.resource, 'vault_keymgmt_key.app_copy');
  assert.deepEqual([d.range.start.line, d.range.start.column], [14, 10]);
  assert.equal(d.related.length, 1);
  const [r] = d.related;
  assert.equal(r.file, `${at('duplicate-name')}/main.tf`);
  assert.deepEqual([r.range.start.line, r.range.start.column], [8, 10]);
  const { stdout } = runCli(args);
  assert.ok(stdout.includes(` related: ${r.file}:8:10 ${r.message}\n`), stdout);
});

test('--format json prints one Report and nothing else', () => {
  const { code, report, stderr } = runJson([at('invalid-purpose'), at('missing-required'), at('clean')]);
  assert.equal(code, 1);
  assert.equal(stderr, '');
  assert.deepEqual(Object.keys(report).sort(), ['diagnostics', 'modules', 'summary']);
  // Several modules: which provider generation each was checked against, by module.
  assert.deepEqual(report.modules.map((m) => [m.path, m.schemaGeneration.pinned]), [
    [at('invalid-purpose'), null], [at('missing-required'), null], [at('clean'), null],
  ]);
  assert.deepEqual(rulesOf(report), ['invalid-value', 'missing-required-argument']);
  assert.deepEqual(report.summary, { errors: 2, warnings: 0, infos: 0, files: 3, resources: 4 + 2 + 4 });
  const [d] = report.diagnostics;
  assert.equal(d.file, `${at('invalid-purpose')}/main.tf`);
  assert.equal(d.severity, 'error');
  assert.equal(d.resource, 'vault_keymgmt_distribute_key.dist');
  assert.deepEqual(d.related, []);
  const text = readFileSync(path.join(PKG, d.file));
  assert.equal(text.subarray(d.range.start.offset, d.range.end.offset).toString(), '"encrypt"');
  assert.deepEqual(d.range.start, { line: 22, column: 14, offset: d.range.start.offset });
});

test('diagnostics keep the paths the user gave, relative to the working directory', () => {
  const { report } = runJson(['missing-required'], { cwd: path.join(PKG, FIXTURES) });
  assert.deepEqual(report.diagnostics.map((d) => d.file), ['missing-required/main.tf']);
  const named = runJson([`./${at('missing-required')}/main.tf`]).report;
  assert.deepEqual(named.diagnostics.map((d) => d.file), [`./${at('missing-required')}/main.tf`]);
});

test('the default path is the current directory', () => {
  const { code, report } = runJson([], { cwd: path.join(PKG, at('missing-required')) });
  assert.equal(code, 1);
  assert.deepEqual(report.diagnostics.map((d) => d.file), ['main.tf']);
});

test('unknown-argument suggests the closest name', () => {
  const { report } = runJson([at('unknown-argument')]);
  const d = report.diagnostics.find((x) => x.rule === 'unknown-argument');
  assert.ok(d, 'no unknown-argument diagnostic');
  assert.match(d.message, /key_colection/);
  assert.match(d.help, /key_collection/);
});

test('syntax errors are parse-error diagnostics with a position', () => {
  const { code, report } = runJson([at('parse-error')]);
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.equal(d.rule, 'parse-error');
  assert.equal(d.range.start.line, 3);
  assert.equal(report.summary.errors, 1);
});

test('.tf.json modules are linted with positions in the JSON text', () => {
  const { report } = runJson([at('json-config')]);
  const [d] = report.diagnostics;
  assert.equal(d.rule, 'invalid-value');
  const text = readFileSync(path.join(PKG, d.file));
  // The span may or may not include the JSON string's quotes; either way it is that value.
  assert.equal(text.subarray(d.range.start.offset, d.range.end.offset).toString().replace(/^"|"$/g, ''), 'rsa-1024');
  assert.equal(d.range.start.line, 7);
});

test('--quiet reports errors only', () => {
  const args = ['--rule', 'missing-required-argument=warning', at('unknown-argument')];
  assert.deepEqual(rulesOf(runJson(args).report).sort(), ['missing-required-argument', 'unknown-argument']);
  const { code, report } = runJson(['--quiet', ...args]);
  assert.equal(code, 1);
  assert.deepEqual(rulesOf(report), ['unknown-argument']);
  assert.equal(report.summary.warnings, 0);
  assert.doesNotMatch(runCli(['--quiet', ...args]).stdout, / warning /);
});

test('--max-warnings turns too many warnings into exit 1', () => {
  const args = ['--rule', 'invalid-value=warning', at('invalid-purpose')];
  assert.equal(runCli(args).code, 0);
  assert.equal(runCli(['--max-warnings', '1', ...args]).code, 0);
  const over = runCli(['--max-warnings', '0', ...args]);
  assert.equal(over.code, 1);
  assert.match(over.stderr, /too many warnings \(1, maximum 0\)/);
  assert.equal(runCli(['--quiet', '--max-warnings', '0', ...args]).code, 1);
});

test('--rule off silences a rule', () => {
  const { code, report } = runJson(['--rule', 'invalid-value=off', at('invalid-purpose')]);
  assert.equal(code, 0);
  assert.deepEqual(report.diagnostics, []);
});

const BOTH = [at('invalid-purpose'), at('missing-required')];

test('--rule ID runs only the rules named with --rule', () => {
  assert.deepEqual(rulesOf(runJson(BOTH).report), ['invalid-value', 'missing-required-argument']);
  const one = runJson(['--rule', 'invalid-value', ...BOTH]);
  assert.equal(one.code, 1);
  assert.deepEqual(rulesOf(one.report), ['invalid-value']);
  assert.deepEqual(one.report.summary, { errors: 1, warnings: 0, infos: 0, files: 2, resources: 6 });
  const two = runJson(['--rule', 'invalid-value', '--rule', 'missing-required-argument', ...BOTH]);
  assert.deepEqual(rulesOf(two.report), ['invalid-value', 'missing-required-argument']);
  // Selecting a rule that finds nothing here leaves nothing to report.
  const silent = runJson(['--rule', 'parse-error', ...BOTH]);
  assert.equal(silent.code, 0);
  assert.deepEqual(silent.report.diagnostics, []);
});

test('--rule ID=SETTING beside --rule ID also selects its rule, at that setting', () => {
  const { code, report } = runJson(['--rule', 'invalid-value', '--rule', 'missing-required-argument=warning', ...BOTH]);
  assert.equal(code, 1);
  assert.deepEqual(report.diagnostics.map((d) => [d.rule, d.severity]), [['invalid-value', 'error'], ['missing-required-argument', 'warning']]);
  // Alone, a setting selects nothing: every rule still runs.
  assert.deepEqual(rulesOf(runJson(['--rule', 'missing-required-argument=warning', ...BOTH]).report), ['invalid-value', 'missing-required-argument']);
  assert.deepEqual(rulesOf(runJson(['--rule', 'invalid-value', '--rule', 'missing-required-argument=off', ...BOTH]).report), ['invalid-value']);
});

test('--disable ID turns a rule off, and wins over --rule', () => {
  const { code, report } = runJson(['--disable', 'invalid-value', ...BOTH]);
  assert.equal(code, 1);
  assert.deepEqual(rulesOf(report), ['missing-required-argument']);
  const none = runJson(['--disable', 'invalid-value', '--disable', 'missing-required-argument', ...BOTH]);
  assert.equal(none.code, 0);
  assert.deepEqual(none.report.diagnostics, []);
  assert.deepEqual(rulesOf(runJson(['--rule', 'invalid-value=warning', '--disable', 'invalid-value', ...BOTH]).report), ['missing-required-argument']);
  assert.deepEqual(rulesOf(runJson(['--rule', 'invalid-value', '--disable', 'invalid-value', ...BOTH]).report), []);
});

test('an unknown rule id exits 2 with one line naming the flag', () => {
  const typo = runCli(['--rule', 'invalid-valu', at('invalid-purpose')]);
  assert.equal(typo.code, 2);
  assert.equal(typo.stdout, '');
  assert.equal(typo.stderr, 'keymgmt-lint: --rule: unknown rule id `invalid-valu`; did you mean `invalid-value`?\n');
  assert.equal(runCli(['--rule', 'invalid-valu=off', at('clean')]).stderr, typo.stderr);
  const unknown = runCli(['--disable', 'no-such-rule', at('clean')]);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, 'keymgmt-lint: --disable: unknown rule id `no-such-rule`\n');
});

test('terraform.tfvars, *.auto.tfvars, --var-file and --var apply in Terraform\'s order', () => {
  assert.deepEqual(rulesOf(runJson([at('tfvars')]).report), ['invalid-value']);
  const good = `${at('tfvars')}/overrides/good.tfvars`;
  const bad = `${at('tfvars')}/overrides/bad.tfvars`;
  const fixed = runJson(['--var-file', good, at('tfvars')]);
  assert.equal(fixed.code, 0);
  assert.equal(fixed.report.summary.files, 3);
  assert.deepEqual(rulesOf(runJson(['--var-file', good, '--var-file', bad, at('tfvars')]).report), ['invalid-value']);
  assert.equal(runJson(['--var-file', bad, '--var-file', good, at('tfvars')]).code, 0);
  assert.equal(runJson(['--var-file', bad, '--var', 'purpose=["decrypt"]', at('tfvars')]).code, 0);
  // z.auto.tfvars sorts after a.auto.tfvars and terraform.tfvars, so its wrong value wins.
  assert.deepEqual(rulesOf(runJson([at('auto-tfvars')]).report), ['invalid-value']);
  assert.equal(runJson(['--var', 'purpose=["decrypt"]', at('auto-tfvars')]).code, 0);
});

test('--var values that are not JSON are strings', () => {
  const { report } = runJson(['--var', 'purpose=encrypt', at('auto-tfvars')]);
  assert.match(report.diagnostics[0].message, /must be a list, not a string/);
});

test('a file named directly is linted with its whole directory, and only its own problems are reported', () => {
  // main.tf alone would not know the value terraform.tfvars beside it gives var.purpose.
  const named = runJson([`${at('tfvars')}/main.tf`]);
  assert.equal(named.code, 1);
  assert.deepEqual(rulesOf(named.report), ['invalid-value']);
  assert.equal(named.report.summary.files, 1);
  // A variable file named directly applies after the directory's own.
  const dir = tempModule({
    'main.tf': readFileSync(path.join(PKG, at('tfvars'), 'main.tf')),
    'terraform.tfvars': readFileSync(path.join(PKG, at('tfvars'), 'terraform.tfvars')),
    'good.tfvars': readFileSync(path.join(PKG, at('tfvars'), 'overrides', 'good.tfvars')),
  });
  assert.equal(runJson(['main.tf'], { cwd: dir }).code, 1);
  const fixed = runJson(['main.tf', 'good.tfvars'], { cwd: dir });
  assert.equal(fixed.code, 0);
  assert.deepEqual(fixed.report.diagnostics, []);
});

test('--version and --help print and exit 0', () => {
  const { version } = JSON.parse(readFileSync(path.join(PKG, 'package.json'), 'utf8'));
  assert.deepEqual(runCli(['--version']), { code: 0, stdout: `keymgmt-lint ${version}\n`, stderr: '' });
  const help = runCli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: keymgmt-lint \[options\] \[paths\.\.\.\]/);
  for (const option of ['--var-file', '--var', '--format', '--output-file', '--quiet', '--max-warnings', '--no-color', '--rule', '--disable']) {
    assert.ok(help.stdout.includes(`${option} `), option);
  }
  for (const name of ['stylish', 'json', 'sarif', 'github', 'junit']) assert.match(help.stdout, new RegExp(`\\b${name}\\b`), name);
});

test('usage errors exit 2 with one line on stderr', () => {
  for (const args of [
    ['--frobnicate'],
    ['--format', 'xml', '.'],
    ['--format', 'SARIF', '.'],
    ['--output-file', '', at('clean')],
    ['--output-file'],
    ['--max-warnings', 'many', '.'],
    ['--var', 'novalue', '.'],
    ['--rule', 'invalid-value=loud', '.'],
    ['--rule', 'no-such-rule=off', at('clean')],
    ['--rule', 'no-such-rule', at('clean')],
    ['--disable', 'no-such-rule', at('clean')],
    ['--rule', '', at('clean')],
    ['--disable', 'invalid-value=off', at('clean')],
    [`${at('tfvars')}/overrides/notes.txt`],
  ]) {
    const { code, stdout, stderr } = runCli(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '');
    assert.match(stderr, /^keymgmt-lint: [^\n]+\n$/, args.join(' '));
  }
});

test('a missing path exits 2 naming the path and the reason', () => {
  const { code, stdout, stderr } = runCli([at('clean'), 'no/such/dir']);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, 'keymgmt-lint: cannot read no/such/dir: no such file or directory\n');
  assert.equal(runCli(['--var-file', 'missing.tfvars', at('clean')]).stderr, 'keymgmt-lint: cannot read missing.tfvars: no such file or directory\n');
});

test('a path that cannot be read as a file exits 2', () => {
  const { code, stderr } = runCli(['--var-file', at('tfvars'), at('clean')]);
  assert.equal(code, 2);
  assert.equal(stderr, `keymgmt-lint: cannot read ${at('tfvars')}: it is a directory, not a regular file\n`);
});

test('an unreadable file exits 2', () => {
  const dir = tempModule({ 'main.tf': '' });
  chmodSync(dir, 0o755);
  chmodSync(path.join(dir, 'main.tf'), 0);
  // Root reads any file, so as root the CLI runs as `nobody` (setpriv, from util-linux).
  const asRoot = process.getuid?.() === 0;
  const { code, stderr } = asRoot
    ? spawnAs('nobody', [dir])
    : runCli([dir]);
  assert.equal(code, 2);
  assert.match(stderr, /^keymgmt-lint: cannot read .*main\.tf: permission denied\n$/);
});

// Runs a copy of the package as `user`: the checkout itself may sit where that user cannot go.
function spawnAs(user, args) {
  const copy = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-pkg-'));
  for (const part of ['package.json', 'bin', 'src', 'dist']) {
    cpSync(path.join(PKG, part), path.join(copy, part), { recursive: true });
  }
  chmodSync(copy, 0o755);
  const result = spawnSync(
    'setpriv',
    ['--reuid', user, '--regid', 'nogroup', '--clear-groups', process.execPath, 'bin/keymgmt-lint.js', ...args],
    { cwd: copy, encoding: 'utf8', env: { PATH: process.env.PATH } },
  );
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('a binary .tf file is a parse-error at its first NUL byte', () => {
  const dir = tempModule({ 'main.tf': Buffer.from('resource "x" "y" {\n  a = "\u00e9\0"\n}\n') });
  const { code, report } = runJson([dir]);
  assert.equal(code, 1);
  const file = path.join(dir, 'main.tf');
  assert.deepEqual(report.diagnostics, [
    {
      rule: 'parse-error',
      severity: 'error',
      message: `${file} looks like a binary file (NUL byte at offset 28)`,
      file,
      range: { start: { line: 2, column: 9, offset: 28 }, end: { line: 2, column: 10, offset: 29 } },
      help: report.diagnostics[0].help,
      related: [],
    },
  ]);
  assert.match(report.diagnostics[0].help, /UTF-8/);
  assert.deepEqual(report.summary, { errors: 1, warnings: 0, infos: 0, files: 1, resources: 0 });
});

test('a non-UTF-8 .tf file is a parse-error at the first invalid byte, beside the core\'s findings', () => {
  const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from('\nlocals {}\n')]);
  const dir = tempModule({ 'a.tf': latin1, 'b.tf': readFileSync(path.join(PKG, at('missing-required'), 'main.tf')) });
  const { code, report } = runJson([dir]);
  assert.equal(code, 1);
  assert.deepEqual(rulesOf(report), ['parse-error', 'missing-required-argument']);
  const [d] = report.diagnostics;
  assert.equal(d.message, `${path.join(dir, 'a.tf')} is not valid UTF-8 text (byte 0xe9 at offset 5)`);
  assert.deepEqual(d.range.start, { line: 1, column: 6, offset: 5 });
  assert.deepEqual(report.summary, { errors: 2, warnings: 0, infos: 0, files: 2, resources: 2 });
});

test('an offending first byte is at line 1, column 1, whatever follows', () => {
  const dir = tempModule({ 'main.tf': Buffer.from('\0\nlocals {}\n') });
  const [d] = runJson([dir]).report.diagnostics;
  assert.deepEqual(d.range.start, { line: 1, column: 1, offset: 0 });
});

test('columns count UTF-16 code units, offsets count bytes', () => {
  const dir = tempModule({ 'main.tf': Buffer.concat([Buffer.from('# 😀é'), Buffer.from([0xff])]) });
  const [d] = runJson([dir]).report.diagnostics;
  assert.deepEqual(d.range.start, { line: 1, column: 6, offset: 8 });
});

test('without a terminal, or with NO_COLOR, there is no colour', () => {
  assert.doesNotMatch(runCli([at('invalid-purpose')]).stdout, ANSI);
  assert.doesNotMatch(runCli([at('invalid-purpose')], { env: { NO_COLOR: '1' } }).stdout, ANSI);
});

test('FORCE_COLOR forces colour, --no-color still wins', () => {
  const forced = runCli([at('invalid-purpose')], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
  assert.match(forced.stdout, ANSI);
  assert.match(forced.stdout, /\x1b\[31merror/);
  assert.doesNotMatch(runCli(['--no-color', at('invalid-purpose')], { env: { FORCE_COLOR: '1' } }).stdout, ANSI);
  assert.doesNotMatch(runJson([at('invalid-purpose')], { env: { FORCE_COLOR: '1' } }).stdout, ANSI);
});

test('a panic in the core exits 2 with one line and no stack trace', () => {
  const { code, stdout, stderr } = runCli([at('clean')], { env: { KEYMGMT_LINT_TEST_PANIC: '1' } });
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^keymgmt-lint: internal error: [^\n]*__testPanic[^\n]*\n$/);
  assert.doesNotMatch(stderr, /\bat .*\.js:\d+/);
});

// `script` (util-linux) gives the CLI a real terminal as stdout.
function runInTerminal(args, env) {
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const command = [process.execPath, path.join(PKG, 'bin', 'keymgmt-lint.js'), ...args].map(quote).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: PKG, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env }, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.stdout;
}

test('on a terminal there is colour, unless NO_COLOR is set', () => {
  const colored = runInTerminal([at('invalid-purpose')], {});
  assert.match(colored, /invalid-value/);
  assert.match(colored, ANSI);
  const plain = runInTerminal([at('invalid-purpose')], { NO_COLOR: '1' });
  assert.match(plain, /invalid-value/);
  assert.doesNotMatch(plain, ANSI);
});

test('a directory without Terraform files exits 2 rather than passing silently', () => {
  const { code, stdout, stderr } = runCli([FIXTURES]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, `keymgmt-lint: ${FIXTURES} has no Terraform files (*.tf, *.tf.json); subdirectories are not searched\n`);
});

test('--format github prints one workflow command per diagnostic', () => {
  const args = [at('purpose-key-type'), at('missing-required')];
  const { report } = runJson(args);
  const { code, stdout, stderr } = runCli(['--format', 'github', ...args]);
  assert.equal(code, 1);
  assert.equal(stderr, '');
  const lines = stdout.split('\n');
  assert.equal(lines.pop(), '');
  assert.equal(lines.length, report.diagnostics.length);
  lines.forEach((line, i) => {
    const d = report.diagnostics[i];
    const { start, end } = d.range;
    // Relative to the repository's root, as GitHub names the files of a pull request.
    const where = `file=${inRepo(d.file)},line=${start.line},col=${start.column},endLine=${end.line},endColumn=${end.column},title=${d.rule}`;
    assert.ok(line.startsWith(`::${d.severity === 'info' ? 'notice' : d.severity} ${where}::${d.message}`), line);
  });
  const warned = runCli(['--format', 'github', '--rule', 'invalid-value=warning', at('invalid-purpose')]);
  assert.equal(warned.code, 0);
  assert.match(warned.stdout, /^::warning file=/);
  assert.equal(runCli(['--format', 'github', at('clean')]).stdout, '');
});

test('--format junit is XML with one testcase per file and rule, and passing clean files', async () => {
  const { XMLParser, XMLValidator } = await import('fast-xml-parser');
  const { code, stdout } = runCli(['--format', 'junit', at('invalid-purpose'), at('tfvars'), at('clean')]);
  assert.equal(code, 1);
  assert.equal(XMLValidator.validate(stdout), true);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(stdout);
  const suites = parsed.testsuites.testsuite;
  assert.deepEqual(suites.map((s) => s.name), [
    inRepo(`${at('invalid-purpose')}/main.tf`),
    inRepo(`${at('tfvars')}/main.tf`),
    inRepo(`${at('tfvars')}/terraform.tfvars`),
    inRepo(`${at('clean')}/main.tf`),
  ]);
  const failing = suites.flatMap((s) => s.testcase.filter((t) => t.failure).map((t) => [s.name, t.name, t.classname]));
  assert.deepEqual(failing, [
    [inRepo(`${at('invalid-purpose')}/main.tf`), 'invalid-value (22:14)', inRepo(`${at('invalid-purpose')}/main`)],
    [inRepo(`${at('tfvars')}/main.tf`), 'invalid-value (26:14)', inRepo(`${at('tfvars')}/main`)],
  ]);
  assert.deepEqual([parsed.testsuites.tests, parsed.testsuites.failures], ['4', '2']);
});

test('--output-file writes the report there, stdout stays empty, exit codes are unchanged', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-out-'));
  for (const [format, args, expectedCode] of [
    ['sarif', [at('invalid-purpose')], 1],
    ['json', [at('clean')], 0],
    ['stylish', [at('invalid-purpose')], 1],
    ['github', ['--rule', 'invalid-value=warning', '--max-warnings', '0', at('invalid-purpose')], 1],
  ]) {
    const file = path.join(dir, `out.${format}`);
    const { code, stdout, stderr } = runCli(['--format', format, '--output-file', file, ...args], { env: { FORCE_COLOR: '' } });
    assert.equal(code, expectedCode, format);
    assert.equal(stdout, '');
    assert.equal(readFileSync(file, 'utf8'), runCli(['--format', format, ...args]).stdout, format);
    if (format === 'github') assert.match(stderr, /too many warnings/);
    else assert.equal(stderr, '');
  }
  // A clean stylish run writes an empty file (replacing what was there).
  const file = path.join(dir, 'out.stylish');
  assert.equal(runCli(['--output-file', file, at('clean')]).code, 0);
  assert.equal(readFileSync(file, 'utf8'), '');
});

test('--output-file makes the folders it needs, and the exit code is the lint\'s', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-out-'));
  const file = path.join(dir, 'reports', 'keymgmt-lint', 'junit.xml');
  const { code, stdout, stderr } = runCli(['-f', 'junit', '-o', file, at('invalid-purpose')]);
  assert.deepEqual([code, stdout, stderr], [1, '', '']);
  assert.equal(readFileSync(file, 'utf8'), runCli(['--format', 'junit', at('invalid-purpose')]).stdout);
});

test('an unwritable --output-file exits 2 with one line naming it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-out-'));
  const plain = path.join(dir, 'plain');
  writeFileSync(plain, '');
  for (const [file, reason] of [
    [path.join(plain, 'sub', 'out.sarif'), 'not a directory'],
    [dir, 'illegal operation on a directory'],
  ]) {
    const { code, stdout, stderr } = runCli(['--format', 'sarif', '--output-file', file, at('invalid-purpose')]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, `keymgmt-lint: cannot write ${file}: ${reason}\n`);
  }
});

test('no output format ever contains the value of a sensitive argument', () => {
  const dir = at('planted-secrets');
  const planted = ['main.tf', 'terraform.tfvars'].map((f) => readFileSync(path.join(PKG, dir, f), 'utf8')).join('');
  // The fixture does hold the secrets, on the lines the rules report.
  assert.equal(planted.match(/SECRET-PLANTED-123-[A-F]/g).length, 6);
  const { report } = runJson([dir]);
  const lines = planted.split('\n');
  const reported = report.diagnostics.filter((d) => d.file.endsWith('main.tf') && lines[d.range.start.line - 1].includes('SECRET-PLANTED'));
  assert.ok(reported.length >= 5, JSON.stringify(report.diagnostics.map((d) => d.message)));
  assert.ok(report.diagnostics.some((d) => d.rule === 'hardcoded-secret'));
  assert.ok(report.diagnostics.some((d) => d.rule === 'invalid-value' && /secret_key/.test(d.message)));
  const outDir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-out-'));
  for (const format of ['stylish', 'json', 'sarif', 'github', 'junit']) {
    const { code, stdout, stderr } = runCli(['--format', format, dir], { env: { FORCE_COLOR: '1' } });
    assert.equal(code, 1, format);
    assert.ok(stdout.length > 0, format);
    assert.doesNotMatch(stdout + stderr, /SECRET-PLANTED/, format);
    const file = path.join(outDir, format);
    runCli(['--format', format, '--output-file', file, dir]);
    assert.doesNotMatch(readFileSync(file, 'utf8'), /SECRET-PLANTED/, format);
  }
});
