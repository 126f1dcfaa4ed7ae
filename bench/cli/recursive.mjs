// Times the real CLI's --recursive over a tree of many small modules, with one job and with
// two, and prints a table; no thresholds, figures only.
//
//   node bench/cli/recursive.mjs            → 1,000 modules of 10 keys, --jobs 1 and 2
//   node bench/cli/recursive.mjs 200 1 2 4  → 200 modules, --jobs 1, 2 and 4
//
// The modules are written to bench/out/recursive-<N>/m0000/main.tf, ...: each one mount and 10
// keys, each distributed to a KMS provider of its own (bench/gen.mjs), linting clean.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { moduleText } from '../gen.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = path.join(ROOT, 'pkg', 'bin', 'keymgmt-lint.js');
const RSS = path.join(ROOT, 'bench', 'cli', 'rss.mjs');
const KEYS = 10;
const REPEATS = 7;
const [modules = 1000, ...jobs] = process.argv.slice(2).map(Number);
if (jobs.length === 0) jobs.push(1, 2);

function generateTree(n) {
  const dir = path.join(ROOT, 'bench', 'out', `recursive-${n}`);
  rmSync(dir, { recursive: true, force: true });
  const text = moduleText(KEYS);
  for (let i = 0; i < n; i++) {
    const module = path.join(dir, `m${String(i).padStart(4, '0')}`);
    mkdirSync(module, { recursive: true });
    writeFileSync(path.join(module, 'main.tf'), text);
  }
  return path.relative(ROOT, dir);
}

// A spawned `node`, so the figures include start-up, the search and loading the core in every
// thread, as a user sees them.
function run(script, dir, j, stdout) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [script, '--recursive', '--format', 'json', dir, '--jobs', String(j)], {
    cwd: ROOT,
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - start;
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`exit ${result.status} (the modules should lint clean): ${result.stderr}${result.stdout}`);
  return { ms, result };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

const dir = generateTree(modules);
const { summary } = JSON.parse(run(BIN, dir, 1, 'pipe').result.stdout);
// The job counts take turns, so that a busy spell of a shared machine weighs on each alike.
const times = new Map(jobs.map((j) => [j, []]));
const rss = new Map(jobs.map((j) => [j, []]));
for (let r = 0; r < REPEATS; r++) {
  for (const j of jobs) {
    times.get(j).push(run(BIN, dir, j, 'ignore').ms);
    rss.get(j).push(Number(/^maxrss (\d+)$/m.exec(run(RSS, dir, j, 'ignore').result.stderr)[1]));
  }
}
const base = median(times.get(jobs[0]));
const rows = jobs.map((j) => {
  const ms = median(times.get(j));
  return [j, `${Math.round(ms)} (${REPEATS} runs)`, `${Math.round(Math.max(...rss.get(j)) / 1024)} MiB`, `${(base / ms).toFixed(2)}×`];
});

console.log(
  `keymgmt-lint --recursive --format json, ${modules} modules of ${KEYS} keys (${summary.files} files, ${summary.resources} resources), ` +
    `Node ${process.version}, ${process.platform}/${process.arch}\n`,
);
const header = ['--jobs', 'median wall ms', 'peak RSS', `speed-up over --jobs ${jobs[0]}`];
for (const row of [header, header.map(() => '---'), ...rows]) console.log(`| ${row.join(' | ')} |`);

// What two cores of this machine give this work at best: half the modules linted by one process
// alone, against both halves linted by two processes side by side (no threads, nothing shared).
// On a machine whose cores slow each other down (a shared memory bus, a VM), this ceiling is
// below 2×, and no number of jobs can beat it.
const halves = [0, 1].map((h) => {
  const half = path.join(ROOT, 'bench', 'out', `recursive-${modules}-half-${h}`);
  rmSync(half, { recursive: true, force: true });
  const text = moduleText(KEYS);
  for (let i = h; i < modules; i += 2) {
    const module = path.join(half, `m${String(i).padStart(4, '0')}`);
    mkdirSync(module, { recursive: true });
    writeFileSync(path.join(module, 'main.tf'), text);
  }
  return path.relative(ROOT, half);
});
const together = async () => {
  const start = performance.now();
  await Promise.all(
    halves.map(
      (half) =>
        new Promise((resolve, reject) => {
          const child = spawn(process.execPath, [BIN, '--recursive', '--format', 'json', half, '--jobs', '1'], { cwd: ROOT, stdio: 'ignore' });
          child.on('error', reject);
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}`))));
        }),
    ),
  );
  return performance.now() - start;
};
const alone = [];
const side = [];
for (let r = 0; r < REPEATS; r++) {
  alone.push(run(BIN, halves[0], 1, 'ignore').ms);
  side.push(await together());
}
const ceiling = (2 * median(alone)) / median(side);
console.log(
  `\nThis machine's ceiling for two cores: half the modules alone ${Math.round(median(alone))} ms, both halves in two ` +
    `processes side by side ${Math.round(median(side))} ms: ${ceiling.toFixed(2)}× the work in the same time (2.00× where cores do not slow each other).`,
);
