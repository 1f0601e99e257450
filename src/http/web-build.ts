import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const sources = [join(root, 'web'), join(root, 'src')];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** Whether web/dist is missing or older than the web sources (and the shared schemas under src/). */
export function webBuildIsStale(): boolean {
  const index = join(root, 'web/dist/index.html');
  if (!existsSync(join(root, 'web/index.html'))) return false; // no web app in this checkout
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return sources.some((s) => existsSync(s) && newestMtime(s) > built);
}

/** Builds the web app with Vite when it is missing or stale. */
export async function ensureWebBuilt(say: (line: string) => void): Promise<void> {
  if (!webBuildIsStale()) return;
  say('Building the web app (first start or sources changed)…');
  const { build } = await import('vite');
  await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  say('Web app built.');
}
