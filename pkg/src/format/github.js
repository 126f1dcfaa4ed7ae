// GitHub Actions workflow commands: one `::error file=…,line=…::message` line per diagnostic,
// which the runner turns into annotations on the pull request's diff. Empty when clean.

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
  const message = d.help ? `${d.message}\nhelp: ${d.help}` : d.message;
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${COMMAND[d.severity] ?? 'error'} ${props}::${escapeData(message)}`;
}

// The runner's own escaping (actions/toolkit, command.ts): `%`, CR and LF in the message; in a
// property also `:` and `,`, which would otherwise end it.
export function escapeData(text) {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text) {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
