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
  checkRuleIds(api, args);
  const options = {
    rules: args.rules,
    ...(args.only && { only: args.only }),
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

// The core rejects an unknown id too (a TypeError), but without saying which flag named it.
function checkRuleIds(api, { ruleIds }) {
  if (ruleIds.length === 0) return;
  const known = api.rules().map((r) => r.id);
  for (const { flag, id } of ruleIds) {
    if (known.includes(id)) continue;
    const guess = closest(id, known);
    const hint = guess ? `did you mean '${guess}'?` : `known rules: ${known.join(', ')}`;
    throw new UsageError(`unknown rule id '${id}' given to ${flag}; ${hint}`);
  }
}

// The known id nearest to a misspelt one, if it is close enough to be a typo (as the core's
// did-you-mean: at most a third of the length in edits).
function closest(id, known) {
  const limit = Math.max(1, Math.floor(id.length / 3));
  let best;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(id, candidate);
    if (d <= limit && d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

function describe(error) {
  if (error instanceof UsageError) return `${error.message}${error.pointToHelp ? ' (see keymgmt-lint --help)' : ''}`;
  // The core's InternalError and any bug here alike: one line, never a stack trace.
  return `internal error: ${String(error?.message ?? error).split('\n')[0]}`;
}

function packageVersion() {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
}
