// The CLI's input limits (src/cli/limits.js) against the core's, and the bounded reads that
// apply them (src/cli/input.js). The CLI side of each case is in not-files.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { lint } from '../src/index.js';
import { MAX_FILE_BYTES, MAX_MODULE_BYTES } from '../src/cli/limits.js';
import { NotRegularFileError, readRegularFile, readStreamUpTo } from '../src/cli/input.js';

// The CLI words its own diagnostics for the two limits as the core does (src/cli/read.js).
test("the CLI's limits are the core's", () => {
  const over = lint([{ path: 'big.tf', text: Buffer.alloc(MAX_FILE_BYTES + 1, '#') }]);
  assert.equal(over.diagnostics[0].message, `file is ${MAX_FILE_BYTES + 1} bytes, over the limit of ${MAX_FILE_BYTES} bytes; it was not read`);
  const half = MAX_MODULE_BYTES / 2;
  const module = lint([
    { path: 'a.tf', text: Buffer.alloc(half, '#') },
    { path: 'b.tf', text: Buffer.alloc(half + 1, '#') },
    { path: 'c.tf', text: Buffer.alloc(half, '#') },
  ]);
  assert.deepEqual(
    module.diagnostics.map((d) => [d.file, d.message]),
    [['b.tf', `the module's files are over the limit of ${MAX_MODULE_BYTES} bytes together with this one (${half + 1} bytes); it was not read`]],
  );
});

test('an endless stream is read up to the limit and a chunk or two, then destroyed', { timeout: 10_000 }, async () => {
  const chunk = Buffer.alloc(64 * 1024);
  let produced = 0;
  const endless = new Readable({
    read() {
      produced += chunk.length;
      this.push(chunk);
    },
  });
  const limit = 1024 * 1024;
  const result = await readStreamUpTo(endless, limit);
  assert.equal(result.bytes, undefined);
  assert.ok(result.size > limit && result.size <= limit + chunk.length, `stopped at ${result.size}`);
  // What the stream read ahead of the consumer (its buffer) is all that was produced beyond that.
  assert.ok(produced <= limit + 4 * chunk.length, `produced ${produced}`);
  assert.equal(endless.destroyed, true);
});

test('a stream within the limit is read whole', async () => {
  const result = await readStreamUpTo(Readable.from([Buffer.from('ab'), Buffer.from('c')]), 3);
  assert.deepEqual(result, { bytes: Buffer.from('abc') });
  assert.deepEqual(await readStreamUpTo(Readable.from([Buffer.from('abcd')]), 3), { size: 4 });
});

test('readRegularFile reads regular files, gives the size of larger ones, and refuses the rest', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-lint-input-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'a.tf');
  writeFileSync(file, 'x'.repeat(100));
  assert.deepEqual(readRegularFile(file, 100), { bytes: Buffer.from('x'.repeat(100)) });
  assert.deepEqual(readRegularFile(file, 99), { size: 100 });
  symlinkSync(file, path.join(dir, 'link.tf'));
  assert.equal(readRegularFile(path.join(dir, 'link.tf'), 100).bytes.length, 100);
  for (const [other, kind] of [[dir, 'a directory'], ['/dev/null', 'a character device']]) {
    assert.throws(() => readRegularFile(other, 100), (error) => error instanceof NotRegularFileError && error.message === `it is ${kind}, not a regular file`);
  }
  assert.throws(() => readRegularFile(path.join(dir, 'missing.tf'), 100), { code: 'ENOENT' });
});
