// A worker thread of --recursive (./pool.js): it loads the core once, then lints the root modules
// it is handed, a batch at a time, and posts back each one's files and report, or its error. It
// never prints: the main thread reports, in the order of the roots.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as bindings from '../../dist/keymgmt_lint.js';
import { createApi } from '../api.js';
import { createConfigs } from './config.js';
import { lintRoot } from './configuration.js';
import { toMessage } from './errors.js';

/**
 * The script a worker thread runs: this module, or in the bundle (dist/cli.js, the CLI as one
 * module) the bundle itself, which holds this module and so starts the same loop below.
 */
export const WORKER_SCRIPT = new URL(import.meta.url);

/** Marks the `workerData` of the CLI's own worker threads. */
export const WORKER_MARK = 'keymgmtLintWorker';

if (!isMainThread && workerData?.[WORKER_MARK]) serve(workerData);

function serve({ flags, varFiles, environment, digests }) {
  let api;
  let configs;
  const run = { flags, varFiles: new Set(varFiles), environment, digests };
  parentPort.on('message', (message) => {
    // First the core the main thread compiled: every thread runs the same compiled code, so each
    // function is compiled (and optimised) once for the process, not once per thread. The V8
    // flags the main thread chose (tiering.js) are the process's, so they apply here too.
    if (message.core) {
      bindings.initSync({ module: message.core });
      api = createApi(bindings);
      configs = createConfigs(api);
      return;
    }
    const done = [];
    for (const { index, root } of message) {
      try {
        const config = root.configFile === undefined ? undefined : configs.load(root.configFile);
        done.push({ index, result: lintRoot(api, { ...root, config }, run) });
      } catch (error) {
        done.push({ index, error: toMessage(error) });
      }
    }
    parentPort.postMessage(done);
  });
}
