/** A problem with how the CLI was invoked or with what it was given: exit code 2, no stack trace. */
export class UsageError extends Error {
  /**
   * @param {{ pointToHelp?: boolean, details?: string[] }} [options] `pointToHelp`: whether
   *   `--help` would tell the user more; `details`: lines printed under the message, one problem
   *   each (kept apart so that each is escaped as a line of its own, see main.js)
   */
  constructor(message, { pointToHelp = false, details = [] } = {}) {
    super(message);
    this.name = 'UsageError';
    this.pointToHelp = pointToHelp;
    this.details = details;
  }
}

/** `cannot read <path>: <reason>`, the reason in words rather than Node's `ENOENT: ..., stat 'x'`. */
export function cannotRead(file, error) {
  return new UsageError(`cannot read ${file}: ${reason(error)}`);
}

/** `cannot write <path>: <reason>`, e.g. for --output-file in a directory that does not exist (or `to stdout`). */
export function cannotWrite(file, error) {
  return new UsageError(`cannot write ${file}: ${reason(error)}`);
}

function reason(error) {
  return /^[A-Z]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
}

/**
 * An error as a worker thread posts it (structured clone keeps neither the class nor the fields
 * of a UsageError); `fromMessage` makes it again on the main thread, where it is reported.
 */
export function toMessage(error) {
  if (error instanceof UsageError) {
    return { usage: true, message: error.message, pointToHelp: error.pointToHelp, details: error.details };
  }
  return { usage: false, message: String(error?.message ?? error) };
}

export function fromMessage({ usage, message, pointToHelp, details }) {
  return usage ? new UsageError(message, { pointToHelp, details }) : new Error(message);
}
