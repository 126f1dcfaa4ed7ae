// The config file: found by walking up from a linted path (or given with --config), read and
// validated by the core, and the `ignore` globs applied to the files it covers.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { ConfigError } from '../errors.js';
import { UsageError, cannotRead } from './errors.js';

export const CONFIG_NAME = '.keymgmt-lint.json';

/** The nearest `.keymgmt-lint.json` in `dir` or above it, or undefined. */
export function findConfig(dir) {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Reads a config file through the core. Its problems become one usage error (exit 2) listing
 * each with its position.
 *
 * @returns {{ file: string, options: object, ignored: (file: string) => boolean }}
 */
export function loadConfig(api, file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw cannotRead(file, error);
  }
  let config;
  try {
    config = api.readConfig(text, file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const lines = error.errors.map((e) => `${e.file}:${e.range.start.line}:${e.range.start.column}: ${e.message}`);
    throw new UsageError('invalid config file', { details: lines });
  }
  const base = path.dirname(path.resolve(file));
  const matchers = config.ignore.map((glob) => picomatch(glob, { dot: true }));
  const ignored = (given) => {
    const relative = path.relative(base, path.resolve(given)).split(path.sep).join('/');
    return !relative.startsWith('..') && matchers.some((match) => match(relative));
  };
  return { file, options: config.options, ignored };
}

/** Config options under the command line's: a flag wins over the file, key by key. */
export function mergeOptions(fromConfig, fromFlags) {
  return {
    ...fromFlags,
    rules: { ...fromConfig.rules, ...fromFlags.rules },
    variables: { ...fromConfig.variables, ...fromFlags.variables },
    providers: { ...fromConfig.providers },
  };
}
