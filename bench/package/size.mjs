// Prints the size of the built WebAssembly core (pkg/dist, from `npm run --prefix pkg build`):
// raw, gzip -9 and brotli, against the 700 KB gzip budget. Figures only, no thresholds.
//
//   node bench/package/size.mjs [path/to/file.wasm]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BUDGET_GZIP = 700_000;
const file = process.argv[2] ?? fileURLToPath(new URL('../../pkg/dist/keymgmt_lint_bg.wasm', import.meta.url));
const wasm = readFileSync(file);
const gzip = gzipSync(wasm, { level: 9 }).length;
const brotli = brotliCompressSync(wasm, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: wasm.length },
}).length;

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log(file);
console.log(`raw     ${String(wasm.length).padStart(9)} B  ${kb(wasm.length)}`);
console.log(`gzip -9 ${String(gzip).padStart(9)} B  ${kb(gzip)}  (budget ${kb(BUDGET_GZIP)}: ${((100 * gzip) / BUDGET_GZIP).toFixed(0)}%)`);
console.log(`brotli  ${String(brotli).padStart(9)} B  ${kb(brotli)}`);
