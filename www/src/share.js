// Share links: the editor content, deflate-raw compressed (the browser's CompressionStream) and
// base64url-encoded, in the URL fragment `#code=...`, so it never reaches a server.
const PREFIX = 'code=';

export async function encode(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export async function decode(data) {
  const binary = atob(data.replaceAll('-', '+').replaceAll('_', '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Response(stream).text();
}

/** The link for `text`, based on the current page address. */
export async function shareUrl(text, base = location.href) {
  const url = new URL(base);
  url.hash = PREFIX + (await encode(text));
  return url.href;
}

/** The text carried by a fragment such as `#code=...`, or null when there is none. */
export async function fromFragment(hash = location.hash) {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith(PREFIX)) return null;
  return decode(fragment.slice(PREFIX.length));
}
