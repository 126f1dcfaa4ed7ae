// Builds the playground into www/dist/: three bundles (a tiny boot script, the page, the lint
// worker), the page, its stylesheets and the core's .wasm. Everything is relative, so dist/ works from any static
// server or subpath (GitHub Pages), and nothing is fetched from another origin.
//
//   npm run build            (after `npm run --prefix ../pkg build` has produced pkg/dist/)
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const out = path.join(here, 'dist');
// The playground depends on the package (a `file:` dependency on ../pkg): its browser entry and
// the .wasm it loads.
const wasm = path.join(here, 'node_modules', 'keymgmt-lint', 'dist', 'keymgmt_lint_bg.wasm');
// The examples of several files: directories of ../examples/, as the menu names them.
const MULTI_FILE = [{ id: 'modules', title: 'KMS providers per region, through a local module' }];

if (!existsSync(wasm)) {
  console.error(`missing ${path.relative(process.cwd(), wasm)}: run \`npm run --prefix pkg build\` first`);
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: {
    boot: path.join(here, 'src', 'boot.js'),
    app: path.join(here, 'src', 'main.js'),
    worker: path.join(here, 'src', 'worker.js'),
  },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: process.env.MINIFY !== '0',
  sourcemap: 'linked',
  legalComments: 'linked',
  logLevel: 'warning',
  plugins: [examplesPlugin()],
});

copyFileSync(wasm, path.join(out, 'keymgmt_lint_bg.wasm'));
for (const file of ['index.html', 'style.css', 'editor.css']) copyFileSync(path.join(here, 'src', file), path.join(out, file));
console.log(`built ${path.relative(process.cwd(), out) || '.'}: ${readdirSync(out).join(', ')}`);

// `import examples from 'examples:data'`: every seed example of ../shared/seeds (as complete modules,
// from tests/fixtures/seeds/, in one main.tf), the examples of mistakes of ../examples/mistakes/, and the
// configurations of several files of ../examples/ (MULTI_FILE, their layout kept), as
// { id, title, group, files: [{ path, text }] }.
function examplesPlugin() {
  return {
    name: 'examples',
    setup(b) {
      b.onResolve({ filter: /^examples:data$/ }, () => ({ path: 'examples', namespace: 'examples' }));
      b.onLoad({ filter: /.*/, namespace: 'examples' }, () => {
        const seeds = path.join(root, 'tests', 'fixtures', 'seeds');
        const bad = path.join(root, 'examples', 'mistakes');
        const list = [];
        for (const dir of readdirSync(seeds).sort()) {
          const files = readdirSync(path.join(seeds, dir))
            .filter((f) => f.endsWith('.tf'))
            .sort((a, b) => (a === 'main.tf' ? -1 : b === 'main.tf' ? 1 : a.localeCompare(b)));
          const text = files
            .map((f) => {
              const body = readFileSync(path.join(seeds, dir, f), 'utf8').trimEnd();
              return files.length > 1 ? `# ── ${f} ──\n\n${body}\n` : `${body}\n`;
            })
            .join('\n');
          const title = dir.replace(/^(\d+)-/, '$1 · ').replaceAll('-', ' ');
          list.push({ id: dir, title, group: 'Examples from the provider docs (lint clean)', files: [{ path: 'main.tf', text }] });
        }
        for (const file of readdirSync(bad).filter((f) => f.endsWith('.tf')).sort()) {
          const text = readFileSync(path.join(bad, file), 'utf8');
          const title = /^#\s*([^:]+):/.exec(text)?.[1] ?? file;
          list.push({ id: file.replace(/\.tf$/, ''), title: `${title} mistakes`, group: 'One mistake per rule family', files: [{ path: 'main.tf', text }] });
        }
        for (const { id, title } of MULTI_FILE) {
          const dir = path.join(root, 'examples', id);
          const files = readdirSync(dir, { recursive: true })
            .filter((f) => f.endsWith('.tf'))
            .map((f) => ({ path: f.split(path.sep).join('/'), text: readFileSync(path.join(dir, f), 'utf8') }));
          list.push({ id, title, group: 'Several files: a module and the modules it calls', files });
        }
        return { contents: JSON.stringify(list), loader: 'json' };
      });
    },
  };
}
