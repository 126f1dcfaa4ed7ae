// Playground benchmark (not a test): in headless Chromium, against the built site, measures
//  - page load to first lint (navigation start → first diagnostics in the editor), and
//  - relint latency: one keystroke in the editor → its diagnostics applied (worker round trip,
//    WebAssembly lint, positions mapped, squiggles, problems panel), median and p95,
// for the bench modules of ../bench/gen.mjs with N = 100 and N = 1000 keys (and N = 30, about
// 100 resources, the size of the 5 ms goal). Prints a table.
//
//   npm run build && npm run bench          (RUNS=200 for more samples)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '../gen.mjs';
import { start, waitForLint } from '../../www/test/browser.js';

const RUNS = Number(process.env.RUNS ?? 100);
const LOADS = Number(process.env.LOADS ?? 10);

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

const b = await start();
const rows = [];
try {
  // Page load to first lint, the default example (cold profile each time would need a new
  // browser; here the cache is warm after the first load, as for a returning visitor).
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const page = await b.newPage();
    await page.goto(b.url);
    await waitForLint(page);
    loads.push(await page.evaluate(() => window.playground.firstLintAt));
    await page.close();
  }
  rows.push(['page load → first lint (default example)', fmt(quantile(loads, 0.5)), fmt(quantile(loads, 0.95)), `${LOADS} loads`]);

  for (const n of [30, 100, 1000]) {
    const text = readFileSync(path.join(generate(n), 'main.tf'), 'utf8');
    const page = await b.newPage();
    await page.goto(b.url);
    await waitForLint(page);
    const count = await page.evaluate(() => window.playground.lintCount);
    const t0 = Date.now();
    await page.evaluate((t) => window.playground.setText(t), text);
    const report = await waitForLint(page, count + 1);
    const first = Date.now() - t0;
    if (report.diagnostics.length) throw new Error(`the N=${n} module is not clean: ${report.diagnostics[0].message}`);
    const result = await page.evaluate(async (runs) => {
      const { view } = window.playground;
      const total = [];
      const core = [];
      for (let i = 0; i < runs + 5; i++) {
        const done = new Promise((resolve) => document.addEventListener('lint', (e) => resolve(e.detail), { once: true }));
        const end = view.state.doc.length;
        const started = performance.now();
        // Type a character at the end, then delete it: a keystroke each time.
        view.dispatch(i % 2 ? { changes: { from: end - 1, to: end } } : { changes: { from: end, insert: '#' } });
        const { ms } = await done;
        if (i >= 5) {
          total.push(performance.now() - started);
          core.push(ms);
        }
      }
      return { total, core };
    }, RUNS);
    const kib = (Buffer.byteLength(text) / 1024).toFixed(0);
    const what = `N=${n} (${report.summary.resources} resources, ${kib} KiB)`;
    rows.push([`relint, ${what}: keystroke → squiggles`, fmt(quantile(result.total, 0.5)), fmt(quantile(result.total, 0.95)), `${RUNS} edits`]);
    rows.push([`  of which lint() in the worker`, fmt(quantile(result.core, 0.5)), fmt(quantile(result.core, 0.95)), '']);
    rows.push([`first lint after pasting N=${n}`, `${first} ms`, '', 'once']);
    await page.close();
  }
} finally {
  await b.close();
}

console.log(`Chromium ${process.env.CHROMIUM ?? '/usr/bin/chromium'}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| what | median | p95 | samples |\n| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
