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
  const reason = /^[A-Z]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
  return new UsageError(`cannot read ${file}: ${reason}`);
}
