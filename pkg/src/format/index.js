// The output formats, shared by the CLI and the JS API's format(). Platform-neutral: no Node
// modules, and the core is passed in, so that any entry (Node ESM, CommonJS, browser) can use it.
import { formatStylish } from './stylish.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';

export const FORMAT_NAMES = ['stylish', 'json', 'sarif', 'github', 'junit'];

const OPTION_KEYS = ['color', 'cwd', 'files', 'docsBaseUrl'];

/**
 * @param {{ rules: () => object[], version: () => string }} core the API's rules() and version(),
 *   which SARIF needs for its tool.driver
 * @returns {(report: object, name: string, options?: object) => string}
 */
export function createFormat(core) {
  return function format(report, name, options = {}) {
    checkArguments(report, name, options);
    switch (name) {
      case 'stylish':
        return formatStylish(report, { color: options.color === true });
      case 'json':
        return formatJson(report);
      case 'sarif':
        return formatSarif(report, { rules: core.rules(), version: core.version() }, options);
      case 'github':
        return formatGithub(report);
      case 'junit':
        return formatJunit(report, options);
    }
  };
}

function checkArguments(report, name, options) {
  if (!FORMAT_NAMES.includes(name)) {
    throw new TypeError(`unknown format ${JSON.stringify(name)} (expected ${FORMAT_NAMES.join(', ')})`);
  }
  if (typeof report !== 'object' || report === null || !Array.isArray(report.diagnostics) || typeof report.summary !== 'object') {
    throw new TypeError('format() expects a Report: { diagnostics: Diagnostic[], summary }');
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('format() options must be an object');
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) throw new TypeError(`unknown format option '${key}' (expected ${OPTION_KEYS.join(', ')})`);
  }
  if (options.files !== undefined && !(Array.isArray(options.files) && options.files.every((f) => typeof f === 'string'))) {
    throw new TypeError('format() option files must be a list of paths');
  }
  for (const key of ['cwd', 'docsBaseUrl']) {
    if (options[key] !== undefined && typeof options[key] !== 'string') throw new TypeError(`format() option ${key} must be a string`);
  }
  if (options.docsBaseUrl !== undefined && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(options.docsBaseUrl)) {
    throw new TypeError('format() option docsBaseUrl must be an absolute URL');
  }
}
