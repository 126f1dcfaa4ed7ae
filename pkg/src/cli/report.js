// The CLI's reports put together: the modules' reports merged, errors only for --quiet, paths
// made relative to the repository. The counts are the core's: merging adds them up, --quiet
// keeps the errors and their count.
import path from 'node:path';

/**
 * One report for the modules linted. Which generation of the provider's resources each was
 * checked against is kept: as `schemaGeneration` for one module, as `modules` (each `path` with
 * its `schemaGeneration`) for several.
 *
 * @param {object[]} reports
 * @param {string[]} dirs the directory of each report's module
 */
export function mergeReports(reports, dirs = []) {
  const summary = { errors: 0, warnings: 0, infos: 0, files: 0, resources: 0 };
  for (const report of reports) {
    for (const key of Object.keys(summary)) summary[key] += report.summary[key];
  }
  const merged = { diagnostics: reports.flatMap((r) => r.diagnostics), summary };
  const chosen = reports.flatMap((r, i) => (r.schemaGeneration ? [{ path: dirs[i], schemaGeneration: r.schemaGeneration }] : []));
  if (reports.length === 1 && chosen.length === 1) merged.schemaGeneration = chosen[0].schemaGeneration;
  else if (chosen.length > 0) merged.modules = chosen;
  return merged;
}

/**
 * The report with every path (of diagnostics and related locations) made relative to `root`, or
 * absolute where it lies outside: how GitHub and CI dashboards name a repository's files.
 */
export function relativeTo(report, root) {
  const move = (file) => repositoryPath(root, file);
  const pinnedIn = (generation) => (generation.file === undefined ? generation : { ...generation, file: move(generation.file) });
  return {
    ...report,
    diagnostics: report.diagnostics.map((d) => ({ ...d, file: move(d.file), related: d.related.map((r) => ({ ...r, file: move(r.file) })) })),
    ...(report.schemaGeneration && { schemaGeneration: pinnedIn(report.schemaGeneration) }),
    ...(report.modules && { modules: report.modules.map((m) => ({ path: move(m.path), schemaGeneration: pinnedIn(m.schemaGeneration) })) }),
  };
}

/** `file` relative to `root` with `/` between directories, or absolute where it lies outside. */
export function repositoryPath(root, file) {
  const absolute = path.resolve(file);
  const relative = path.relative(root, absolute);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (relative === '' || outside) return absolute;
  return relative.split(path.sep).join('/');
}

/** The errors of `report`, as --quiet shows it: the warnings and infos, and their counts, left out. */
export function errorsOnly(report) {
  const diagnostics = report.diagnostics.filter((d) => d.severity === 'error');
  return { ...report, diagnostics, summary: { ...report.summary, warnings: 0, infos: 0 } };
}
