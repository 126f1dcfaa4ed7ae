// Reads a module's files. What never reaches the core becomes a parse-error diagnostic for its
// file, beside the core's findings on the others: text that is not UTF-8 (positioned at the
// first offending byte), a file that is not a regular file (a FIFO, a socket, a device), and a
// file over the per-file or the module's limit (./limits.js), neither of which is read.
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { readRegularFile, NotRegularFileError } from './input.js';
import { MAX_FILE_BYTES, MAX_MODULE_BYTES } from './limits.js';
import { cannotRead } from './errors.js';

// ignoreBOM keeps a byte-order mark in the text, so the core's byte offsets match the file.
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** @typedef {{ path: string, text: Uint8Array } | { path: string, diagnostic: object }} Source */

/**
 * Reads a module's files in the order given (the order Terraform loads them). As the core does,
 * a file that would take the module's total over MAX_MODULE_BYTES gets a diagnostic instead and
 * is not read, and the files after it are still read if they fit; a file over MAX_FILE_BYTES is
 * not read. Only the files that reach the core count towards the total, as in the core, so that
 * the two never disagree on which file was over it.
 *
 * @param {string[]} files
 * @param {Set<string>} [arguments_] files named by a flag (--var-file): one that is not a regular
 *   file is a usage error (exit 2), like a missing one, rather than a finding about the module
 * @param {number} [total] bytes already read of the configuration's other files
 * @param {Map<string, Uint8Array>} [overlay] texts by absolute path that stand in for files
 * @returns {Source[]}
 * @throws {UsageError} when a file cannot be opened or read (missing, permission denied, ...)
 */
export function readModule(files, arguments_ = new Set(), total = 0, overlay = undefined) {
  return files.map((file) => {
    // The text of --stdin stands in for the file of that name, on disk or not.
    const given = overlay?.get(path.resolve(file));
    if (given !== undefined) {
      const source = decode(file, given);
      if (source.text !== undefined) total += source.text.length;
      return source;
    }
    let read;
    try {
      read = readRegularFile(file, Math.min(MAX_FILE_BYTES, MAX_MODULE_BYTES - total));
    } catch (error) {
      if (error instanceof NotRegularFileError && !arguments_.has(file)) {
        return { path: file, diagnostic: notRegular(file, error) };
      }
      throw cannotRead(file, error);
    }
    if (read.size > MAX_FILE_BYTES) return { path: file, diagnostic: overFileLimit(file, read.size) };
    if (read.size !== undefined) return { path: file, diagnostic: overModuleLimit(file, read.size) };
    const source = decode(file, read.bytes);
    if (source.text !== undefined) total += source.text.length;
    return source;
  });
}

// The text stays in bytes: the core takes UTF-8 bytes in one copy, faster than a decoded string.
/** @returns {Source} */
function decode(file, bytes) {
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { path: file, diagnostic: undecodable(file, bytes, nul, `${file} looks like a binary file (NUL byte at offset ${nul})`) };
  }
  if (isUtf8(bytes)) return { path: file, text: bytes };
  const at = firstInvalidByte(bytes);
  const hex = bytes[at].toString(16).padStart(2, '0');
  return { path: file, diagnostic: undecodable(file, bytes, at, `${file} is not valid UTF-8 text (byte 0x${hex} at offset ${at})`) };
}

// The core's own diagnostics for the two limits, word for word, now given without reading the file.
function overFileLimit(file, size) {
  return unread(file, `file is ${size} bytes, over the limit of ${MAX_FILE_BYTES} bytes; it was not read`);
}

function overModuleLimit(file, size) {
  return unread(
    file,
    `the module's files are over the limit of ${MAX_MODULE_BYTES} bytes together with this one (${size} bytes); it was not read`,
  );
}

function notRegular(file, error) {
  return unread(
    file,
    `${file} was not read: ${error.message}`,
    'keymgmt-lint reads only regular files: a pipe, socket or device may block or never end. Replace it with the file it stands for, or remove it from the module.',
  );
}

// At 1:1 and empty, as the core places its size-limit diagnostics: nothing of the file was read.
function unread(file, message, help) {
  const range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
  return { rule: 'parse-error', severity: 'error', message, file, range, ...(help && { help }), related: [] };
}

function undecodable(file, bytes, offset, message) {
  const start = positionAt(bytes, offset);
  const end = { line: start.line, column: start.column + 1, offset: offset + 1 };
  return {
    rule: 'parse-error',
    severity: 'error',
    message,
    file,
    range: { start, end },
    help: 'Terraform reads configuration files as UTF-8 text; re-save the file as UTF-8 or remove it from the module.',
    related: [],
  };
}

// Same coordinates as the core: 1-based line, 1-based column in UTF-16 code units, byte offset.
function positionAt(bytes, offset) {
  // lastIndexOf would read a negative start as counting from the end of the buffer.
  const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(0x0a, offset - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  const column = lenient.decode(bytes.subarray(lineStart, offset)).length + 1;
  return { line, column, offset };
}

// The offset where the first invalid UTF-8 sequence starts (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF). A Latin-1 "é" is reported at the é, not at the byte after.
function firstInvalidByte(bytes) {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let length;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      const [lo, hi] = k === 1 ? [min, max] : [0x80, 0xbf];
      if (c === undefined || c < lo || c > hi) return i;
    }
    i += length;
  }
  return -1;
}
