// Times `keymgmt-lint --fix` on the 10,000-key module of bench/gen.mjs with a fixable mistake
// planted in one key in ten: a misspelt `name` (`nmae`) or a key type in the wrong case
// (`"AES256-GCM96"`), each with a safe fix. Each run fixes a fresh copy; the report after fixing
// must be clean. Prints the figures; no thresholds.
//
//   node bench/cli/fix.mjs          → 10,000 keys, 5 runs
//   node bench/cli/fix.mjs 1000 9   → 1,000 keys, 9 runs
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { moduleText } from '../gen.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'pkg', 'bin', 'keymgmt-lint.js');
const [keys = 10000, runs = 5] = process.argv.slice(2).map(Number);

let planted = 0;
const text = moduleText(keys).replace(/(resource "vault_keymgmt_key" "key_(\d+)" \{\n[^}]*?)\n  name( +)= "([^"]*)"\n  type( +)= "([^"]*)"/g, (block, head, index, nameGap, name, typeGap, type) => {
  if (Number(index) % 10 !== 0) return block;
  planted++;
  return Number(index) % 20 === 0
    ? `${head}\n  nmae${nameGap}= "${name}"\n  type${typeGap}= "${type}"`
    : `${head}\n  name${nameGap}= "${name}"\n  type${typeGap}= "${type.toUpperCase()}"`;
});

const dir = path.join(ROOT, 'bench', 'out', `fix-${keys}`);
const lint = (...args) => spawnSync(process.execPath, [BIN, ...args, '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
const times = [];
let before;
let after;
for (let r = 0; r < runs; r++) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'main.tf'), text);
  if (r === 0) before = JSON.parse(lint().stdout).summary;
  const start = performance.now();
  const fixed = lint('--fix');
  times.push(performance.now() - start);
  after = JSON.parse(fixed.stdout).summary;
  if (after.errors !== 0) throw new Error(`errors left after --fix: ${fixed.stdout.slice(0, 2000)}`);
}
const changed = readFileSync(path.join(dir, 'main.tf'), 'utf8') !== text;
times.sort((a, b) => a - b);
console.log(
  `keymgmt-lint --fix --format json, ${keys} keys (${(text.length / 1048576).toFixed(1)} MiB), ${planted} planted fixable mistakes, Node ${process.version}\n`,
);
console.log('| before: errors | after: errors | file changed | median wall ms | min | max |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(`| ${before.errors} | ${after.errors} | ${changed} | ${Math.round(times[times.length >> 1])} (${runs} runs) | ${Math.round(times[0])} | ${Math.round(times.at(-1))} |`);
