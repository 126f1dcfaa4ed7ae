// --print-config: the settings each module would be linted with, as JSON, to see why a rule ran,
// a variable had the value it had, or which generation of the provider's resources applied. Variables are named with where their value comes from, never
// with the value: a sensitive one must not reach a terminal or a CI log.
import { moduleOptions } from './config.js';
import { readModule } from './read.js';

/**
 * @param {object} api the core
 * @param {{ dir: string, files: string[], named?: string[], config?: { file: string, options: object } }[]} modules
 * @param {{ flags: object, varFiles: string[], environment: Record<string, string> }} run
 * @returns {string}
 */
export function printConfig(api, modules, { flags, varFiles, environment }) {
  const rules = api.rules();
  const printed = modules.map((module) => {
    const options = { ...moduleOptions(module.config, flags), environment };
    const sources = readModule(module.files, new Set(varFiles)).filter((source) => source.text !== undefined);
    return {
      path: module.dir,
      ...(module.named && { reported: module.named }),
      configFile: module.config?.file ?? null,
      callModuleType: options.callModuleType ?? 'local',
      rules: effectiveRules(rules, options),
      variables: variableSources(api, sources, module, options, flags),
      // Which generation of the provider's resources the module is checked against, and why:
      // the core decides it while linting.
      schemaGeneration: api.lint(sources, options).schemaGeneration,
      providers: options.providers ?? {},
    };
  });
  return `${JSON.stringify({ modules: printed }, null, 2)}\n`;
}

// Each rule's severity in this module, or `off`.
function effectiveRules(rules, options) {
  return Object.fromEntries(
    rules.map(({ id, severity }) => {
      const setting = options.rules?.[id];
      if (setting === 'off' || (options.only && !options.only.includes(id))) return [id, 'off'];
      return [id, setting === undefined || setting === 'on' ? severity : setting];
    }),
  );
}

/**
 * Every variable the module declares or something sets, by name, as the core reads them: `source`
 * is where its value comes from (`default`, `TF_VAR_name`, a variable file, the config file,
 * `--var`), or null for a declared variable without one (unknown to the rules); `overrides`
 * lists the sources it wins over, in Terraform's order.
 */
function variableSources(api, sources, module, options, flags) {
  const named = (name, from) => (from !== 'variables' ? from : Object.hasOwn(flags.variables, name) ? '--var' : module.config.file);
  return Object.fromEntries(
    api.variableSources(sources, options).map(({ name, declared, sensitive, sources: from }) => {
      const places = from.map((place) => named(name, place));
      return [
        name,
        { declared, ...(sensitive && { sensitive: true }), source: places.at(-1) ?? null, overrides: places.slice(0, -1) },
      ];
    }),
  );
}
