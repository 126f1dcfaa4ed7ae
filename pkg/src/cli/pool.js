// Lints the root modules of --recursive, on worker threads (./worker.js) or, with one job, on this
// one. A work queue: the next root goes to whichever worker is free. The results come back in the
// roots' order, whichever finishes first, so that the report is the same for any number of jobs.
import { Worker } from 'node:worker_threads';
import { lintRoot } from './configuration.js';
import { fromMessage } from './errors.js';
import { WORKER_MARK, WORKER_SCRIPT } from './worker.js';

/**
 * @typedef {{ dir: string, files: string[], config?: { file: string } }} Root
 * @typedef {{
 *   lint: (api: object, roots: Root[], onLinted: (done: number) => void) => Promise<{ files: string[], report: object }[]>,
 *   close: () => Promise<unknown>,
 * }} Linters
 *   `lint` resolves to one result per root, in order, or rejects with the error of the first root,
 *   in order, that failed: the one a run of one job reports; `onLinted` hears how many roots are
 *   done after each. `close` ends the threads.
 */

/**
 * Starts `threads` worker threads, or none for one, before the roots are known: each loads the
 * core while the main thread searches for the roots.
 *
 * @param {{ threads: number, flags: object, varFiles: string[], environment: Record<string, string> }} run
 * @returns {Linters}
 */
export function startLinters({ threads, flags, varFiles, environment }) {
  return threads > 1 ? startWorkers(threads, { flags, varFiles, environment }) : inThisThread({ flags, varFiles, environment });
}

function inThisThread({ flags, varFiles, environment }) {
  const run = { flags, varFiles: new Set(varFiles), environment };
  return {
    lint: async (api, roots, onLinted) =>
      roots.map((root, i) => {
        const result = lintRoot(api, root, run);
        onLinted(i + 1);
        return result;
      }),
    close: async () => {},
  };
}

function startWorkers(threads, { flags, varFiles, environment }) {
  // One per thread: its worker, the index of the root it holds, and why it ended, once it has.
  const slots = [];
  let unstarted;
  // The handlers of the run under way: a thread may end before any run starts.
  let handlers;
  for (let i = 0; i < threads; i++) {
    let worker;
    try {
      // stdout and stderr of their own, never read: nothing a worker might print reaches the
      // user's output.
      worker = new Worker(WORKER_SCRIPT, { workerData: { [WORKER_MARK]: true, flags, varFiles, environment }, stdout: true, stderr: true });
    } catch (error) {
      unstarted = error;
      break;
    }
    const slot = { worker, holding: undefined, ended: undefined };
    let crash;
    worker.on('message', ({ index, result, error }) => handlers?.received(slot, index, result, error && fromMessage(error)));
    // A result that cannot be read back fails its root rather than leaving the run waiting for it.
    worker.on('messageerror', (error) => handlers?.received(slot, slot.holding, undefined, error));
    worker.on('error', (error) => {
      crash = error;
    });
    // A thread that ends by itself has crashed (out of memory, a bug).
    worker.on('exit', (code) => {
      slot.ended = crash ?? new Error(`a worker thread stopped with exit code ${code}`);
      handlers?.ended(slot);
    });
    slots.push(slot);
  }

  // The threads have a core of their own.
  const lint = (_api, roots, onLinted) =>
    new Promise((resolve, reject) => {
      const results = new Array(roots.length);
      let next = 0;
      let busy = 0;
      let done = 0;
      let failed;
      let settled = false;
      // The roots before a failed one are all handed out already; the run waits for those still
      // under way, and the failure of the first root in order is the one reported.
      const fail = (index, error) => {
        if (failed === undefined || index < failed.index) failed = { index, error };
      };
      const settleWhenIdle = () => {
        if (settled || busy > 0 || (next < roots.length && failed === undefined)) return;
        settled = true;
        if (failed) reject(failed.error);
        else resolve(results);
      };
      const handOut = (slot) => {
        if (slot.ended || next >= roots.length || (failed !== undefined && next >= failed.index)) return;
        const { dir, files, config } = roots[next];
        slot.holding = next;
        slot.worker.postMessage({ index: next, root: { dir, files, configFile: config?.file } });
        next++;
        busy++;
      };
      handlers = {
        received(slot, index, result, error) {
          if (settled) return;
          slot.holding = undefined;
          busy--;
          if (error) fail(index, error);
          else {
            results[index] = result;
            onLinted(++done);
          }
          handOut(slot);
          settleWhenIdle();
        },
        // What the thread held fails, or if it held nothing the next root; the run ends once the
        // other threads are done.
        ended(slot) {
          if (settled) return;
          if (slot.holding !== undefined) busy--;
          fail(slot.holding ?? next, slot.ended);
          slot.holding = undefined;
          settleWhenIdle();
        },
      };
      if (unstarted) fail(-1, unstarted);
      for (const slot of slots) if (slot.ended) fail(next, slot.ended);
      slots.forEach(handOut);
      settleWhenIdle();
    });

  const close = () => {
    handlers = undefined;
    return Promise.all(slots.map(({ worker }) => worker.terminate()));
  };
  return { lint, close };
}
