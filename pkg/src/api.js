// Platform-neutral wrapper around the wasm-bindgen module: it turns the raw exports into the
// public API, contains panics and maps errors. Node (index.js) and browser entries only differ in
// how they load the .wasm before calling createApi.
import { ConfigError, InternalError, RejectedInput } from './errors.js';

/**
 * @param {object} bindings the wasm-bindgen module, already initialised: `lint`, `rules`,
 *   `schemas`, `version`, `takePanicMessage`, `heapBytes` and `__wbg_reset_state`.
 */
export function createApi(bindings) {
  const guarded = (fn) => (...args) => call(bindings, fn, args);
  return {
    lint: guarded((files, options) => {
      if (!hasBytes(files)) return bindings.lint(files, shallow(options));
      const [paths, bytes, ends, unread] = asBytes(files, { unread: true });
      return bindings.lintBytes(paths, bytes, ends, unread, shallow(options));
    }),
    calledModules: guarded((files, options) =>
      hasBytes(files) ? bindings.calledModulesBytes(...asBytes(files), shallow(options)) : bindings.calledModules(files, shallow(options)),
    ),
    variableSources: guarded((files, options) =>
      hasBytes(files) ? bindings.variableSourcesBytes(...asBytes(files), shallow(options)) : bindings.variableSources(files, shallow(options)),
    ),
    lintPlan: guarded((text, options, path) =>
      bindings.lintPlan(string(text, 'the plan text'), shallow(options), path === undefined ? path : string(path, 'path')),
    ),
    graph: guarded((files, options) =>
      hasBytes(files) ? bindings.graphBytes(...asBytes(files), shallow(options)) : bindings.graph(files, shallow(options)),
    ),
    readConfig: guarded((text, path) => readConfig(bindings, string(text, 'the config text'), string(path, 'path'))),
    configSchema: guarded(() => bindings.configSchema()),
    rules: guarded(() => bindings.rules()),
    schemas: guarded(() => bindings.schemas()),
    version: guarded(() => bindings.version()),
  };
}

// A file's text may be UTF-8 bytes (what the CLI reads): they enter the core in one block copy,
// where a string is re-encoded a character at a time. A file the caller did not read (`unread`)
// goes the same way.
function hasBytes(files) {
  return Array.isArray(files) && files.some((file) => file?.text instanceof Uint8Array || (file?.unread !== undefined && file?.text === undefined));
}

// The paths, every file's bytes in one buffer, and where each file's bytes end; with `unread`,
// also why each file was not read (`{ size }` or `{ reason }`, else null). Checked here as the
// core would check `files`, since the parameters of the bytes entry points are typed.
function asBytes(files, { unread: unreadAllowed = false } = {}) {
  const encoder = new TextEncoder();
  const paths = [];
  const parts = [];
  const unread = [];
  const ends = new Uint32Array(files.length);
  let length = 0;
  files.forEach((file, index) => {
    if (typeof file?.path !== 'string') throw new TypeError(`invalid files: files[${index}].path must be a string`);
    const { text } = file;
    unread.push(null);
    if (typeof text === 'string') parts.push(encoder.encode(text));
    else if (text instanceof Uint8Array) parts.push(text);
    else if (unreadAllowed && text === undefined && isUnread(file.unread)) {
      parts.push(new Uint8Array());
      unread[index] = file.unread;
    } else {
      const orUnread = unreadAllowed ? `, or files[${index}].unread { size } or { reason }` : '';
      throw new TypeError(`invalid files: files[${index}].text must be a string or a Uint8Array${orUnread}`);
    }
    paths.push(file.path);
    length += parts[index].length;
    ends[index] = length;
  });
  let bytes = parts[0];
  if (parts.length !== 1) {
    bytes = new Uint8Array(length);
    parts.forEach((part, index) => bytes.set(part, ends[index] - part.length));
  }
  return unreadAllowed ? [paths, bytes, ends, unread] : [paths, bytes, ends];
}

function isUnread(why) {
  return (Number.isSafeInteger(why?.size) && why.size >= 0) || typeof why?.reason === 'string';
}

// wasm-bindgen passes a string parameter without checking its type: anything else would trap.
// The message names the parameter, never the value, which may hold secrets.
function string(value, what) {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string, not ${value === null ? 'null' : typeof value}`);
  return value;
}

// The core reads options by recursion, on WebAssembly's small stack: nesting past what JSON's own
// parsers accept (serde_json's 128 levels) is refused here, walked without recursion. Values
// nested deeper than the evaluator's limit but within this one reach the core, which reports them.
const MAX_OPTIONS_NESTING = 128;

function shallow(options) {
  const pending = [[options, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop();
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_OPTIONS_NESTING) throw new TypeError(`invalid options: nested deeper than ${MAX_OPTIONS_NESTING} levels`);
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return options;
}

// The core throws `{ errors }` for an invalid config file: a ConfigError with positions.
function readConfig(bindings, text, path) {
  try {
    return bindings.readConfig(text, path);
  } catch (error) {
    if (Array.isArray(error?.errors)) throw new ConfigError(error.errors);
    throw error;
  }
}

function call(bindings, fn, args) {
  let result;
  try {
    result = fn(...args);
  } catch (error) {
    if (isTrap(error)) throw recover(bindings, error);
    reclaim(bindings);
    // wasm-bindgen's JsError arrives as a plain Error: the core rejected the arguments.
    if (error?.constructor === Error) throw new RejectedInput(error.message);
    throw error;
  }
  reclaim(bindings);
  return result;
}

// A call on a large input leaves its largest trees in the instance's memory instead of freeing
// them node by node (crates/keymgmt_lint_wasm/src/lib.rs): once the memory has grown past this, a fresh instance takes
// it all back at once. Results are plain JS values by then, so nothing refers into the old memory.
const RECLAIM_ABOVE_BYTES = 64 * 1024 * 1024;

function reclaim(bindings) {
  if (bindings.heapBytes() > RECLAIM_ABOVE_BYTES) bindings.__wbg_reset_state();
}

// With panic=abort a panic is an `unreachable` trap; a stack overflow in the engine is a
// RangeError. Either way the instance's stack and heap can no longer be trusted.
function isTrap(error) {
  return error instanceof WebAssembly.RuntimeError || error instanceof RangeError;
}

function recover(bindings, trap) {
  const message = oneLine(panicMessage(bindings) ?? `WebAssembly trap: ${trap.message}`);
  try {
    bindings.__wbg_reset_state();
  } catch (resetError) {
    return new InternalError(`${message}; restarting the core failed: ${oneLine(resetError.message)}`, { cause: trap });
  }
  return new InternalError(message, { cause: trap });
}

// Best effort: the panic hook stored the message in linear memory before the trap, and reading
// it back needs the broken instance to run once more.
function panicMessage(bindings) {
  try {
    return bindings.takePanicMessage() ?? undefined;
  } catch {
    return undefined;
  }
}

function oneLine(text) {
  return String(text).replace(/\s*\n\s*/g, ' ').trim();
}
