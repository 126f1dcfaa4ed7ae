// The playground page: a CodeMirror 6 editor linted on every change by the WebAssembly core
// (in a worker), with a problems panel, a key graph, the rules, examples and share links.
import { basicSetup } from 'codemirror';
import { EditorView } from '@codemirror/view';
import { ChangeSet, EditorState } from '@codemirror/state';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import examples from 'examples:data';
import { hcl } from './hcl.js';
import { buildGraph, renderGraph } from './graph.js';
import { fromFragment, shareUrl } from './share.js';
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
const playground = {
  lintCount: 0,
  report: null,
  lintMs: null,
  firstLintAt: null,
  path: 'main.tf',
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
};
window.playground = playground;
// (playground.view is set once the editor exists, for the benchmark's edits.)

// ── the editor ────────────────────────────────────────────────────────────────────────────────
let sent = null; // { doc, changes: ChangeSet since the doc was sent }
let dirty = true;

// The editor lives in a shadow root: there CodeMirror's styles go into constructed style sheets,
// which the page's strict Content-Security-Policy (no inline <style>) allows.
const shadow = $('editor').attachShadow({ mode: 'open' });
const editorCss = document.createElement('link');
editorCss.rel = 'stylesheet';
editorCss.href = 'editor.css';
const mount = document.createElement('div');
mount.className = 'editor-root';
shadow.append(editorCss, mount);

const view = new EditorView({
  parent: mount,
  root: shadow,
  state: EditorState.create({
    doc: '',
    extensions: [
      basicSetup,
      hcl,
      lintGutter(),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        if (sent) sent.changes = sent.changes.compose(update.changes);
        dirty = true;
        pump();
      }),
    ],
  }),
});

// One request at a time; changes made meanwhile are linted as soon as it returns, so the
// linter never falls behind and no fixed debounce delays the common (fast) case.
async function pump() {
  if (sent || !dirty) return;
  dirty = false;
  const doc = view.state.doc;
  sent = { doc, changes: ChangeSet.empty(doc.length) };
  let reply;
  try {
    reply = await call('lint', { files: [{ path: playground.path, text: doc.toString() }] });
  } catch (error) {
    showToast(`${error.name}: ${error.message}`, true);
  }
  const { changes } = sent;
  sent = null;
  if (reply) apply(reply.result, reply.ms, doc, changes);
  pump();
}

playground.view = view;

// Turns the report's 1-based line / UTF-16 column positions into offsets of the current text.
function apply(report, ms, doc, changes) {
  const offset = (p) => {
    const line = doc.line(Math.min(Math.max(p.line, 1), doc.lines));
    return changes.mapPos(Math.min(line.from + Math.max(p.column - 1, 0), line.to));
  };
  const items = report.diagnostics.map((d) => {
    const from = offset(d.range.start);
    const to = Math.max(from, offset(d.range.end));
    return { d, from, to };
  });
  view.dispatch(setDiagnostics(view.state, items.map(({ d, from, to }) => ({
    from,
    to,
    severity: d.severity,
    message: d.message,
    markClass: `rule-${d.rule}`,
    renderMessage: () => tooltip(d),
  }))));
  playground.report = report;
  playground.lintMs = ms;
  playground.lintCount++;
  playground.firstLintAt ??= performance.now();
  showSummary(report, ms);
  showProblems(items);
  scheduleGraph();
  document.dispatchEvent(new CustomEvent('lint', { detail: { report, ms } }));
}

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
    rel.append(`${r.range.start.line}:${r.range.start.column} `, ...codeSpans(r.message));
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
  time.textContent = `${plural(resources, 'resource')} · ${ms.toFixed(1)} ms`;
  box.append(part(errors, 'error', 'error'), part(warnings, 'warning', 'warning'), part(infos, 'info', 'info'), time);
  box.dataset.errors = errors;
  box.dataset.warnings = warnings;
  box.dataset.infos = infos;
}

function showProblems(items) {
  const list = $('problems');
  $('problem-count').textContent = items.length;
  list.replaceChildren();
  if (items.length === 0) {
    const li = document.createElement('li');
    li.className = 'clean';
    li.textContent = '✓ No problems found.';
    list.append(li);
    return;
  }
  for (const { d, from, to } of items.slice(0, 1000)) {
    const li = document.createElement('li');
    li.className = `problem ${d.severity}`;
    li.tabIndex = 0;
    li.dataset.rule = d.rule;
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
    li.append(icon, where, message, rule);
    const jump = () => {
      view.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
      view.focus();
    };
    li.addEventListener('click', (event) => event.target !== rule && jump());
    li.addEventListener('keydown', (event) => event.key === 'Enter' && jump());
    list.append(li);
  }
}

// ── key graph ─────────────────────────────────────────────────────────────────────────────────
let graphTimer = null;
function scheduleGraph() {
  if ($('graph-panel').hidden) return;
  clearTimeout(graphTimer);
  // Small modules redraw at once; larger ones wait for a pause in typing, since the layout runs
  // on the main thread (about 70 ms for 100 nodes) and would otherwise slow every keystroke.
  const delay = view.state.doc.length > 8_000 ? 300 : 0;
  graphTimer = setTimeout(drawGraph, delay);
}

async function drawGraph() {
  const files = [{ path: playground.path, text: view.state.doc.toString() }];
  let reply;
  try {
    reply = await call('graph', { files });
  } catch (error) {
    showToast(`The key graph failed: ${error.message}`, true);
    return;
  }
  const graph = buildGraph(reply.result, playground.report?.diagnostics ?? []);
  renderGraph($('graph'), graph, { onSelect: (node) => revealResource(node) });
  playground.graph = graph;
}

// Selects a node's block header, at the range the core gives for it (UTF-16 columns, as
// CodeMirror counts).
function revealResource(node) {
  const at = ({ line, column }) => {
    const l = view.state.doc.line(Math.min(Math.max(line, 1), view.state.doc.lines));
    return Math.min(l.from + column - 1, l.to);
  };
  view.dispatch({ selection: { anchor: at(node.range.start), head: at(node.range.end) }, scrollIntoView: true });
  view.focus();
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
$('tab-graph').addEventListener('click', () => selectTab('graph'));
$('tab-rules').addEventListener('click', () => selectTab('rules'));

// ── examples, files, share links, JSON ────────────────────────────────────────────────────────
function load(text, path = 'main.tf') {
  playground.path = path;
  $('file-name').textContent = path;
  dirty = true;
  playground.setText(text);
  pump();
}

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
  load(example.text);
});

$('open-file').addEventListener('click', () => $('file-input').click());
$('file-input').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (file) await openFile(file);
  event.target.value = '';
});
async function openFile(file) {
  if (file.size > 32 * 1024 * 1024) return showToast(`${file.name} is larger than 32 MiB`, true);
  select.value = '';
  load(await file.text(), file.name);
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
  event.preventDefault();
  dragDepth = 0;
  $('drop').hidden = true;
  const file = event.dataTransfer?.files?.[0];
  if (file) await openFile(file);
});

$('share').addEventListener('click', async () => {
  const url = await shareUrl(view.state.doc.toString());
  history.replaceState(null, '', url);
  playground.shareUrl = url;
  const copied = await copy(url);
  showToast(copied ? 'Link copied: the configuration travels in the address (#code=…), never to a server.' : 'Link placed in the address bar.');
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
    const text = await fromFragment();
    if (text === null) return false;
    select.value = '';
    load(text);
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
  load(examples.find((e) => e.id === DEFAULT_EXAMPLE).text);
}
call('meta').then(({ result }) => {
  $('version').textContent = `v${result.version}`;
  showRules(result.rules);
  if (location.hash.startsWith('#rule-')) showRule(location.hash.slice(6));
});
