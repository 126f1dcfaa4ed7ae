// Lints one root module with the modules it calls, reading what the core asks for: the
// directories the module calls, then the files file() and templatefile() name. Shared by the main
// thread and the worker threads of --recursive (./worker.js).
import { statSync } from 'node:fs';
import path from 'node:path';
import { manifestOf, moduleFiles } from './collect.js';
import { moduleOptions } from './config.js';
import { UsageError } from './errors.js';
import { digest } from './fix.js';
import { RejectedInput } from '../errors.js';
import { readModule } from './read.js';

/**
 * Lints a root module as its config file and the command line's flags say.
 *
 * @param {{ dir: string, files: string[], config?: { options: object, ignored: (file: string) => boolean } }} root
 * @param {{ flags: object, varFiles: Set<string>, environment: Record<string, string>, overlay?: Map<string, Uint8Array>, digests?: boolean }} run
 *   `environment`: the TF_VAR_ values (./environment.js); `overlay`: texts that stand in for files,
 *   on disk or not, by absolute path (--stdin's; the language server's open documents);
 *   `digests`: also give a digest of each file's text as linted (for --fix, ./fix.js)
 * @returns {{ files: string[], report: object, digests?: Record<string, string> }} every file
 *   read, the configuration's report, and the digests asked for, by path
 */
export function lintRoot(api, root, { flags, varFiles, environment, overlay, digests }) {
  // A module linted whole for the files named of it reports those files only (the core counts them).
  const options = { ...moduleOptions(root.config, flags), environment, ...(root.named && { reportFiles: root.named }) };
  return lintConfiguration(api, root, varFiles, options, overlay, digests);
}

// The core follows module calls 16 deep; each round reads the modules the last one found.
const MAX_MODULE_ROUNDS = 17;

// Lints a root module with the modules it calls: the core names the directories its files call
// (parsing them only), they are read (their .tf files only, minus what the config file ignores),
// and so on down; then the whole configuration is linted once.
function lintConfiguration(api, module, varFiles, options, overlay, digests) {
  let files = [...module.files];
  const manifest = options.callModuleType === 'all' ? manifestOf(module.dir) : undefined;
  if (manifest !== undefined) files.push(manifest);
  let sources = readModule(files, varFiles, 0, overlay);
  let fresh = sources;
  // Directories already read: a module calling itself, or one called twice, is read once.
  const tried = new Set([path.normalize(module.dir)]);
  for (let round = 0; round < MAX_MODULE_ROUNDS && fresh.some(mayCallModules); round++) {
    const dirs = calledDirectories(api, fresh, options).filter((dir) => !tried.has(path.normalize(dir)));
    dirs.forEach((dir) => tried.add(path.normalize(dir)));
    const more = dirs.flatMap(moduleFiles).filter((file) => !module.config?.ignored(file));
    const read = sources.reduce((sum, source) => sum + (source.text?.length ?? 0), 0);
    fresh = readModule(more, new Set(), read, overlay);
    sources = [...sources, ...fresh];
    files = [...files, ...more];
  }
  let report = lintModule(api, sources, options);
  // What `file()` and `templatefile()` read: the core names the files it was not given (only
  // in the root module's directory tree), and the configuration is linted again with them.
  const asked = new Set();
  for (let round = 0; round < MAX_FILE_ROUNDS && report.missingFiles?.length; round++) {
    const more = report.missingFiles.filter((file) => !asked.has(file) && isRegularFile(file));
    report.missingFiles.forEach((file) => asked.add(file));
    if (more.length === 0) break;
    const read = sources.reduce((sum, source) => sum + (source.text?.length ?? 0), 0);
    sources = [...sources, ...readModule(more, new Set(), read, overlay)];
    files = [...files, ...more];
    report = lintModule(api, sources, options);
  }
  return { files, report, ...(digests && { digests: digestsOf(sources) }) };
}

function digestsOf(sources) {
  return Object.fromEntries(sources.filter((s) => s.text !== undefined).map((s) => [s.path, digest(s.text)]));
}

/**
 * The directories that the module files among `sources` call, as the core spells them (joined to
 * each file's directory): parsed, not linted.
 *
 * @param {import('./read.js').Source[]} sources
 * @returns {string[]}
 */
export function calledDirectories(api, sources, options) {
  if (!sources.some(mayCallModules)) return [];
  return api.calledModules(
    sources.filter((source) => source.text !== undefined),
    options,
  );
}

// A template may read further files: a few rounds, not an unbounded chain.
const MAX_FILE_ROUNDS = 3;

function isRegularFile(file) {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

// Only a file that holds the word can declare a module call (`module "x" {`, `"module": {`), or
// be the manifest of installed modules: the others need not be parsed twice.
const MODULE = new TextEncoder().encode('module');
function mayCallModules(source) {
  return source.text !== undefined && Buffer.from(source.text.buffer, source.text.byteOffset, source.text.byteLength).includes(MODULE);
}

// Every file, read or not: the core reports those that were not.
function lintModule(api, sources, options) {
  try {
    return api.lint(sources, options);
  } catch (error) {
    // The core refusing its input (e.g. a size limit) is the user's to fix, not a crash.
    if (error instanceof RejectedInput) throw new UsageError(error.message);
    throw error;
  }
}
