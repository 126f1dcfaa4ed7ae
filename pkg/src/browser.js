// Browser entry: the same API as the Node entry, after an asynchronous load of the WebAssembly
// core (browsers may not compile a large module synchronously on the main thread).
//
//   import { init } from 'keymgmt-lint/browser';
//   const { lint, rules, schemas, version } = await init();          // fetches ../dist/*.wasm
//   const api = await init(new URL('/assets/keymgmt_lint_bg.wasm', location.href)); // or bytes
//
// `init` takes a URL (or string), a Response, bytes (ArrayBuffer / typed array) or a compiled
// WebAssembly.Module; without an argument it loads the .wasm that ships next to this file. Calls
// after the first return the same API object (and ignore their argument).
import initWasm, * as bindings from '../dist/keymgmt_lint.js';
import { createApi } from './api.js';

export { InternalError } from './errors.js';

let ready;

export function init(wasm) {
  ready ??= (async () => {
    const source = wasm ?? new URL('../dist/keymgmt_lint_bg.wasm', import.meta.url);
    await initWasm({ module_or_path: source });
    return createApi(bindings);
  })();
  return ready;
}

export default init;
