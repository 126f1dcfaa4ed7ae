// Node entry: loads the WebAssembly core synchronously so that the API needs no `await`.
// `npm run bundle` bundles this file into dist/index.cjs for require() and into the CLI's
// dist/cli.js; there `import.meta.url` is the bundle's own URL, so the `../dist/` of ./core.js
// resolves to the same .wasm either way.
import * as bindings from '../dist/keymgmt_lint.js';
import { createApi } from './api.js';
import { compiledCore } from './core.js';
import { createFormat } from './format/index.js';

bindings.initSync({ module: compiledCore });

const api = createApi(bindings);
export const { lint, lintPlan, graph, calledModules, variableSources, readConfig, configSchema, rules, schemas, version } = api;
export const format = createFormat(api);
export { ConfigError, InternalError } from './errors.js';
