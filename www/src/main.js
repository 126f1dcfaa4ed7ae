// The playground page: a CodeMirror 6 editor linted on every change by the WebAssembly core
// (in a worker), with a problems panel, a key graph, the rules, examples and share links. It holds
// a configuration of one or more files (a root module and the modules it calls), one shown at a
// time, and every lint and graph request carries all of them.
import { basicSetup } from 'codemirror';
import { EditorView } from '@codemirror/view';
import { ChangeSet, EditorState, Transaction } from '@codemirror/state';
import { lintGutter, linter, setDiagnostics } from '@codemirror/lint';
import examples from 'examples:data';
import { hcl } from './hcl.js';
import { buildGraph, renderGraph } from './graph.js';
import { fromFragment, shareUrl } from './share.js';
import { MANIFEST, MAX_FILES, fromDrop, fromInput, ordered, readAll } from './files.js';
import { renderMarkdown } from './markdown.js';

const $ = (id) => document.getElementById(id);
const DEFAULT_EXAMPLE = 'bad-purpose-key-type';

// ── the worker ────────────────────────────────────────────────────────────────────────────────
const worker = window.keymgmtLintWorker ?? new Worker(new URL('worker.js', import.meta.url), { type: 'module' });
const pending = new Map();
let nextId = 1;
worker.onmessage = ({ data }) => {
  const request = pending.get(data.id);
  pending.delete(data.id);
  if (data.ok) request.resolve(data);
  else request.reject(Object.assign(new Error(data.error.message), { name: data.error.name }));
};
worker.onerror = (event) => showToast(`The linter failed to start: ${event.message ?? 'unknown error'}`, true);
function call(type, payload = {}) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ id, type, ...payload });
  });
}

// ── state shared with the tests and the benchmark (window.playground) ─────────────────────────
//   lintCount, report, lintMs, firstLintAt  the last lint (report: all files), and when the first came
//   graph, shareUrl                         the key graph drawn last, the share link made last
//   view                                    the editor (the benchmark types into it)
//   text, selected, setText(text)           the shown file's text, its selection, and replacing it
//   files                                   every file as { path, text }, in the order the core gets them
//   current                                 the shown file's path
//   open(files), show(path)                 replace the configuration ([{ path, text }]); show one file
const playground = {
  lintCount: 0,
  report: null,
  lintMs: null,
  firstLintAt: null,
  get current() {
    return current;
  },
  get files() {
    return paths.map((path) => ({ path, text: stateOf(path).doc.toString() }));
  },
  get text() {
    return view.state.doc.toString();
  },
  get selected() {
    const { from, to } = view.state.selection.main;
    return view.state.sliceDoc(from, to);
  },
  setText(text) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true });
  },
  open: (files) => open(files),
  show: (path) => show(path),
};
window.playground = playground;

// ── the files and the editor ──────────────────────────────────────────────────────────────────
// Each file is an EditorState (text, undo history, squiggles). The shown one lives in the view;
// the others wait in `states`, with where they were scrolled to (`scrolls`), and get the
// diagnostics of the lints made meanwhile (`unshown`) when shown again.
let paths = ['main.tf'];
let current = 'main.tf';
const states = new Map();
const scrolls = new Map();
const unshown = new Map();
// Bumped whenever the set of files is replaced: a reply for an older set is dropped.
let generation = 0;
let sent = null; // { generation, docs: Map path → { doc, changes: ChangeSet since it was sent } }
let dirty = true;

const stateOf = (path) => (path === current ? view.state : states.get(path));

// The editor lives in a shadow root: there CodeMirror's styles go into constructed style sheets,
// which the page's strict Content-Security-Policy (no inline <style>) allows.
const shadow = $('editor').attachShadow({ mode: 'open' });
const editorCss = document.createElement('link');
editorCss.rel = 'stylesheet';
editorCss.href = 'editor.css';
const mount = document.createElement('div');
mount.className = 'editor-root';
shadow.append(editorCss, mount);

const extensions = [
  basicSetup,
  hcl,
  // No lint source (the worker is): installs the diagnostics' state in every file's EditorState
  // from the start, since diagnostics set in the transaction that would install it are lost.
  linter(null),
  lintGutter(),
  EditorView.updateListener.of((update) => {
    if (!update.docChanged) return;
    const pending = sent?.generation === generation && sent.docs.get(current);
    if (pending) pending.changes = pending.changes.compose(update.changes);
    dirty = true;
    pump();
  }),
];
const newState = (text) => EditorState.create({ doc: text, extensions });
const view = new EditorView({ parent: mount, root: shadow, state: newState('') });
playground.view = view;

/** Replaces the configuration with `files` ([{ path, text }]) and shows its root `main.tf`, or its first file. */
function open(files) {
  paths = ordered(new Set(files.map((f) => f.path)));
  current = paths.includes('main.tf') ? 'main.tf' : paths[0];
  states.clear();
  scrolls.clear();
  unshown.clear();
  for (const { path, text } of files) states.set(path, newState(text));
  generation++;
  dirty = true;
  // The shown file enters as an edit of an empty editor: CodeMirror then lays out the first
  // 2,000 pixels of it, where a state set directly gets only its visible part until scrolled, so
  // the squiggles further down are in the page from the start, as they were before.
  view.setState(newState(''));
  view.dispatch({ changes: { from: 0, insert: states.get(current).doc }, selection: { anchor: 0 }, annotations: Transaction.addToHistory.of(false) });
  showSwitcher();
  pump();
}

function show(path) {
  if (path === current || !states.has(path)) return;
  states.set(current, view.state);
  scrolls.set(current, view.scrollSnapshot());
  current = path;
  view.setState(states.get(path));
  const effects = [];
  if (unshown.has(path)) effects.push(...setDiagnostics(view.state, unshown.get(path)).effects);
  if (scrolls.has(path)) effects.push(scrolls.get(path));
  unshown.delete(path);
  view.dispatch({ effects });
  markCurrent();
}

// The installed remote modules are followed when their manifest is among the files.
const lintOptions = () => (paths.some((p) => MANIFEST.test(p)) ? { callModuleType: 'all' } : {});
const allFiles = (docs) => [...docs].map(([path, { doc }]) => ({ path, text: doc.toString() }));

// One request at a time, always with every file; changes made meanwhile are linted as soon as it
// returns, so the linter never falls behind and no fixed debounce delays the common (fast) case.
async function pump() {
  if (sent || !dirty) return;
  dirty = false;
  const docs = new Map(paths.map((path) => {
    const { doc } = stateOf(path);
    return [path, { doc, changes: ChangeSet.empty(doc.length) }];
  }));
  const request = { generation, docs };
  sent = request;
  let reply;
  try {
    reply = await call('lint', { files: allFiles(docs), options: lintOptions() });
  } catch (error) {
    showToast(`${error.name}: ${error.message}`, true);
  }
  sent = null;
  if (reply && request.generation === generation) apply(reply.result, reply.ms, docs);
  pump();
}

// Turns the report's 1-based line / UTF-16 column positions into offsets of each file's current
// text, and gives every file its diagnostics.
function apply(report, ms, docs) {
  const byFile = new Map(paths.map((path) => [path, []]));
  for (const d of report.diagnostics) {
    const sentFile = docs.get(d.file);
    // The core names the files as they were given; a diagnostic of any other has no place to go.
    if (!sentFile) continue;
    const from = offsetIn(sentFile, d.range.start);
    // Each fix's edits, as changes of the text the editor holds now.
    const fixes = (d.fixes ?? []).map((fix) => ({
      ...fix,
      changes: fix.edits.map((e) => ({ from: offsetIn(sentFile, e.range.start), to: offsetIn(sentFile, e.range.end), insert: e.text })),
    }));
    byFile.get(d.file).push({ d, path: d.file, from, to: Math.max(from, offsetIn(sentFile, d.range.end)), fixes });
  }
  for (const [path, items] of byFile) {
    const diagnostics = items.map(({ d, from, to, fixes }) => ({
      from,
      to,
      severity: d.severity,
      message: d.message,
      markClass: `rule-${d.rule}`,
      renderMessage: () => tooltip(d),
      // CodeMirror shows these as buttons in the hover; the fix's edits are the core's.
      actions: fixes.map((fix) => ({ name: fix.safety === 'safe' ? fix.title : `${fix.title} (unsafe)`, apply: (v) => applyFixes(v, [fix]) })),
    }));
    if (path === current) view.dispatch(setDiagnostics(view.state, diagnostics));
    else unshown.set(path, diagnostics);
  }
  playground.items = byFile;
  const fixable = (byFile.get(current) ?? []).some((item) => item.fixes.some((f) => f.safety === 'safe'));
  $('fix-all').hidden = !fixable;
  playground.report = report;
  playground.lintMs = ms;
  playground.lintCount++;
  playground.firstLintAt ??= performance.now();
  showSummary(report, ms);
  showProblems(byFile);
  showCounts(byFile);
  scheduleGraph();
  document.dispatchEvent(new CustomEvent('lint', { detail: { report, ms } }));
}

/**
 * Makes `fixes` in the file the editor shows, in one transaction that undo takes back whole. A
 * fix that overlaps one before it is left for the next lint.
 */
function applyFixes(v, fixes) {
  const changes = [];
  let end = -1;
  for (const fix of [...fixes].sort((a, b) => Math.min(...a.changes.map((c) => c.from)) - Math.min(...b.changes.map((c) => c.from)))) {
    if (Math.min(...fix.changes.map((c) => c.from)) < end) continue;
    end = Math.max(...fix.changes.map((c) => c.to));
    changes.push(...fix.changes);
  }
  if (changes.length > 0) v.dispatch({ changes, userEvent: 'input.fix' });
  return changes.length;
}

/** Makes every safe fix of the file shown ("Fix all"). */
function fixAll() {
  const safe = (playground.items?.get(current) ?? []).flatMap((item) => item.fixes.filter((f) => f.safety === 'safe').slice(0, 1));
  applyFixes(view, safe);
}

function offsetIn({ doc, changes }, p) {
  const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
  return changes.mapPos(Math.min(line.from + Math.max(p.column - 1, 0), line.to));
}

/** Shows `path` and selects from `from` to `to` in it. */
function reveal(path, from, to) {
  show(path);
  const end = view.state.doc.length;
  view.dispatch({ selection: { anchor: Math.min(from, end), head: Math.min(to, end) }, scrollIntoView: true });
  view.focus();
}

// ── the file switcher ─────────────────────────────────────────────────────────────────────────
// A tab per file, with its count of problems; hidden while there is only one file.
const switcher = $('file-tabs');

function showSwitcher() {
  switcher.replaceChildren(...paths.map((path) => {
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-controls', 'editor');
    tab.dataset.path = path;
    tab.title = path;
    const count = document.createElement('span');
    count.className = 'count';
    tab.append(path, count);
    tab.addEventListener('click', () => show(path));
    return tab;
  }));
  switcher.hidden = paths.length < 2;
  markCurrent();
}

function markCurrent() {
  $('file-name').textContent = current;
  for (const tab of switcher.children) {
    const selected = tab.dataset.path === current;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
  }
}

const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };

function showCounts(byFile) {
  for (const tab of switcher.children) {
    const items = byFile.get(tab.dataset.path) ?? [];
    const worst = items.reduce((w, { d }) => (SEVERITY_RANK[d.severity] > (SEVERITY_RANK[w] ?? 0) ? d.severity : w), null);
    const count = tab.querySelector('.count');
    count.textContent = items.length;
    count.className = `count${worst ? ` ${worst}` : ''}`;
    tab.setAttribute('aria-label', `${tab.dataset.path}: ${plural(items.length, 'problem')}`);
  }
}

// The arrow keys move between the tabs (and show the file), as in any tab list.
switcher.addEventListener('keydown', (event) => {
  const tabs = [...switcher.children];
  const at = tabs.findIndex((t) => t.dataset.path === current);
  const to = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (to === undefined) return;
  event.preventDefault();
  const tab = tabs[(to + tabs.length) % tabs.length];
  show(tab.dataset.path);
  tab.focus();
});

function tooltip(d) {
  const box = document.createElement('div');
  box.className = 'diag';
  const head = document.createElement('div');
  head.className = 'diag-head';
  const severity = document.createElement('span');
  severity.className = `sev ${d.severity}`;
  severity.textContent = d.severity;
  head.append(severity, ' ', ruleLink(d.rule));
  const message = document.createElement('div');
  message.className = 'diag-message';
  message.append(...codeSpans(d.message));
  box.append(head, message);
  if (d.help) {
    const help = document.createElement('div');
    help.className = 'diag-help';
    help.append('help: ', ...codeSpans(d.help));
    box.append(help);
  }
  for (const r of d.related ?? []) {
    const rel = document.createElement('div');
    rel.className = 'diag-related';
    const where = `${r.file !== d.file ? `${r.file}:` : ''}${r.range.start.line}:${r.range.start.column}`;
    rel.append(`${where} `, ...codeSpans(r.message));
    box.append(rel);
  }
  return box;
}

function codeSpans(text) {
  return text.split(/(`[^`]+`)/).filter(Boolean).map((part) => {
    if (!(part.startsWith('`') && part.endsWith('`'))) return part;
    const code = document.createElement('code');
    code.textContent = part.slice(1, -1);
    return code;
  });
}

function ruleLink(rule) {
  const link = document.createElement('a');
  link.className = 'rule-link';
  link.href = `#rule-${rule}`;
  link.textContent = rule;
  link.title = 'Show the rule’s documentation';
  link.addEventListener('click', (event) => {
    event.preventDefault();
    showRule(rule);
  });
  return link;
}

// ── summary and problems ──────────────────────────────────────────────────────────────────────
function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function showSummary(report, ms) {
  const { errors, warnings, infos, resources } = report.summary;
  const box = $('summary');
  box.replaceChildren();
  const part = (n, word, cls) => {
    const span = document.createElement('span');
    span.className = `tally ${cls}${n ? '' : ' zero'}`;
    span.textContent = plural(n, word);
    return span;
  };
  const time = document.createElement('span');
  time.className = 'timing';
  const files = paths.length > 1 ? `${plural(paths.length, 'file')} · ` : '';
  time.textContent = `${files}${plural(resources, 'resource')} · ${ms.toFixed(1)} ms`;
  box.append(part(errors, 'error', 'error'), part(warnings, 'warning', 'warning'), part(infos, 'info', 'info'), time);
  box.dataset.errors = errors;
  box.dataset.warnings = warnings;
  box.dataset.infos = infos;
}

// Every file's problems; with several files, under a heading per file.
function showProblems(byFile) {
  const list = $('problems');
  const total = [...byFile.values()].reduce((n, items) => n + items.length, 0);
  $('problem-count').textContent = total;
  list.replaceChildren();
  if (total === 0) {
    const li = document.createElement('li');
    li.className = 'clean';
    li.textContent = '✓ No problems found.';
    list.append(li);
    return;
  }
  let room = 1000;
  for (const [path, items] of byFile) {
    if (items.length === 0 || room <= 0) continue;
    if (byFile.size > 1) list.append(fileHeading(path, items.length));
    for (const item of items.slice(0, room)) list.append(problem(item));
    room -= items.length;
  }
}

function fileHeading(path, n) {
  const li = document.createElement('li');
  li.className = 'file-heading';
  li.dataset.file = path;
  const count = document.createElement('span');
  count.className = 'count';
  count.textContent = n;
  li.append(path, ' ', count);
  return li;
}

function problem({ d, path, from, to, fixes }) {
  const li = document.createElement('li');
  li.className = `problem ${d.severity}`;
  li.tabIndex = 0;
  li.dataset.rule = d.rule;
  li.dataset.file = path;
  li.dataset.from = from;
  li.dataset.to = to;
  const icon = document.createElement('span');
  icon.className = `icon ${d.severity}`;
  icon.textContent = { error: '✖', warning: '▲', info: 'ℹ' }[d.severity];
  const where = document.createElement('span');
  where.className = 'where';
  where.textContent = `${d.range.start.line}:${d.range.start.column}`;
  const message = document.createElement('span');
  message.className = 'message';
  message.append(...codeSpans(d.message));
  const rule = ruleLink(d.rule);
  // The same fixes as the hover's, as buttons: each shows its file and makes the core's edits.
  const buttons = fixes.map((fix) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `fix ${fix.safety}`;
    button.textContent = fix.safety === 'safe' ? fix.title : `${fix.title} (unsafe)`;
    button.addEventListener('click', () => {
      show(path);
      applyFixes(view, [fix]);
    });
    return button;
  });
  li.append(icon, where, message, rule, ...buttons);
  li.addEventListener('click', (event) => event.target !== rule && !buttons.includes(event.target) && reveal(path, from, to));
  li.addEventListener('keydown', (event) => event.key === 'Enter' && reveal(path, from, to));
  return li;
}

// ── key graph ─────────────────────────────────────────────────────────────────────────────────
let graphTimer = null;
function scheduleGraph() {
  if ($('graph-panel').hidden) return;
  clearTimeout(graphTimer);
  // Small modules redraw at once; larger ones wait for a pause in typing, since the layout runs
  // on the main thread (about 70 ms for 100 nodes) and would otherwise slow every keystroke.
  const size = paths.reduce((n, path) => n + stateOf(path).doc.length, 0);
  const delay = size > 8_000 ? 300 : 0;
  graphTimer = setTimeout(drawGraph, delay);
}

async function drawGraph() {
  let reply;
  try {
    reply = await call('graph', { files: playground.files, options: lintOptions() });
  } catch (error) {
    showToast(`The key graph failed: ${error.message}`, true);
    return;
  }
  const graph = buildGraph(reply.result, playground.report?.diagnostics ?? []);
  renderGraph($('graph'), graph, { onSelect: (node) => revealResource(node) });
  playground.graph = graph;
}

// Shows a node's file and selects its block header, at the range the core gives for it (UTF-16
// columns, as CodeMirror counts).
function revealResource(node) {
  const path = states.has(node.file) ? node.file : current;
  const { doc } = stateOf(path);
  const at = ({ line, column }) => {
    const l = doc.line(Math.min(Math.max(line, 1), doc.lines));
    return Math.min(l.from + column - 1, l.to);
  };
  reveal(path, at(node.range.start), at(node.range.end));
}

// ── rules ─────────────────────────────────────────────────────────────────────────────────────
function showRules(rules) {
  $('rule-count').textContent = rules.length;
  const box = $('rules');
  for (const rule of rules) {
    const details = document.createElement('details');
    details.id = `rule-${rule.id}`;
    details.className = 'rule';
    details.dataset.search = `${rule.id} ${rule.name} ${rule.summary}`.toLowerCase();
    const summary = document.createElement('summary');
    const id = document.createElement('code');
    id.textContent = rule.id;
    const severity = document.createElement('span');
    severity.className = `sev ${rule.severity}`;
    severity.textContent = rule.severity;
    const text = document.createElement('span');
    text.className = 'rule-summary';
    text.append(...codeSpans(rule.summary));
    summary.append(id, severity, text);
    const docs = document.createElement('div');
    docs.className = 'rule-docs';
    docs.append(renderMarkdown(rule.docs));
    details.append(summary, docs);
    box.append(details);
  }
  $('rule-filter').addEventListener('input', (event) => {
    const q = event.target.value.trim().toLowerCase();
    for (const d of box.children) d.hidden = q !== '' && !d.dataset.search.includes(q);
  });
}

function showRule(id) {
  selectTab('rules');
  const details = $(`rule-${id}`);
  if (!details) return;
  $('rule-filter').value = '';
  for (const d of $('rules').children) d.hidden = false;
  details.open = true;
  details.scrollIntoView({ block: 'start' });
}

function selectTab(name) {
  for (const tab of ['graph', 'rules']) {
    $(`tab-${tab}`).setAttribute('aria-selected', String(tab === name));
    $(`${tab}-panel`).hidden = tab !== name;
  }
  if (name === 'graph') scheduleGraph();
}
$('fix-all').addEventListener('click', () => fixAll());
$('tab-graph').addEventListener('click', () => selectTab('graph'));
$('tab-rules').addEventListener('click', () => selectTab('rules'));

// ── examples, files, share links, JSON ────────────────────────────────────────────────────────
const select = $('examples');
const custom = new Option('(your configuration)', '');
select.append(custom);
for (const group of [...new Set(examples.map((e) => e.group))]) {
  const optgroup = document.createElement('optgroup');
  optgroup.label = group;
  for (const e of examples.filter((x) => x.group === group)) optgroup.append(new Option(e.title, e.id));
  select.append(optgroup);
}
select.addEventListener('change', () => {
  const example = examples.find((e) => e.id === select.value);
  if (!example) return;
  history.replaceState(null, '', location.pathname + location.search);
  open(example.files);
});

$('open-file').addEventListener('click', () => $('file-input').click());
$('open-folder').addEventListener('click', () => $('folder-input').click());
for (const input of [$('file-input'), $('folder-input')]) {
  input.addEventListener('change', async () => {
    const candidates = fromInput(input.files);
    input.value = '';
    await openFromDisk(candidates);
  });
}

async function openFromDisk(candidates) {
  if (candidates.length === 0) return showToast('No Terraform files there (.tf, .tf.json, .tfvars, .tfvars.json).', true);
  const { files, tooLarge, truncated } = await readAll(candidates);
  const notes = [];
  if (truncated) notes.push(`Only the first ${MAX_FILES.toLocaleString('en')} files were opened.`);
  if (tooLarge.length) notes.push(`${tooLarge.join(', ')} ${tooLarge.length === 1 ? 'is' : 'are'} larger than 32 MiB.`);
  if (notes.length) showToast(notes.join(' '), files.length === 0);
  if (files.length === 0) return;
  select.value = '';
  open(files);
}

let dragDepth = 0;
window.addEventListener('dragenter', (event) => {
  if (!event.dataTransfer?.types.includes('Files')) return;
  dragDepth++;
  $('drop').hidden = false;
});
window.addEventListener('dragleave', () => {
  if (--dragDepth <= 0) $('drop').hidden = true;
});
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', async (event) => {
  // Text dragged within the editor is the editor's business.
  if (!event.dataTransfer?.types.includes('Files')) return;
  event.preventDefault();
  dragDepth = 0;
  $('drop').hidden = true;
  await openFromDisk(await fromDrop(event.dataTransfer));
});

$('share').addEventListener('click', async () => {
  const url = await shareUrl(playground.files);
  history.replaceState(null, '', url);
  playground.shareUrl = url;
  const copied = await copy(url);
  showToast(copied ? 'Link copied: the configuration travels in the address (after #), never to a server.' : 'Link placed in the address bar.');
});

$('copy-json').addEventListener('click', async () => {
  if (!playground.report) return;
  const json = JSON.stringify(playground.report, null, 2);
  if (await copy(json)) return showToast('Report copied as JSON.');
  // No clipboard (permission refused): offer the report as a download instead.
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  a.download = 'keymgmt-lint-report.json';
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
});

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

let toastTimer;
function showToast(text, isError = false) {
  const toast = $('toast');
  toast.textContent = text;
  toast.classList.toggle('error', isError);
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (toast.hidden = true), isError ? 8000 : 3000);
}

async function restoreFromFragment() {
  try {
    const files = await fromFragment();
    if (files === null) return false;
    select.value = '';
    open(files);
    return true;
  } catch {
    showToast('This share link is damaged: its configuration could not be decoded.', true);
    return false;
  }
}
window.addEventListener('hashchange', restoreFromFragment);

// ── start ─────────────────────────────────────────────────────────────────────────────────────
if (!(await restoreFromFragment())) {
  select.value = DEFAULT_EXAMPLE;
  open(examples.find((e) => e.id === DEFAULT_EXAMPLE).files);
}
call('meta').then(({ result }) => {
  $('version').textContent = `v${result.version}`;
  showRules(result.rules);
  if (location.hash.startsWith('#rule-')) showRule(location.hash.slice(6));
});
