// Hostile inputs through the real CLI and WebAssembly core: each ends in a diagnostic with a
// position (or a clean report), never a crash, a trap or a hang. The Rust side of the same list
// is tests/hostile.rs; the limits are documented in docs/robustness.md.
import assert from 'node:assert/strict';
import path from 'node:path';
import test from 'node:test';
import { runJson, tempModule } from './helpers.js';

const KEY = 'resource "vault_keymgmt_key" "k" {\n  path = "keymgmt"\n  name = "k"\n  type = "rsa-1"\n}\n';

test('a 50 MB file is one parse-error over the size limit, and the other files are still linted', () => {
  const huge = Buffer.alloc(50 * 1024 * 1024, '#');
  huge.write('\n', huge.length - 1);
  const dir = tempModule({ 'huge.tf': huge, 'main.tf': KEY });
  const { code, report, stderr } = runJson([dir]);
  assert.equal(code, 1, stderr);
  const [limit, ...rest] = report.diagnostics;
  assert.equal(limit.rule, 'parse-error');
  assert.equal(limit.file, path.join(dir, 'huge.tf'));
  assert.match(limit.message, /is 52428800 bytes, over the limit of 33554432 bytes; it was not read/);
  assert.deepEqual(limit.range.start, { line: 1, column: 1, offset: 0 });
  assert.deepEqual(
    rest.map((d) => [d.rule, d.range.start.line]),
    [['invalid-value', 4]],
  );
});

test('100,000 nested brackets and parentheses are a parse-error with a position', () => {
  const depth = 100_000;
  for (const [open, close] of [['[', ']'], ['(', ')'], ['{', '}']]) {
    const dir = tempModule({ 'main.tf': `locals {\n  deep = ${open.repeat(depth)}1${close.repeat(depth)}\n}\n${KEY}` });
    const { code, report, stderr } = runJson([dir]);
    assert.equal(code, 1, `${open}: ${stderr}`);
    assert.equal(stderr, '', open);
    const parse = report.diagnostics.find((d) => d.rule === 'parse-error');
    assert.ok(parse, `${open}: no parse-error in ${JSON.stringify(report.diagnostics)}`);
    assert.equal(parse.range.start.line, 2, open);
    assert.ok(parse.range.start.column > 1, open);
  }
});

test('an unterminated heredoc at the end of the file is a parse-error, not a hang', () => {
  const dir = tempModule({ 'main.tf': `locals {\n  doc = <<EOT\n${'line\n'.repeat(100_000)}` });
  const { code, report } = runJson([dir]);
  assert.equal(code, 1);
  const [d] = report.diagnostics;
  assert.equal(d.rule, 'parse-error');
  assert.match(d.message, /heredoc end delimiter/);
  // Where the heredoc's body begins, the line after `<<EOT`.
  assert.deepEqual(d.range.start, { line: 3, column: 1, offset: 23 });
});
