// Writes the declarations of src/index.d.ts that come from the package's own tables rather than
// by hand: `FormatName`, from the output formats of src/format/index.js. With --check it writes
// nothing and exits 1 when the file is not as it would write it (test/types.test.js).
//
//   node scripts/gen-types.js [--check] [FILE]     FILE: src/index.d.ts unless given
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FORMAT_NAMES } from '../src/format/index.js';

const args = process.argv.slice(2);
const check = args.includes('--check');
const file = args.find((arg) => arg !== '--check') ?? fileURLToPath(new URL('../src/index.d.ts', import.meta.url));
const FORMAT_NAME = /^export type FormatName = .*;$/m;

const before = readFileSync(file, 'utf8');
if (!FORMAT_NAME.test(before)) {
  console.error(`gen-types: no \`export type FormatName = …;\` line in ${file}`);
  process.exit(2);
}
const after = before.replace(FORMAT_NAME, `export type FormatName = ${FORMAT_NAMES.map((name) => `'${name}'`).join(' | ')};`);
if (check) {
  if (after !== before) {
    console.error(`gen-types: ${file} is out of date; run \`node scripts/gen-types.js\``);
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(file, after);
}
