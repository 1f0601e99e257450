// `npm run bench -- web`: the gzipped JavaScript each route of the built web app loads, from Vite's manifest.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

type Chunk = { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
type Manifest = Record<string, Chunk>;

const root = resolve(import.meta.dirname, '..');
const dist = join(root, 'web/dist');
/** The budget of the issue: login page plus app shell, gzipped JavaScript. */
const SHELL_BUDGET_KB = 350;

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

export default async function web(args: string[]): Promise<void> {
  const manifestPath = join(dist, '.vite/manifest.json');
  if (!existsSync(manifestPath) || args.includes('--build')) {
    const { build } = await import('vite');
    await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn' });
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  const gz = new Map<string, number>();
  const size = (key: string) => {
    const chunk = manifest[key];
    if (!chunk?.file.endsWith('.js')) return 0;
    if (!gz.has(key)) gz.set(key, gzipSync(readFileSync(join(dist, chunk.file)), { level: 9 }).length);
    return gz.get(key)!;
  };
  /** A chunk and everything it imports statically (what loads before it runs). */
  const closure = (key: string, into = new Set<string>()) => {
    if (into.has(key) || !manifest[key]) return into;
    into.add(key);
    for (const dep of manifest[key].imports ?? []) closure(dep, into);
    return into;
  };
  const total = (keys: Iterable<string>) => [...keys].reduce((sum, k) => sum + size(k), 0);

  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error('no entry chunk in the Vite manifest');
  const shell = closure(entryKey);
  const shellBytes = total(shell);

  // Routes come from the page registry: `id`, `path` and the file its `load` imports.
  const registry = readFileSync(join(root, 'web/src/app/pages.tsx'), 'utf8');
  const routes = [
    ...registry.matchAll(/id: '([^']+)',\s*path: '([^']+)',[\s\S]*?load: \(\) => import\('\.\.\/([^']+)'\)/g),
  ].map((m) => ({ id: m[1]!, path: `/${m[2]}`, src: `src/${m[3]}.tsx` }));

  const routeSources = new Set(routes.map((r) => r.src));
  const perRoute = routes.map((route) => {
    const lazy = closure(route.src);
    const own = [...lazy].filter((k) => !shell.has(k));
    // Chunks the page loads later still (e.g. the map tab of the facilities page).
    const later = new Set<string>();
    for (const k of own) {
      for (const d of manifest[k]?.dynamicImports ?? []) if (!routeSources.has(d)) closure(d, later);
    }
    const onDemand = [...later].filter((k) => !shell.has(k) && !lazy.has(k));
    return {
      route: route.path,
      page: route.id,
      totalKb: kb(shellBytes + total(own)),
      pageKb: kb(total(own)),
      chunks: own.map((k) => manifest[k]!.file.replace('assets/', '')),
      ...(onDemand.length ? { onDemandKb: kb(total(onDemand)) } : {}),
    };
  });

  const report = {
    benchmark: 'web',
    unit: 'kB of gzipped JavaScript',
    loginAndShell: {
      kb: kb(shellBytes),
      budgetKb: SHELL_BUDGET_KB,
      withinBudget: kb(shellBytes) <= SHELL_BUDGET_KB,
    },
    routes: [{ route: '/login', page: 'login', totalKb: kb(shellBytes), pageKb: 0, chunks: [] }, ...perRoute],
    allJsKb: kb(total(Object.keys(manifest).filter((k) => manifest[k]?.file.endsWith('.js')))),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}
