// A tiny static file server for dist/ (the tests, the benchmark, and `npm run serve`).
// It only serves files under its root, on 127.0.0.1, with the content types the page needs.
//
//   node scripts/serve.mjs [PORT]        → http://127.0.0.1:PORT/ (default 8080; 0 = any)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

/** Starts serving `root`; resolves to { url, close() }. */
export function serve(root = DIST, port = 0) {
  const server = createServer(async (req, res) => {
    try {
      const { pathname } = new URL(req.url, 'http://localhost');
      let file = path.join(root, decodeURIComponent(pathname));
      if (!file.startsWith(path.resolve(root))) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await serve(DIST, Number(process.argv[2] ?? 8080));
  console.log(`serving ${path.relative(process.cwd(), DIST) || '.'} at ${url}`);
}
