import { describe, expect, it } from 'vitest';
import { generateScenario, scenarioRandom } from './generate';
import { generateMentorship } from './mentorship';

const core = generateScenario({ seed: 1, scale: 1 });
const demo = generateMentorship(core, scenarioRandom(1).fork('mentorship'));

describe('mentorship demo data', () => {
  it('is deterministic', () => {
    const again = generateMentorship(core, scenarioRandom(1).fork('mentorship'));
    expect(again.assessments.map((a) => a.id)).toEqual(demo.assessments.map((a) => a.id));
  });

  it('gives every contract one to three apprentices, all parties’ acceptances and goals', () => {
    for (const m of demo.mentorships) {
      const apprentices = demo.mentorship_apprentices.filter((a) => a.mentorship_id === m.id).length;
      expect(apprentices).toBeGreaterThanOrEqual(1);
      expect(apprentices).toBeLessThanOrEqual(3);
      expect(demo.mentorship_acceptances.filter((a) => a.mentorship_id === m.id)).toHaveLength(
        apprentices + 2,
      );
    }
    expect(demo.mentorships.some((m) => m.continues_id)).toBe(true);
    expect(demo.mentorships.filter((m) => m.status === 'active').length).toBeGreaterThan(0);
  });

  it('lets a few apprentices reach level 5 and keeps some pairs consulting after the mentor left', () => {
    const level5 = new Set(
      demo.assessments.filter((a) => a.level === 5 && a.status === 'confirmed').map((a) => a.apprentice_id),
    );
    expect(level5.size).toBeGreaterThan(0);
    expect(level5.size).toBeLessThan(new Set(demo.mentorship_apprentices.map((a) => a.person_id)).size / 5);
    const remote = demo.teaching_activities.filter((a) => a.kind === 'remote_consult');
    expect(remote.length).toBeGreaterThan(0);
    for (const r of remote) {
      const onTour = core.deployments.some(
        (d) => d.person_id === r.teacher_id && d.starts_on <= r.held_on && r.held_on <= d.ends_on,
      );
      expect(onTour).toBe(false);
    }
  });

  it('raises the local share of taught services over time', () => {
    const share = (year: string) => {
      const rows = demo.service_records.filter((r) => String(r.month).startsWith(year));
      const local = rows.reduce((s, r) => s + r.local_count, 0);
      return local / rows.reduce((s, r) => s + r.local_count + r.aid_count, 0);
    };
    expect(share('2026')).toBeGreaterThan(share('2018') + 0.2);
  });
});
