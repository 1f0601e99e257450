import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/database';
import type { Database } from '../../db/database';
import { migrate } from '../../db/migrate';
import { toHex } from '../bytes';
import { consistencyProof, inclusionProof, rootHashAt } from '../tree-reader';
import { appendNumbered, insertProgramme } from './log-test-helpers';
import { mirrorOf } from './node-mirror';
import { StoredTree } from './stored-tree';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await migrate(database);
});
afterAll(() => database.close());

const hex = (proof: readonly Uint8Array[]) => proof.map(toHex);

/** Every inclusion proof, every consistency proof and the root of `a` equal those of `b`. */
async function sameProofs(a: StoredTree, b: StoredTree, size: number) {
  expect(toHex(await rootHashAt(a))).toBe(toHex(await rootHashAt(b)));
  for (let i = 0; i < size; i++)
    expect(hex(await inclusionProof(a, i))).toEqual(hex(await inclusionProof(b, i)));
  for (let old = 1; old <= size; old++)
    expect(hex(await consistencyProof(a, old))).toEqual(hex(await consistencyProof(b, old)));
}

describe('the in-process node mirror', () => {
  it('gives the same proofs as reading the database, and grows with the log', async () => {
    const id = await insertProgramme(database.db, 'mirror');
    await appendNumbered(database.db, id, 0, 37);
    await sameProofs(
      await StoredTree.open(database.db, id, { mirrored: true }),
      await StoredTree.open(database.db, id),
      37,
    );
    await appendNumbered(database.db, id, 37, 70);
    await sameProofs(
      await StoredTree.open(database.db, id, { mirrored: true }),
      await StoredTree.open(database.db, id),
      70,
    );
    const mirror = mirrorOf(database.db, id);
    expect([mirror.has(0, 69), mirror.has(0, 70), mirror.has(6, 0), mirror.has(6, 1)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('stops at a gap in storage, so proofs read the database and report it', async () => {
    const id = await insertProgramme(database.db, 'gap');
    await appendNumbered(database.db, id, 0, 16);
    await sql`alter table log_nodes disable trigger user`.execute(database.db);
    try {
      await sql`delete from log_nodes where programme_id = ${id} and level = 0 and idx = 5`.execute(
        database.db,
      );
    } finally {
      await sql`alter table log_nodes enable trigger user`.execute(database.db);
    }
    const tree = await StoredTree.open(database.db, id, { mirrored: true });
    expect(mirrorOf(database.db, id).has(0, 4)).toBe(true);
    expect(mirrorOf(database.db, id).has(0, 5)).toBe(false);
    await expect(inclusionProof(tree, 4)).rejects.toThrow(/node \(0, 5\) is missing/);
    expect(hex(await inclusionProof(tree, 12))).toHaveLength(4); // needs nothing from the gap
  });
});
