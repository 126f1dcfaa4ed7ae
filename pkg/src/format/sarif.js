// SARIF 2.1.0 (OASIS), the format code-scanning services read: one run whose driver lists every
// rule the core knows (with its documentation) and whose results point into the linted files.
// Platform-neutral: no Node modules, so a browser build can use it too.
import { escapeJsonText } from './escape.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const LEVEL = { error: 'error', warning: 'warning', info: 'note' };

/**
 * @param {object} report a Report
 * @param {{ rules: object[], version: string }} tool the core's rules() and version()
 * @param {{ cwd?: string, docsBaseUrl?: string }} [options] `cwd`: absolute directory that
 *   relative paths are relative to (recorded as %SRCROOT%; absolute paths under it are made
 *   relative); `docsBaseUrl`: absolute URL under which `<rule-id>.md` is each rule's page.
 */
export function formatSarif(report, tool, { cwd, docsBaseUrl } = {}) {
  const rules = tool.rules.map((rule) => ruleDescriptor(rule, docsBaseUrl));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  // A diagnostic the front end made itself under an id the core does not list still gets a
  // descriptor, so that every ruleIndex is valid.
  for (const d of report.diagnostics) {
    if (!ruleIndex.has(d.rule)) {
      ruleIndex.set(d.rule, rules.length);
      rules.push({ id: d.rule, defaultConfiguration: { level: LEVEL[d.severity] ?? 'error' } });
    }
  }
  const base = cwd === undefined ? undefined : directoryUri(cwd);
  const location = (file, range) => ({ physicalLocation: physicalLocation(file, range, base) });
  const run = {
    tool: {
      driver: {
        name: 'keymgmt-lint',
        version: tool.version,
        semanticVersion: tool.version,
        ...(docsBaseUrl && { informationUri: docsBaseUrl }),
        rules,
      },
    },
    ...(base && { originalUriBaseIds: { '%SRCROOT%': { uri: base } } }),
    // The core counts columns in UTF-16 code units, as JavaScript strings and editors do.
    columnKind: 'utf16CodeUnits',
    results: report.diagnostics.map((d) => ({
      ruleId: d.rule,
      ruleIndex: ruleIndex.get(d.rule),
      level: LEVEL[d.severity] ?? 'error',
      message: { text: d.message },
      locations: [
        {
          ...location(d.file, d.range),
          ...(d.resource && { logicalLocations: [{ fullyQualifiedName: d.resource, kind: 'resource' }] }),
        },
      ],
      ...(d.related.length > 0 && {
        relatedLocations: d.related.map((r, id) => ({ id, ...location(r.file, r.range), message: { text: r.message } })),
      }),
      ...(d.help && { properties: { help: d.help } }),
    })),
  };
  return `${escapeJsonText(JSON.stringify({ $schema: SCHEMA, version: '2.1.0', runs: [run] }, null, 2))}\n`;
}

function ruleDescriptor(rule, docsBaseUrl) {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.docs, markdown: rule.docs },
    help: { text: rule.docs, markdown: rule.docs },
    ...(docsBaseUrl && { helpUri: `${docsBaseUrl.replace(/\/?$/, '/')}${encodeURIComponent(rule.id)}.md` }),
    defaultConfiguration: { level: LEVEL[rule.severity] ?? 'error' },
    properties: { title: rule.name },
  };
}

// SARIF's reportingDescriptor.name is an identifier-like name (e.g. `InvalidValue`); the
// human-readable name goes to properties.title.
function pascalCase(id) {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c) => c.toUpperCase());
}

function physicalLocation(file, range, base) {
  const { start, end } = range;
  return {
    artifactLocation: artifactLocation(file, base),
    region: {
      startLine: start.line,
      startColumn: start.column,
      endLine: end.line,
      endColumn: end.column,
      // The core's offsets are UTF-8 bytes, which is what SARIF's byteOffset counts.
      byteOffset: start.offset,
      byteLength: end.offset - start.offset,
    },
  };
}

/** A relative path stays relative (to %SRCROOT%); an absolute one becomes a file: URI. */
function artifactLocation(file, base) {
  let p = file.replaceAll('\\', '/');
  if (isAbsolute(p)) {
    const uri = fileUri(p);
    if (base && uri.startsWith(base)) return { uri: uri.slice(base.length), uriBaseId: '%SRCROOT%' };
    return { uri };
  }
  while (p.startsWith('./')) p = p.slice(2);
  return { uri: encodePath(p), ...(base && { uriBaseId: '%SRCROOT%' }) };
}

function isAbsolute(p) {
  return p.startsWith('/') || /^[A-Za-z]:\//.test(p);
}

function fileUri(p) {
  return `file://${p.startsWith('/') ? '' : '/'}${encodePath(p)}`;
}

function directoryUri(dir) {
  const uri = fileUri(dir.replaceAll('\\', '/'));
  return uri.endsWith('/') ? uri : `${uri}/`;
}

// Percent-encodes what may not stand in a URI path (spaces, `%`, `?`, `#`, non-ASCII), keeping
// the slashes and a Windows drive's colon.
function encodePath(p) {
  return p
    .split('/')
    .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}
