// Lints the module of one directory for the language server as the CLI lints it (its files, the
// modules it calls, its config file, TF_VAR_ variables), except that the editor's open documents
// stand in for the files on disk, saved or not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectModules } from '../cli/collect.js';
import { createConfigs } from '../cli/config.js';
import { lintRoot } from '../cli/configuration.js';
import { terraformVariables } from '../cli/environment.js';
import { UsageError } from '../cli/errors.js';

const MODULE_FILE = /\.(tf|tf\.json|tfvars|tfvars\.json)$/;

export function createModuleLinter(api) {
  let configs = createConfigs(api);
  let flags = {};
  const environment = terraformVariables(process.env);
  return {
    /** Settings from the editor: `rules` (rule id → severity or "off"), `callModuleType`. */
    configure(settings) {
      flags = {
        ...(settings?.rules && { rules: settings.rules }),
        ...(settings?.callModuleType && { callModuleType: settings.callModuleType }),
        // The CLI's test-only hook (see README): proves that a panic in the core is contained.
        ...(process.env.KEYMGMT_LINT_TEST_PANIC === '1' && { __testPanic: true }),
      };
    },
    /** Config files changed on disk: read them again. */
    forgetConfigs() {
      configs = createConfigs(api);
    },
    /**
     * @param {string} dir an absolute directory
     * @param {Map<string, { getText(): string }>} open the open documents by absolute path
     * @returns {{ diagnostics: object[], failure?: string }} the report's diagnostics (absolute
     *   paths), or why the module could not be linted
     */
    lint(dir, open) {
      try {
        const config = configs.forDir(dir);
        const files = filesOf(dir, open).filter((file) => !config?.ignored(file));
        if (files.length === 0) return { diagnostics: [] };
        const overlay = new Map([...open].map(([file, document]) => [file, Buffer.from(document.getText())]));
        const { report } = lintRoot(api, { dir, files, config }, { flags, varFiles: new Set(), environment, overlay });
        return { diagnostics: report.diagnostics };
      } catch (error) {
        const why = error instanceof UsageError ? [error.message, ...(error.details ?? [])].join('\n') : `internal error: ${error.message}`;
        return { diagnostics: [], failure: `keymgmt-lint could not check this module: ${why}` };
      }
    },
    /** A file's text on disk, for positions in a file that is not open. */
    textOf(file) {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

// The module's files on disk, and the open documents of its directory that are not saved yet.
function filesOf(dir, open) {
  let files;
  try {
    [{ files }] = collectModules([dir], []);
  } catch (error) {
    // A directory with no Terraform file saved yet has only its open documents.
    if (!(error instanceof UsageError)) throw error;
    files = [];
  }
  const absolute = files.map((file) => path.resolve(file));
  for (const file of open.keys()) {
    if (path.dirname(file) === dir && MODULE_FILE.test(file) && !absolute.includes(file)) absolute.push(file);
  }
  return absolute;
}
