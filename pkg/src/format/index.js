// The output formats, shared by the CLI and the JS API's format(). Platform-neutral: no Node
// modules, and the core is passed in, so that any entry (Node ESM, CommonJS, browser) can use it.
import { formatStylish } from './stylish.js';
import { formatJson } from './json.js';
import { formatSarif } from './sarif.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';

/**
 * Every output format, in the order the help lists them: its name (`--format`, `format()`, the
 * `FormatName` type of index.d.ts, which scripts/gen-types.js writes from this list), what it is
 * (the help says so in brackets) and how it renders a report with the core and the options.
 *
 * @type {{ name: string, description?: string, render: (report: object, core: object, options: object) => string }[]}
 */
export const FORMATS = [
  { name: 'stylish', description: 'default', render: (report, _core, options) => formatStylish(report, { color: options.color === true }) },
  { name: 'json', render: (report) => formatJson(report) },
  {
    name: 'sarif',
    description: 'SARIF 2.1.0',
    render: (report, core, options) => formatSarif(report, { rules: core.rules(), version: core.version() }, options),
  },
  { name: 'github', description: 'GitHub Actions annotations', render: (report) => formatGithub(report) },
  { name: 'junit', description: 'JUnit XML', render: (report, _core, options) => formatJunit(report, options) },
];

export const FORMAT_NAMES = FORMATS.map(({ name }) => name);

const OPTION_KEYS = ['color', 'cwd', 'files', 'docsBaseUrl'];

/**
 * @param {{ rules: () => object[], version: () => string }} core the API's rules() and version(),
 *   which SARIF needs for its tool.driver
 * @returns {(report: object, name: string, options?: object) => string}
 */
export function createFormat(core) {
  return function format(report, name, options = {}) {
    checkArguments(report, name, options);
    return FORMATS.find((f) => f.name === name).render(report, core, options);
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
