// The CLI from argv to exit code: parse arguments, lint each module, print one report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCliArgs, HELP } from './args.js';
import { collectModules, isConfigFile } from './collect.js';
import { lintRoot } from './configuration.js';
import { findModuleDirs } from './discover.js';
import { terraformVariables } from './environment.js';
import { UsageError } from './errors.js';
import { createConfigs, moduleOptions } from './config.js';
import { startLinters } from './pool.js';
import { readPlanText, readStdinBytes } from './plan.js';
import { preCommitArgs } from './pre-commit.js';
import { printConfig } from './print-config.js';
import { dryRunDiff, editsByFile, writeFixes } from './fix.js';
import { repositoryRoot } from './repo-root.js';
import { mergeReports, errorsOnly, relativeTo, repositoryPath } from './report.js';
import { explainRule, listRules, publishedDocsUrl } from './rule-docs.js';
import { cleanRunLine } from './summary.js';
import { closest } from './suggest.js';
import { lintTree } from './tree.js';
import { useColor } from './color.js';
import { chooseTiering } from './tiering.js';
import { handleStreamErrors, writeStdout, writeOutputFile } from './output.js';
import { escapeControls } from '../format/escape.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { RejectedInput } from '../errors.js';

/**
 * @param {string[]} argv arguments after the script name
 * @param {{ stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream, env: NodeJS.ProcessEnv, stdin?: NodeJS.ReadableStream }} io
 *   `stdin` (read by `--plan -`) defaults to the process's
 * @param {{ preCommit?: boolean }} [mode] `preCommit`: argv is the pre-commit hook's, options and
 *   then the staged files (./pre-commit.js)
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, { stdout, stderr, env, stdin = process.stdin }, { preCommit = false } = {}) {
  const started = performance.now();
  handleStreamErrors(stdout, stderr);
  try {
    const args = preCommit ? preCommitArgs(argv) : parseCliArgs(argv);
    if (args === undefined) return 0;
    if (args.help) {
      await writeStdout(stdout, `${HELP}\n`);
      return 0;
    }
    if (args.version) {
      await writeStdout(stdout, `keymgmt-lint ${packageJson().version}\n`);
      return 0;
    }
    if (args.explain !== undefined) {
      await writeStdout(stdout, explainRule(args.explain));
      return 0;
    }
    return await lintAndReport(args, { stdout, stderr, env, stdin, started });
  } catch (error) {
    stderr.write(`keymgmt-lint: ${describe(error)}\n`);
    return 2;
  }
}

async function lintAndReport(args, io) {
  const linting = args.plan === undefined && args.printSchema === undefined && !args.listRules;
  const paths = args.stdinFilename !== undefined ? [args.stdinFilename] : args.paths.length > 0 ? args.paths : ['.'];
  const flags = {
    rules: args.rules,
    ...(args.only && { only: args.only }),
    variables: args.variables,
    ...(args.callModuleType && { callModuleType: args.callModuleType }),
    // Test-only hook (see README): proves that a panic in the core ends as exit 2, one line.
    ...(io.env.KEYMGMT_LINT_TEST_PANIC === '1' && { __testPanic: true }),
  };
  // --fix writes a file only if it still holds what was linted.
  const run = { flags, varFiles: args.varFiles, environment: terraformVariables(io.env), digests: args.fix };
  const recursive = linting && args.recursive;
  const dirs = recursive ? findModuleDirs(paths) : paths;
  // Started as soon as the directories are known: the threads start while this one reads the
  // modules, compiles the core and chooses the roots.
  const linters = recursive ? startLinters({ threads: Math.min(args.jobs, dirs.length), ...run }) : undefined;
  try {
    const collected = !linting ? [] : args.stdinFilename !== undefined ? [moduleOfStdin(args.stdinFilename, args.varFiles)] : collectModules(dirs, args.varFiles);
    chooseTiering(args.plan !== undefined ? [args.plan] : collected.flatMap((module) => module.files));
    if (args.stdinFilename !== undefined) {
      run.overlay = new Map([[path.resolve(args.stdinFilename), await readStdinBytes(io.stdin ?? process.stdin)]]);
    }
    return await loadCoreAndLint(args, { paths, collected, run, linters }, io);
  } finally {
    if (linters) await linters.close();
  }
}

// The module --stdin-filename stands in: its directory's, as for a file named on the command
// line, with the file added where it is not on disk yet (a buffer never saved).
function moduleOfStdin(file, varFiles) {
  const dir = path.dirname(file);
  let module;
  try {
    [module] = collectModules([dir], varFiles);
  } catch (error) {
    // A directory with no Terraform file yet holds only this one.
    if (!(error instanceof UsageError)) throw error;
    module = { dir, files: [...varFiles] };
  }
  const same = (f) => path.resolve(f) === path.resolve(file);
  const files = module.files.some(same) ? module.files.map((f) => (same(f) ? file : f)) : [file, ...module.files];
  return { ...module, files, named: [file] };
}

// As ESLint: enough for fixes that make room for others, bounded whatever the input.
const MAX_FIX_PASSES = 10;

async function loadCoreAndLint(args, { paths, collected, run, linters }, { stdout, stderr, env, stdin, started }) {
  // Loaded only now, so that --help, --version and usage errors neither need nor compile the core,
  // and the tiering flag above applies; in the bundle dist/cli.js this import() stays a lazy
  // initialiser (scripts/bundle.js).
  const api = await import('../index.js');
  linters?.load((await import('../core.js')).compiledCore);
  if (args.printSchema !== undefined) {
    await writeStdout(stdout, `${JSON.stringify(schemaToPrint(api, args.printSchema), null, 2)}\n`);
    return 0;
  }
  if (args.listRules) {
    await writeStdout(stdout, listRules(api.rules(), args.format));
    return 0;
  }
  checkRuleIds(api, args);
  const configs = createConfigs(api, args);
  const { flags } = run;
  let reports;
  let modules = [];
  if (args.plan !== undefined) {
    const options = moduleOptions(configs.forDir('.'), flags);
    reports = [lintPlan(api, await readPlanText(args.plan, stdin), args.plan, options)];
  } else {
    const configured = collected.map((module) => withConfig(module, configs.forDir(module.dir)));
    warnIgnored(paths, configured, stderr);
    modules = configured.filter((module) => !module.skipped);
    if (args.printConfig) {
      await writeStdout(stdout, printConfig(api, modules, run));
      return 0;
    }
    const roots = modules;
    const lintRoots = async () => {
      if (linters) return lintTree(api, roots, { args, flags, configs, linters, stderr, env });
      const once = { ...run, varFiles: new Set(run.varFiles) };
      return roots.map((module) => ({ ...module, ...lintRoot(api, module, once) }));
    };
    const reportsOf = (linted) => linted.map((module) => module.report);
    modules = await lintRoots();
    reports = reportsOf(modules);
    const fixes = (reports_) => editsByFile(reports_.flatMap((r) => r.diagnostics), { unsafe: args.fixUnsafe });
    if (args.fixDryRun) {
      await writeStdout(stdout, dryRunDiff(fixes(reports)));
      return mergeReports(reports).summary.errors > 0 ? 1 : 0;
    }
    // Each pass makes the fixes that do not overlap, then lints again: a fix may make room for
    // another, and the report is of the files as they are now.
    for (let pass = 0; args.fix && pass < MAX_FIX_PASSES; pass++) {
      const linted = new Map(modules.flatMap((module) => Object.entries(module.digests ?? {})));
      const { fixed, skipped } = writeFixes(fixes(reports), linted);
      for (const { file, reason } of skipped) stderr.write(escapeControls(`keymgmt-lint: ${file} was not fixed: ${reason}\n`));
      if (fixed.length === 0) break;
      modules = await lintRoots();
      reports = reportsOf(modules);
    }
  }
  const full = mergeReports(reports, modules.map((module) => module.dir));
  const report = args.quiet ? errorsOnly(full) : full;
  // GitHub, CI dashboards and code scanning name a file by its path in the repository, wherever
  // in it the CLI ran and however the paths were given.
  const root = ['github', 'junit', 'sarif'].includes(args.format) ? repositoryRoot(process.cwd()) : undefined;
  const files = modules.flatMap((m) => m.named ?? m.files);
  const color = useColor({ noColor: args.noColor, env, isTTY: args.outputFile === undefined && stdout.isTTY });
  // The command line's URL, else the config file's (the one the current directory uses), else
  // the published package's.
  const docsBaseUrl =
    args.format === 'sarif' ? (args.docsBaseUrl ?? configs.forDir('.')?.docsBaseUrl ?? publishedDocsUrl(packageJson())) : undefined;
  const output = api.format(root ? relativeTo(report, root) : report, args.format, {
    ...(docsBaseUrl && { docsBaseUrl }),
    color,
    cwd: root ?? process.cwd(),
    files: root ? files.map((file) => repositoryPath(root, file)) : files,
  });
  if (args.outputFile === undefined) await writeStdout(stdout, output);
  else writeOutputFile(args.outputFile, output);
  // A person at a terminal sees that the lint ran; a pipe or a script still gets nothing.
  if (output === '' && args.format === 'stylish' && args.outputFile === undefined && !args.quiet && stdout.isTTY) {
    await writeStdout(stdout, cleanRunLine(full.summary, performance.now() - started, color));
  }
  // Warnings count against --max-warnings even when --quiet hides them.
  const tooManyWarnings = args.maxWarnings !== undefined && full.summary.warnings > args.maxWarnings;
  if (tooManyWarnings) {
    stderr.write(`keymgmt-lint: too many warnings (${full.summary.warnings}, maximum ${args.maxWarnings})\n`);
  }
  return full.summary.errors > 0 || tooManyWarnings ? 1 : 0;
}

// A module's files minus those its config file ignores; of the files named in it, those not
// ignored (`excluded`: the others). A module with nothing left to lint or report is skipped.
function withConfig(module, config) {
  if (!config) return { ...module, config, skipped: false };
  const files = module.files.filter((file) => !config.ignored(file));
  const named = module.named?.filter((file) => !config.ignored(file));
  const excluded = module.named?.filter((file) => config.ignored(file));
  return { ...module, files, named, excluded, config, skipped: allConfigIgnored(module.files, files) || named?.length === 0 };
}

// A path named on the command line that the config file's `ignore` excludes is not linted: say
// so, rather than passing as if it were clean. A directory is excluded when every module in it
// is. The exit code is unchanged.
function warnIgnored(paths, modules, stderr) {
  const excludedFiles = new Map(modules.flatMap((module) => (module.excluded ?? []).map((file) => [file, module.config.file])));
  for (const given of paths) {
    let configFile = excludedFiles.get(given);
    if (configFile === undefined) {
      const at = path.resolve(given);
      const inside = modules.filter((module) => {
        const dir = path.resolve(module.dir);
        return !module.named && (dir === at || dir.startsWith(`${at}${path.sep}`));
      });
      if (inside.length === 0 || !inside.every((module) => module.skipped)) continue;
      configFile = inside[0].config.file;
    }
    const shown = repositoryPath(process.cwd(), configFile);
    stderr.write(`keymgmt-lint: warning: ${escapeControls(given)} is not linted: the ignore patterns of ${escapeControls(shown)} exclude it\n`);
  }
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
    if (error instanceof RejectedInput) throw new UsageError(error.message);
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
// Against the core's own list of rules, with the nearest id as a suggestion.
function checkRuleIds(api, { ruleIds }) {
  const known = api.rules().map((rule) => rule.id);
  for (const { flag, id } of ruleIds) {
    if (known.includes(id)) continue;
    const suggestion = closest(id, known);
    throw new UsageError(`${flag}: unknown rule id \`${id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`);
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

function packageJson() {
  return JSON.parse(readFileSync(new URL('package.json', PACKAGE_ROOT), 'utf8'));
}
