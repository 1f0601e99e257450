// IATI export of the fixture programme: values by batch, and the document valid against the
// official IATI 2.03 activity schema (../shared/iati) when xmllint is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app';
import { ids } from '../../test/support/fixture';
import { iatiActivitiesXml } from './activity';
import { loadIatiProgramme } from './load';

const SCHEMA = join(import.meta.dirname, '../../../shared/iati/iati-activities-schema.xsd');
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

let t: TestApp;
let xml: string;
beforeAll(async () => {
  t = await startTestApp();
  const need = (status: 'resolved' | 'verified' | 'triaged' | 'rejected', n: number) =>
    Array.from({ length: n }, (_, i) => ({
      programme_id: ids.programme,
      facility_id: ids.facilityCountyA,
      specialty_code: 'anaesthesiology',
      kind: 'skill_gap' as const,
      title: `需求 ${status} ${i}`,
      population_affected: 10,
      urgency: 2,
      remoteness_hours: 1,
      effort_expert_days: null,
      status,
      status_reason: status === 'rejected' ? '重复' : null,
      merged_into: null,
      micro_team_id: null,
      matched_by: null,
      batch_id: ids.batch,
      reported_by: null,
      triaged_at: null,
      matched_at: null,
      started_at: null,
      resolved_at: null,
      verified_at: null,
      closed_at: null,
    }));
  await t.database.db
    .insertInto('needs')
    .values([...need('resolved', 2), ...need('verified', 3), ...need('triaged', 4), ...need('rejected', 1)])
    .execute();
  xml = iatiActivitiesXml(
    await loadIatiProgramme(t.database.db, 'J-K', 'XM-ZUTUAN'),
    new Date('2026-06-01T08:00:00Z'),
  );
});
afterAll(() => t.close());

describe('IATI export', () => {
  it('writes the programme and each batch as activities with organisations by role and results', () => {
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<iati-activities version="2.03" generated-datetime="2026-06-01T08:00:00Z">/,
    );
    expect(xml).toContain('<iati-identifier>XM-ZUTUAN-J-K</iati-identifier>');
    expect(xml).toContain('<iati-identifier>XM-ZUTUAN-J-K-B10</iati-identifier>');
    expect(xml).toContain('<related-activity ref="XM-ZUTUAN-J-K-B10" type="2"/>');
    expect(xml).toContain('<related-activity ref="XM-ZUTUAN-J-K" type="1"/>');
    // J province funds, K prefecture is accountable, the HQ extends, J hospital (which sent the expert) implements.
    expect(xml).toContain(
      `<participating-org ref="XM-ZUTUAN-J-K-ORG-${ids.supporterCommission}" role="1" type="10">`,
    );
    expect(xml).toContain(
      `<participating-org ref="XM-ZUTUAN-J-K-ORG-${ids.recipientCommission}" role="2" type="10">`,
    );
    expect(xml).toContain(`<participating-org ref="XM-ZUTUAN-J-K-ORG-${ids.hq}" role="3" type="10">`);
    expect(xml).toContain(`<participating-org ref="XM-ZUTUAN-J-K-ORG-${ids.jHospital}" role="4" type="15">`);
    // Batch 10 (2026): 9 needs count (the rejected one not), 5 resolved, none witnessed yet.
    expect(xml).toContain(
      '<baseline year="2026" iso-date="2026-01-01" value="0"/><period><period-start iso-date="2026-01-01"/><period-end iso-date="2026-12-31"/><target value="9"/><actual value="5"/>',
    );
    expect(xml).toContain('<target value="5"/><actual value="0"/>');
    expect(xml).toContain('<activity-status code="2"/>');
    // Only organisations and counts: no need titles, no people.
    expect(xml).not.toContain('需求 resolved');
    expect(xml).not.toContain('王援');
  });

  it.skipIf(!hasXmllint)('validates against the IATI 2.03 activity schema (xmllint)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'iati-')), 'activities.xml');
    writeFileSync(file, xml);
    const out = execFileSync('xmllint', ['--noout', '--schema', SCHEMA, file], {
      encoding: 'utf8',
      stdio: 'pipe',
    });
    expect(out).toBe('');
  });
  it.runIf(!hasXmllint)(
    'skips schema validation: xmllint is not installed (apt-get install libxml2-utils)',
    () => {},
  );
});
