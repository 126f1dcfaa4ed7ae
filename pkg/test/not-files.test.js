// Files that are not files (docs/robustness.md): FIFOs, sockets, devices and directories named as
// module files, --var-file, --config or --plan, endless standard input, and files over the
// per-file and per-module limits, through the real CLI. Each must end on its own, in a finding or
// exit 2 with one line, never a hang: every child runs under a kill timer, so that a regression
// fails the test instead of blocking the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BIN, PKG } from './helpers.js';
import { MAX_FILE_BYTES, MAX_MODULE_BYTES } from '../src/cli/limits.js';

const LIMIT = { timeout: 30_000 };
const BAD_PURPOSE = 'resource "vault_keymgmt_distribute_key" "d" {\n  path     = "keymgmt"\n  name     = "k"\n  kms_name = "kms"\n  purpose  = "sign"\n}\n';
const ONE_LINE = /^keymgmt-lint: [^\n]+\n$/;

// spawnSync blocks the event loop, so node:test's own timeout could not fire: the child is killed
// by its own timer instead, and a killed child fails the assertion below.
function run(args, { cwd = PKG, input } = {}) {
  const result = spawnSync(process.execPath, [BIN, '--format', 'json', ...args], { cwd, input, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  assert.equal(result.signal, null, `killed after 20 s: ${args.join(' ')}`);
  const report = result.status === 2 ? undefined : JSON.parse(result.stdout);
  return { code: result.status, stderr: result.stderr, report };
}

function tempDir(t) {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-notfile-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function mkfifo(file) {
  execFileSync('mkfifo', [file]);
  return file;
}

const byFile = (report) => Object.fromEntries(report.diagnostics.map((d) => [path.basename(d.file), d]));

test('a FIFO named x.tf in a module is a parse-error for it, and the other files are linted', LIMIT, (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  mkfifo(path.join(dir, 'x.tf'));
  const { code, report, stderr } = run([dir]);
  assert.equal(code, 1, stderr);
  const x = byFile(report)['x.tf'];
  assert.equal(x.rule, 'parse-error');
  assert.equal(x.message, `${path.join(dir, 'x.tf')} was not read: it is a named pipe (FIFO), not a regular file`);
  assert.deepEqual(x.range, { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } });
  assert.match(x.help, /reads only regular files/);
  assert.ok(report.diagnostics.some((d) => path.basename(d.file) === 'main.tf' && d.rule !== 'parse-error'), JSON.stringify(report.diagnostics));
  assert.equal(report.summary.files, 2);
});

test('symlinks to /dev/zero and /dev/urandom, and a socket, are parse-errors, not endless reads', LIMIT, (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  symlinkSync('/dev/zero', path.join(dir, 'a.tf'));
  symlinkSync('/dev/urandom', path.join(dir, 'b.tf.json'));
  symlinkSync('/dev/zero', path.join(dir, 'terraform.tfvars'));
  const server = createServer();
  const socket = path.join(dir, 'c.tf');
  return new Promise((resolve) => server.listen(socket, resolve)).then(() => {
    try {
      const { code, report, stderr } = run([dir]);
      assert.equal(code, 1, stderr);
      const found = byFile(report);
      assert.match(found['a.tf'].message, /a\.tf was not read: it is a character device, not a regular file$/);
      assert.match(found['b.tf.json'].message, /b\.tf\.json was not read: it is a character device, not a regular file$/);
      assert.match(found['terraform.tfvars'].message, /terraform\.tfvars was not read: it is a character device/);
      assert.match(found['c.tf'].message, /c\.tf was not read: it is a socket, not a regular file$/);
      assert.ok(found['main.tf'], 'main.tf is linted');
    } finally {
      server.close();
    }
  });
});

test('a FIFO or a device named directly on the command line is a parse-error too', LIMIT, (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  const fifo = mkfifo(path.join(dir, 'x.tf'));
  const zero = path.join(dir, 'zero.tf');
  symlinkSync('/dev/zero', zero);
  const { code, report } = run([path.join(dir, 'main.tf'), fifo, zero]);
  assert.equal(code, 1);
  assert.deepEqual(
    report.diagnostics.filter((d) => d.rule === 'parse-error').map((d) => d.message),
    [`${fifo} was not read: it is a named pipe (FIFO), not a regular file`, `${zero} was not read: it is a character device, not a regular file`],
  );
});

test('--var-file, --config and --plan on a device, FIFO or directory exit 2 with one line', LIMIT, (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  const fifo = mkfifo(path.join(dir, 'pipe'));
  const sub = path.join(dir, 'sub');
  mkdirSync(sub);
  for (const [args, expected] of [
    [['--var-file', '/dev/zero', dir], 'cannot read /dev/zero: it is a character device, not a regular file'],
    [['--var-file', '/dev/urandom', dir], 'cannot read /dev/urandom: it is a character device, not a regular file'],
    [['--var-file', fifo, dir], `cannot read ${fifo}: it is a named pipe (FIFO), not a regular file`],
    [['--var-file', sub, dir], `cannot read ${sub}: it is a directory, not a regular file`],
    [['--config', fifo, dir], `cannot read ${fifo}: it is a named pipe (FIFO), not a regular file`],
    [['--config', '/dev/zero', dir], 'cannot read /dev/zero: it is a character device, not a regular file'],
    [['--config', sub, dir], `cannot read ${sub}: it is a directory, not a regular file`],
    [['--plan', fifo], `cannot read ${fifo}: it is a named pipe (FIFO), not a regular file`],
    [['--plan', sub], `cannot read ${sub}: it is a directory, not a regular file`],
    [['--plan', '/dev/zero'], 'cannot read /dev/zero: it is a character device, not a regular file'],
  ]) {
    const { code, stderr } = run(args);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stderr, `keymgmt-lint: ${expected}\n`, args.join(' '));
  }
});

test('a FIFO found as .keymgmt-lint.json exits 2 instead of waiting for a writer', LIMIT, (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  const fifo = mkfifo(path.join(dir, '.keymgmt-lint.json'));
  const { code, stderr } = run([dir]);
  assert.equal(code, 2);
  assert.equal(stderr, `keymgmt-lint: cannot read ${fifo}: it is a named pipe (FIFO), not a regular file\n`);
});

test('--plan - fed an endless stream stops at the size limit: exit 2, one line', LIMIT, async (t) => {
  const child = spawn(process.execPath, [BIN, '--plan', '-'], { cwd: PKG, stdio: ['pipe', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGKILL'));
  // Zeros forever, as fast as the CLI takes them, until it closes its end.
  const zeros = Buffer.alloc(64 * 1024);
  let written = 0;
  const feed = () => {
    let more = true;
    while (more && child.stdin.writable) {
      more = child.stdin.write(zeros);
      written += zeros.length;
    }
  };
  child.stdin.on('drain', feed);
  child.stdin.on('error', () => {}); // EPIPE once the CLI is gone: the expected end
  feed();
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text) => { stderr += text; });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (text) => { stdout += text; });
  const [code, signal] = await new Promise((resolve) => child.on('exit', (...end) => resolve(end)));
  assert.equal(signal, null);
  assert.equal(code, 2);
  assert.equal(stdout, '');
  assert.equal(stderr, `keymgmt-lint: cannot read standard input: it holds more than the limit of ${MAX_FILE_BYTES} bytes\n`);
  assert.ok(written >= MAX_FILE_BYTES, `stopped after ${written} bytes`);
});

test('--plan - on /dev/zero, or on a directory, exits 2 with one line', LIMIT, () => {
  for (const [stdin, expected] of [
    ['/dev/zero', `it holds more than the limit of ${MAX_FILE_BYTES} bytes`],
    [tmpdir(), 'it is a directory, not a regular file'],
  ]) {
    const result = spawnSync('sh', ['-c', `exec "${process.execPath}" "${BIN}" --plan - < "${stdin}"`], { cwd: PKG, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    assert.equal(result.signal, null, stdin);
    assert.equal(result.status, 2, stdin);
    assert.equal(result.stderr, `keymgmt-lint: cannot read standard input: ${expected}\n`, stdin);
  }
});

// Sparse files: 10 GiB that cost nothing on disk, and that the CLI would need seconds and more
// memory than a Buffer may hold to read whole.
test('a 10 GiB module file, var file or plan is refused by its size without being read', LIMIT, (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  const huge = path.join(dir, 'huge.tf');
  writeFileSync(huge, '');
  truncateSync(huge, 10 * 1024 ** 3);
  const vars = path.join(dir, 'huge.tfvars');
  writeFileSync(vars, '');
  truncateSync(vars, 10 * 1024 ** 3);
  const { code, report, stderr } = run([dir, '--var-file', vars]);
  assert.equal(code, 1, stderr);
  const over = (size) => `file is ${size} bytes, over the limit of ${MAX_FILE_BYTES} bytes; it was not read`;
  const found = byFile(report);
  assert.equal(found['huge.tf'].message, over(10 * 1024 ** 3));
  assert.equal(found['huge.tfvars'].message, over(10 * 1024 ** 3));
  assert.ok(found['main.tf'], 'main.tf is linted');

  const plan = run(['--plan', huge]);
  assert.equal(plan.code, 2);
  assert.equal(plan.stderr, `keymgmt-lint: cannot read ${huge}: it is ${10 * 1024 ** 3} bytes, over the limit of ${MAX_FILE_BYTES} bytes\n`);
  const config = run(['--config', huge, dir]);
  assert.equal(config.code, 2);
  assert.match(config.stderr, ONE_LINE);
});

test("a file past the module's total limit is a parse-error without being read; later files that fit are read", LIMIT, (t) => {
  const dir = tempDir(t);
  // In name order: 10 MiB of comments (read, and counted), then a 10 MiB sparse file of zeros
  // that would take the module over 16 MiB (read, it would be a binary file; refused by its size
  // alone, it is not read), then main.tf and terraform.tfvars, which still fit.
  const each = 10 * 1024 * 1024;
  assert.ok(each <= MAX_MODULE_BYTES && 2 * each > MAX_MODULE_BYTES);
  writeFileSync(path.join(dir, 'big1.tf'), `${'#'.repeat(1023)}\n`.repeat(each / 1024));
  writeFileSync(path.join(dir, 'big2.tf'), '');
  truncateSync(path.join(dir, 'big2.tf'), each);
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  writeFileSync(path.join(dir, 'terraform.tfvars'), 'region = "eu-west-1"\n');
  const { code, report, stderr } = run([dir]);
  assert.equal(code, 1, stderr);
  const found = byFile(report);
  assert.equal(found['big1.tf'], undefined);
  assert.equal(found['big2.tf'].rule, 'parse-error');
  assert.equal(found['big2.tf'].message, `the module's files are over the limit of ${MAX_MODULE_BYTES} bytes together with this one (${each} bytes); it was not read`);
  assert.deepEqual(found['big2.tf'].range.start, { line: 1, column: 1, offset: 0 });
  assert.ok(found['main.tf'] && found['main.tf'].rule !== 'parse-error', 'main.tf, after it, is linted');
  assert.equal(found['terraform.tfvars'], undefined);
  assert.equal(report.summary.files, 4);
});

test('a file that reports size 0 but has content (/proc) is read to its end', LIMIT, (t) => {
  if (!existsSync('/proc/self/status')) {
    t.skip('no /proc');
    return;
  }
  const dir = tempDir(t);
  symlinkSync('/proc/self/status', path.join(dir, 'status.tf'));
  writeFileSync(path.join(dir, 'main.tf'), BAD_PURPOSE);
  const { report } = run([dir]);
  // Read, so the core parsed it: a syntax error with a position past 1:1, not "was not read".
  const status = byFile(report)['status.tf'];
  assert.equal(status.rule, 'parse-error');
  assert.doesNotMatch(status.message, /not read/);
});
