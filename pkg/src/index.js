// Node entry: loads the WebAssembly core synchronously so that the API needs no `await`.
// `npm run bundle` bundles this file into dist/index.cjs for require() and into the CLI's
// dist/cli.js; there `import.meta.url` is the bundle's own URL, so the `../dist/` below resolves
// to the same .wasm either way.
import { readFileSync } from 'node:fs';
import * as bindings from '../dist/keymgmt_lint.js';
import { createApi } from './api.js';
import { createFormat } from './format/index.js';

bindings.initSync({ module: readFileSync(new URL('../dist/keymgmt_lint_bg.wasm', import.meta.url)) });

const api = createApi(bindings);
export const { lint, lintPlan, graph, calledModules, variableSources, readConfig, configSchema, rules, schemas, version } = api;
export const format = createFormat(api);
export { ConfigError, InternalError } from './errors.js';
