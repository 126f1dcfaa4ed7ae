#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { main } from '../src/cli/main.js';

// V8 recompiles a WebAssembly function with its optimising tier once the function has used a
// budget of run time. For a one-shot CLI the default budget sends hundreds of functions to
// background recompilation that costs more than it saves (and the process waits for it to
// exit); twenty times the default halves the time on a small module and is faster on 10,000
// keys too (bench/cli.mjs). Set before main.js loads the core.
setFlagsFromString('--wasm-tiering-budget=20000000');

// A reader that goes away early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

// exitCode rather than process.exit(): piped output must drain before Node ends.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
