// GitHub Actions workflow commands: one `::error file=…,line=…::message` line per diagnostic,
// which the runner turns into annotations on the pull request's diff. Empty when clean.
import { escapeControls } from './escape.js';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' };

export function formatGithub(report) {
  return report.diagnostics.map((d) => `${command(d)}\n`).join('');
}

function command(d) {
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
  return `::${COMMAND[d.severity] ?? 'error'} ${props}::${escapeData(message)}`;
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
