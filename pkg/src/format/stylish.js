// Human-readable output in the layout of ESLint's "stylish" formatter; empty when clean.

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'cyan' };

export function formatStylish(report, { color = false } = {}) {
  const paint = painter(color);
  const byFile = new Map();
  for (const d of report.diagnostics) {
    if (!byFile.has(d.file)) byFile.set(d.file, []);
    byFile.get(d.file).push(d);
  }
  if (byFile.size === 0) return '';
  const blocks = [...byFile].map(([file, diagnostics]) => fileBlock(file, diagnostics, paint));
  return `${blocks.join('\n')}\n${summaryLine(report.summary, paint)}\n`;
}

function fileBlock(file, diagnostics, paint) {
  const rows = diagnostics.map((d) => ({ d, where: `${d.range.start.line}:${d.range.start.column}` }));
  const whereWidth = widest(rows.map((r) => r.where));
  const severityWidth = widest(diagnostics.map((d) => d.severity));
  const messageWidth = widest(diagnostics.map((d) => d.message));
  const indent = ' '.repeat(2 + whereWidth + 2 + severityWidth + 2);
  const lines = [paint.underline(file)];
  for (const { d, where } of rows) {
    const severity = paint[SEVERITY_STYLE[d.severity]](d.severity.padEnd(severityWidth));
    lines.push(`  ${paint.dim(where.padEnd(whereWidth))}  ${severity}  ${d.message.padEnd(messageWidth)}  ${paint.dim(d.rule)}`);
    if (d.help) lines.push(`${indent}help: ${d.help}`);
    for (const r of d.related) {
      lines.push(`${indent}related: ${r.file}:${r.range.start.line}:${r.range.start.column} ${r.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// reduce rather than Math.max(...): a generated module can have more rows than spread allows.
function widest(texts) {
  return texts.reduce((max, text) => Math.max(max, text.length), 0);
}

function summaryLine({ errors, warnings, infos }, paint) {
  const problems = errors + warnings + infos;
  const text = `✖ ${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')})`;
  return paint.bold(paint[errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'cyan'](text));
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const CODES = { bold: [1, 22], dim: [2, 22], underline: [4, 24], red: [31, 39], yellow: [33, 39], cyan: [36, 39] };

/** @returns style functions (`paint.red(text)`) that are the identity when colour is off. */
function painter(enabled) {
  const paint = {};
  for (const [name, [open, close]] of Object.entries(CODES)) {
    paint[name] = enabled ? (text) => `\x1b[${open}m${text}\x1b[${close}m` : (text) => text;
  }
  return paint;
}
