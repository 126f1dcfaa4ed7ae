// --fix, --fix-unsafe and --fix-dry-run: the fixes the core attached to the diagnostics, applied
// to the files as byte edits (the core's offsets are UTF-8 bytes), so that line endings, a BOM
// and everything around an edit stay as they were. A file is written atomically (a temporary
// file in its directory, then a rename) and only if it still holds what the edits were made for.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';

/**
 * The edits to make, by file: of each diagnostic's fixes the first that `unsafe` allows, whole
 * or not at all; a fix that overlaps one taken before it (in file order) is left for the next
 * pass, as it may no longer apply once the first is made.
 *
 * @param {object[]} diagnostics the report's, with the paths the files were read by
 * @returns {Map<string, { start: number, end: number, text: string, range: object }[]>} byte offsets,
 *   and the edit's range as the core gave it (the language server's edits are in lines and columns)
 */
export function editsByFile(diagnostics, { unsafe }) {
  const chosen = new Map();
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => unsafe || f.safety === 'safe');
    if (!fix) continue;
    if (!chosen.has(d.file)) chosen.set(d.file, []);
    chosen.get(d.file).push(fix.edits.map((e) => ({ start: e.range.start.offset, end: e.range.end.offset, text: e.text, range: e.range })));
  }
  const byFile = new Map();
  for (const [file, fixes] of chosen) {
    fixes.sort((a, b) => Math.min(...a.map((e) => e.start)) - Math.min(...b.map((e) => e.start)));
    const taken = [];
    let end = -1;
    for (const edits of fixes) {
      // The same fix twice (instances of one block share their findings) is made once.
      if (edits.every((e) => taken.some((t) => t.start === e.start && t.end === e.end && t.text === e.text))) continue;
      if (Math.min(...edits.map((e) => e.start)) < end) continue;
      end = Math.max(...edits.map((e) => e.end));
      taken.push(...edits);
    }
    byFile.set(file, taken);
  }
  return byFile;
}

/** `bytes` with `edits` (byte offsets into them) made. */
export function applyEdits(bytes, edits) {
  const encoder = new TextEncoder();
  const parts = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    parts.push(bytes.subarray(at, edit.start), encoder.encode(edit.text));
    at = edit.end;
  }
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** What a file held when it was linted, to tell whether it changed since. */
export function digest(bytes) {
  return createHash('sha256').update(bytes).digest('base64');
}

/**
 * Makes the edits in the files. A file that changed since it was linted (its edits would land in
 * the wrong places) or that cannot be written is left as it is.
 *
 * @param {Map<string, string>} linted the digest of each file's text as it was linted
 * @returns {{ fixed: string[], skipped: { file: string, reason: string }[] }}
 */
export function writeFixes(byFile, linted) {
  const fixed = [];
  const skipped = [];
  for (const [file, edits] of byFile) {
    if (edits.length === 0) continue;
    try {
      const before = readFileSync(file);
      if (digest(before) !== linted.get(file)) {
        skipped.push({ file, reason: 'it changed since it was linted' });
        continue;
      }
      writeAtomically(file, applyEdits(before, edits), before);
      fixed.push(file);
    } catch (error) {
      skipped.push({ file, reason: error.code === 'ECHANGED' ? 'it changed since it was linted' : error.code ?? error.message });
    }
  }
  return { fixed, skipped };
}

/** A unified diff of what the edits would change, file by file; nothing is written. */
export function dryRunDiff(byFile) {
  const decoder = new TextDecoder();
  let out = '';
  for (const [file, edits] of byFile) {
    if (edits.length === 0) continue;
    const before = readFileSync(file);
    const after = applyEdits(before, edits);
    const name = file.split(path.sep).join('/');
    out += createTwoFilesPatch(`a/${name}`, `b/${name}`, decoder.decode(before), decoder.decode(after), '', '', { context: 3 });
  }
  return out;
}

// Written beside the file, then renamed over it: a reader sees the old file or the new one,
// never half of one. The file keeps its mode; it is not replaced if it changed meanwhile.
function writeAtomically(file, bytes, expected) {
  const { mode } = statSync(file);
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.keymgmt-lint`);
  writeFileSync(temporary, bytes, { flag: 'wx', mode });
  try {
    chmodSync(temporary, mode);
    if (!readFileSync(file).equals(expected)) throw Object.assign(new Error('changed'), { code: 'ECHANGED' });
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
