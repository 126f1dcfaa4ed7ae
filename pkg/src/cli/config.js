// The config file: found by walking up from a linted path (or given with --config), read and
// validated by the core, and the `ignore` globs applied to the files it covers.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { UsageError, cannotRead } from './errors.js';
import { compileGlob, GlobError } from './glob.js';
import { readRegularFile } from './input.js';
import { MAX_FILE_BYTES } from './limits.js';

export const CONFIG_NAME = '.keymgmt-lint.json';

/**
 * The config files of one run, each read once: the file `--config` names, else the nearest one to
 * each module's directory, or none with `--no-config`.
 *
 * @returns {{ forDir: (dir: string) => object | undefined, load: (file: string) => object }}
 */
export function createConfigs(api, { config, noConfig = false } = {}) {
  const loaded = new Map();
  const load = (file) => {
    if (!loaded.has(file)) loaded.set(file, loadConfig(api, file));
    return loaded.get(file);
  };
  // The nearest file in or above each directory, remembered: the modules of a tree share parents.
  const nearest = new Map();
  const find = (dir) => {
    if (!nearest.has(dir)) {
      const candidate = path.join(dir, CONFIG_NAME);
      const parent = path.dirname(dir);
      nearest.set(dir, existsSync(candidate) ? candidate : parent === dir ? undefined : find(parent));
    }
    return nearest.get(dir);
  };
  const forDir = (dir) => {
    if (noConfig) return undefined;
    const file = config ?? find(path.resolve(dir));
    return file === undefined ? undefined : load(file);
  };
  return { forDir, load };
}

/**
 * Reads a config file through the core. Its problems become one usage error (exit 2) listing
 * each with its position.
 *
 * @returns {{ file: string, options: object, ignored: (file: string) => boolean, docsBaseUrl?: string }}
 */
function loadConfig(api, file) {
  const text = readConfigText(file);
  let config;
  try {
    config = api.readConfig(text, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.errors.map((e) => `${e.file}:${e.range.start.line}:${e.range.start.column}: ${e.message}`);
    throw new UsageError('invalid config file', { details: lines });
  }
  const base = path.dirname(path.resolve(file));
  const matchers = compileIgnore(config.ignore, file);
  const ignored = (given) => {
    const relative = path.relative(base, path.resolve(given)).split(path.sep).join('/');
    return !relative.startsWith('..') && matchers.some((match) => match(relative));
  };
  return { file, options: config.options, ignored, docsBaseUrl: config.docsBaseUrl };
}

// A FIFO, a device or a huge file named as the config file is an error, not a hang (input.js).
function readConfigText(file) {
  let read;
  try {
    read = readRegularFile(file, MAX_FILE_BYTES);
  } catch (error) {
    throw cannotRead(file, error);
  }
  if (read.bytes === undefined) {
    throw cannotRead(file, new Error(`it is ${read.size} bytes, over the limit of ${MAX_FILE_BYTES} bytes`));
  }
  return read.bytes.toString('utf8');
}

// Every pattern is compiled before any file is matched, so that all refused ones are listed at
// once, like the core's problems with the file. They have no line and column: readConfig gives
// the patterns, not where they stand; the index finds them.
function compileIgnore(globs, file) {
  const problems = [];
  const matchers = globs.map((glob, index) => {
    try {
      return compileGlob(glob);
    } catch (error) {
      if (!(error instanceof GlobError)) throw error;
      problems.push(`${file}: \`ignore[${index}]\`: ${error.message}`);
      return undefined;
    }
  });
  if (problems.length > 0) throw new UsageError('invalid config file', { details: problems });
  return matchers;
}

/** The options a module is linted with: its config file's (if any) under the command line's flags. */
export function moduleOptions(config, flags) {
  return config ? mergeOptions(config.options, flags) : flags;
}

/** Config options under the command line's: a flag wins over the file, key by key. */
function mergeOptions(fromConfig, fromFlags) {
  return {
    ...fromFlags,
    rules: { ...fromConfig.rules, ...fromFlags.rules },
    variables: { ...fromConfig.variables, ...fromFlags.variables },
    providers: { ...fromConfig.providers },
    callModuleType: fromFlags.callModuleType ?? fromConfig.callModuleType,
  };
}
