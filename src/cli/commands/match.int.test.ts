import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/database';
import { ids, insertFixture, PASSWORD } from '../../../test/support/fixture';
import type { Database } from '../../db/database';
import { describe as describeResult, type MatchResult, runMatch } from './match';

// `zutuan match` on the fixture: the expert 王援 (anaesthesiology, 甲县) serves the urgent
// township need; the surgery need has no specialist; the huge one does not fit anyone's days.
const need = (n: number) => `00000000-0000-4000-8000-0000000009${String(n).padStart(2, '0')}`;
let database: Database;

beforeAll(async () => {
  database = await freshDatabase();
  await insertFixture(database.db, await hash(PASSWORD));
  const row = (n: number, facility: string, specialty: string, effort: number) => ({
    programme_id: ids.programme,
    id: need(n),
    facility_id: facility,
    specialty_code: specialty,
    kind: 'skill_gap' as const,
    title: `N${n}`,
    population_affected: 100,
    urgency: 4,
    remoteness_hours: 1,
    effort_expert_days: effort,
    status: 'triaged' as const,
    batch_id: ids.batch,
    reported_at: new Date('2026-02-01T00:00:00Z'),
    triaged_at: new Date('2026-02-02T00:00:00Z'),
  });
  await database.db
    .insertInto('needs')
    .values([
      row(1, ids.facilityTownshipA1, 'anaesthesiology', 5),
      row(2, ids.facilityCountyA, 'general_surgery', 5),
      row(3, ids.facilityCountyA, 'anaesthesiology', 500),
    ])
    .execute();
}, 60_000);
afterAll(async () => {
  await database?.close();
});

const sink = (isTTY = false) => {
  const chunks: string[] = [];
  return { chunks, stream: { write: (s: string) => chunks.push(s), isTTY } };
};

describe('zutuan match', () => {
  it('runs the proposal job in-process, reports progress and prints the summary', async () => {
    const out = sink();
    const err = sink();
    const result = (await runMatch(
      database,
      {
        batch: 10,
        json: true,
        rules: { planningDate: '2026-03-02', horizonEnd: '2026-03-27' },
        timeLimit: 2,
      },
      { stdout: out.stream, stderr: err.stream },
    )) as MatchResult;
    expect(result.status).toBe('done');
    expect(result.served).toBe(1);
    expect(result.unserved).toBe(2);
    expect(result.unservedByReason).toEqual({ no_specialist: 1, too_large: 1 });
    expect(result.teams).toBe(1);
    expect(result.gap).not.toBeNull();
    expect(JSON.parse(out.chunks.join(''))).toMatchObject({ proposalId: result.proposalId, served: 1 });
    // Not a terminal: plain progress lines, ending with done.
    expect(err.chunks.join('')).toMatch(/done 100%/);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'request_id'])
      .where('entity_id', '=', result.proposalId)
      .execute();
    expect(audit).toEqual([{ action: 'proposal.created', request_id: 'cli' }]);

    const text = describeResult(result);
    expect(text).toContain('teams:     1');
    expect(text).toContain('no expert of the specialty');
    expect(text).toMatch(/gap: \d+\.\d\d%/);
  });

  it('refuses a batch that does not exist', async () => {
    await expect(
      runMatch(database, { batch: 99 }, { stdout: sink().stream, stderr: sink().stream }),
    ).rejects.toThrow('batch 99 does not exist');
  });
});
