// Lints the root modules of --recursive on this thread and, with more than one job, on worker
// threads (./worker.js) beside it. A work queue: the next roots go to whichever thread is free.
// The results come back in the roots' order, whichever finishes first, so that the report is the
// same for any number of jobs.
import { Worker } from 'node:worker_threads';
import { lintRoot } from './configuration.js';
import { fromMessage } from './errors.js';
import { WORKER_MARK, WORKER_SCRIPT } from './worker.js';

/** The most roots a thread is handed at once. */
const MAX_BATCH = 16;

/**
 * @typedef {{ dir: string, files: string[], config?: { file: string } }} Root
 * @typedef {{
 *   load: (core: WebAssembly.Module) => void,
 *   lint: (api: object, roots: Root[], onLinted: (done: number) => void) => Promise<{ files: string[], report: object }[]>,
 *   close: () => Promise<unknown>,
 * }} Linters
 *   `load` gives the threads the compiled core, before `lint`. `lint` resolves to one result per
 *   root, in order, or rejects with the error of the first root, in order, that failed: the one a
 *   run of one job reports; `onLinted` hears how many roots are done after each. `close` ends the
 *   threads.
 */

/**
 * Starts `threads - 1` worker threads, as soon as the module directories are found: a thread
 * takes longer to start than the main thread takes to compile the core and choose the roots, so
 * each starts while it does, and is sent the core once it is compiled (after the V8 flags for the
 * input are set, ./tiering.js). The main thread lints too: it has the core already, so its share
 * starts at once rather than after a worker's start-up.
 *
 * @param {{ threads: number, flags: object, varFiles: string[], environment: Record<string, string>, digests?: boolean }} run
 * @returns {Linters}
 */
export function startLinters({ threads, flags, varFiles, environment, digests }) {
  return threads > 1 ? startWorkers(threads, { flags, varFiles, environment, digests }) : inThisThread({ flags, varFiles, environment, digests });
}

function inThisThread({ flags, varFiles, environment, digests }) {
  const run = { flags, varFiles: new Set(varFiles), environment, digests };
  return {
    // As a worker thread answers (./worker.js): each root's result or error.
    lintBatch: (api, batch) =>
      batch.map(({ index, root }) => {
        try {
          return { index, result: lintRoot(api, root, run) };
        } catch (error) {
          return { index, error };
        }
      }),
    load: () => {},
    lint: async (api, roots, onLinted) =>
      roots.map((root, i) => {
        const result = lintRoot(api, root, run);
        onLinted(i + 1);
        return result;
      }),
    close: async () => {},
  };
}

function startWorkers(threads, { flags, varFiles, environment, digests }) {
  // One per worker thread: its worker, the indexes of the roots it holds, and why it ended, once
  // it has.
  const slots = [];
  let unstarted;
  // The handlers of the run under way: a thread may end before any run starts.
  let handlers;
  // This thread's own share of the queue, a slot like a worker's that never ends.
  const mainThread = { holding: [], ended: undefined };
  const here = inThisThread({ flags, varFiles, environment, digests });
  for (let i = 1; i < threads; i++) {
    let worker;
    try {
      // stdout and stderr of their own, never read: nothing a worker might print reaches the
      // user's output.
      worker = new Worker(WORKER_SCRIPT, { workerData: { [WORKER_MARK]: true, flags, varFiles, environment, digests }, stdout: true, stderr: true });
    } catch (error) {
      unstarted = error;
      break;
    }
    const slot = { worker, holding: [], ended: undefined };
    let crash;
    worker.on('message', (done) =>
      handlers?.received(slot, done.map(({ index, result, error }) => ({ index, result, error: error && fromMessage(error) }))),
    );
    // Results that cannot be read back fail their roots rather than leaving the run waiting.
    worker.on('messageerror', (error) => handlers?.received(slot, slot.holding.map((index) => ({ index, error }))));
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

  // The worker threads have a core of their own; this thread uses `api`.
  const lint = (api, roots, onLinted) =>
    new Promise((resolve, reject) => {
      const results = new Array(roots.length);
      let next = 0;
      let busy = 0;
      let lintedCount = 0;
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
      // Roots go out in batches: a message each way per root costs about as much as linting a
      // small module. Batches shrink towards the end, so that the threads finish together.
      const handOut = (slot) => {
        if (slot.ended || next >= roots.length || (failed !== undefined && next >= failed.index)) return;
        // This thread takes one root at a time, so that a worker that finishes is handed more
        // within a root's time rather than a batch's.
        const size = slot === mainThread ? 1 : Math.max(1, Math.min(MAX_BATCH, Math.floor((roots.length - next) / (threads * 4))));
        const indexes = Array.from({ length: Math.min(size, roots.length - next) }, (_, i) => next + i);
        slot.holding = indexes;
        next += indexes.length;
        busy += indexes.length;
        if (slot === mainThread) {
          // After the messages waiting, so that the workers are handed their next batch first.
          setImmediate(() => handlers?.received(mainThread, here.lintBatch(api, indexes.map((index) => ({ index, root: roots[index] })))));
          return;
        }
        slot.worker.postMessage(
          indexes.map((index) => {
            const { dir, files, named, config } = roots[index];
            return { index, root: { dir, files, named, configFile: config?.file } };
          }),
        );
      };
      handlers = {
        received(slot, done) {
          if (settled) return;
          slot.holding = [];
          busy -= done.length;
          for (const { index, result, error } of done) {
            if (error) fail(index, error);
            else {
              results[index] = result;
              onLinted(++lintedCount);
            }
          }
          handOut(slot);
          settleWhenIdle();
        },
        // What the thread held fails, or if it held nothing the next root; the run ends once the
        // other threads are done.
        ended(slot) {
          if (settled) return;
          busy -= slot.holding.length;
          fail(slot.holding[0] ?? next, slot.ended);
          slot.holding = [];
          settleWhenIdle();
        },
      };
      if (unstarted) fail(-1, unstarted);
      for (const slot of slots) if (slot.ended) fail(next, slot.ended);
      slots.forEach(handOut);
      handOut(mainThread);
      settleWhenIdle();
    });

  const load = (core) => {
    for (const { worker } of slots) worker.postMessage({ core });
  };
  const close = () => {
    handlers = undefined;
    return Promise.all(slots.map(({ worker }) => worker.terminate()));
  };
  return { load, lint, close };
}
