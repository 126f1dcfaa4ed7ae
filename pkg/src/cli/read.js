// Reads a module's files, as bytes: the core decides whether they are text (a file that is not
// UTF-8 is its parse-error). A file that is not read is given to the core as unread, with why,
// and the core reports it: one that is not a regular file (a FIFO, a socket, a device), and one
// over the per-file or the module's limit (./limits.js).
import path from 'node:path';
import { readRegularFile, NotRegularFileError } from './input.js';
import { MAX_FILE_BYTES, MAX_MODULE_BYTES } from './limits.js';
import { cannotRead } from './errors.js';

/** @typedef {{ path: string, text: Uint8Array } | { path: string, unread: { size: number } | { reason: string } }} Source */

/**
 * Reads a module's files in the order given (the order Terraform loads them). As the core does,
 * a file that would take the module's total over MAX_MODULE_BYTES is not read (the core is told
 * its size, and reports it), and the files after it are still read if they fit; a file over
 * MAX_FILE_BYTES is not read either. Every file read counts towards the total, as in the core, so
 * that the two never disagree on which file was over it.
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
      total += given.length;
      return { path: file, text: given };
    }
    let read;
    try {
      read = readRegularFile(file, Math.min(MAX_FILE_BYTES, MAX_MODULE_BYTES - total));
    } catch (error) {
      if (error instanceof NotRegularFileError && !arguments_.has(file)) {
        return { path: file, unread: { reason: error.message } };
      }
      throw cannotRead(file, error);
    }
    if (read.size !== undefined) return { path: file, unread: { size: read.size } };
    total += read.bytes.length;
    return { path: file, text: read.bytes };
  });
}
