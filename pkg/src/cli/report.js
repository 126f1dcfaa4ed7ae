// Report arithmetic: the CLI adds its own diagnostics, merges modules and filters for --quiet,
// always keeping the summary equal to what the diagnostics say.

/** Adds diagnostics about files that never reached the core, keeping the core's sort order. */
export function addUnreadFiles(report, diagnostics) {
  if (diagnostics.length === 0) return report;
  const merged = [...report.diagnostics, ...diagnostics].sort(byPosition);
  return {
    diagnostics: merged,
    summary: { ...report.summary, ...count(merged), files: report.summary.files + diagnostics.length },
  };
}

export function mergeReports(reports) {
  const summary = { errors: 0, warnings: 0, infos: 0, files: 0, resources: 0 };
  for (const report of reports) {
    for (const key of Object.keys(summary)) summary[key] += report.summary[key];
  }
  return { diagnostics: reports.flatMap((r) => r.diagnostics), summary };
}

export function errorsOnly(report) {
  const diagnostics = report.diagnostics.filter((d) => d.severity === 'error');
  return { diagnostics, summary: { ...report.summary, ...count(diagnostics) } };
}

function count(diagnostics) {
  const n = (severity) => diagnostics.filter((d) => d.severity === severity).length;
  return { errors: n('error'), warnings: n('warning'), infos: n('info') };
}

function byPosition(a, b) {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.range.start.offset - b.range.start.offset;
}
