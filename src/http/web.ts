import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors';
import type { App } from './app';

export const webDist = resolve(import.meta.dirname, '../../web/dist');

/** Serves the built web app at `/` (any non-API path falls back to index.html); unknown API paths answer 404 JSON. */
export async function serveWebApp(app: App): Promise<void> {
  const hasWeb = existsSync(join(webDist, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      maxAge: '1h',
      // The shell must never be cached stale; hashed assets can be.
      setHeaders: (reply, path) => {
        if (path.endsWith('.html')) reply.header('cache-control', 'no-cache');
        else if (path.includes('/assets/'))
          reply.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api') || !hasWeb || request.method !== 'GET') {
      throw new AppError('ROUTE_NOT_FOUND');
    }
    if (/\.[a-z0-9]+$/i.test(path)) throw new AppError('NOT_FOUND', 'No such file.');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
