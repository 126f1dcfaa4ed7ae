// Share links: the configuration, deflate-raw compressed (the browser's CompressionStream) and
// base64url-encoded, in the URL fragment, so it never reaches a server. One `main.tf` travels as
// its text (`#code=...`, the links made before the playground held several files); anything else
// as JSON `[{ path, text }]` (`#files=...`), which keeps the paths.
const CODE = 'code=';
const FILES = 'files=';

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

/** The link for `files` ([{ path, text }]), based on the current page address. */
export async function shareUrl(files, base = location.href) {
  const url = new URL(base);
  const single = files.length === 1 && files[0].path === 'main.tf';
  url.hash = single ? CODE + (await encode(files[0].text)) : FILES + (await encode(JSON.stringify(files.map(({ path, text }) => ({ path, text })))));
  return url.href;
}

/**
 * The files ([{ path, text }]) carried by a fragment such as `#code=...` or `#files=...`, or null
 * when there are none; throws when the fragment cannot be decoded.
 */
export async function fromFragment(hash = location.hash) {
  const fragment = hash.replace(/^#/, '');
  if (fragment.startsWith(CODE)) return [{ path: 'main.tf', text: await decode(fragment.slice(CODE.length)) }];
  if (!fragment.startsWith(FILES)) return null;
  const files = JSON.parse(await decode(fragment.slice(FILES.length)));
  const valid =
    Array.isArray(files) &&
    files.length > 0 &&
    files.every((f) => typeof f?.path === 'string' && f.path !== '' && typeof f.text === 'string') &&
    new Set(files.map((f) => f.path)).size === files.length;
  if (!valid) throw new TypeError('not a list of files with distinct paths');
  return files.map(({ path, text }) => ({ path, text }));
}
