// `zutuan log verify` against a tampered database: an attacker with superuser rights disables the
// append-only triggers, then edits, deletes or reorders stored entries; verification must fail
// naming the first entry that no longer matches, over HTTP and straight on the database.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app';
import { runLogVerify } from '../cli/commands/log-verify';
import { openDatabase } from '../db/database';
import { migrate } from '../db/migrate';
import type { DB } from '../db/schema';
import { formatVerifierKey, generateNoteKeys, parseVerifierKey } from './note-keys';
import { currentCheckpoint } from './store/checkpoints';
import { appendNumbered, insertProgramme } from './store/log-test-helpers';
import { loadLogSigner } from './store/signer';
import { databaseLogSource } from './store/source';
import { verifyLog } from './verify-log';

let t: TestApp;
let server: string;
let verifierKey: string;
beforeAll(async () => {
  t = await startTestApp();
  server = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const signer = await loadLogSigner(t.database.db, { configuredKey: undefined, keyName: 'zutuan.example' });
  verifierKey = formatVerifierKey(signer);
});
afterAll(async () => {
  await t.close();
});

const SIZE = 20;

/** A programme whose log holds 20 entries, with checkpoints signed at sizes 8 and 20. */
async function signedLog(code: string): Promise<string> {
  const id = await insertProgramme(t.database.db, code);
  await appendNumbered(t.database.db, id, 0, 8);
  expect((await fetch(`${server}/api/log/checkpoint?programme=${code}`)).status).toBe(200);
  await appendNumbered(t.database.db, id, 8, SIZE);
  expect((await fetch(`${server}/api/log/checkpoint?programme=${code}`)).status).toBe(200);
  return id;
}

// The attacker's view: a superuser can switch the append-only triggers off.
async function asAttacker(db: Kysely<DB>, change: (db: Kysely<DB>) => Promise<void>) {
  const tables = ['log_entries', 'log_nodes'];
  for (const table of tables) await sql`alter table ${sql.table(table)} disable trigger user`.execute(db);
  try {
    await change(db);
  } finally {
    for (const table of tables) await sql`alter table ${sql.table(table)} enable trigger user`.execute(db);
  }
}

const tampering: [string, number | null, RegExp, (db: Kysely<DB>, id: string) => Promise<void>][] = [
  [
    'an edited entry',
    7,
    /entry 7 does not match/,
    async (db, id) => {
      await sql`update log_entries set entry = replace(entry, 'record-7', 'record-x')
                where programme_id = ${id} and idx = 7`.execute(db);
    },
  ],
  [
    'an edited entry with its leaf hash recomputed',
    11,
    /entry 11 does not match/,
    async (db, id) => {
      await sql`update log_entries set entry = replace(entry, 'record-11', 'record-x'),
                leaf_hash = sha256('\\x00'::bytea || convert_to(replace(entry, 'record-11', 'record-x'), 'UTF8'))
                where programme_id = ${id} and idx = 11`.execute(db);
    },
  ],
  [
    'a deleted entry',
    5,
    /entry 5 is missing/,
    async (db, id) => {
      await sql`delete from log_entries where programme_id = ${id} and idx = 5`.execute(db);
    },
  ],
  [
    'a deleted entry with the later ones renumbered',
    5,
    /entry 5 does not match/,
    async (db, id) => {
      await sql`delete from log_entries where programme_id = ${id} and idx = 5`.execute(db);
      // Two steps, because the primary key is checked row by row.
      await sql`update log_entries set idx = idx + 1000 where programme_id = ${id} and idx > 5`.execute(db);
      await sql`update log_entries set idx = idx - 1001 where programme_id = ${id} and idx > 1000`.execute(
        db,
      );
    },
  ],
  [
    'two entries swapped',
    3,
    /entry 3 does not match/,
    async (db, id) => {
      const move = (from: number, to: number) =>
        sql`update log_entries set idx = ${to} where programme_id = ${id} and idx = ${from}`.execute(db);
      await move(3, 1000);
      await move(14, 3);
      await move(1000, 14);
    },
  ],
  [
    'an entry rewritten together with every stored copy of its leaf hash',
    null,
    // Over HTTP only the latest checkpoint is known; the database also holds the one at size 8.
    /checkpoint signed at size 20: an entry with index in \[0, 20\)/,
    async (db, id) => {
      const forged = sql`sha256('\\x00'::bytea || convert_to(replace(entry, 'record-12', 'record-x'), 'UTF8'))`;
      await sql`update log_nodes n set hash = (select ${forged} from log_entries e
                where e.programme_id = n.programme_id and e.idx = 12)
                where n.programme_id = ${id} and n.level = 0 and n.idx = 12`.execute(db);
      await sql`update log_entries set entry = replace(entry, 'record-12', 'record-x'), leaf_hash = ${forged}
                where programme_id = ${id} and idx = 12`.execute(db);
    },
  ],
];

describe('log verify', () => {
  it('accepts an untouched log over HTTP, saves its checkpoint and checks the next against it', async () => {
    await signedLog('intact');
    const dir = mkdtempSync(join(tmpdir(), 'zutuan-log-'));
    const saved = join(dir, 'checkpoint.txt');
    const first = await runLogVerify({ server, programme: 'intact', key: verifierKey, save: saved });
    expect(first.result).toMatchObject({ ok: true, size: SIZE, origin: 'zutuan.example/intact' });
    expect(readFileSync(saved, 'utf8')).toMatch(/^zutuan\.example\/intact\n20\n/);

    const id = (
      await t.database.db
        .selectFrom('programmes')
        .select('id')
        .where('code', '=', 'intact')
        .executeTakeFirstOrThrow()
    ).id;
    await appendNumbered(t.database.db, id, SIZE, SIZE + 7);
    const next = await runLogVerify({ server, programme: 'intact', key: verifierKey, since: saved });
    expect(next.result).toMatchObject({ ok: true, size: SIZE + 7 });
  });

  it('works straight on an embedded database folder (--data-dir)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zutuan-log-data-'));
    const database = await openDatabase({ dataDir });
    await migrate(database);
    const id = await insertProgramme(database.db, 'embedded');
    await appendNumbered(database.db, id, 0, 9);
    const signer = await loadLogSigner(database.db, { configuredKey: undefined, keyName: 'zutuan.example' });
    await currentCheckpoint(database.db, id, { origin: 'zutuan.example/embedded', signer });
    await database.close();

    const { result, warnings } = await runLogVerify({ dataDir });
    expect(result).toMatchObject({ ok: true, size: 9, origin: 'zutuan.example/embedded' });
    expect(warnings).toEqual([expect.stringMatching(/trusting the verifier key stored in the database/)]);
  }, 120_000); // migrating a fresh embedded database takes a while

  it('rejects a checkpoint signed by another key', async () => {
    const other = generateNoteKeys('zutuan.example').verifierKey;
    const { result } = await runLogVerify({ server, programme: 'intact', key: other });
    expect(result).toMatchObject({ ok: false, firstBadEntry: null });
    expect(!result.ok && result.message).toMatch(
      /^the checkpoint does not verify: no signature by a known key/,
    );
  });

  it.each(tampering)('finds %s at entry %s', async (what, firstBad, message, tamper) => {
    const code = `tamper-${tampering.findIndex(([w]) => w === what)}`;
    const id = await signedLog(code);
    await asAttacker(t.database.db, (db) => tamper(db, id));

    const overHttp = await runLogVerify({ server, programme: code, key: verifierKey });
    expect(overHttp.result).toMatchObject({ ok: false, firstBadEntry: firstBad });
    expect(!overHttp.result.ok && overHttp.result.message).toMatch(message);

    const onDatabase = await verifyLog(databaseLogSource(t.database.db, id), {
      verifiers: [parseVerifierKey(verifierKey)],
    });
    expect(onDatabase).toMatchObject({ ok: false, firstBadEntry: firstBad });
    // The database's stored checkpoints narrow a consistent rewrite down to after size 8.
    expect(!onDatabase.ok && onDatabase.message).toMatch(new RegExp(message.source.replace('\\[0', '\\[8')));
  });
});
