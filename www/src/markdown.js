// Just enough Markdown for the rule docs that rules() returns: headings, paragraphs, fenced code,
// lists and inline `code`. Builds DOM nodes with textContent only, never HTML strings.
export function renderMarkdown(source) {
  const root = document.createDocumentFragment();
  const lines = source.replace(/\r\n/g, '\n').split('\n');
  let paragraph = [];
  let list = null;
  const flush = () => {
    if (paragraph.length) root.append(inline('p', paragraph.join(' ')));
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^```(\w*)/.exec(line);
    if (fence) {
      flush();
      list = null;
      const code = [];
      while (++i < lines.length && !lines[i].startsWith('```')) code.push(lines[i]);
      const pre = document.createElement('pre');
      const c = document.createElement('code');
      c.textContent = code.join('\n');
      pre.append(c);
      root.append(pre);
    } else if (/^#{1,6}\s/.test(line)) {
      flush();
      list = null;
      root.append(inline('h4', line.replace(/^#+\s*/, '')));
    } else if (/^\s*[-*]\s+/.test(line)) {
      flush();
      if (!list) root.append((list = document.createElement('ul')));
      list.append(inline('li', line.replace(/^\s*[-*]\s+/, '')));
    } else if (line.trim() === '') {
      flush();
      list = null;
    } else if (list && /^\s+/.test(line)) {
      list.lastChild.append(' ', ...inline('span', line.trim()).childNodes);
    } else paragraph.push(line.trim());
  }
  flush();
  return root;
}

function inline(tag, text) {
  const node = document.createElement(tag);
  text.split(/(`[^`]+`)/).forEach((part) => {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      const code = document.createElement('code');
      code.textContent = part.slice(1, -1);
      node.append(code);
    } else if (part) node.append(part.replace(/\*\*([^*]+)\*\*/g, '$1'));
  });
  return node;
}
