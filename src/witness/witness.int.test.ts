// Witnessing over HTTP against a real database: the queue, attest by each party, disputes, who may
// not attest, log entries appended in the same transaction, and the public overview.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app';
import { accounts, ids } from '../../test/support/fixture';
import { witnessHelpers } from '../../test/support/witness';
import { parseHex } from '../transparency/bytes';
import { openCheckpoint } from '../transparency/checkpoint';
import { parseVerifierKey } from '../transparency/note-keys';
import { verifyInclusion } from '../transparency/verify';
import { verifyStatement } from './signature';

let t: TestApp;
const { logSize, entries } = witnessHelpers(() => t);
beforeAll(async () => {
  t = await startTestApp({ ZUTUAN_LOG_ORIGIN: 'zutuan.test' });
});
afterAll(() => t.close());

const TITLE = '缺少麻醉医师，无法开展剖宫产';
let counter = 0;

/** Reports a need at township A1 and takes it to resolved through the needs API. */
async function resolvedNeed(): Promise<string> {
  const res = await t.request('POST', '/api/needs', {
    as: 'local',
    body: {
      facilityId: ids.facilityTownshipA1,
      specialtyCode: 'anaesthesiology',
      kind: 'skill_gap',
      title: `${TITLE} ${++counter}`,
      description: '产妇扎西需转诊县医院',
      populationAffected: 99,
      urgency: 3,
    },
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  for (const [action, as] of [
    ['triage', 'recipient'],
    ['match', 'commander'],
    ['start', 'expert'],
    ['resolve', 'expert'],
  ] as const) {
    const step = await t.request('POST', `/api/needs/${id}/${action}`, { as, body: {} });
    expect(step.statusCode, `${action}: ${step.body}`).toBe(200);
  }
  return id;
}

const queue = async (as: string) => {
  const res = await t.request('GET', '/api/witness/queue?pageSize=200', { as });
  expect(res.statusCode).toBe(200);
  return res.json() as { total: number; items: { id: string; recordId: string; party: string }[] };
};
const requestOf = async (needId: string) => {
  const item = (await queue('commander')).items.find((i) => i.recordId === needId);
  if (!item) throw new Error('no witness request for the need');
  return item.id;
};
const needStatus = async (id: string) =>
  (await t.request('GET', `/api/needs/${id}`, { as: 'admin' })).json().status;
const attest = (id: string, as: string) => t.request('POST', `/api/witness/${id}/attest`, { as, body: {} });
const userId = async (username: string) =>
  (
    await t.database.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;

describe('opening and the queue', () => {
  it('resolving a need opens a witness request waiting for the three parties, logged as opened', async () => {
    const before = await logSize();
    const needId = await resolvedNeed();
    expect(await logSize()).toBe(before + 1);
    const [opened] = await entries(before, before + 1);
    expect(opened!.entry).toMatchObject({ kind: 'need.resolved.opened', recordId: needId, attestations: [] });
    const id = await requestOf(needId);
    for (const [as, party] of [
      ['commander', 'command'],
      ['recipient', 'recipient'],
      ['supporter', 'supporter'],
    ] as const) {
      expect((await queue(as)).items.find((i) => i.id === id)?.party).toBe(party);
    }
    // County B's cadre, experts and viewers have nothing to witness here.
    for (const as of ['recipientb', 'expert', 'viewer', 'admin']) {
      expect((await queue(as)).items.some((i) => i.id === id)).toBe(false);
    }
    const detail = (await t.request('GET', `/api/witness/${id}`, { as: 'supporter' })).json();
    expect(detail).toMatchObject({
      kind: 'need.resolved',
      status: 'open',
      round: 1,
      myParty: 'supporter',
      record: { specialtyCode: 'anaesthesiology', countyName: '甲县', batchNumber: 10 },
    });
    expect(
      detail.parties.map((p: { party: string; organisationId: string }) => [p.party, p.organisationId]),
    ).toEqual([
      ['command', ids.hq],
      ['recipient', ids.townshipA1Centre],
      ['supporter', ids.jHospital],
    ]);
    expect((await t.request('GET', `/api/witness/${id}`, { as: 'recipientb' })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/witness/queue')).statusCode).toBe(401);
  });
});

describe('attesting', () => {
  it('each party attests in turn; the last makes it witnessed, verifies the need and logs every attestation', async () => {
    const needId = await resolvedNeed();
    const id = await requestOf(needId);
    const start = await logSize();

    const first = await attest(id, 'commander');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'open', myParty: null });
    expect((await attest(id, 'commander')).statusCode).toBe(409);
    expect((await queue('commander')).items.some((i) => i.id === id)).toBe(false);
    expect((await attest(id, 'recipient')).json().status).toBe('open');
    expect(await needStatus(needId)).toBe('resolved');
    const last = await attest(id, 'supporter');
    expect(last.json()).toMatchObject({ status: 'witnessed', witnessedLogIndex: start + 3 });
    expect(await needStatus(needId)).toBe('verified');

    const logged = await entries(start, await logSize());
    expect(logged.map((e) => e.entry.kind)).toEqual([
      'need.resolved.attested',
      'need.resolved.attested',
      'need.resolved.attested',
      'need.resolved.witnessed',
    ]);
    const witnessed = logged[3]!.entry;
    expect(witnessed.attestations.map((a) => a.party)).toEqual(['command', 'recipient', 'supporter']);
    // Each attestation is the same in its own entry and in the witnessed one, and the log key signed it.
    const key = parseVerifierKey((await t.request('GET', '/api/log/key')).body.trim());
    for (const [i, e] of logged.slice(0, 3).entries()) {
      const a = e.entry.attestations[0]!;
      expect(witnessed.attestations[i]).toEqual(a);
      const statement = {
        kind: e.entry.kind,
        recordId: needId,
        recordDigest: e.entry.recordDigest,
        party: a.party,
        attestorId: a.attestorId,
        time: e.entry.time,
      };
      expect(verifyStatement(key, statement as never, a.signature)).toBe(true);
      expect(verifyStatement(key, { ...statement, party: 'other' } as never, a.signature)).toBe(false);
    }

    // No personal data: no names, titles, descriptions, usernames or user ids in any entry.
    const text = (await entries(0, await logSize())).map((e) => e.text).join('\n');
    const users = await Promise.all(Object.keys(accounts).map(userId));
    for (const secret of [
      TITLE,
      '扎西',
      '王援',
      '甲一乡',
      // (usernames that are not also party names)
      ...Object.keys(accounts)
        .filter((u) => !['recipient', 'supporter'].includes(u))
        .map((u) => `"${u}"`),
      ...users,
    ]) {
      expect(text).not.toContain(secret);
    }

    // The witnessed entry is provably in the signed log.
    const cp = await t.request('GET', '/api/log/checkpoint');
    const opened = openCheckpoint(cp.body, [key], 'zutuan.test/J-K');
    if (!opened.ok) throw new Error(opened.message);
    const proof = (
      await t.request('GET', `/api/log/proof/inclusion?index=${start + 3}&size=${opened.checkpoint.size}`)
    ).json();
    const leaf = (await t.request('GET', `/api/log/entries?start=${start + 3}&end=${start + 4}`)).json()
      .entries[0];
    expect(
      verifyInclusion(
        start + 3,
        opened.checkpoint.size,
        parseHex(leaf.leafHash)!,
        proof.proof.map((h: string) => parseHex(h)!),
        opened.checkpoint.rootHash,
      ),
    ).toBe(true);
    expect((await attest(id, 'recipient')).statusCode).toBe(409);
  });

  it('refuses accounts that do not speak for a party of the record: 404 out of scope, 403 otherwise', async () => {
    const id = await requestOf(await resolvedNeed());
    const before = await logSize();
    expect((await attest(id, 'recipientb')).statusCode).toBe(404);
    expect((await attest(id, 'viewer')).statusCode).toBe(403);
    expect((await attest(id, 'expert')).statusCode).toBe(403);
    expect((await attest(id, 'local')).statusCode).toBe(403);
    const admin = await attest(id, 'admin');
    expect(admin.statusCode).toBe(403);
    expect(admin.json().error.code).toBe('FORBIDDEN');
    expect((await attest('00000000-0000-4000-8000-0000000000ff', 'commander')).statusCode).toBe(404);
    expect(await logSize()).toBe(before);
  });
});

describe('disputes', () => {
  it('a dispute sends the need back to its team; resolving again opens a new round', async () => {
    const needId = await resolvedNeed();
    const id = await requestOf(needId);
    expect((await attest(id, 'commander')).statusCode).toBe(200);
    const start = await logSize();
    const bad = await t.request('POST', `/api/witness/${id}/dispute`, {
      as: 'recipient',
      body: { reason: '' },
    });
    expect(bad.statusCode).toBe(400);
    const reason = '卫生院仍无人能独立完成椎管内麻醉';
    const res = await t.request('POST', `/api/witness/${id}/dispute`, { as: 'recipient', body: { reason } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'disputed', disputeReason: reason });
    expect(await needStatus(needId)).toBe('in_progress');
    const [disputed] = await entries(start, await logSize());
    expect(disputed!.entry).toMatchObject({ kind: 'need.resolved.disputed', recordId: needId });
    expect(disputed!.entry.attestations.map((a) => a.party)).toEqual(['recipient']);
    expect(disputed!.text).not.toContain(reason);
    expect((await attest(id, 'supporter')).statusCode).toBe(409);
    expect((await queue('supporter')).items.some((i) => i.id === id)).toBe(false);

    // The team resolves it again: round 2 starts afresh (the commander must attest again).
    expect(
      (await t.request('POST', `/api/needs/${needId}/resolve`, { as: 'expert', body: {} })).statusCode,
    ).toBe(200);
    const reopened = (await t.request('GET', `/api/witness/${id}`, { as: 'commander' })).json();
    expect(reopened).toMatchObject({ status: 'open', round: 2, myParty: 'command' });
    expect(reopened.parties.every((p: { statement: unknown }) => p.statement === null)).toBe(true);
    expect((await entries(start + 1, start + 2))[0]!.entry.kind).toBe('need.resolved.reopened');
    for (const as of ['commander', 'recipient', 'supporter'])
      expect((await attest(id, as)).statusCode).toBe(200);
    expect(await needStatus(needId)).toBe('verified');
  });

  it('a statement that fails after its entry was appended appends nothing (same transaction)', async () => {
    const needId = await resolvedNeed();
    const id = await requestOf(needId);
    // A commander verifies the need by hand; a dispute can no longer send it back, so it fails
    // after the dispute's log entry was appended, and the whole transaction rolls back.
    expect(
      (await t.request('POST', `/api/needs/${needId}/verify`, { as: 'commander', body: {} })).statusCode,
    ).toBe(200);
    const before = await logSize();
    const res = await t.request('POST', `/api/witness/${id}/dispute`, {
      as: 'recipient',
      body: { reason: '不属实' },
    });
    expect(res.statusCode).toBe(409);
    expect(await logSize()).toBe(before);
    const detail = (await t.request('GET', `/api/witness/${id}`, { as: 'recipient' })).json();
    expect(detail).toMatchObject({ status: 'open', myParty: 'recipient' });
    expect(detail.parties.every((p: { statement: unknown }) => p.statement === null)).toBe(true);
  });
});

describe('the public overview', () => {
  it('shows figures per batch, recent witnessed achievements de-identified and the latest checkpoint, without login', async () => {
    const res = await t.request('GET', '/api/public/overview');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const body = res.json();
    expect(body.programme).toMatchObject({ code: 'J-K' });
    const witnessed = await t.database.db
      .selectFrom('witness_requests')
      .select(['witnessed_log_index'])
      .where('status', '=', 'witnessed')
      .orderBy('witnessed_at', 'desc')
      .execute();
    expect(witnessed.length).toBe(2);
    const resolved = await t.database.db
      .selectFrom('needs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', 'in', ['resolved', 'verified'])
      .executeTakeFirstOrThrow();
    expect(body.batches).toEqual([
      expect.objectContaining({ number: 10, needsResolved: Number(resolved.n), needsWitnessed: 2 }),
    ]);
    expect(body.recent).toHaveLength(2);
    expect(body.recent[0]).toEqual({
      kind: 'need.resolved',
      specialtyCode: 'anaesthesiology',
      specialtyName: { zh: '麻醉科', en: 'Anaesthesiology' },
      countyName: '甲县',
      batchNumber: 10,
      on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      witnessedAt: expect.any(String),
      logIndex: witnessed[0]!.witnessed_log_index,
    });
    expect(body.checkpoint).toMatchObject({ origin: 'zutuan.test/J-K', size: await logSize() });
    expect(body.checkpoint.rootHash).toMatch(/^[0-9a-f]{64}$/);
    for (const secret of [
      TITLE,
      '扎西',
      '王援',
      '甲一乡卫生院',
      'expert',
      ...(await Promise.all(Object.keys(accounts).map(userId))),
    ]) {
      expect(res.body).not.toContain(secret);
    }
    expect((await t.request('GET', '/api/public/overview?programme=NOPE')).statusCode).toBe(404);
  });
});
