// JUnit XML, as CI dashboards (Jenkins, GitLab, Azure Pipelines, GitHub test reporters) read it:
// one <testsuite> per file, one failing <testcase> per diagnostic (named by its rule and place,
// as dashboards keep one failure per testcase), and a passing testcase for each linted file with
// nothing to report. The classname is the file's path without its extension: Jenkins reads what
// follows the last dot as the class, which would group every file under `tf`.
import { escapeControls } from './escape.js';

/**
 * @param {object} report a Report
 * @param {{ files?: string[] }} [options] every linted file, so that clean files show as passed
 */
export function formatJunit(report, { files = [] } = {}) {
  const byFile = new Map(files.map((file) => [file, []]));
  for (const d of report.diagnostics) {
    if (!byFile.has(d.file)) byFile.set(d.file, []);
    byFile.get(d.file).push(d);
  }
  let tests = 0;
  let failures = 0;
  const suites = [];
  for (const [file, diagnostics] of byFile) {
    const classname = attr(withoutExtension(file));
    const cases =
      diagnostics.length === 0
        ? [`    <testcase name="keymgmt-lint" classname="${classname}" file="${attr(file)}" time="0"/>`]
        : diagnostics.map((d) => testcase(classname, d));
    tests += cases.length;
    failures += diagnostics.length;
    suites.push(
      `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${diagnostics.length}" errors="0" skipped="0" time="0">\n` +
        `${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="keymgmt-lint" tests="${tests}" failures="${failures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

const EXTENSION = /\.(tf|tfvars)(\.json)?$|\.json$/;

function withoutExtension(file) {
  return file.replace(EXTENSION, '');
}

function testcase(classname, d) {
  const { line, column } = d.range.start;
  // Each piece is encoded on its own, so that the line breaks between them stay real ones.
  return (
    `    <testcase name="${attr(d.rule)} (${line}:${column})" classname="${classname}" file="${attr(d.file)}" line="${line}" time="0">\n` +
    `      <failure message="${attr(d.message, PROSE)}" type="${attr(d.severity)}">${describe(d)}</failure>\n` +
    '    </testcase>'
  );
}

function describe(d) {
  const where = `${text(d.file)}:${d.range.start.line}:${d.range.start.column}`;
  const lines = [`${where}: ${text(d.severity)}: ${text(d.message, PROSE)} (${text(d.rule)})`];
  if (d.resource) lines.push(`  resource: ${text(d.resource)}`);
  if (d.help) lines.push(`  help: ${text(d.help, PROSE)}`);
  for (const r of d.related) lines.push(`  related: ${text(r.file)}:${r.range.start.line}:${r.range.start.column} ${text(r.message, PROSE)}`);
  return lines.join('\n');
}

// What XML 1.0 cannot carry at all, even as a character reference: lone surrogates and
// U+FFFE/U+FFFF (the controls it cannot carry are escaped before this) become U+FFFD, so a
// hostile file name or message cannot make the document unparseable.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// A message or help keeps its tab, CR and LF, written as character references: a parser gives
// them back, and the raw file gets no line from them. A name (path, rule id, resource address)
// is one line, so in it they are escaped like every other control.
const PROSE = '\t\n\r';

// Text from the input, for element content.
function text(value, keep = '') {
  return escapeControls(value, { keep })
    .replace(NOT_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

// In attributes also quotes; the references above also keep parsers from normalising the
// whitespace to spaces.
function attr(value, keep = '') {
  return text(value, keep).replaceAll('"', '&quot;').replaceAll("'", '&apos;');
}
