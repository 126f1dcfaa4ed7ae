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
