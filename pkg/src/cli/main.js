// The CLI from argv to exit code: parse arguments, lint each module, print one report.
import { readFileSync } from 'node:fs';
import { parseCliArgs, HELP } from './args.js';
import { collectModules, isConfigFile } from './collect.js';
import { lintRoot } from './configuration.js';
import { findModuleDirs } from './discover.js';
import { UsageError } from './errors.js';
import { createConfigs, moduleOptions } from './config.js';
import { startLinters } from './pool.js';
import { readPlanText } from './plan.js';
import { mergeReports, errorsOnly } from './report.js';
import { lintTree } from './tree.js';
import { useColor } from './color.js';
import { chooseTiering } from './tiering.js';
import { handleStreamErrors, writeStdout, writeOutputFile } from './output.js';
import { escapeControls } from '../format/escape.js';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * @param {string[]} argv arguments after the script name
 * @param {{ stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream, env: NodeJS.ProcessEnv, stdin?: NodeJS.ReadableStream }} io
 *   `stdin` (read by `--plan -`) defaults to the process's
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, { stdout, stderr, env, stdin = process.stdin }) {
  handleStreamErrors(stdout, stderr);
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      await writeStdout(stdout, `${HELP}\n`);
      return 0;
    }
    if (args.version) {
      await writeStdout(stdout, `keymgmt-lint ${packageVersion()}\n`);
      return 0;
    }
    return await lintAndReport(args, { stdout, stderr, env, stdin });
  } catch (error) {
    stderr.write(`keymgmt-lint: ${describe(error)}\n`);
    return 2;
  }
}

async function lintAndReport(args, { stdout, stderr, env, stdin }) {
  const linting = args.plan === undefined && args.printSchema === undefined;
  const dirs = linting && args.recursive ? findModuleDirs(args.paths) : args.paths;
  const collected = linting ? collectModules(dirs, args.varFiles) : [];
  chooseTiering(args.plan !== undefined ? [args.plan] : collected.flatMap((module) => module.files));
  const flags = {
    rules: args.rules,
    ...(args.only && { only: args.only }),
    variables: args.variables,
    ...(args.callModuleType && { callModuleType: args.callModuleType }),
    // Test-only hook (see README): proves that a panic in the core ends as exit 2, one line.
    ...(env.KEYMGMT_LINT_TEST_PANIC === '1' && { __testPanic: true }),
  };
  // Started now, after the tiering flag, so that the threads load their cores while this one
  // loads its own and chooses the roots.
  const linters = args.recursive ? startLinters({ threads: Math.min(args.jobs, collected.length), flags, varFiles: args.varFiles }) : undefined;
  try {
    return await loadCoreAndLint(args, { collected, flags, linters }, { stdout, stderr, env, stdin });
  } finally {
    if (linters) await linters.close();
  }
}

async function loadCoreAndLint(args, { collected, flags, linters }, { stdout, stderr, env, stdin }) {
  // Loaded only now, so that --help, --version and usage errors neither need nor compile the core,
  // and the tiering flag above applies; in the bundle dist/cli.js this import() stays a lazy
  // initialiser (scripts/bundle.js).
  const api = await import('../index.js');
  if (args.printSchema !== undefined) {
    await writeStdout(stdout, `${JSON.stringify(schemaToPrint(api, args.printSchema), null, 2)}\n`);
    return 0;
  }
  checkRuleIds(api, args);
  const configs = createConfigs(api, args);
  let reports;
  let modules = [];
  if (args.plan !== undefined) {
    const options = moduleOptions(configs.forDir('.'), flags);
    reports = [lintPlan(api, await readPlanText(args.plan, stdin), args.plan, options)];
  } else {
    modules = collected
      .map((module) => {
        const config = configs.forDir(module.dir);
        const files = config ? module.files.filter((f) => !config.ignored(f)) : module.files;
        return { ...module, files, config, skipped: allConfigIgnored(module.files, files) };
      })
      .filter((module) => !module.skipped);
    if (linters) {
      modules = await lintTree(api, modules, { args, flags, configs, linters, stderr, env });
    } else {
      const run = { flags, varFiles: new Set(args.varFiles) };
      modules = modules.map((module) => ({ ...module, ...lintRoot(api, module, run) }));
    }
    reports = modules.map((module) => module.report);
  }
  const full = mergeReports(reports);
  const report = args.quiet ? errorsOnly(full) : full;
  const output = api.format(report, args.format, {
    // The rule pages ship in the package (docs/rules/, copied at build), so SARIF's helpUri can
    // point at them wherever the package is installed.
    ...(args.format === 'sarif' && { docsBaseUrl: new URL('docs/rules/', PACKAGE_ROOT).href }),
    color: useColor({ noColor: args.noColor, env, isTTY: args.outputFile === undefined && stdout.isTTY }),
    cwd: process.cwd(),
    files: modules.flatMap((m) => m.files),
  });
  if (args.outputFile === undefined) await writeStdout(stdout, output);
  else writeOutputFile(args.outputFile, output);
  // Warnings count against --max-warnings even when --quiet hides them.
  const tooManyWarnings = args.maxWarnings !== undefined && full.summary.warnings > args.maxWarnings;
  if (tooManyWarnings) {
    stderr.write(`keymgmt-lint: too many warnings (${full.summary.warnings}, maximum ${args.maxWarnings})\n`);
  }
  return full.summary.errors > 0 || tooManyWarnings ? 1 : 0;
}

// A module whose every configuration file the config file ignores is not linted at all.
function allConfigIgnored(before, after) {
  return before.some(isConfigFile) && !after.some(isConfigFile);
}

function lintPlan(api, text, file, options) {
  let report;
  try {
    report = api.lintPlan(text, options, file === '-' ? 'plan.json' : file);
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  // A plan that cannot be read is bad input to the command, not a finding about a module.
  const unreadable = report.diagnostics.filter((d) => d.rule === 'parse-error');
  if (unreadable.length > 0) {
    const lines = unreadable.map((d) => `${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.message}`);
    throw new UsageError('cannot read the plan', { details: lines });
  }
  return report;
}

function schemaToPrint(api, name) {
  if (name === 'config') return api.configSchema();
  const all = api.schemas();
  if (name === 'all') return all;
  if (all[name]) return all[name];
  throw new UsageError(`no schema named '${name}'; one of: ${[...Object.keys(all), 'config', 'all'].join(', ')}`);
}

// The core knows the rule ids and suggests the nearest; the CLI adds which flag named the id.
function checkRuleIds(api, { ruleIds }) {
  for (const { flag, id } of ruleIds) {
    try {
      api.lint([], { only: [id] });
    } catch (error) {
      if (error instanceof TypeError) throw new UsageError(`${flag}: ${error.message}`);
      throw error;
    }
  }
}

// Messages name paths and quote the input (a config file's keys, a plan's text): each line is
// escaped as the report is (../format/escape.js), so that they cannot drive the terminal either.
function describe(error) {
  if (error instanceof UsageError) {
    const first = `${error.message}${error.pointToHelp ? ' (see keymgmt-lint --help)' : ''}`;
    return [first, ...error.details].map((line) => escapeControls(line)).join('\n');
  }
  // The core's InternalError and any bug here alike: one line, never a stack trace.
  return `internal error: ${escapeControls(String(error?.message ?? error).split('\n')[0])}`;
}

function packageVersion() {
  return JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8')).version;
}
