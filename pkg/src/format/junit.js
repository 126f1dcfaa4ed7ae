// JUnit XML, as CI dashboards (Jenkins, GitLab, Azure Pipelines, GitHub test reporters) read it:
// one <testsuite> per file, one failing <testcase> per rule that reported in that file, and a
// passing testcase for each linted file with nothing to report.

/**
 * @param {object} report a Report
 * @param {{ files?: string[] }} [options] every linted file, so that clean files show as passed
 */
export function formatJunit(report, { files = [] } = {}) {
  const byFile = new Map(files.map((file) => [file, new Map()]));
  for (const d of report.diagnostics) {
    if (!byFile.has(d.file)) byFile.set(d.file, new Map());
    const byRule = byFile.get(d.file);
    if (!byRule.has(d.rule)) byRule.set(d.rule, []);
    byRule.get(d.rule).push(d);
  }
  let tests = 0;
  let failures = 0;
  const suites = [];
  for (const [file, byRule] of byFile) {
    const cases = [];
    if (byRule.size === 0) {
      cases.push(`    <testcase name="keymgmt-lint" classname="${attr(file)}" file="${attr(file)}" time="0"/>`);
    }
    for (const [rule, diagnostics] of byRule) {
      cases.push(testcase(file, rule, diagnostics));
    }
    const failed = byRule.size;
    tests += cases.length;
    failures += failed;
    suites.push(
      `  <testsuite name="${attr(file)}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0" time="0">\n` +
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

const RANK = { error: 3, warning: 2, info: 1 };

function testcase(file, rule, diagnostics) {
  const worst = diagnostics.reduce((w, d) => ((RANK[d.severity] ?? 3) > (RANK[w] ?? 3) ? d.severity : w), 'info');
  const count = diagnostics.length;
  const summary = count === 1 ? diagnostics[0].message : `${count} problems, the first: ${diagnostics[0].message}`;
  const body = diagnostics.map(describe).join('\n');
  return (
    `    <testcase name="${attr(rule)}" classname="${attr(file)}" file="${attr(file)}" time="0">\n` +
    `      <failure message="${attr(summary)}" type="${attr(worst)}">${text(body)}</failure>\n` +
    '    </testcase>'
  );
}

function describe(d) {
  const lines = [`${d.file}:${d.range.start.line}:${d.range.start.column}: ${d.severity}: ${d.message} (${d.rule})`];
  if (d.resource) lines.push(`  resource: ${d.resource}`);
  if (d.help) lines.push(`  help: ${d.help}`);
  for (const r of d.related) lines.push(`  related: ${r.file}:${r.range.start.line}:${r.range.start.column} ${r.message}`);
  return lines.join('\n');
}

// Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
// become U+FFFD, so a hostile file name or message cannot make the document unparseable.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value) {
  return String(value).replace(NOT_XML, '\uFFFD').replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('\r', '&#13;');
}

// In attributes also quotes, and the whitespace that parsers would otherwise normalise to spaces.
function attr(value) {
  return text(value)
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;');
}
