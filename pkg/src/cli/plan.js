// Reads the plan given with --plan (a regular file, or standard input for `-`) and the text of
// --stdin, within the per-file limit. Anything else is bad input to the command: exit 2 with one line, never a hang.
import { fstatSync } from 'node:fs';
import { cannotRead } from './errors.js';
import { NotRegularFileError, readRegularFile, readStreamUpTo } from './input.js';
import { MAX_FILE_BYTES } from './limits.js';

/**
 * @param {string} file the --plan argument, `-` for standard input
 * @param {NodeJS.ReadableStream} stdin
 * @returns {Promise<string>}
 * @throws {UsageError}
 */
export async function readPlanText(file, stdin) {
  const name = file === '-' ? 'standard input' : file;
  let read;
  try {
    read = file === '-' ? await readStdin(stdin) : readRegularFile(file, MAX_FILE_BYTES);
  } catch (error) {
    throw cannotRead(name, error);
  }
  if (read.bytes === undefined) {
    // An endless stream (`cat /dev/zero |`) has no size to give, only that it went past the limit.
    const what = file === '-' ? 'it holds more than' : `it is ${read.size} bytes, over`;
    throw cannotRead(name, new Error(`${what} the limit of ${MAX_FILE_BYTES} bytes`));
  }
  return read.bytes.toString('utf8');
}

// Standard input may be a pipe, a terminal or a device, all read as streams; a directory
// (`< dir`) reads as empty on Linux, which would pass for an empty plan or file.
async function readStdin(stdin) {
  if (typeof stdin.fd === 'number' && fstatSync(stdin.fd).isDirectory()) {
    throw new NotRegularFileError(fstatSync(stdin.fd));
  }
  return readStreamUpTo(stdin, MAX_FILE_BYTES);
}

/**
 * The text of standard input for --stdin, as bytes, within the per-file limit.
 *
 * @returns {Promise<Uint8Array>}
 * @throws {UsageError}
 */
export async function readStdinBytes(stdin) {
  let read;
  try {
    read = await readStdin(stdin);
  } catch (error) {
    throw cannotRead('standard input', error);
  }
  if (read.bytes === undefined) {
    throw cannotRead('standard input', new Error(`it holds more than the limit of ${MAX_FILE_BYTES} bytes`));
  }
  return read.bytes;
}
