// The key graph: which mounts, keys, KMS providers, distributions, replications and key rotations
// a module has, and how they connect, as the core resolves them (`graph()`, run in the worker).
// Laid out by dagre (npm @dagrejs/dagre); drawn here as plain SVG. Diagnostics come from the core
// too; they are matched to nodes by their `resource` address.
import { graphlib, layout } from '@dagrejs/dagre';

export const MAX_NODES = 300;
const SEVERITY_RANK = { info: 1, warning: 2, error: 3 };
const SVG = 'http://www.w3.org/2000/svg';

// What each kind of node shows under its title, from the facts the core knows.
const LINES = {
  mount: (f) => [`mount · ${f.type ?? '?'}`],
  key: (f) => [`key · ${f.type ?? '?'}`],
  kms: (f) => [f.provider, f.keyCollection].filter(Boolean),
  distribution: (f) => [`distribute · ${f.purpose ?? '?'}`, `protection · ${f.protection ?? 'default'}`],
  replication: () => ['replicate'],
  rotation: () => ['rotate'],
};

// The kinds of node whose edges carry their problems.
const LINKS = new Set(['distribution', 'replication', 'rotation']);

/** Nodes and edges to draw, from the core's graph and the report's diagnostics. */
export function buildGraph(core, diagnostics = []) {
  const nodes = new Map(
    core.nodes.map((n) => [n.id, { ...n, address: n.id, lines: LINES[n.kind](n.facts), severity: null, problems: [] }]),
  );
  const edges = core.edges.map((e) => ({ ...e }));
  for (const d of diagnostics) {
    const node = d.resource && nodes.get(d.resource);
    if (!node) continue;
    node.problems.push(d);
    if (!node.severity || SEVERITY_RANK[d.severity] > SEVERITY_RANK[node.severity]) node.severity = d.severity;
  }
  for (const e of edges) {
    // An edge carries the problems of the distribution, replication or rotation it belongs to.
    const owner = nodes.get(LINKS.has(nodes.get(e.to)?.kind) ? e.to : e.from);
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
    empty.textContent =
      'No keymgmt resources yet: mounts, keys, KMS providers, distributions, replications and key rotations appear here.';
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
    const group = el('g', { class: `node ${n.kind}${n.severity ? ` ${n.severity}` : ''}`, transform: `translate(${(box.x - box.width / 2).toFixed(1)},${(box.y - box.height / 2).toFixed(1)})`, tabindex: 0 });
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
