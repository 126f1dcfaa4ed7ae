#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8 recompiles a WebAssembly function with its optimising tier once the function has used a
// budget of run time. A one-shot CLI mostly runs each function for one call, where the default
// budget sends hundreds of functions to background recompilation that costs more than it saves
// (and the process waits for it to exit). A budget a hundred times the default leaves a single
// lint in the baseline tier and still optimises what runs hot over many modules: measured fastest
// at 100 and 10,000 keys (bench/cli.mjs), against the default, 20 million and Liftoff only.
// It must be set before the core is compiled, hence the CLI is imported below, not statically
// (static imports are evaluated before any line of this file runs).
setFlagsFromString('--wasm-tiering-budget=200000000');

// A reader that goes away early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

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
