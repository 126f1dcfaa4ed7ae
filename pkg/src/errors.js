/**
 * A failure inside the linter itself (a Rust panic or a WebAssembly trap), never caused by the
 * files being linted. The core has been re-created by the time this is thrown, so the next call
 * works again.
 */
export class InternalError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'InternalError';
  }
}

/**
 * A `.keymgmt-lint.json` that is not valid: `errors` lists each problem with its file and
 * range, as diagnostics do.
 */
export class ConfigError extends Error {
  constructor(errors) {
    const first = errors[0];
    const where = first ? `${first.file}:${first.range.start.line}:${first.range.start.column}: ` : '';
    super(`${where}${first?.message ?? 'invalid configuration'}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`);
    this.name = 'ConfigError';
    this.errors = errors;
  }
}

/**
 * The core refused what it was given (a size limit, options it cannot read): a `TypeError`, as
 * the API documents, told apart from a `TypeError` of a bug in JavaScript, which the CLI reports
 * as an internal error rather than blaming the user's input.
 */
export class RejectedInput extends TypeError {}
