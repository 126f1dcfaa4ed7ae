/** A problem with how the CLI was invoked or with what it was given: exit code 2, no stack trace. */
export class UsageError extends Error {
  /** @param {{ pointToHelp?: boolean }} [options] whether `--help` would tell the user more */
  constructor(message, { pointToHelp = false } = {}) {
    super(message);
    this.name = 'UsageError';
    this.pointToHelp = pointToHelp;
  }
}

/** `cannot read <path>: <reason>`, the reason in words rather than Node's `ENOENT: ..., stat 'x'`. */
export function cannotRead(file, error) {
  return new UsageError(`cannot read ${file}: ${reason(error)}`);
}

/** `cannot write <path>: <reason>`, e.g. for --output-file in a directory that does not exist. */
export function cannotWrite(file, error) {
  return new UsageError(`cannot write ${file}: ${reason(error)}`);
}

function reason(error) {
  return /^[A-Z]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
}
