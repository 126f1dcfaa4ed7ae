// The key graph: which mounts, keys, KMS providers, distributions and replications a module has,
// and how they connect. Laid out by dagre (npm @dagrejs/dagre); drawn here as plain SVG.
//
// The core does not (yet) return its resource graph, so `extractModule` reads the few arguments
// the picture needs straight from the text: resource blocks and their top-level `name`, `type`,
// `path`/`mount`, `kms_name`, `key_name`, `purpose`, `protection`, `key_collection`. Diagnostics
// come from the core; they are matched to nodes by their `resource` address.
import { graphlib, layout } from '@dagrejs/dagre';

const KMS = {
  vault_keymgmt_aws_kms: 'AWS KMS',
  vault_keymgmt_azure_kms: 'Azure Key Vault',
  vault_keymgmt_gcp_kms: 'GCP Cloud KMS',
};
const KINDS = {
  vault_mount: 'mount',
  vault_keymgmt_key: 'key',
  vault_keymgmt_distribute_key: 'distribution',
  vault_keymgmt_replicate_key: 'replication',
};
export const MAX_NODES = 300;
const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };
const SVG = 'http://www.w3.org/2000/svg';

/** Resource blocks of an HCL or Terraform JSON text: [{ type, name, attrs: { arg: value } }]. */
export function extractModule(text, path = 'main.tf') {
  if (path.endsWith('.json')) return extractJson(text);
  const resources = [];
  const variables = {};
  const re = /^[ \t]*(resource|variable)[ \t]+"([^"\n]+)"(?:[ \t]+"([^"\n]+)")?[ \t]*\{/gm;
  let match;
  while ((match = re.exec(text))) {
    const start = re.lastIndex;
    const end = blockEnd(text, start);
    const attrs = topLevelAttributes(text.slice(start, end));
    if (match[1] === 'variable') variables[match[2]] = attrs.default;
    else if (match[3]) resources.push({ type: match[2], name: match[3], attrs });
    re.lastIndex = end;
  }
  return { resources, variables };
}

function extractJson(text) {
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return { resources: [], variables: {} };
  }
  const resources = [];
  const variables = {};
  const list = (v) => (Array.isArray(v) ? v : v ? [v] : []);
  for (const block of list(json.resource)) {
    for (const [type, byName] of Object.entries(block ?? {})) {
      for (const [name, body] of Object.entries(byName ?? {})) {
        const attrs = {};
        for (const [k, v] of Object.entries(list(body)[0] ?? {})) attrs[k] = jsonValue(v);
        resources.push({ type, name, attrs });
      }
    }
  }
  for (const block of list(json.variable)) {
    for (const [name, body] of Object.entries(block ?? {})) variables[name] = jsonValue(list(body)[0]?.default);
  }
  return { resources, variables };
}

function jsonValue(v) {
  if (typeof v === 'string') {
    const ref = /^\$\{([\w.-]+)\}$/.exec(v);
    return ref ? reference(ref[1]) : { literal: v };
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return { list: v };
  return v === undefined ? undefined : { unknown: true };
}

// The offset just after the `}` closing the block whose body starts at `start`.
function blockEnd(text, start) {
  let depth = 1;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i);
    else if (c === '/' && text[i + 1] === '*') i = text.indexOf('*/', i + 2) < 0 ? text.length : text.indexOf('*/', i + 2) + 1;
    else if (c === '<' && text[i + 1] === '<') i = heredocEnd(text, i);
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function stringEnd(text, i) {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"' || text[j] === '\n') return j;
  }
  return text.length;
}
function lineEnd(text, i) {
  const j = text.indexOf('\n', i);
  return j < 0 ? text.length : j - 1;
}
function heredocEnd(text, i) {
  const m = /^<<-?([A-Za-z_]\w*)[^\n]*\n/.exec(text.slice(i, i + 200));
  if (!m) return i + 1;
  const close = new RegExp(`^[ \\t]*${m[1]}[ \\t]*$`, 'm');
  const rest = text.slice(i + m[0].length);
  const found = close.exec(rest);
  return found ? i + m[0].length + found.index + found[0].length - 1 : text.length;
}

// Arguments at the top level of a block body: { name: value } with value one of
// { literal }, { list }, { ref: { type, name, attr } } or { unknown: true }.
function topLevelAttributes(body) {
  const attrs = {};
  const re = /^[ \t]*([A-Za-z_][\w-]*)[ \t]*=(?!=)[ \t]*/gm;
  let depthAt = 0;
  let scanned = 0;
  let match;
  while ((match = re.exec(body))) {
    depthAt = depthBetween(body, scanned, match.index, depthAt);
    scanned = match.index;
    if (depthAt !== 0) continue;
    const valueStart = re.lastIndex;
    const valueEnd = expressionEnd(body, valueStart);
    attrs[match[1]] = value(body.slice(valueStart, valueEnd).trim());
    depthAt = depthBetween(body, scanned, valueEnd, depthAt);
    scanned = valueEnd;
    re.lastIndex = valueEnd;
  }
  return attrs;
}

function depthBetween(text, from, to, depth) {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) i = lineEnd(text, i);
    else if (c === '<' && text[i + 1] === '<') i = heredocEnd(text, i);
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
  }
  return depth;
}

function expressionEnd(text, start) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) return depth === 0 ? i : lineEnd(text, i);
    else if (c === '<' && text[i + 1] === '<') i = heredocEnd(text, i);
    else if (c === '{' || c === '[' || c === '(') depth++;
    else if (c === '}' || c === ']' || c === ')') depth--;
    else if (c === '\n' && depth <= 0) return i;
  }
  return text.length;
}

function value(src) {
  let m = /^"((?:[^"\\$]|\\.|\$(?!\{))*)"$/.exec(src);
  if (m) return { literal: m[1] };
  if (/^\[[\s\S]*\]$/.test(src)) {
    const inner = src.slice(1, -1);
    const items = [...inner.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]);
    if (inner.replace(/"((?:[^"\\]|\\.)*)"/g, '').replace(/[\s,]/g, '') === '') return { list: items };
    return { unknown: true };
  }
  if ((m = /^([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)+)$/.exec(src))) return reference(m[1]);
  return { unknown: true };
}

function reference(path) {
  const parts = path.split('.');
  if (parts[0] === 'var') return { ref: { type: 'var', name: parts[1] } };
  return { ref: { type: parts[0], name: parts[1], attr: parts[2] } };
}

/** Nodes and edges of the key graph, from the module and the report's diagnostics. */
export function buildGraph(module, diagnostics = []) {
  const nodes = new Map();
  const edges = [];
  const byAddress = new Map(module.resources.map((r) => [`${r.type}.${r.name}`, r]));
  const literal = (v) => {
    if (v?.literal !== undefined) return v.literal;
    if (v?.ref?.type === 'var') return module.variables[v.ref.name]?.literal;
    if (v?.ref) return literal(byAddress.get(`${v.ref.type}.${v.ref.name}`)?.attrs[v.ref.attr]);
    return undefined;
  };
  const add = (id, node) => nodes.set(id, { id, severity: null, problems: [], ...node });

  for (const r of module.resources) {
    const address = `${r.type}.${r.name}`;
    const a = r.attrs;
    if (KINDS[r.type] === 'mount') {
      add(address, { kind: 'mount', title: literal(a.path) ?? r.name, lines: [`mount · ${literal(a.type) ?? '?'}`], address });
    } else if (KINDS[r.type] === 'key') {
      const type = literal(a.type) ?? (a.type ? '?' : 'rsa-2048');
      add(address, { kind: 'key', title: literal(a.name) ?? r.name, lines: [`key · ${type}`], address });
    } else if (KMS[r.type]) {
      add(address, { kind: 'kms', title: literal(a.name) ?? r.name, lines: [KMS[r.type], literal(a.key_collection) ?? ''].filter(Boolean), address });
    } else if (KINDS[r.type] === 'distribution') {
      const purposes = a.purpose?.list?.join(', ') ?? literal(a.purpose) ?? '?';
      const protection = literal(a.protection) ?? (a.protection ? '?' : 'default');
      add(address, { kind: 'distribution', title: r.name, lines: [`distribute · ${purposes}`, `protection · ${protection}`], address });
    } else if (KINDS[r.type] === 'replication') {
      add(address, { kind: 'replication', title: r.name, lines: ['replicate'], address });
    }
  }

  const find = (kind, v, mount) => {
    if (v?.ref && v.ref.type !== 'var') {
      const address = `${v.ref.type}.${v.ref.name}`;
      return nodes.get(address)?.kind === kind ? address : null;
    }
    const name = literal(v);
    if (name === undefined) return null;
    const candidates = [...nodes.values()].filter((n) => n.kind === kind && n.title === name);
    const found = candidates.find((n) => mountOf(byAddress.get(n.address)) === mount) ?? candidates[0];
    if (found) return found.id;
    const id = `external:${kind}:${name}`;
    if (!nodes.has(id)) add(id, { kind, title: name, lines: ['not in this module'], external: true });
    return id;
  };
  const mountOf = (r) => {
    const v = r?.attrs.path ?? r?.attrs.mount;
    if (v?.ref?.type === 'vault_mount') return `vault_mount.${v.ref.name}`;
    const path = literal(v);
    return [...nodes.values()].find((n) => n.kind === 'mount' && n.title === path)?.id ?? null;
  };

  for (const r of module.resources) {
    const address = `${r.type}.${r.name}`;
    const node = nodes.get(address);
    if (!node) continue;
    const mount = mountOf(r);
    if ((node.kind === 'key' || node.kind === 'kms') && mount) edges.push({ from: mount, to: address, kind: 'mount' });
    if (node.kind === 'distribution' || node.kind === 'replication') {
      const key = find('key', r.attrs.key_name, mount);
      const kms = find('kms', r.attrs.kms_name, mount);
      if (key) edges.push({ from: key, to: address, kind: node.kind });
      if (kms) edges.push({ from: address, to: kms, kind: node.kind });
    }
  }

  for (const d of diagnostics) {
    const node = d.resource && nodes.get(d.resource);
    if (!node) continue;
    node.problems.push(d);
    if (!node.severity || SEVERITY_RANK[d.severity] > SEVERITY_RANK[node.severity]) node.severity = d.severity;
  }
  for (const e of edges) {
    // An edge carries the problems of the distribution or replication it belongs to.
    const owner = nodes.get(nodes.get(e.to)?.kind === 'distribution' || nodes.get(e.to)?.kind === 'replication' ? e.to : e.from);
    e.severity = e.kind !== 'mount' && owner?.problems.length ? owner.severity : null;
  }
  return { nodes: [...nodes.values()], edges };
}

const NODE_W = 196;
const LINE_H = 16;

/** Lays the graph out with dagre and draws it into `container` as SVG; returns the <svg>. */
export function renderGraph(container, graph, { onSelect } = {}) {
  container.replaceChildren();
  let { nodes, edges } = graph;
  if (nodes.length > MAX_NODES) {
    const keep = new Set(nodes.slice(0, MAX_NODES).map((n) => n.id));
    nodes = nodes.filter((n) => keep.has(n.id));
    edges = edges.filter((e) => keep.has(e.from) && keep.has(e.to));
    const note = document.createElement('p');
    note.className = 'graph-note';
    note.textContent = `Showing the first ${MAX_NODES} of ${graph.nodes.length} nodes.`;
    container.append(note);
  }
  if (nodes.length === 0) {
    const empty = document.createElement('p');
    empty.className = 'graph-empty';
    empty.textContent = 'No keymgmt resources yet: mounts, keys, KMS providers, distributions and replications appear here.';
    container.append(empty);
    return null;
  }

  const g = new graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 46, edgesep: 8, marginx: 12, marginy: 12 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_W, height: 26 + LINE_H * n.lines.length });
  edges.forEach((e, i) => g.setEdge(e.from, e.to, { weight: e.kind === 'mount' ? 1 : 4, minlen: 1 }, `e${i}`));
  layout(g);

  const { width, height } = g.graph();
  const svg = el('svg', { class: 'graph', viewBox: `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`, width: Math.ceil(width), height: Math.ceil(height), role: 'img' });
  // Fill the panel, but never blow a small graph up beyond 1.6 times its natural size.
  svg.style.maxWidth = `${Math.ceil(width * 1.6)}px`;
  const title = el('title');
  title.textContent = `Key graph: ${nodes.length} nodes, ${edges.length} edges`;
  const defs = el('defs');
  for (const s of ['plain', 'error', 'warning', 'info']) {
    const marker = el('marker', { id: `arrow-${s}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrowhead ${s}` }));
    defs.append(marker);
  }
  svg.append(title, defs);

  const edgeLayer = el('g', { class: 'edges' });
  edges.forEach((e, i) => {
    const points = g.edge({ v: e.from, w: e.to, name: `e${i}` }).points;
    const d = points.map((p, j) => `${j ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
    const path = el('path', { d, class: `edge ${e.kind}${e.severity ? ` ${e.severity}` : ''}`, 'marker-end': `url(#arrow-${e.severity ?? 'plain'})` });
    path.dataset.from = e.from;
    path.dataset.to = e.to;
    edgeLayer.append(path);
  });
  svg.append(edgeLayer);

  const nodeLayer = el('g', { class: 'nodes' });
  for (const n of nodes) {
    const box = g.node(n.id);
    const group = el('g', { class: `node ${n.kind}${n.severity ? ` ${n.severity}` : ''}${n.external ? ' external' : ''}`, transform: `translate(${(box.x - box.width / 2).toFixed(1)},${(box.y - box.height / 2).toFixed(1)})`, tabindex: 0 });
    group.dataset.id = n.id;
    group.dataset.kind = n.kind;
    const tip = el('title');
    tip.textContent = [n.address ?? `${n.title} (not declared in this module)`, ...n.problems.map((p) => `${p.severity}: ${p.message} [${p.rule}]`)].join('\n');
    group.append(tip, el('rect', { width: box.width, height: box.height, rx: 6 }), el('rect', { class: 'band', width: 5, height: box.height, rx: 2 }));
    const name = el('text', { x: 13, y: 18, class: 'title' });
    name.textContent = clip(n.title, 22);
    group.append(name);
    n.lines.forEach((line, i) => {
      const t = el('text', { x: 13, y: 18 + LINE_H * (i + 1), class: 'detail' });
      t.textContent = clip(line, 30);
      group.append(t);
    });
    if (n.problems.length) {
      const badge = el('text', { x: box.width - 8, y: 18, class: 'badge', 'text-anchor': 'end' });
      badge.textContent = `${n.problems.length} ⚠`;
      group.append(badge);
    }
    if (onSelect && n.address) {
      group.addEventListener('click', () => onSelect(n));
      group.addEventListener('keydown', (ev) => ev.key === 'Enter' && onSelect(n));
    }
    nodeLayer.append(group);
  }
  svg.append(nodeLayer);
  container.append(svg);
  return svg;
}

function clip(text, n) {
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}

function el(name, attrs = {}) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}
