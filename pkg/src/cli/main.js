// The CLI from argv to exit code: parse arguments, lint each module, print one report.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseCliArgs, HELP } from './args.js';
import { collectModules, manifestOf, moduleFiles } from './collect.js';
import { UsageError } from './errors.js';
import { findConfig, loadConfig, mergeOptions } from './config.js';
import { readModule } from './read.js';
import { readPlanText } from './plan.js';
import { addUnreadFiles, mergeReports, errorsOnly } from './report.js';
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
  const collected = linting ? collectModules(args.paths, args.varFiles) : [];
  chooseTiering(args.plan !== undefined ? [args.plan] : collected.flatMap((module) => module.files));
  // Loaded only now, so that --help, --version and usage errors neither need nor compile the core,
  // and the tiering flag above applies; in the bundle dist/cli.js this import() stays a lazy
  // initialiser (scripts/bundle.js).
  const api = await import('../index.js');
  if (args.printSchema !== undefined) {
    await writeStdout(stdout, `${JSON.stringify(schemaToPrint(api, args.printSchema), null, 2)}\n`);
    return 0;
  }
  checkRuleIds(api, args);
  const flags = {
    rules: args.rules,
    ...(args.only && { only: args.only }),
    variables: args.variables,
    ...(args.callModuleType && { callModuleType: args.callModuleType }),
    // Test-only hook (see README): proves that a panic in the core ends as exit 2, one line.
    ...(env.KEYMGMT_LINT_TEST_PANIC === '1' && { __testPanic: true }),
  };
  const configs = new Map();
  const configFor = (dir) => {
    if (args.noConfig) return undefined;
    const file = args.config ?? findConfig(dir);
    if (file === undefined) return undefined;
    if (!configs.has(file)) configs.set(file, loadConfig(api, file));
    return configs.get(file);
  };
  const optionsFor = (config) => (config ? mergeOptions(config.options, flags) : flags);
  let reports;
  let modules = [];
  if (args.plan !== undefined) {
    const options = optionsFor(configFor('.'));
    reports = [lintPlan(api, await readPlanText(args.plan, stdin), args.plan, options)];
  } else {
    modules = collected
      .map((module) => {
        const config = configFor(module.dir);
        const files = config ? module.files.filter((f) => !config.ignored(f)) : module.files;
        return { ...module, files, config, skipped: allConfigIgnored(module.files, files) };
      })
      .filter((module) => !module.skipped);
    const varFiles = new Set(args.varFiles);
    modules = modules.map((module) => ({ ...module, ...lintConfiguration(api, module, varFiles, optionsFor(module.config)) }));
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
  const isConfig = (f) => /\.tf(\.json)?$/.test(f);
  return before.some(isConfig) && !after.some(isConfig);
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

// The core follows module calls 16 deep; each round reads the modules the last one found.
const MAX_MODULE_ROUNDS = 17;

// Lints a root module with the modules it calls: the core names the directories its files call
// (parsing them only), they are read (their .tf files only, minus what the config file ignores),
// and so on down; then the whole configuration is linted once.
function lintConfiguration(api, module, varFiles, options) {
  let files = [...module.files];
  const manifest = options.callModuleType === 'all' ? manifestOf(module.dir) : undefined;
  if (manifest !== undefined) files.push(manifest);
  let sources = readModule(files, varFiles);
  let fresh = sources;
  // Directories already read: a module calling itself, or one called twice, is read once.
  const tried = new Set([path.normalize(module.dir)]);
  for (let round = 0; round < MAX_MODULE_ROUNDS && fresh.some(mayCallModules); round++) {
    const texts = fresh.filter((source) => source.text !== undefined);
    const dirs = api.calledModules(texts, options).filter((dir) => !tried.has(path.normalize(dir)));
    dirs.forEach((dir) => tried.add(path.normalize(dir)));
    const more = dirs.flatMap(moduleFiles).filter((file) => !module.config?.ignored(file));
    const read = sources.reduce((sum, source) => sum + (source.text?.length ?? 0), 0);
    fresh = readModule(more, new Set(), read);
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
    sources = [...sources, ...readModule(more, new Set(), read)];
    files = [...files, ...more];
    report = lintModule(api, sources, options);
  }
  return { files, report };
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

function lintModule(api, sources, options) {
  const texts = sources.filter((s) => s.text !== undefined);
  let report;
  try {
    report = api.lint(texts, options);
  } catch (error) {
    // The core refusing its input (e.g. a size limit) is the user's to fix, not a crash.
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  return addUnreadFiles(report, sources.filter((s) => s.diagnostic).map((s) => s.diagnostic));
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
