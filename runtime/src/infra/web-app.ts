import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/** where `pnpm --filter @liuzhuan/designer build` puts the web app */
export const DEFAULT_WEB_DIR = resolve(fileURLToPath(new URL('../../../designer/dist', import.meta.url)));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** paths that belong to the APIs: an unknown one is a JSON 404, never the app's index.html */
const API_PREFIXES = ['/api/', '/engine-rest/', '/docs'];

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Liuzhuan</title>
<p>The web app is not built. Run <code>npx -y pnpm@10 --filter @liuzhuan/designer build</code> (pnpm start does it for you).</p>`;

/**
 * Serves the designer web app at /: hashed files under /assets/ with a year's cache (Vite names
 * them by content), the gzip twin Vite wrote beside each when the browser takes gzip, and
 * index.html for every other page path so client-side routes survive a reload (history mode).
 */
export const webAppPlugin = fp(
  async (app: FastifyInstance, opts: { dir?: string }) => {
    const dir = resolve(opts.dir ?? DEFAULT_WEB_DIR);
    const send = (reply: FastifyReply, file: string, acceptsGzip: boolean, immutable: boolean) => {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      const gz = `${file}.gz`;
      void reply.header('content-type', type).header('vary', 'accept-encoding');
      void reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      if (acceptsGzip && existsSync(gz)) {
        void reply.header('content-encoding', 'gzip').header('content-length', statSync(gz).size);
        return reply.send(createReadStream(gz));
      }
      void reply.header('content-length', statSync(file).size);
      return reply.send(createReadStream(file));
    };
    app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (req, reply) => {
      const path = decodeURIComponent(req.url.split('?')[0] ?? '/');
      if (API_PREFIXES.some((p) => path.startsWith(p))) {
        return reply.status(404).send({ type: 'NotFound', message: `no route ${req.method} ${path}` });
      }
      const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      const index = join(dir, 'index.html');
      if (!existsSync(index)) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
      // a real file of the build (never outside it); anything else is a client-side route
      const file = normalize(join(dir, path));
      if (file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile()) return send(reply, file, acceptsGzip, path.startsWith('/assets/'));
      if (path.startsWith('/assets/')) return reply.status(404).send({ type: 'NotFound', message: `no file ${path}` });
      return send(reply, index, acceptsGzip, false);
    });
  },
  { name: 'lz-web-app' },
);
