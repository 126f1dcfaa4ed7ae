// Types of the browser entry, `keymgmt-lint/browser`: the same functions as the Node entry
// (without `format`), available once `init` has loaded the WebAssembly core.
import type {
  calledModules,
  configSchema,
  graph,
  lint,
  lintPlan,
  readConfig,
  rules,
  schemas,
  variableSources,
  version,
} from './index.js';

export { InternalError } from './index.js';
export type * from './index.js';

/** The API `init` resolves to: each function as in the Node entry. */
export interface BrowserApi {
  lint: typeof lint;
  lintPlan: typeof lintPlan;
  calledModules: typeof calledModules;
  variableSources: typeof variableSources;
  graph: typeof graph;
  readConfig: typeof readConfig;
  configSchema: typeof configSchema;
  rules: typeof rules;
  schemas: typeof schemas;
  version: typeof version;
}

/**
 * Loads the WebAssembly core and resolves to the API. `wasm` is where to load it from: a URL
 * (or string), a `Response`, its bytes, or a compiled `WebAssembly.Module`; without it, the
 * `.wasm` that ships beside this file (`dist/keymgmt_lint_bg.wasm`, which a bundler must
 * copy). Calls after the first resolve to the same API and ignore their argument.
 */
export function init(wasm?: URL | string | Response | BufferSource | WebAssembly.Module): Promise<BrowserApi>;
export default init;
