// Times the real CLI on generated modules of N keys and prints a table; no thresholds, figures only.
//
//   node bench/cli/keys.mjs              → N = 100, 1000, 10000
//   node bench/cli/keys.mjs 100 500      → the sizes given
//   node bench/cli/keys.mjs --shaped     → the same, for the module written with for_each (gen.mjs)
//   node bench/cli/keys.mjs --chained    → the same, its distributions repeated over the keys
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generate, generateShaped } from '../gen.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'pkg', 'bin', 'keymgmt-lint.js');
const RSS = path.join(ROOT, 'bench', 'cli', 'rss.mjs');
const args = process.argv.slice(2);
const shape = ['--shaped', '--chained'].includes(args[0]) ? args.shift().slice(2) : undefined;
const sizes = args.length > 0 ? args.map(Number) : [100, 1000, 10000];

// A spawned `node`, so the figures include start-up and loading the WebAssembly core, as a user sees.
function run(script, dir, stdout) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [script, '--format', 'json', dir], {
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== 1) throw new Error(`exit ${result.status}: ${result.stderr}`);
  return { ms, result };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const rows = [];
for (const n of sizes) {
  const dir = path.relative(process.cwd(), (shape ? generateShaped(n, { chained: shape === 'chained' }) : generate(n))) || '.';
  const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  const report = JSON.parse(run(BIN, dir, 'pipe').result.stdout);
  const repeats = n >= 10000 ? 3 : 5;
  const times = Array.from({ length: repeats }, () => run(BIN, dir, 'ignore').ms);
  const rssKiB = Math.max(
    ...Array.from({ length: repeats }, () => Number(/^maxrss (\d+)$/m.exec(run(RSS, dir, 'ignore').result.stderr)[1])),
  );
  rows.push([
    n,
    report.summary.resources,
    report.diagnostics.length,
    `${(bytes / 1024 / 1024).toFixed(2)} MiB`,
    `${Math.round(median(times))} (${repeats} runs)`,
    `${Math.round(rssKiB / 1024)} MiB`,
  ]);
}

// A Markdown table, ready for the README.
const header = ['keys', 'resources', 'diagnostics', 'files', 'median wall ms', 'peak RSS'];
console.log(
  `keymgmt-lint CLI --format json${shape ? `, for_each-shaped module${shape === 'chained' ? ', distributions repeated over the keys' : ''}` : ''}, Node ${process.version}, ${process.platform}/${process.arch}\n`,
);
for (const row of [header, header.map(() => '---'), ...rows]) console.log(`| ${row.join(' | ')} |`);
