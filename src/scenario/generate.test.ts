import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { personTitles } from '../db/schema';
import { DEMO_TODAY, DEMO_USERNAMES, generateScenario } from './generate';
import type { Scenario } from './types';

const scenario = generateScenario({ seed: 1, scale: 1 });

/** The specialty codes seeded by the migration, read from the SQL itself. */
const specialtyCodes = new Set(
  [
    ...readFileSync(join(import.meta.dirname, '../db/migrations/0001_foundation.sql'), 'utf8').matchAll(
      /^\s+\('([a-z_]+)', '/gm,
    ),
  ].map((m) => m[1]),
);
const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const count = <T>(rows: T[], test: (row: T) => boolean) => rows.filter(test).length;

describe('generateScenario', () => {
  it('is deterministic: the same seed gives identical output, another seed a different one', () => {
    const again = generateScenario({ seed: 1, scale: 1 });
    expect(again).toEqual(scenario);
    expect(JSON.stringify(again)).toBe(JSON.stringify(scenario));
    const other = generateScenario({ seed: 2, scale: 1 });
    expect(other.programme.id).not.toBe(scenario.programme.id);
    expect(other.regions.map((r) => r.name)).not.toEqual(scenario.regions.map((r) => r.name));
  });

  it('has the demo size at scale 1', () => {
    const { regions, organisations, facilities, people, batches, deployments } = scenario;
    expect(count(regions, (r) => r.level === 'prefecture')).toBe(1);
    expect(count(regions, (r) => r.level === 'county')).toBe(4);
    const townships = regions.filter((r) => r.level === 'township');
    expect(townships.length).toBeGreaterThanOrEqual(32);
    expect(townships.length).toBeLessThanOrEqual(40);
    for (const county of regions.filter((r) => r.level === 'county')) {
      const n = count(townships, (t) => t.parent_id === county.id);
      expect(n).toBeGreaterThanOrEqual(8);
      expect(n).toBeLessThanOrEqual(10);
    }
    for (const t of townships) {
      expect(t.population).toBeGreaterThanOrEqual(3000);
      expect(t.population).toBeLessThanOrEqual(30000);
    }
    expect(count(organisations, (o) => o.type === 'command_hq')).toBe(1);
    expect(count(organisations, (o) => o.type === 'health_commission')).toBe(6);
    expect(count(organisations, (o) => o.type === 'supporting_hospital')).toBe(9);
    expect(count(organisations, (o) => o.type === 'recipient_hospital')).toBe(5);
    expect(count(organisations, (o) => o.side === 'contributor')).toBeGreaterThanOrEqual(2);
    expect(count(organisations, (o) => o.side === 'contributor')).toBeLessThanOrEqual(3);
    expect(count(organisations, (o) => o.type === 'village_clinic')).toBeGreaterThanOrEqual(3);
    expect(count(facilities, (f) => f.level === 'supporter_hospital')).toBe(9);
    expect(count(facilities, (f) => f.level === 'prefecture_hospital')).toBe(1);
    expect(count(people, (p) => p.kind === 'expert')).toBe(94);
    expect(count(people, (p) => p.kind === 'local_staff')).toBe(400);
    expect(count(people, (p) => p.kind === 'cadre')).toBeGreaterThanOrEqual(3);
    expect(batches.map((b) => b.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const b of batches) {
      const n = count(deployments, (d) => d.batch_id === b.id);
      expect(n).toBeGreaterThanOrEqual(15);
      expect(n).toBeLessThanOrEqual(20);
    }
    expect(new Set(deployments.map((d) => d.person_id)).size).toBe(94);
  });

  it('grows with the scale', () => {
    const bigger = generateScenario({ seed: 1, scale: 2.5 });
    expect(count(bigger.regions, (r) => r.level === 'county')).toBe(10);
    expect(count(bigger.people, (p) => p.kind === 'expert')).toBe(235);
    expect(count(bigger.people, (p) => p.kind === 'local_staff')).toBe(1000);
    checkRows(bigger);
  });

  it('gives rows that satisfy the schema’s constraints and reference each other correctly', () => {
    checkRows(scenario);
  });

  it('spans ten batches from August 2016, the 10th in the field on the demo date', () => {
    const [first] = scenario.batches;
    const current = scenario.batches.at(-1);
    expect(first?.starts_on.slice(0, 7)).toBe('2016-08');
    expect((current?.starts_on ?? '') <= DEMO_TODAY && DEMO_TODAY <= (current?.ends_on ?? '')).toBe(true);
    scenario.batches.slice(1).forEach((b, k) => {
      expect(b.starts_on > (scenario.batches[k]?.ends_on ?? '')).toBe(true);
    });
    expect(scenario.landmarks.currentBatchId).toBe(current?.id);
  });

  it('deploys mostly long term, some short term at township centres, with second tours', () => {
    const { deployments, facilities, batches } = scenario;
    const level = new Map(facilities.map((f) => [f.id, f.level]));
    const long = deployments.filter((d) => d.term === 'long');
    const short = deployments.filter((d) => d.term === 'short');
    expect(long.length).toBeGreaterThan(short.length);
    expect(short.length).toBeGreaterThan(0);
    for (const d of long)
      expect(['prefecture_hospital', 'county_hospital']).toContain(level.get(d.host_facility_id));
    for (const d of short) {
      expect(level.get(d.host_facility_id)).toBe('township_health_centre');
      const months = monthsBetween(d.starts_on, d.ends_on);
      expect(months).toBeGreaterThanOrEqual(1);
      expect(months).toBeLessThanOrEqual(3);
    }
    const batchNumber = new Map(batches.map((b) => [b.id, b.number]));
    const tours = new Map<string, number[]>();
    for (const d of deployments)
      tours.set(d.person_id, [...(tours.get(d.person_id) ?? []), batchNumber.get(d.batch_id) ?? 0]);
    const returning = [...tours.values()].filter((t) => new Set(t).size >= 2);
    expect(returning.length).toBeGreaterThan(0);
    // One deployment per expert per batch, so an expert's stays never overlap.
    for (const t of tours.values()) expect(new Set(t).size).toBe(t.length);
  });

  it('has the demo accounts in the right scopes', () => {
    const { users, organisations, people, deployments, facilities, regions, landmarks } = scenario;
    expect(users.map((u) => u.username).sort()).toEqual(Object.values(DEMO_USERNAMES).sort());
    const user = (name: string) => users.find((u) => u.username === name);
    const orgPath = new Map(organisations.map((o) => [o.id, o.path]));
    expect(user('admin')).toMatchObject({ role: 'admin', organisation_id: landmarks.rootOrganisationId });
    expect(user('commander')).toMatchObject({ role: 'commander', person_id: landmarks.cadreZId });
    expect(user('supporter')).toMatchObject({
      role: 'supporter_cadre',
      organisation_id: landmarks.supporterHealthCommissionId,
      person_id: landmarks.cadreDId,
    });
    expect(user('recipient')).toMatchObject({
      role: 'recipient_cadre',
      organisation_id: landmarks.firstCountyHealthCommissionId,
      person_id: landmarks.cadreCId,
    });
    expect(user('viewer')).toMatchObject({ role: 'viewer', organisation_id: landmarks.rootOrganisationId });

    const expertUser = user('expert');
    const expert = people.find((p) => p.id === expertUser?.person_id);
    expect(expert?.kind).toBe('expert');
    expect(expertUser?.organisation_id).toBe(expert?.organisation_id);
    const countyOf = (regionId: string) => {
      const r = regions.find((x) => x.id === regionId);
      return r?.level === 'township' ? r.parent_id : r?.id;
    };
    const current = deployments.filter(
      (d) => d.person_id === expert?.id && d.batch_id === landmarks.currentBatchId,
    );
    expect(current).toHaveLength(1);
    const host = facilities.find((f) => f.id === current[0]?.host_facility_id);
    expect(countyOf(host?.region_id ?? '')).toBe(landmarks.firstCountyId);

    const localUser = user('local');
    const local = people.find((p) => p.id === localUser?.person_id);
    expect(localUser).toMatchObject({
      role: 'local_staff',
      organisation_id: landmarks.firstCountyHealthCommissionId,
    });
    expect(local?.kind).toBe('local_staff');
    expect(orgPath.get(local?.organisation_id ?? '')).toContain(
      `/${landmarks.firstCountyHealthCommissionId}/`,
    );
  });

  it('stays fast at scale 100', () => {
    const started = performance.now();
    const big = generateScenario({ seed: 3, scale: 100 });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(count(big.regions, (r) => r.level === 'county')).toBe(400);
    expect(count(big.people, (p) => p.kind === 'expert')).toBe(9400);
    expect(count(big.people, (p) => p.kind === 'local_staff')).toBe(40_000);
  });
});

function monthsBetween(from: string, to: string) {
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  return Math.round(days / 30.4);
}

/** Every check constraint of the migration, the unique keys and the foreign keys, row by row. */
function checkRows(s: Scenario) {
  const programmeId = s.programme.id;
  const all = [s.regions, s.organisations, s.facilities, s.people, s.batches, s.deployments, s.users].flat();
  for (const row of all) {
    expect(row.programme_id).toBe(programmeId);
    expect(row.id).toMatch(uuidV4);
  }
  expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  expect(s.programme.code.length).toBeLessThanOrEqual(40);

  const regionIds = new Set(s.regions.map((r) => r.id));
  expect(new Set(s.regions.map((r) => r.code)).size).toBe(s.regions.length);
  const seen = new Set<string>();
  for (const r of s.regions) {
    expect(r.level === 'prefecture').toBe(r.parent_id === null);
    if (r.parent_id) expect(seen.has(r.parent_id)).toBe(true); // parents first
    seen.add(r.id);
    expect(r.name.length).toBeGreaterThan(0);
    expect(Math.abs(r.lat ?? 0)).toBeLessThanOrEqual(90);
  }

  const orgs = new Map(s.organisations.map((o) => [o.id, o]));
  expect(new Set(s.organisations.map((o) => o.name)).size).toBe(s.organisations.length);
  const before = new Set<string>();
  for (const o of s.organisations) {
    const parent = o.parent_id ? orgs.get(o.parent_id) : undefined;
    expect(o.path).toBe(`${parent?.path ?? '/'}${o.id}/`);
    if (o.parent_id) expect(before.has(o.parent_id)).toBe(true);
    before.add(o.id);
    if (o.region_id) expect(regionIds.has(o.region_id)).toBe(true);
    expect(o.name.length).toBeLessThanOrEqual(200);
  }
  expect(s.organisations.filter((o) => o.parent_id === null)).toHaveLength(1);

  expect(new Set(s.facilities.map((f) => f.code)).size).toBe(s.facilities.length);
  for (const f of s.facilities) {
    expect(f.code.length).toBeGreaterThan(0);
    expect(f.code.length).toBeLessThanOrEqual(40);
    expect(orgs.has(f.organisation_id)).toBe(true);
    expect(regionIds.has(f.region_id)).toBe(true);
    expect(f.travel_hours_to_seat).toBeGreaterThanOrEqual(0);
    expect(f.travel_hours_to_seat).toBeLessThan(10_000);
    expect(Math.round(f.travel_hours_to_seat * 100) / 100).toBe(f.travel_hours_to_seat);
  }
  const careGiving = s.organisations.filter((o) =>
    ['recipient_hospital', 'township_health_centre', 'village_clinic', 'supporting_hospital'].includes(
      o.type,
    ),
  );
  expect(new Set(s.facilities.map((f) => f.organisation_id))).toEqual(new Set(careGiving.map((o) => o.id)));

  const people = new Map(s.people.map((p) => [p.id, p]));
  for (const p of s.people) {
    expect(orgs.has(p.organisation_id)).toBe(true);
    expect(p.full_name.length).toBeGreaterThan(0);
    expect(p.full_name.length).toBeLessThanOrEqual(100);
    if (p.phone !== null) expect(p.phone).toMatch(/^1[3-9][0-9]{9}$/);
    if (p.birth_year !== null) expect(p.birth_year >= 1930 && p.birth_year <= 2010).toBe(true);
    if (p.title !== null) expect(personTitles).toContain(p.title);
    if (p.specialty_code !== null) expect(specialtyCodes.has(p.specialty_code)).toBe(true);
    if (p.kind === 'expert') {
      expect(orgs.get(p.organisation_id)?.type).toBe('supporting_hospital');
      expect(['chief_physician', 'associate_chief_physician', 'attending_physician']).toContain(p.title);
    }
    if (p.kind === 'local_staff') expect(orgs.get(p.organisation_id)?.side).toBe('recipient');
  }

  for (const b of s.batches) expect(b.ends_on > b.starts_on).toBe(true);
  const batches = new Map(s.batches.map((b) => [b.id, b]));
  const facilities = new Set(s.facilities.map((f) => f.id));
  for (const d of s.deployments) {
    const batch = batches.get(d.batch_id);
    const person = people.get(d.person_id);
    expect(d.ends_on > d.starts_on).toBe(true);
    expect(d.starts_on >= (batch?.starts_on ?? '') && d.ends_on <= (batch?.ends_on ?? '')).toBe(true);
    expect(person?.kind).toBe('expert');
    expect(d.home_organisation_id).toBe(person?.organisation_id);
    expect(facilities.has(d.host_facility_id)).toBe(true);
    expect(d.specialty_code).toBe(person?.specialty_code);
    expect(specialtyCodes.has(d.specialty_code)).toBe(true);
  }

  for (const u of s.users) {
    expect(u.username).toMatch(/^[a-z0-9][a-z0-9_.-]{1,39}$/);
    expect(orgs.has(u.organisation_id)).toBe(true);
    if (u.person_id) expect(people.has(u.person_id)).toBe(true);
  }
}
