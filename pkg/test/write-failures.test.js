// Where the report cannot go: a full disk, an unwritable stdout, a reader that goes away, and a
// report whose size must stay proportional to the findings. The real CLI, real descriptors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { runCli, runJson, tempModule, BIN, FIXTURES, PKG } from './helpers.js';

const INVALID = `${FIXTURES}/invalid-purpose`;
const NO_STACK = /\bat .*\.js:\d+|node:internal|^\s+at /m;
const hasDevFull = existsSync('/dev/full');

/** Runs the CLI with `fd` (opened here, closed after) as its stdout. */
function runWithStdout(args, open) {
  const fd = open();
  try {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: PKG, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '' } });
    if (result.error) throw result.error;
    return { code: result.status, stderr: result.stderr };
  } finally {
    closeSync(fd);
  }
}

test('stdout on a full disk (> /dev/full): exit 2, one line, no stack trace', { skip: !hasDevFull && 'no /dev/full' }, () => {
  for (const args of [[INVALID], ['--format', 'sarif', INVALID], ['--help']]) {
    const { code, stderr } = runWithStdout(args, () => openSync('/dev/full', 'w'));
    assert.equal(code, 2, args.join(' '));
    assert.equal(stderr, 'keymgmt-lint: cannot write to stdout: no space left on device\n');
    assert.doesNotMatch(stderr, NO_STACK);
  }
  // A clean run writes nothing, so nothing fails.
  assert.deepEqual(runWithStdout([`${FIXTURES}/clean`], () => openSync('/dev/full', 'w')), { code: 0, stderr: '' });
});

test('stdout that cannot be written (EBADF: open for reading only): exit 2, one line', () => {
  const file = path.join(tempModule({ 'stdout.txt': '' }), 'stdout.txt');
  const { code, stderr } = runWithStdout([INVALID], () => openSync(file, 'r'));
  assert.equal(code, 2);
  assert.equal(stderr, 'keymgmt-lint: cannot write to stdout: bad file descriptor\n');
});

test('--output-file on a full disk: exit 2, one line naming it', { skip: !hasDevFull && 'no /dev/full' }, () => {
  const { code, stdout, stderr } = runCli(['--output-file', '/dev/full', INVALID]);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, 'keymgmt-lint: cannot write /dev/full: no space left on device\n');
});

/** A module with `count` resources, each with one misspelt argument: `count` findings. */
function manyFindings(count, before = '') {
  let text = before;
  for (let i = 0; i < count; i++) text += `resource "vault_keymgmt_key" "k${i}" {\n  path = "keymgmt"\n  name = "k${i}"\n  nmae = "x"\n}\n`;
  return tempModule({ 'main.tf': text });
}

test('a reader that goes away (| head -1) ends the run quietly, with the exit code of the lint', () => {
  // Over a megabyte of JSON, far more than a pipe holds, so the CLI is still writing when head exits.
  const dir = manyFindings(3000);
  const script = '"$0" "$1" --format json "$2" | head -1; echo "exit=${PIPESTATUS[0]}"';
  const result = spawnSync('bash', ['-c', script, process.execPath, BIN, dir], { cwd: PKG, encoding: 'utf8' });
  if (result.error) throw result.error;
  assert.equal(result.stdout, '{\nexit=1\n');
  assert.equal(result.stderr, '');
});

test('stylish output stays proportional to the findings: a 100 KB argument name beside 200 findings', () => {
  const name = 'a'.repeat(100 * 1024);
  // In the same file: stylish aligns the rows of each file.
  const dir = manyFindings(200, `resource "vault_keymgmt_key" "long" {\n  path = "keymgmt"\n  name = "long"\n  ${name} = "x"\n}\n`);
  const { report } = runJson([dir]);
  assert.equal(report.diagnostics.length, 201);
  const text = report.diagnostics.reduce((sum, d) => sum + d.message.length + (d.help?.length ?? 0) + d.file.length, 0);
  const { code, stdout } = runCli([dir]);
  assert.equal(code, 1);
  // Padding every line to the longest message gave 201 lines of 100 KB, 20 MB.
  assert.ok(stdout.length < 3 * text + 100 * report.diagnostics.length, `${stdout.length} characters for ${text} of text`);
  // The short messages still line up: their rule ids start in one column.
  const columns = new Set(stdout.split('\n').filter((l) => l.endsWith('  unknown-argument') && l.length < 200).map((l) => l.lastIndexOf('  unknown-argument')));
  assert.equal(columns.size, 1, [...columns].join(', '));
});
