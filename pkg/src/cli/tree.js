// --recursive: lints the root modules among the modules found below the directories given (see
// ./roots.js), each with the modules it calls, on the threads started for it (./pool.js), with a
// progress line.
import path from 'node:path';
import { isConfigFile, manifestOf, moduleFiles } from './collect.js';
import { moduleOptions } from './config.js';
import { calledDirectories } from './configuration.js';
import { createProgress } from './progress.js';
import { readModule } from './read.js';
import { chooseRoots } from './roots.js';

/**
 * @param {{ dir: string, files: string[], config?: object }[]} modules the modules found, minus
 *   those their config file ignores whole, in the order found
 * @param {{ args: object, flags: object, configs: object, linters: import('./pool.js').Linters, stderr: { isTTY?: boolean, write: Function }, env: object }} run
 *   the parsed arguments, the lint options they give, the run's config files, the threads to lint on,
 *   where the progress line goes, and the environment (CI)
 * @returns {Promise<{ dir: string, files: string[], report: object }[]>} the roots linted, in order
 */
export async function lintTree(api, modules, { args, flags, configs, linters, stderr, env }) {
  const byDir = new Map(modules.map((module) => [path.resolve(module.dir), module]));
  // The core parses a module's files for the calls that the run's options say to follow. A
  // called directory that was not found (an ignored one, or one outside the trees given) is
  // read here too, for the modules it calls in turn.
  const callsOf = (dir) => {
    const found = byDir.get(dir);
    const config = found ? found.config : configs.forDir(dir);
    const files = found ? found.files.filter(isConfigFile) : moduleFiles(dir).filter((file) => !config?.ignored(file));
    const options = moduleOptions(config, flags);
    const manifest = options.callModuleType === 'all' ? manifestOf(dir) : undefined;
    const sources = readModule(manifest === undefined ? files : [...files, manifest]);
    return calledDirectories(api, sources, options)
      .map((called) => path.resolve(called))
      .filter((called) => called !== dir);
  };
  const chosen = chooseRoots(
    modules.map((module) => module.dir),
    callsOf,
    { includeCalled: args.includeCalledModules, changed: args.changed },
  );
  const roots = chosen.map((dir) => byDir.get(path.resolve(dir)));
  const progress = createProgress({ stream: stderr, env, total: roots.length });
  try {
    const results = await linters.lint(api, roots, progress.update);
    return roots.map((root, i) => ({ ...root, ...results[i] }));
  } finally {
    progress.end();
  }
}
