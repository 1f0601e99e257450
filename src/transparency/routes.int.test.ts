// The public log API over a real database: checkpoints, entries, proofs, and appends inside transactions.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app';
import { ids } from '../../test/support/fixture';
import { parseHex, toHex } from './bytes';
import { openCheckpoint } from './checkpoint';
import { encodeEntry } from './entry';
import { leafHash } from './hash';
import { MemoryTree } from './memory-tree';
import { parseVerifierKey } from './note-keys';
import { appendEntries } from './store/append';
import { appendNumbered, buildLogEntry, insertProgramme } from './store/log-test-helpers';
import { verifyConsistency, verifyInclusion } from './verify';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ ZUTUAN_LOG_ORIGIN: 'zutuan.test' });
});
afterAll(async () => {
  await t.close();
});

const hashes = (hex: string[]) => hex.map((h) => parseHex(h)!);
const expectedTree = (n: number) =>
  MemoryTree.fromLeafHashes(Array.from({ length: n }, (_, i) => leafHash(encodeEntry(buildLogEntry(i)))));

async function checkpoint() {
  const key = parseVerifierKey((await t.request('GET', '/api/log/key')).body.trim());
  const res = await t.request('GET', '/api/log/checkpoint');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/plain/);
  const opened = openCheckpoint(res.body, [key], 'zutuan.test/J-K');
  if (!opened.ok) throw new Error(opened.message);
  return opened.checkpoint;
}

describe('the log API', () => {
  it('signs a checkpoint of the empty log', async () => {
    const cp = await checkpoint();
    expect(cp.size).toBe(0);
    expect(toHex(cp.rootHash)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('appends entries with dense indexes and signs the new root', async () => {
    expect(await appendNumbered(t.database.db, ids.programme, 0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(await appendNumbered(t.database.db, ids.programme, 5, 13)).toEqual([5, 6, 7, 8, 9, 10, 11, 12]);
    const cp = await checkpoint();
    expect(cp.size).toBe(13);
    expect(toHex(cp.rootHash)).toBe(toHex(expectedTree(13).root()));
  });

  it('serialises concurrent appenders without gaps or repeats', async () => {
    const other = await insertProgramme(t.database.db, 'concurrent');
    const batches = await Promise.all(
      [0, 1, 2, 3].map((b) => appendNumbered(t.database.db, other, b * 3, b * 3 + 3)),
    );
    expect(batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    await appendNumbered(t.database.db, ids.programme, 13, 25);
    expect((await checkpoint()).size).toBe(25);
  });

  it('commits entries with the caller’s transaction or not at all', async () => {
    await expect(
      t.database.db.transaction().execute(async (trx) => {
        await appendEntries(trx, ids.programme, [buildLogEntry(999)]);
        throw new Error('the record change failed');
      }),
    ).rejects.toThrow('the record change failed');
    const res = await t.request('GET', '/api/log/entries?start=24&end=26');
    expect(res.json().entries.map((e: { index: number }) => e.index)).toEqual([24]);
  });

  it('serves entries with their leaf hashes, immutable when the range is complete', async () => {
    const res = await t.request('GET', '/api/log/entries?start=2&end=5');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const { entries } = res.json() as { entries: { index: number; entry: string; leafHash: string }[] };
    expect(entries.map((e) => e.index)).toEqual([2, 3, 4]);
    for (const e of entries) {
      expect(e.entry).toBe(new TextDecoder().decode(encodeEntry(buildLogEntry(e.index))));
      expect(e.leafHash).toBe(toHex(leafHash(new TextEncoder().encode(e.entry))));
    }
    const partial = await t.request('GET', '/api/log/entries?start=20&end=100');
    expect(partial.json().entries).toHaveLength(5);
    expect(partial.headers['cache-control']).toBe('public, max-age=5');
  });

  it.each([
    ['start=25&end=26', 'OUT_OF_RANGE'],
    ['start=5&end=5', 'OUT_OF_RANGE'],
    ['start=0&end=1001', 'OUT_OF_RANGE'],
    ['start=-1&end=3', 'VALIDATION_FAILED'],
    ['start=a&end=3', 'VALIDATION_FAILED'],
  ])('refuses entries?%s with %s', async (query, code) => {
    const res = await t.request('GET', `/api/log/entries?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe(code);
  });

  it('serves inclusion proofs that verify for every entry', async () => {
    for (const size of [1, 13, 25]) {
      const root = expectedTree(size).root();
      for (let index = 0; index < size; index++) {
        const res = await t.request('GET', `/api/log/proof/inclusion?index=${index}&size=${size}`);
        expect(res.headers['cache-control']).toContain('immutable');
        const leaf = leafHash(encodeEntry(buildLogEntry(index)));
        expect(verifyInclusion(index, size, leaf, hashes(res.json().proof), root)).toBe(true);
      }
    }
  });

  it('serves consistency proofs that verify between every pair of sizes', async () => {
    for (let old = 1; old <= 25; old += 3) {
      const res = await t.request('GET', `/api/log/proof/consistency?old=${old}&size=25`);
      const ok = verifyConsistency(
        old,
        25,
        expectedTree(old).root(),
        expectedTree(25).root(),
        hashes(res.json().proof),
      );
      expect(ok).toBe(true);
    }
  });

  it.each([
    ['inclusion?index=25&size=25'],
    ['inclusion?index=0&size=26'],
    ['consistency?old=0&size=5'],
    ['consistency?old=6&size=5'],
    ['consistency?old=1&size=26'],
  ])('refuses proof/%s as out of range', async (query) => {
    const res = await t.request('GET', `/api/log/proof/${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('OUT_OF_RANGE');
  });

  it('keeps every signed checkpoint and never signs the same size twice', async () => {
    await checkpoint();
    const rows = await t.database.db
      .selectFrom('log_checkpoints')
      .select('size')
      .where('programme_id', '=', ids.programme)
      .orderBy('size')
      .execute();
    expect(rows.map((r) => r.size)).toEqual([0, 13, 25]);
  });

  it('refuses to change or delete stored entries, nodes and checkpoints', async () => {
    const { db } = t.database;
    await expect(sql`update log_entries set entry = 'x' where idx = 0`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from log_nodes where idx = 0`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from log_checkpoints`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update log_heads set size = 3`.execute(db)).rejects.toThrow(/only grows/);
  });

  it('answers 404 for an unknown programme and is public and rate-limited', async () => {
    expect((await t.request('GET', '/api/log/checkpoint?programme=nope')).statusCode).toBe(404);
    const logRoutes = t.routes.filter((r) => r.url.startsWith('/api/log/') && r.method === 'GET');
    expect(logRoutes.map((r) => r.policy)).toEqual(Array(5).fill('public'));
  });
});
