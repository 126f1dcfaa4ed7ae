// --fix, --fix-unsafe and --fix-dry-run through the real CLI on real files: the safe fixes make
// each before file its after file (tests/fixes/), line endings and BOM stay, a second run
// changes nothing, unsafe fixes wait for --fix-unsafe, and a dry run writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, runJson, tempModule } from './helpers.js';

const FIXES = fileURLToPath(new URL('../../tests/fixes/', import.meta.url));
const cases = readdirSync(FIXES).filter((f) => f.endsWith('.before.tf')).map((f) => f.slice(0, -'.before.tf'.length));

test('--fix turns each before into its after, and a second --fix changes nothing', () => {
  assert.ok(cases.length >= 3);
  for (const name of cases) {
    const before = readFileSync(path.join(FIXES, `${name}.before.tf`), 'utf8');
    const after = readFileSync(path.join(FIXES, `${name}.after.tf`), 'utf8');
    const dir = tempModule({ 'main.tf': before });
    const fixed = runJson(['--fix', '.'], { cwd: dir });
    assert.equal(readFileSync(path.join(dir, 'main.tf'), 'utf8'), after, name);
    // The report is of the fixed file: no safe fix is left in it.
    assert.ok(fixed.report.diagnostics.every((d) => !(d.fixes ?? []).some((f) => f.safety === 'safe')), name);
    const mtime = statSync(path.join(dir, 'main.tf')).mtimeMs;
    runCli(['--fix', '.'], { cwd: dir });
    assert.equal(readFileSync(path.join(dir, 'main.tf'), 'utf8'), after, `${name}, twice`);
    assert.equal(statSync(path.join(dir, 'main.tf')).mtimeMs, mtime, `${name}: not written again`);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('keymgmt-lint')), [], 'no temporary file is left');
  }
});

test('--fix-unsafe turns each unsafe before into its after, which --fix alone leaves as it is', () => {
  const unsafe = path.join(FIXES, 'unsafe');
  const names = readdirSync(unsafe).filter((f) => f.endsWith('.before.tf')).map((f) => f.slice(0, -'.before.tf'.length));
  assert.equal(names.length, 3);
  for (const name of names) {
    const before = readFileSync(path.join(unsafe, `${name}.before.tf`), 'utf8');
    const after = readFileSync(path.join(unsafe, `${name}.after.tf`), 'utf8');
    const dir = tempModule({ 'main.tf': before });
    runCli(['--fix', '.'], { cwd: dir });
    assert.equal(readFileSync(path.join(dir, 'main.tf'), 'utf8'), before, `${name}: --fix makes no unsafe fix`);
    const fixed = runJson(['--fix-unsafe', '.'], { cwd: dir });
    assert.equal(readFileSync(path.join(dir, 'main.tf'), 'utf8'), after, name);
    assert.ok(fixed.report.diagnostics.every((d) => (d.fixes ?? []).length === 0), name);
    const mtime = statSync(path.join(dir, 'main.tf')).mtimeMs;
    runCli(['--fix-unsafe', '.'], { cwd: dir });
    assert.equal(statSync(path.join(dir, 'main.tf')).mtimeMs, mtime, `${name}: not written again`);
  }
});

test('line endings and a BOM are kept', () => {
  const before = readFileSync(path.join(FIXES, 'replication-order.before.tf'), 'utf8');
  const after = readFileSync(path.join(FIXES, 'replication-order.after.tf'), 'utf8');
  const crlf = (text) => `\uFEFF${text.replaceAll('\n', '\r\n')}`;
  const dir = tempModule({ 'main.tf': crlf(before) });
  runCli(['--fix', '.'], { cwd: dir });
  assert.equal(readFileSync(path.join(dir, 'main.tf'), 'utf8'), crlf(after));
});

test('--fix-dry-run prints a unified diff and writes nothing; unsafe fixes need --fix-unsafe', () => {
  const before = readFileSync(path.join(FIXES, 'misspelt-argument.before.tf'), 'utf8');
  const dir = tempModule({ 'main.tf': before });
  const dry = runCli(['--fix-dry-run', '.'], { cwd: dir });
  assert.equal(dry.code, 1);
  assert.match(dry.stdout, /^--- a\/main\.tf\n\+\+\+ b\/main\.tf\n@@ /m);
  assert.match(dry.stdout, /^-  nmae = "payments"$/m);
  assert.match(dry.stdout, /^\+  name = "payments"$/m);
  assert.equal(readFileSync(path.join(dir, 'main.tf'), 'utf8'), before);

  const pinned = tempModule({
    'versions.tf': 'terraform {\n  required_providers {\n    vault = { version = "~> 5.11" }\n  }\n}\n',
    'main.tf': 'resource "vault_keymgmt_key" "k" {\n  path = "keymgmt"\n  name = "k"\n}\n',
  });
  runCli(['--fix', '.'], { cwd: pinned });
  assert.match(readFileSync(path.join(pinned, 'main.tf'), 'utf8'), /path = "keymgmt"/, 'an unsafe fix waits');
  assert.match(runCli(['--fix-dry-run', '--fix-unsafe', '.'], { cwd: pinned }).stdout, /^\+  mount = "keymgmt"$/m);
  const fixed = runJson(['--fix-unsafe', '.'], { cwd: pinned });
  assert.match(readFileSync(path.join(pinned, 'main.tf'), 'utf8'), /mount = "keymgmt"/);
  assert.equal(fixed.code, 0);
});

test('fixes are in the JSON report and in SARIF', () => {
  const before = readFileSync(path.join(FIXES, 'purpose-slips.before.tf'), 'utf8');
  const dir = tempModule({ 'main.tf': before });
  const { report } = runJson(['.'], { cwd: dir });
  const fix = report.diagnostics.flatMap((d) => d.fixes ?? []).find((f) => f.title === 'Write `"hsm"`');
  assert.ok(fix, JSON.stringify(report.diagnostics.map((d) => d.fixes)));
  assert.equal(fix.safety, 'safe');
  const [edit] = fix.edits;
  assert.equal(Buffer.from(before).subarray(edit.range.start.offset, edit.range.end.offset).toString(), '"HSM"');
  const sarif = JSON.parse(runCli(['-f', 'sarif', '.'], { cwd: dir }).stdout);
  const fixes = sarif.runs[0].results.flatMap((r) => r.fixes ?? []);
  assert.ok(fixes.some((f) => f.artifactChanges[0].replacements[0].insertedContent.text === '"hsm"'));
});

test('--fix with --plan is a usage error', () => {
  const result = runCli(['--fix', '--plan', 'plan.json'], { cwd: tempModule({ 'plan.json': '{}' }) });
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--fix edits configuration files/);
});

test('a file that changed after it was linted is not written, even when the edits would still fit', async () => {
  const { digest, writeFixes } = await import('../src/cli/fix.js');
  const { writeFileSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(path.join(tmpdir(), 'keymgmt-fix-'));
  try {
    const file = path.join(dir, 'main.tf');
    const linted = 'resource "vault_keymgmt_key" "k" {\n  nmae = "k"\n}\n';
    // Saved by an editor meanwhile: the same length, another text where the edit would land.
    const now = 'resource "vault_keymgmt_key" "k" {\n  type = "k"\n}\n';
    writeFileSync(file, now);
    const start = linted.indexOf('nmae');
    const edits = new Map([[file, [{ start, end: start + 4, text: 'name' }]]]);
    const { fixed, skipped } = writeFixes(edits, new Map([[file, digest(Buffer.from(linted))]]));
    assert.deepEqual(fixed, []);
    assert.deepEqual(skipped, [{ file, reason: 'it changed since it was linted' }]);
    assert.equal(readFileSync(file, 'utf8'), now);

    writeFileSync(file, linted);
    assert.deepEqual(writeFixes(edits, new Map([[file, digest(Buffer.from(linted))]])).fixed, [file]);
    assert.equal(readFileSync(file, 'utf8'), linted.replace('nmae', 'name'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
