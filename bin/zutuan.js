#!/usr/bin/env node
// The `zutuan` command. The platform runs its TypeScript sources through tsx, so the
// checkout needs no build step for the server; the web app is built by `serve` on demand.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
await main(process.argv);
