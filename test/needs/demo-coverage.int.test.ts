import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor';
import { specialtyCoverage } from '../../src/coverage/coverage';
import { ensureTravelTimes } from '../../src/coverage/travel-times';
import type { Database } from '../../src/db/database';
import {
  medianDaysToResolution,
  needsByStatusAndCounty,
  remoteNeedsResolvedShare,
} from '../../src/needs/indicators';
import { generateScenario } from '../../src/scenario/generate';
import { loadScenario } from '../../src/scenario/load';
import { DEMO_TODAY } from '../../src/scenario/staffing';
import { freshDatabase } from '../support/database';

const scenario = generateScenario({ seed: 1, scale: 1 });
let database: Database;
const commander = (): Actor => ({
  userId: scenario.users[1]?.id as string,
  programmeId: scenario.programme.id,
  username: 'commander',
  displayName: 'commander',
  role: 'commander',
  organisationId: scenario.landmarks.rootOrganisationId,
  scopePath: `/${scenario.landmarks.rootOrganisationId}/`,
  personId: null,
  locale: 'zh-CN',
});

beforeAll(async () => {
  database = await freshDatabase();
  await loadScenario(database.db, scenario, { password: 'demo-password-for-tests' });
});
afterAll(() => database?.close());

describe('the demo scenario', () => {
  it('loads its needs with a realistic spread of statuses over the counties', async () => {
    const rows = await needsByStatusAndCounty(database.db, scenario.programme.id);
    const total = rows.reduce((s, r) => s + r.needs, 0);
    expect(total).toBeGreaterThan(500);
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set([
        'reported',
        'triaged',
        'matched',
        'in_progress',
        'resolved',
        'verified',
        'rejected',
        'merged',
      ]),
    );
    const median = (await medianDaysToResolution(database.db, scenario.programme.id)).at(-1);
    expect(median?.medianDays).toBeGreaterThan(30);
    const remote = (await remoteNeedsResolvedShare(database.db, scenario.programme.id)).at(-1);
    expect(remote?.share).toBeGreaterThan(0.2);
    expect(remote?.share).toBeLessThan(0.9);
  });

  it('computes travel times once per network version and coverage in well under a second', async () => {
    const first = await ensureTravelTimes(database.db, scenario.programme.id);
    expect(first?.computedNow).toBe(true);
    expect(first?.pairs).toBeGreaterThan(100);
    const again = await ensureTravelTimes(database.db, scenario.programme.id);
    expect(again?.computedNow).toBe(false);
    const started = performance.now();
    const coverage = await specialtyCoverage(database.db, commander(), {
      specialtyCode: 'obstetrics_gynaecology',
      on: DEMO_TODAY,
      now: new Date(`${DEMO_TODAY}T12:00:00Z`),
    });
    const millis = performance.now() - started;
    console.info(
      `demo coverage: ${millis.toFixed(0)} ms; travel times: ${first?.millis} ms for ${first?.pairs} pairs`,
    );
    expect(millis).toBeLessThan(2000);
    expect(coverage.townships.length).toBe(scenario.regions.filter((r) => r.level === 'township').length);
    const within = coverage.shares?.within.map((w) => w.share) ?? [];
    expect(within[0]).toBeLessThanOrEqual(within[1] as number);
    expect(within[1]).toBeLessThanOrEqual(within[2] as number);
    expect(coverage.townships.some((t) => t.unmetPriority > 0)).toBe(true);
  });
});
