import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { loadLogSigner } from '../transparency/store/signer';
import { witnessDemo } from '../witness/demo';
import { DEMO_SCALE, DEMO_SEED, DEMO_USERNAMES, generateScenario } from './generate';
import { loadScenario } from './load';

export type DemoInfo = { usernames: string[]; passwordHint: string };

const passwordFile = (config: Config) => join(config.dataDir, 'demo-password.txt');

// 32 symbols without look-alikes (no 0/o, 1/l): 16 of them carry 80 bits.
const alphabet = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A readable random password in four groups, e.g. `k7mp-2x4w-…`. */
const generatePassword = () =>
  Array.from(randomBytes(16), (b, i) => `${i > 0 && i % 4 === 0 ? '-' : ''}${alphabet[b % 32]}`).join('');

/**
 * On first start (no programme yet, ZUTUAN_LOAD_DEMO not false) loads the demo scenario. The
 * demo password is ZUTUAN_DEMO_PASSWORD, or generated once, printed, and kept in the data
 * folder (mode 0600) so later starts can say where it is. Returns how to log in, or null when
 * the database holds no demo accounts.
 */
export async function ensureDemoScenario(
  database: Database,
  config: Config,
  say: (line: string) => void,
): Promise<DemoInfo | null> {
  const usernames = Object.values(DEMO_USERNAMES);
  const hasDemo = async () =>
    (await database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', DEMO_USERNAMES.commander)
      .executeTakeFirst()) !== undefined;
  if (
    config.loadDemo &&
    !(await database.db.selectFrom('programmes').select('id').limit(1).executeTakeFirst())
  ) {
    const password = config.demoPassword ?? generatePassword();
    say('Loading the demo scenario (first start)…');
    const loaded = await loadScenario(database.db, generateScenario({ seed: DEMO_SEED, scale: DEMO_SCALE }), {
      password,
    });
    if (loaded && !config.demoPassword) {
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(passwordFile(config), `${password}\n`, { mode: 0o600 });
      return { usernames, passwordHint: `${password}  (generated; also saved in ${passwordFile(config)})` };
    }
  }
  if (!(await hasDemo())) return null;
  // The demo's needs witnessed through the witness domain functions, once (src/witness/demo.ts).
  const signer = await loadLogSigner(database.db, {
    configuredKey: config.logSignerKey,
    keyName: config.logOrigin,
  });
  const witnessed = await witnessDemo(database.db, signer);
  if (witnessed > 0) say(`Witnessed the demo's needs (${witnessed} attestations in the transparency log).`);
  if (config.demoPassword) return { usernames, passwordHint: 'the value of ZUTUAN_DEMO_PASSWORD' };
  if (existsSync(passwordFile(config))) {
    return {
      usernames,
      passwordHint: `${readFileSync(passwordFile(config), 'utf8').trim()}  (from ${passwordFile(config)})`,
    };
  }
  return { usernames, passwordHint: 'the one printed at first start' };
}
