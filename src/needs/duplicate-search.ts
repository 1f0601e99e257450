import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import { travelHoursFrom } from '../coverage/travel-times';
import type { Db } from '../db/database';
import { defaultDuplicateRules, findLikelyDuplicates } from './duplicates';
import { visibleNeeds } from './repository';
import { type NeedStatus, openStatuses } from './workflow';

export type DuplicateView = {
  id: string;
  title: string;
  facilityName: string;
  status: NeedStatus;
  similarity: number;
  travelHours: number | null;
};

/**
 * Open needs the actor can see that are likely the same as need `id`: same specialty, similar
 * text, at the same facility or township or within an hour's drive (cached travel times).
 */
export async function likelyDuplicatesOf(db: Db, actor: Actor, id: string): Promise<DuplicateView[]> {
  const need = await visibleNeeds(db, actor)
    .select([
      'n.id',
      'n.specialty_code as specialtyCode',
      'n.facility_id as facilityId',
      sql<string | null>`case when r.level = 'township' then r.id end`.as('townshipId'),
      'n.title',
      'n.description',
    ])
    .where('n.id', '=', id)
    .executeTakeFirst();
  if (!need) return [];
  const nearby = await travelHoursFrom(db, actor.programmeId, need.facilityId);
  const nearbyIds = [...nearby].filter(([, h]) => h <= defaultDuplicateRules.nearbyHours).map(([f]) => f);
  const candidates = await visibleNeeds(db, actor)
    .select([
      'n.id',
      'n.specialty_code as specialtyCode',
      'n.facility_id as facilityId',
      sql<string | null>`case when r.level = 'township' then r.id end`.as('townshipId'),
      'n.title',
      'n.description',
      'n.status',
      'f.name as facilityName',
    ])
    .where('n.specialty_code', '=', need.specialtyCode)
    .where('n.status', 'in', [...openStatuses])
    .where('n.id', '<>', id)
    .where((eb) =>
      eb.or([
        eb('n.facility_id', '=', need.facilityId),
        ...(need.townshipId ? [eb('r.id', '=', need.townshipId)] : []),
        ...(nearbyIds.length ? [eb('n.facility_id', 'in', nearbyIds)] : []),
      ]),
    )
    .limit(500)
    .execute();
  const found = findLikelyDuplicates(need, candidates, (_, to) => nearby.get(to) ?? null);
  const byId = new Map(candidates.map((c) => [c.id, c]));
  return found.map((d) => {
    const c = byId.get(d.id) as (typeof candidates)[number];
    return { ...d, title: c.title, facilityName: c.facilityName, status: c.status };
  });
}
