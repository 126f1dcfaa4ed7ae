// How V8 compiles the WebAssembly core for one CLI run, chosen from the size of the input before
// the core is compiled (V8 reads these flags when it compiles the module).
//
// V8 runs WebAssembly first in its baseline tier (Liftoff) and recompiles a function with its
// optimising tier (TurboFan) in the background once the function has used a budget of run time.
// Those recompilations are long for the core's large functions, and a process that is done
// waits for the ones under way before it exits. Measured with alternating runs (bench/cli/keys.mjs;
// figures in docs/robustness.md, "V8's tiers by input size"): up to a 10,000-key module a run
// ends before optimised code pays off, while several times that input gains from it.
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

/** From this much input on, hot functions are optimised. */
export const OPTIMISE_FROM_BYTES = 8 * 1024 * 1024;

/** The V8 flag for a run over `inputBytes` of input. */
export function tieringFlag(inputBytes) {
  // A budget a hundred times V8's default: only what runs hot over megabytes is recompiled.
  return inputBytes >= OPTIMISE_FROM_BYTES ? '--wasm-tiering-budget=200000000' : '--liftoff-only';
}

/** Sets the flag for a run over `files`, before the core is loaded. */
export function chooseTiering(files) {
  setFlagsFromString(tieringFlag(files.reduce((sum, file) => sum + sizeOf(file), 0)));
}

// A file that cannot be read counts as empty here: reading it reports the error.
function sizeOf(file) {
  try {
    return file === '-' ? 0 : statSync(file).size;
  } catch {
    return 0;
  }
}
