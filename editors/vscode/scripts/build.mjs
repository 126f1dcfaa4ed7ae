// Builds the extension's files before `vsce package`: dist/extension.js (src/extension.js with
// vscode-languageclient, bundled; `vscode` is VS Code's own), and server/, the language server of
// the npm package next door (its bin, its bundle and the WebAssembly core, built by
// `npm run build` in pkg/), with the rule pages its diagnostics link to and the licences.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const pkg = (p) => here(`../../pkg/${p}`);

if (!existsSync(pkg('dist/language-server.js')) || !existsSync(pkg('dist/keymgmt_lint_bg.wasm'))) {
  console.error('The npm package is not built: run `npm run build` in pkg/ first.');
  process.exit(1);
}

rmSync(here('dist'), { recursive: true, force: true });
rmSync(here('server'), { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: [here('src/extension.js')],
  metafile: true,
  outfile: here('dist/extension.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
});

// The server keeps the package's layout, which its bundle finds the .wasm and docs/ by.
mkdirSync(here('server/bin'), { recursive: true });
cpSync(pkg('bin/keymgmt-lint-language-server.js'), here('server/bin/keymgmt-lint-language-server.js'));
for (const file of ['language-server.js', 'keymgmt_lint_bg.wasm', 'licenses']) {
  cpSync(pkg(`dist/${file}`), here(`server/dist/${file}`), { recursive: true });
}
cpSync(pkg('docs/rules'), here('server/docs/rules'), { recursive: true });
cpSync(pkg('THIRD-PARTY-NOTICES.md'), here('server/THIRD-PARTY-NOTICES.md'));
const { version } = JSON.parse(readFileSync(pkg('package.json'), 'utf8'));
writeFileSync(here('server/package.json'), `${JSON.stringify({ name: 'keymgmt-lint-language-server', version, private: true, type: 'module' }, null, 2)}\n`);
cpSync(here('../../LICENSE'), here('LICENSE'));
// The licences of the packages bundled into dist/extension.js (vscode-languageclient and what it
// requires), each from the package's own files.
const packages = new Set(Object.keys(metafile.inputs).flatMap((input) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? []));
mkdirSync(here('dist/licenses'), { recursive: true });
for (const name of [...packages].sort()) {
  const dir = here(`node_modules/${name}`);
  const licence = readdirSync(dir).find((file) => /^licen[sc]e/i.test(file));
  if (!licence) throw new Error(`${name} is bundled but has no licence file`);
  cpSync(path.join(dir, licence), here(`dist/licenses/${name.replace('/', '__')}.LICENSE`));
}
