// The CLI from argv to exit code: parse arguments, lint each module, print one report.
import { readFileSync } from 'node:fs';
import { parseCliArgs, HELP } from './args.js';
import { collectModules } from './collect.js';
import { UsageError } from './errors.js';
import { readSource } from './read.js';
import { addUnreadFiles, mergeReports, errorsOnly } from './report.js';
import { useColor } from './color.js';
import { formatStylish } from './stylish.js';
import { formatJson } from './json.js';

/**
 * @param {string[]} argv arguments after the script name
 * @param {{ stdout: NodeJS.WriteStream, stderr: NodeJS.WriteStream, env: NodeJS.ProcessEnv }} io
 * @returns {Promise<number>} the exit code
 */
export async function main(argv, { stdout, stderr, env }) {
  try {
    const args = parseCliArgs(argv);
    if (args.help) {
      stdout.write(`${HELP}\n`);
      return 0;
    }
    if (args.version) {
      stdout.write(`keymgmt-lint ${packageVersion()}\n`);
      return 0;
    }
    return await lintAndReport(args, { stdout, stderr, env });
  } catch (error) {
    stderr.write(`keymgmt-lint: ${describe(error)}\n`);
    return 2;
  }
}

async function lintAndReport(args, { stdout, stderr, env }) {
  const modules = collectModules(args.paths, args.varFiles);
  // Loaded only now, so that --help, --version and usage errors work even without a built core.
  const api = await import('../index.js');
  const options = {
    rules: args.rules,
    variables: args.variables,
    // Test-only hook (see README): proves that a panic in the core ends as exit 2, one line.
    ...(env.KEYMGMT_LINT_TEST_PANIC === '1' && { __testPanic: true }),
  };
  const reports = modules.map(({ files }) => lintModule(api, files, options));
  const full = mergeReports(reports);
  const report = args.quiet ? errorsOnly(full) : full;
  stdout.write(
    args.format === 'json'
      ? formatJson(report)
      : formatStylish(report, { color: useColor({ noColor: args.noColor, env, isTTY: stdout.isTTY }) }),
  );
  // Warnings count against --max-warnings even when --quiet hides them.
  const tooManyWarnings = args.maxWarnings !== undefined && full.summary.warnings > args.maxWarnings;
  if (tooManyWarnings) {
    stderr.write(`keymgmt-lint: too many warnings (${full.summary.warnings}, maximum ${args.maxWarnings})\n`);
  }
  return full.summary.errors > 0 || tooManyWarnings ? 1 : 0;
}

function lintModule(api, files, options) {
  const sources = files.map(readSource);
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

function describe(error) {
  if (error instanceof UsageError) return `${error.message}${error.pointToHelp ? ' (see keymgmt-lint --help)' : ''}`;
  // The core's InternalError and any bug here alike: one line, never a stack trace.
  return `internal error: ${String(error?.message ?? error).split('\n')[0]}`;
}

function packageVersion() {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}
