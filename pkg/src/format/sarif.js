// SARIF 2.1.0 (OASIS), the format code-scanning services read: one run whose driver lists every
// rule the core knows (with its documentation) and whose results point into the linted files.
// Shaped for GitHub code scanning, which documents what it reads and its limits: a stable
// fingerprint per result, descriptions within 1,024 characters, each rule's documentation once
// (in help.markdown), tags and a security severity for the security rules, related locations
// linked from the message. Platform-neutral: no Node modules, so a browser build can use it too.
import { escapeJsonText } from './escape.js';
import { hash64 } from './hash.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const LEVEL = { error: 'error', warning: 'warning', info: 'note' };

// GitHub code scanning shows a rule with a security severity (0.1 to 10.0; 7.0 and up is
// "high") as a security alert. A secret committed with the configuration is one; conflicting or
// incomplete credentials are a weaker signal about how secrets are handled.
const SECURITY_SEVERITY = { 'hardcoded-secret': '7.5', 'credentials-conflict': '4.0', 'credentials-incomplete': '4.0' };

// GitHub's limit for shortDescription.text and fullDescription.text.
export const MAX_DESCRIPTION = 1024;

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
    results: withFingerprints(
      report.diagnostics.map((d) => ({
        ruleId: d.rule,
        ruleIndex: ruleIndex.get(d.rule),
        level: LEVEL[d.severity] ?? 'error',
        message: { text: linkedMessage(d) },
        locations: [
          {
            ...location(d.file, d.range),
            ...(d.resource && { logicalLocations: [{ fullyQualifiedName: d.resource, kind: 'resource' }] }),
          },
        ],
        ...(d.related.length > 0 && {
          relatedLocations: d.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.range), message: { text: r.message } })),
        }),
        ...(d.fixes?.length > 0 && { fixes: d.fixes.map((fix) => sarifFix(d.file, fix, base)) }),
        ...(d.help && { properties: { help: d.help } }),
      })),
      report.diagnostics,
    ),
  };
  return `${escapeJsonText(JSON.stringify({ $schema: SCHEMA, version: '2.1.0', runs: [run] }, null, 2))}\n`;
}

function ruleDescriptor(rule, docsBaseUrl) {
  const helpUri = docsBaseUrl && `${docsBaseUrl.replace(/\/?$/, '/')}${encodeURIComponent(rule.id)}.md`;
  const severity = SECURITY_SEVERITY[rule.id];
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    // The core's summary is one sentence, which GitHub shows beside each result.
    shortDescription: { text: rule.summary },
    fullDescription: { text: description(rule) },
    // The documentation once, in Markdown, which GitHub shows under the alert; the text form,
    // which the format requires beside it, says where to read it.
    help: {
      text: `${rule.summary} ${helpUri ? `Documentation: ${helpUri}` : `Documentation: keymgmt-lint --explain ${rule.id}`}`,
      markdown: rule.docs,
    },
    ...(helpUri && { helpUri }),
    defaultConfiguration: { level: LEVEL[rule.severity] ?? 'error' },
    properties: {
      title: rule.name,
      tags: severity ? ['security', 'terraform', 'vault'] : ['correctness', 'terraform', 'vault'],
      ...(severity && { 'security-severity': severity }),
    },
  };
}

// "What it checks" of the rule's documentation, on one line, cut at the last full sentence
// within GitHub's limit; the summary for a rule without that section.
function description(rule) {
  const checks = /(?:^|\n)## What it checks\n+([\s\S]*?)(?:\n## |$)/.exec(rule.docs ?? '');
  const text = checks ? checks[1].replace(/\s*\n\s*/g, ' ').trim() : rule.summary;
  if (text.length <= MAX_DESCRIPTION) return text;
  const cut = text.slice(0, MAX_DESCRIPTION - 1);
  // A full stop before a space, not one of an ellipsis (`...`).
  const ends = [...cut.matchAll(/(?<!\.)\.(?=\s)/g)];
  return ends.length > 0 ? cut.slice(0, ends.at(-1).index + 1) : `${cut}…`;
}

// The message with links to its related locations, as SARIF's plain-text messages embed them and
// GitHub renders them: `[text](id)`, where id is the related location's. In a link's text a
// backslash and square brackets are escaped; the rest of the message stays as the core wrote it.
function linkedMessage(d) {
  if (d.related.length === 0) return d.message;
  const links = d.related.map((r, i) => `[${r.message.replace(/[\\[\]]/g, '\\$&')}](${i + 1})`);
  return `${d.message} Related: ${links.join('; ')}.`;
}

// A result's identity across runs, which GitHub matches alerts by instead of by line: the rule,
// the file, the resource and the message, without any number (an offset in the message moves
// with the lines above it). Results alike in all of these are told apart by their order.
function withFingerprints(results, diagnostics) {
  const seen = new Map();
  return results.map((result, i) => {
    const d = diagnostics[i];
    const uri = result.locations[0].physicalLocation.artifactLocation.uri;
    const identity = hash64([d.rule, uri, d.resource ?? '', d.message.replace(/\d+/g, '')].join('\0'));
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return { ...result, partialFingerprints: { primaryLocationLineHash: `${identity}:${occurrence}` } };
  });
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

// A fix as SARIF's replacements of regions of the artifact; whether it is safe rides in the
// property bag, which the format leaves to the tool.
function sarifFix(file, fix, base) {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(file, base),
        replacements: fix.edits.map((edit) => ({
          deletedRegion: physicalLocation(file, edit.range, base).region,
          insertedContent: { text: edit.text },
        })),
      },
    ],
    properties: { safety: fix.safety },
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
