// `npm run bench -- NAME [args]` runs bench/NAME.ts, whose default export prints its figures as JSON.
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.replace(/\.ts$/, ''));
const [name, ...args] = process.argv.slice(2);
const names = name ? [name] : available;
for (const n of names) {
  if (!available.includes(n)) {
    process.stderr.write(`unknown benchmark "${n}"; available: ${available.join(', ')}\n`);
    process.exit(2);
  }
  const mod = (await import(`./${n}.ts`)) as { default: (args: string[]) => Promise<void> };
  await mod.default(args);
}
