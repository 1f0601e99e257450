import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateTargets } from '../../src/agreements/targets';
import type { Database } from '../../src/db/database';
import { generateScenario } from '../../src/scenario/generate';
import { loadScenario } from '../../src/scenario/load';
import { DEMO_TODAY } from '../../src/scenario/staffing';
import { freshDatabase } from '../support/database';

const scenario = generateScenario({ seed: 1, scale: 1 });
let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await loadScenario(database.db, scenario, { password: 'demo-password-for-tests' });
}, 240_000);
afterAll(() => database.close());

describe('demo agreements', () => {
  it('has one agreement of each type, with targets on real indicators, some met and some at risk', async () => {
    const agreements = await database.db
      .selectFrom('agreements')
      .select(['id', 'type'])
      .where('programme_id', '=', scenario.programme.id)
      .execute();
    expect(agreements.map((a) => a.type).sort()).toEqual([
      'agreement',
      'consensus',
      'letter_of_intent',
      'memorandum',
      'plan',
    ]);
    const targets = await evaluateTargets(database.db, scenario.programme.id, 'all', DEMO_TODAY);
    const byIndicator = Object.fromEntries(targets.map((t) => [t.indicatorId, t.status]));
    expect(targets.every((t) => t.current !== null)).toBe(true);
    expect(byIndicator['needs.resolved']).toBe('met');
    expect(byIndicator['services.local_share']).toBe('met');
    expect(byIndicator['mentorship.level4_apprentices']).toBe('on_track');
    expect(byIndicator['needs.median_days_to_resolution']).toBe('at_risk');
  });

  it('computes the dependence dashboard over the demo', async () => {
    const { dependenceDashboard } = await import('../../src/dependence/report');
    const d = await dependenceDashboard(database.db, scenario.programme.id, { on: DEMO_TODAY });
    expect(d.services.length).toBeGreaterThan(0);
    const stages = new Set(d.services.map((s) => s.stage));
    expect(stages.size).toBeGreaterThan(1);
    for (let i = 1; i < d.risks.length; i++)
      expect(d.risks[i - 1]!.population).toBeGreaterThanOrEqual(d.risks[i]!.population);
  });
});
