// --list-rules and --explain: the rules and their documentation, without linting anything.
import { readdirSync, readFileSync } from 'node:fs';
import { UsageError, cannotRead } from './errors.js';
import { closest } from './suggest.js';
import { PACKAGE_ROOT } from '../package-root.js';

/**
 * The rules as a table (id, default severity, summary) for people, or as a JSON array of
 * `{ id, severity, summary }` with `--format json`.
 *
 * @param {{ id: string, severity: string, summary: string }[]} rules the core's rules()
 */
export function listRules(rules, format) {
  const rows = rules.map(({ id, severity, summary }) => ({ id, severity, summary }));
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  const idWidth = Math.max(...rows.map((r) => r.id.length));
  const severityWidth = Math.max(...rows.map((r) => r.severity.length));
  return rows.map((r) => `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(severityWidth)}  ${r.summary}\n`).join('');
}

// The pages ship in the package (copied from the repository's docs/rules/ at build), one
// `<id>.md` per rule beside an index README.md.
const DOCS = new URL('docs/rules/', PACKAGE_ROOT);

/**
 * The page of rule `id`, as Markdown. The ids are those of the pages found, so that nothing but
 * a rule page is ever read, whatever `id` holds.
 *
 * @throws {UsageError} for an id that names no rule, with the nearest one
 */
export function explainRule(id) {
  let names;
  try {
    names = readdirSync(DOCS);
  } catch (error) {
    throw cannotRead('the rule pages (docs/rules/)', error);
  }
  const ids = names.filter((name) => name.endsWith('.md') && name !== 'README.md').map((name) => name.slice(0, -'.md'.length));
  if (!ids.includes(id)) {
    const suggestion = closest(id, ids);
    throw new UsageError(`--explain: unknown rule id \`${id}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}`);
  }
  const page = readFileSync(new URL(`${id}.md`, DOCS), 'utf8');
  return page.endsWith('\n') ? page : `${page}\n`;
}

/**
 * Where the rule pages are published for SARIF's helpUri when --docs-base-url does not say: the
 * package's `homepage`, when it is a GitHub repository, at the tag of this version
 * (`https://github.com/OWNER/REPO/blob/v1.2.3/docs/rules/`). Otherwise none: a `file:` URL into
 * node_modules means nothing to the code-scanning page that shows it.
 *
 * @param {{ homepage?: string, version: string }} manifest the package.json
 * @returns {string | undefined}
 */
export function publishedDocsUrl({ homepage, version }) {
  if (typeof homepage !== 'string' || !URL.canParse(homepage)) return undefined;
  const url = new URL(homepage);
  const [owner, repo] = url.pathname.split('/').filter(Boolean);
  if (url.hostname !== 'github.com' || !owner || !repo) return undefined;
  return `https://github.com/${owner}/${repo.replace(/\.git$/, '')}/blob/v${version}/docs/rules/`;
}
