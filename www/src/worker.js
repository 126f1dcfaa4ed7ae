// The lint worker: the WebAssembly core runs here so that typing stays smooth on big modules.
// Messages in:  { id, type: 'lint' | 'graph', files, options } | { id, type: 'meta' }
// Messages out: { id, ok: true, result, ms } | { id, ok: false, error: { name, message } }
import { init } from 'keymgmt-lint/browser';

// The first lint pays for one-time set-up inside the core; do it while the page is still loading.
const WARM_UP = [{ path: 'warm-up.tf', text: 'resource "vault_keymgmt_key" "k" {\n  path = "keymgmt"\n  name = "k"\n}\n' }];
const ready = init(new URL('keymgmt_lint_bg.wasm', import.meta.url)).then((api) => {
  api.lint(WARM_UP);
  return api;
});

self.onmessage = async ({ data }) => {
  const { id } = data;
  try {
    const api = await ready;
    const started = performance.now();
    let result;
    if (data.type === 'lint') result = api.lint(data.files, data.options);
    else if (data.type === 'graph') result = api.graph(data.files, data.options);
    else if (data.type === 'meta') result = { version: api.version(), rules: api.rules() };
    else throw new TypeError(`unknown request ${data.type}`);
    self.postMessage({ id, ok: true, result, ms: performance.now() - started });
  } catch (error) {
    self.postMessage({ id, ok: false, error: { name: error?.name ?? 'Error', message: String(error?.message ?? error) } });
  }
};
