// GitHub Actions workflow commands: one `::error file=…,line=…::message` line per diagnostic,
// which the runner turns into annotations on the pull request's diff. Empty when clean.
//
// GitHub shows at most 10 annotations of each level (error, warning, notice) per step and drops
// the commands past them, which then appear nowhere. So past 10 of a level the diagnostics are
// printed as plain lines of the log instead, between `::stop-commands::` and its end marker, so
// that nothing in them can be read as a command.
import { escapeControls } from './escape.js';
import { hash64 } from './hash.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' };

/** How many annotations of each level GitHub shows for one step. */
export const ANNOTATIONS_PER_LEVEL = 10;

export function formatGithub(report) {
  const shown = { error: 0, warning: 0, notice: 0 };
  const commands = [];
  const rest = [];
  for (const d of report.diagnostics) {
    const level = COMMAND[d.severity] ?? 'error';
    if (shown[level] < ANNOTATIONS_PER_LEVEL) {
      shown[level]++;
      commands.push(`${command(level, d)}\n`);
    } else {
      rest.push(d);
    }
  }
  return commands.join('') + inLog(rest);
}

function command(level, d) {
  const { start, end } = d.range;
  const properties = [
    ['file', d.file],
    ['line', start.line],
    ['col', start.column],
    ['endLine', end.line],
    ['endColumn', end.column],
    ['title', d.rule],
  ];
  const message = d.help ? `${annotationText(d.message)}\nhelp: ${annotationText(d.help)}` : annotationText(d.message);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(escapeControls(value))}`).join(',');
  return `::${level} ${props}::${escapeData(message)}`;
}

// The diagnostics past the limit, one line each (and one for the help), as stylish would say
// them. The end marker is a hash of the lines it encloses: no line can hold it.
function inLog(diagnostics) {
  if (diagnostics.length === 0) return '';
  const counts = ['error', 'warning', 'info']
    .map((severity) => [severity, diagnostics.filter((d) => d.severity === severity).length])
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity === 'info' ? 'notice' : severity}${n === 1 ? '' : 's'}`);
  const lines = [
    `keymgmt-lint: GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step; the other ${counts.join(', ')}:`,
  ];
  for (const d of diagnostics) {
    const where = `${escapeControls(d.file)}:${d.range.start.line}:${d.range.start.column}`;
    lines.push(`${where}: ${d.severity}: ${escapeControls(d.message)} (${escapeControls(d.rule)})`);
    if (d.help) lines.push(`  help: ${escapeControls(d.help)}`);
  }
  const text = lines.map((line) => `${line}\n`).join('');
  const marker = `keymgmt-lint-${hash64(text)}`;
  return `::stop-commands::${marker}\n${text}::${marker}::\n`;
}

// A message's own line breaks are kept: escapeData encodes them (%0D, %0A), so they cannot end
// the command, and the annotation shows the text as written. Every other control is escaped.
function annotationText(text) {
  return escapeControls(text, { keep: '\r\n' });
}

// The runner's own escaping (actions/toolkit, command.ts): `%`, CR and LF in the message; in a
// property also `:` and `,`, which would otherwise end it. Applied after escapeControls, so a
// property has no line break left to encode and a message only its own.
export function escapeData(text) {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text) {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
