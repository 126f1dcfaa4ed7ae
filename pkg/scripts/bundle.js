// Builds the three bundles the package ships in dist/, after dist/ holds the wasm-bindgen output:
//
// - dist/index.cjs, the CommonJS entry for require('keymgmt-lint'): src/index.js with the
//   wasm-bindgen glue, the API wrapper and the formatters, plus dist/index.d.cts, the same
//   declarations for TypeScript's CommonJS resolution.
// - dist/cli.js, the CLI that bin/keymgmt-lint.js runs: src/cli/main.js with everything it
//   imports as one ES module, because Node loads one file measurably faster
//   than the twenty-odd modules of the sources, and so that the installed CLI needs nothing from
//   node_modules.
// - dist/language-server.js, the language server that bin/keymgmt-lint-language-server.js runs:
//   src/lsp/server.js with the CLI's module reading and the vscode-languageserver packages.
//
// All stay one directory below the package root, like src/index.js and src/package-root.js, so
// their `new URL('../…', import.meta.url)` find the .wasm, package.json and docs/ as the sources do.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: [pkg('src/index.js')],
  outfile: pkg('dist/index.cjs'),
  format: 'cjs',
  // import.meta does not exist in CommonJS: give it the bundle's own file URL.
  define: { 'import.meta.url': '__keymgmtLintUrl' },
  banner: { js: "'use strict';\nconst __keymgmtLintUrl = require('node:url').pathToFileURL(__filename).href;" },
});
copyFileSync(pkg('src/index.d.ts'), pkg('dist/index.d.cts'));

// main.js imports the core with import(), which esbuild turns into a lazy initialiser inside the
// bundle: loading dist/cli.js does not compile the .wasm (so --help and --version never do, and
// the CLI's V8 tiering flag is set before any compilation; test/bundle.test.js checks both).
await build({
  ...common,
  entryPoints: [pkg('src/cli/main.js')],
  outfile: pkg('dist/cli.js'),
  format: 'esm',
});
// The language server, with the vscode-languageserver packages it is built on. They are CommonJS
// and require() Node's modules, which an ES module bundle can only do through createRequire.
await build({
  ...common,
  entryPoints: [pkg('src/lsp/server.js')],
  outfile: pkg('dist/language-server.js'),
  format: 'esm',
  banner: { js: "import { createRequire as __keymgmtLintRequire } from 'node:module';\nconst require = __keymgmtLintRequire(import.meta.url);" },
});
// The licences of the packages bundled into dist/cli.js and dist/language-server.js travel with them.
mkdirSync(pkg('dist/licenses'), { recursive: true });
copyFileSync(pkg('node_modules/diff/LICENSE'), pkg('dist/licenses/diff.LICENSE'));
for (const name of ['vscode-jsonrpc', 'vscode-languageserver', 'vscode-languageserver-protocol', 'vscode-languageserver-textdocument', 'vscode-languageserver-types']) {
  copyFileSync(pkg(`node_modules/${name}/License.txt`), pkg(`dist/licenses/${name}.LICENSE`));
}
