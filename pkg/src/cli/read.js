// Reads module files. Text that is not UTF-8 never reaches the core: it becomes a parse-error
// diagnostic here, positioned at the first offending byte.
import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { cannotRead } from './errors.js';

// ignoreBOM keeps a byte-order mark in the text, so the core's byte offsets match the file.
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

// The text stays in bytes: the core takes UTF-8 bytes in one copy, faster than a decoded string.
/** @returns {{ path: string, text: Uint8Array } | { path: string, diagnostic: object }} */
export function readSource(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw cannotRead(file, error);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return { path: file, diagnostic: undecodable(file, bytes, nul, `${file} looks like a binary file (NUL byte at offset ${nul})`) };
  }
  if (isUtf8(bytes)) return { path: file, text: bytes };
  const at = firstInvalidByte(bytes);
  const hex = bytes[at].toString(16).padStart(2, '0');
  return { path: file, diagnostic: undecodable(file, bytes, at, `${file} is not valid UTF-8 text (byte 0x${hex} at offset ${at})`) };
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
