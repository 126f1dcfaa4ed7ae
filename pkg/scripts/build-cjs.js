// Builds the CommonJS entry for require('keymgmt-lint'): dist/index.cjs, a bundle of src/index.js
// (with the wasm-bindgen glue, the API wrapper and the formatters), and dist/index.d.cts, the same
// declarations for TypeScript's CommonJS resolution. Run after dist/ holds the wasm-bindgen output.
import { build } from 'esbuild';
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

await build({
  entryPoints: [pkg('src/index.js')],
  outfile: pkg('dist/index.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // import.meta does not exist in CommonJS: give it the bundle's own file URL.
  define: { 'import.meta.url': '__keymgmtLintUrl' },
  banner: { js: "'use strict';\nconst __keymgmtLintUrl = require('node:url').pathToFileURL(__filename).href;" },
});
copyFileSync(pkg('src/index.d.ts'), pkg('dist/index.d.cts'));
