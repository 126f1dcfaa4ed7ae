// Node entry: loads the WebAssembly core synchronously so that the API needs no `await`.
import { readFileSync } from 'node:fs';
import * as bindings from '../dist/keymgmt_lint.js';
import { createApi } from './api.js';

bindings.initSync({ module: readFileSync(new URL('../dist/keymgmt_lint_bg.wasm', import.meta.url)) });

export const { lint, rules, schemas, version } = createApi(bindings);
export { InternalError } from './errors.js';
