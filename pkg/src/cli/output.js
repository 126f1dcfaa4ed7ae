// Delivering the report (and --help, --version) to stdout or to --output-file. A write that fails
// (a full disk, stdout opened read-only) ends the run with exit 2 and one line naming the reason,
// never a stack trace. A reader that went away (`keymgmt-lint | head -1`: EPIPE) is not a failure:
// the run ends quietly with the exit code the lint gave, as Unix tools end quietly on SIGPIPE.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cannotWrite } from './errors.js';

/**
 * Makes the CLI the only one to handle its streams' errors. A failed write reaches the write's
 * callback (writeStdout) and is then emitted again as an 'error' event; a listener that rethrows
 * it (bin/keymgmt-lint.js lets only EPIPE through) would end the process with a stack trace, and
 * without any listener Node does the same. A failure on stderr has nowhere left to be reported.
 */
export function handleStreamErrors(...streams) {
  for (const stream of streams) {
    stream.removeAllListeners('error');
    stream.on('error', () => {});
  }
}

/** Resolves once `text` is handed to the system or the reader is gone; rejects with a UsageError. */
export function writeStdout(stream, text) {
  // A clean run has nothing to write, so nothing can fail.
  if (text === '') return Promise.resolve();
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => {
      if (error && !readerGone(error)) reject(cannotWrite('to stdout', error));
      else resolve();
    });
  });
}

/**
 * Writes the report to --output-file, replacing what was there. Missing folders are made first,
 * as CI steps write `reports/keymgmt-lint.xml` into a folder nothing else has made yet.
 */
export function writeOutputFile(file, text) {
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    // A FIFO whose reader went away, like a pipe on stdout.
    if (!readerGone(error)) throw cannotWrite(file, error);
  }
}

function readerGone(error) {
  return error.code === 'EPIPE';
}
