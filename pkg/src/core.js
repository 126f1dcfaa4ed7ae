// The WebAssembly core, compiled once per process: the Node entry (./index.js) instantiates it,
// and the CLI's worker threads are sent the same compiled module (a WebAssembly.Module sent to a
// thread keeps its compiled code), so each function is compiled once, not once per thread.
import { readFileSync } from 'node:fs';

export const compiledCore = new WebAssembly.Module(readFileSync(new URL('../dist/keymgmt_lint_bg.wasm', import.meta.url)));
