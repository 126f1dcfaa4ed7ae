// Reading input within limits: only regular files, and never more than a given number of bytes.
//
// A FIFO without a writer blocks open() and read() forever, /dev/zero and /dev/urandom never end,
// and a 10 GB file read whole exhausts memory before any size check could refuse it. So files are
// opened with O_NONBLOCK (opening a FIFO then returns at once) and checked with fstat on the
// opened descriptor, which is the file that will be read. That is the check that counts: one by
// name (stat, done first only to spare opening what is plainly no file) could be raced by a
// rename or a symlink swap before the open. Only a regular file is read, and only up to the limit.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';

// O_NOCTTY: a terminal device named as a file must not become the process's controlling
// terminal. Both are 0 where the platform lacks them (Windows), which has no FIFOs to block on.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

// Grown by doubling from the size fstat gave, in case the file grew: a chunk at least.
const CHUNK_BYTES = 64 * 1024;

/** A path that exists but is not a regular file; `message` says what it is, e.g. "it is a directory, not a regular file". */
export class NotRegularFileError extends Error {
  constructor(stats) {
    const kind = kindOf(stats);
    super(kind ? `it is ${kind}, not a regular file` : 'it is not a regular file');
    this.name = 'NotRegularFileError';
  }
}

/**
 * Reads `file` if it is a regular file of at most `maxBytes` bytes.
 *
 * @returns {{ bytes: Buffer } | { size: number }} the contents, or the size of a file over the limit
 *   (which is then not read)
 * @throws {NotRegularFileError} for a directory, FIFO, socket or device
 * @throws {Error} Node's error when the file cannot be opened or read (ENOENT, EACCES, ...)
 */
export function readRegularFile(file, maxBytes) {
  // Not even opened when its name already says it is no regular file: opening some devices acts
  // (a tape rewinds), and a socket cannot be opened at all (ENXIO, a reason that would say little).
  const named = statSync(file);
  if (!named.isFile()) throw new NotRegularFileError(named);
  const fd = openSync(file, OPEN_FLAGS);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotRegularFileError(stats);
    if (stats.size > maxBytes) return { size: stats.size };
    return readUpTo(fd, stats.size, maxBytes);
  } finally {
    closeSync(fd);
  }
}

// Reads to the end of the file, or stops once it has more than maxBytes. The size from fstat is
// only where to start: a file can grow after fstat, and files in /proc report 0 bytes.
function readUpTo(fd, expected, maxBytes) {
  let buffer = Buffer.allocUnsafe(Math.min(expected, maxBytes) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return { size: Math.max(length, fstatSync(fd).size) };
      const larger = Buffer.allocUnsafe(Math.min(Math.max(2 * length, CHUNK_BYTES), maxBytes + 1));
      buffer.copy(larger, 0, 0, length);
      buffer = larger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) return { bytes: buffer.subarray(0, length) };
    length += read;
  }
}

/**
 * Reads a stream (standard input) to its end, holding at most `maxBytes` plus one chunk.
 *
 * @returns {Promise<{ bytes: Buffer } | { size: number }>} the contents, or, past the limit, the
 *   number of bytes read when reading stopped (the stream is then destroyed, never drained:
 *   `cat /dev/zero |` would not end)
 */
export async function readStreamUpTo(stream, maxBytes) {
  const chunks = [];
  let length = 0;
  // Leaving the loop early (return or throw) destroys the stream: its reader stops at once.
  for await (const chunk of stream) {
    length += chunk.length;
    if (length > maxBytes) return { size: length };
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks, length) };
}

function kindOf(stats) {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return undefined;
}
