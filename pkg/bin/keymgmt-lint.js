#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { main } from '../src/cli/main.js';

// V8 recompiles a WebAssembly function with its optimising tier once the function has used a
// budget of run time. A one-shot CLI mostly runs each function for one call, where the default
// budget sends hundreds of functions to background recompilation that costs more than it saves
// (and the process waits for it to exit). A budget a hundred times the default leaves a single
// lint in the baseline tier and still optimises what runs hot over many modules: measured fastest
// at 100 and 10,000 keys (bench/cli.mjs), against the default, 20 million and Liftoff only.
// Set before main.js loads the core.
setFlagsFromString('--wasm-tiering-budget=200000000');

// A reader that goes away early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

// exitCode rather than process.exit(): piped output must drain before Node ends.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
