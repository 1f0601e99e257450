import { sql } from 'kysely';
import type { Actor } from '../../auth/actor';
import { can } from '../../auth/permissions';
import type { Db } from '../../db/database';
import type { Person } from '../../db/schema';
import { paginate } from '../../http/paging';
import { escapeLike, orgInScope } from '../scope';

export type PersonView = {
  id: string;
  organisationId: string;
  organisationName: string;
  kind: Person['kind'];
  fullName: string;
  gender: Person['gender'];
  birthYear: number | null;
  title: Person['title'];
  specialtyCode: string | null;
  phone: string | null;
  deployments: number;
  createdAt: Date;
  updatedAt: Date;
};

export type PeopleFilter = {
  q?: string | undefined;
  kind?: Person['kind'] | undefined;
  specialtyCode?: string | undefined;
  organisationId?: string | undefined;
};

const sortColumns = {
  fullName: 'p.full_name',
  kind: 'p.kind',
  specialtyCode: 'p.specialty_code',
  createdAt: 'p.created_at',
} as const;

/** People the actor may see: in its organisation subtree, or deployed to a facility in it. */
export function visiblePeople(db: Db, actor: Actor) {
  return db
    .selectFrom('people as p')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'p.programme_id').onRef('o.id', '=', 'p.organisation_id'),
    )
    .where('p.programme_id', '=', actor.programmeId)
    .where((eb) =>
      eb.or([
        orgInScope('p.organisation_id', actor),
        eb.exists(
          eb
            .selectFrom('deployments as d')
            .innerJoin('facilities as f', (j) =>
              j.onRef('f.programme_id', '=', 'd.programme_id').onRef('f.id', '=', 'd.host_facility_id'),
            )
            .select(sql`1`.as('one'))
            .whereRef('d.programme_id', '=', 'p.programme_id')
            .whereRef('d.person_id', '=', 'p.id')
            .where(orgInScope('f.organisation_id', actor)),
        ),
      ]),
    );
}

const columns = [
  'p.id',
  'p.organisation_id',
  'o.name as organisation_name',
  'p.kind',
  'p.full_name',
  'p.gender',
  'p.birth_year',
  'p.title',
  'p.specialty_code',
  'p.phone',
  'p.created_at',
  'p.updated_at',
] as const;

export type PersonRow = Pick<
  Person,
  | 'id'
  | 'organisation_id'
  | 'kind'
  | 'full_name'
  | 'gender'
  | 'birth_year'
  | 'title'
  | 'specialty_code'
  | 'phone'
  | 'created_at'
  | 'updated_at'
> & {
  organisation_name: string;
  deployments: number;
};

/** Phone numbers are personal data: only accounts that may edit people see them whole. */
const maskPhone = (phone: string | null, actor: Actor) =>
  phone && !can(actor.role, 'people:write') ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone;

/** The API view of a person row (with its organisation's name and deployment count). */
export const personView = (r: PersonRow, actor: Actor): PersonView => ({
  id: r.id,
  organisationId: r.organisation_id,
  organisationName: r.organisation_name,
  kind: r.kind,
  fullName: r.full_name,
  gender: r.gender,
  birthYear: r.birth_year,
  title: r.title,
  specialtyCode: r.specialty_code,
  phone: maskPhone(r.phone, actor),
  deployments: Number(r.deployments),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const deploymentCount = sql<number>`(select count(*) from deployments d where d.programme_id = p.programme_id and d.person_id = p.id)`;

export async function listPeople(
  db: Db,
  actor: Actor,
  filter: PeopleFilter,
  paging: { page: number; pageSize: number; order: 'asc' | 'desc'; sort: keyof typeof sortColumns },
) {
  let query = visiblePeople(db, actor).select([...columns, deploymentCount.as('deployments')]);
  if (filter.q) query = query.where('p.full_name', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.kind) query = query.where('p.kind', '=', filter.kind);
  if (filter.specialtyCode) query = query.where('p.specialty_code', '=', filter.specialtyCode);
  if (filter.organisationId) {
    const orgId = filter.organisationId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('organisations as f_o')
          .select(sql`1`.as('one'))
          .where('f_o.programme_id', '=', actor.programmeId)
          .where('f_o.id', '=', orgId)
          .where(sql<boolean>`o.path like f_o.path || '%'`),
      ),
    );
  }
  const page = await paginate(query, { ...paging, orderBy: sortColumns[paging.sort], tiebreak: 'p.id' });
  return { ...page, items: page.items.map((r) => personView(r as PersonRow, actor)) };
}

export async function findPerson(db: Db, actor: Actor, id: string): Promise<PersonView | undefined> {
  const row = await visiblePeople(db, actor)
    .select([...columns, deploymentCount.as('deployments')])
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row ? personView(row as PersonRow, actor) : undefined;
}
