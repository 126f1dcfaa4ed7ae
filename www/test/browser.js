// Shared by the tests and the benchmark: Debian's Chromium through playwright-core, kept off the
// network (the flags), against the built site served on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Starts the server and a browser; returns { url, browser, context, newPage(), close() }. */
export async function start({ permissions = [] } = {}) {
  const server = await serve();
  const profile = mkdtempSync(path.join(os.tmpdir(), 'keymgmt-lint-chromium-'));
  // A persistent context is the only way to give Chromium its own --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1400, height: 860 },
    permissions,
  });
  return {
    url: server.url,
    context,
    async newPage() {
      const page = await context.newPage();
      page.problems = [];
      page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
      page.on('console', (msg) => msg.type() === 'error' && page.problems.push(`console: ${msg.text()}`));
      return page;
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until the page has linted at least `count` times; returns the report. */
export async function waitForLint(page, count = 1) {
  await page.waitForFunction((n) => window.playground?.lintCount >= n, count, { timeout: 20_000 });
  return page.evaluate(() => window.playground.report);
}
