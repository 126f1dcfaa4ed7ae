#!/usr/bin/env node
import { existsSync } from 'node:fs';

// The CLI is one bundled module built by `npm run build` (scripts/bundle.js): Node loads it
// faster than the sources' twenty-odd modules, and it needs nothing from node_modules. In a
// checkout that has not been built, say so in one line rather than with Node's stack trace.
const cli = new URL('../dist/cli.js', import.meta.url);
if (existsSync(cli)) {
  const { main } = await import(cli);
  // exitCode rather than process.exit(): piped output must drain before Node ends.
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
} else {
  process.stderr.write('keymgmt-lint: dist/cli.js is missing; run `npm run build` in the package directory (pkg/)\n');
  process.exitCode = 2;
}
