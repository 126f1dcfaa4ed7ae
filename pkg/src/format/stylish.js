// Human-readable output in the layout of ESLint's "stylish" formatter; empty when clean.
import { escapeControls } from './escape.js';

const SEVERITY_STYLE = { error: 'red', warning: 'yellow', info: 'cyan' };

// Messages up to this length are aligned in a column, the rule ids after them. A longer message
// (a generated 1 MB argument name) overflows on its own line instead of widening every other
// line to its length: padding to the longest message made the output grow with findings times
// the longest message (100 findings and one 1 MB name: 101 MB; 1,000: a string V8 cannot hold).
// The core's own messages run to about 160 characters with short resource names (a literal
// secret in `credentials.service_account_file`), longer with real ones: 200 keeps them aligned.
export const MAX_ALIGNED_MESSAGE = 200;

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
  // Widths are measured on the escaped text, which is what the terminal shows.
  const rows = diagnostics.map((d) => ({
    d,
    where: `${d.range.start.line}:${d.range.start.column}`,
    message: escapeControls(d.message),
  }));
  const whereWidth = widest(rows.map((r) => r.where));
  const severityWidth = widest(diagnostics.map((d) => d.severity));
  const messageWidth = widest(rows.map((r) => r.message).filter((m) => m.length <= MAX_ALIGNED_MESSAGE));
  const indent = ' '.repeat(2 + whereWidth + 2 + severityWidth + 2);
  const lines = [paint.underline(escapeControls(file))];
  for (const { d, where, message } of rows) {
    const severity = paint[SEVERITY_STYLE[d.severity]](d.severity.padEnd(severityWidth));
    lines.push(`  ${paint.dim(where.padEnd(whereWidth))}  ${severity}  ${message.padEnd(messageWidth)}  ${paint.dim(escapeControls(d.rule))}`);
    if (d.help) lines.push(`${indent}help: ${escapeControls(d.help)}`);
    for (const r of d.related) {
      lines.push(`${indent}related: ${escapeControls(r.file)}:${r.range.start.line}:${r.range.start.column} ${escapeControls(r.message)}`);
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
