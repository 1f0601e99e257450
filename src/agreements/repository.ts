import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { escapeLike } from '../registry/scope';
import type { AgreementType } from './tables';
import { evaluateTargets, type TargetView } from './targets';

/**
 * SQL predicate on an agreements row (`alias`): the actor may see it when its owner or any party
 * lies in the actor's scope (`any`), or change it when its owner does (`owner`).
 */
export function agreementInScope(
  actor: Pick<Actor, 'programmeId' | 'scopePath'>,
  mode: 'owner' | 'any',
  alias = 'agreements',
): RawBuilder<SqlBool> {
  const like = `${escapeLike(actor.scopePath)}%`;
  const a = sql.table(alias);
  const owner = sql<SqlBool>`exists (select 1 from organisations so where so.programme_id = ${a}.programme_id
    and so.id = ${a}.owner_organisation_id and so.path like ${like})`;
  if (mode === 'owner') return owner;
  return sql<SqlBool>`(${owner} or exists (select 1 from agreement_parties sp join organisations so
    on so.programme_id = sp.programme_id and so.id = sp.organisation_id
    where sp.programme_id = ${a}.programme_id and sp.agreement_id = ${a}.id and so.path like ${like}))`;
}

export type AgreementSummary = {
  id: string;
  type: AgreementType;
  title: string;
  effectiveOn: string;
  expiresOn: string | null;
  ownerOrganisationId: string;
  parties: { id: string; name: string }[];
  hasDocument: boolean;
  targets: Record<TargetView['status'], number>;
  nextReviewOn: string | null;
};

/** Agreements the actor may see, newest first, each with its parties and its targets' statuses. */
export async function listAgreements(
  db: Db,
  actor: Actor,
  filter: { type?: AgreementType | undefined; q?: string | undefined },
  today: string,
): Promise<AgreementSummary[]> {
  let q = db
    .selectFrom('agreements')
    .selectAll()
    .select([
      sql<
        { id: string; name: string }[]
      >`(select coalesce(json_agg(json_build_object('id', o.id, 'name', o.name)
        order by o.name), '[]') from agreement_parties ap join organisations o on o.programme_id = ap.programme_id
        and o.id = ap.organisation_id where ap.programme_id = agreements.programme_id
        and ap.agreement_id = agreements.id)`.as('parties'),
      sql<
        string | null
      >`(select min(r.due_on) from agreement_reviews r where r.programme_id = agreements.programme_id
        and r.agreement_id = agreements.id and r.done_on is null)`.as('next_review_on'),
    ])
    .where('programme_id', '=', actor.programmeId)
    .where(agreementInScope(actor, 'any'));
  if (filter.type) q = q.where('type', '=', filter.type);
  if (filter.q) q = q.where('title', 'ilike', `%${escapeLike(filter.q)}%`);
  const rows = await q.orderBy('effective_on', 'desc').orderBy('id').execute();
  const targets = await evaluateTargets(
    db,
    actor.programmeId,
    rows.map((r) => r.id),
    today,
  );
  return rows.map((r) => {
    const counts = { on_track: 0, at_risk: 0, missed: 0, met: 0 };
    for (const t of targets) if (t.agreementId === r.id) counts[t.status] += 1;
    return {
      id: r.id,
      type: r.type,
      title: r.title,
      effectiveOn: r.effective_on,
      expiresOn: r.expires_on,
      ownerOrganisationId: r.owner_organisation_id,
      parties: r.parties,
      hasDocument: r.document_id !== null,
      targets: counts,
      nextReviewOn: r.next_review_on,
    };
  });
}

/** One agreement with everything in it, or undefined when the actor may not see it. */
export async function findAgreement(db: Db, actor: Actor, id: string, today: string) {
  const p = actor.programmeId;
  const a = await db
    .selectFrom('agreements')
    .leftJoin('documents as d', (j) =>
      j.onRef('d.programme_id', '=', 'agreements.programme_id').onRef('d.id', '=', 'agreements.document_id'),
    )
    .selectAll('agreements')
    .select(['d.file_name', 'd.size_bytes', 'd.sha256'])
    .where('agreements.programme_id', '=', p)
    .where('agreements.id', '=', id)
    .where(agreementInScope(actor, 'any'))
    .executeTakeFirst();
  if (!a) return undefined;
  const [parties, signatories, clauses, duties, reviews, targets, evidence, canChange] = await Promise.all([
    db
      .selectFrom('agreement_parties as ap')
      .innerJoin('organisations as o', (j) =>
        j.onRef('o.programme_id', '=', 'ap.programme_id').onRef('o.id', '=', 'ap.organisation_id'),
      )
      .select(['o.id', 'o.name', 'o.side'])
      .where('ap.programme_id', '=', p)
      .where('ap.agreement_id', '=', id)
      .orderBy('o.name')
      .execute(),
    db
      .selectFrom('agreement_signatories as s')
      .innerJoin('people as pe', (j) =>
        j.onRef('pe.programme_id', '=', 's.programme_id').onRef('pe.id', '=', 's.person_id'),
      )
      .select([
        's.person_id as personId',
        'pe.full_name as fullName',
        's.organisation_id as organisationId',
        's.signed_on as signedOn',
      ])
      .where('s.programme_id', '=', p)
      .where('s.agreement_id', '=', id)
      .orderBy('pe.full_name')
      .execute(),
    db
      .selectFrom('agreement_clauses')
      .select(['id', 'number', 'text'])
      .where('programme_id', '=', p)
      .where('agreement_id', '=', id)
      .orderBy('number')
      .execute(),
    db
      .selectFrom('clause_duties')
      .select(['id', 'clause_id as clauseId', 'organisation_id as organisationId', 'duty'])
      .where('programme_id', '=', p)
      .where('agreement_id', '=', id)
      .execute(),
    db
      .selectFrom('agreement_reviews')
      .select([
        'id',
        'due_on as dueOn',
        'responsible_organisation_id as responsibleOrganisationId',
        'done_on as doneOn',
        'outcome',
      ])
      .where('programme_id', '=', p)
      .where('agreement_id', '=', id)
      .orderBy('due_on')
      .execute(),
    evaluateTargets(db, p, [id], today),
    db
      .selectFrom('target_evidence as e')
      .innerJoin('agreement_targets as t', (j) =>
        j.onRef('t.programme_id', '=', 'e.programme_id').onRef('t.id', '=', 'e.target_id'),
      )
      .select([
        'e.id',
        'e.target_id as targetId',
        'e.entity',
        'e.entity_id as entityId',
        'e.note',
        'e.created_at as createdAt',
      ])
      .where('e.programme_id', '=', p)
      .where('t.agreement_id', '=', id)
      .orderBy('e.created_at')
      .execute(),
    db
      .selectFrom('agreements')
      .select('id')
      .where('programme_id', '=', p)
      .where('id', '=', id)
      .where(agreementInScope(actor, 'owner'))
      .executeTakeFirst(),
  ]);
  return {
    id: a.id,
    type: a.type,
    title: a.title,
    summary: a.summary,
    effectiveOn: a.effective_on,
    expiresOn: a.expires_on,
    ownerOrganisationId: a.owner_organisation_id,
    document: a.document_id ? { fileName: a.file_name, sizeBytes: a.size_bytes, sha256: a.sha256 } : null,
    canChange: canChange !== undefined,
    parties,
    signatories,
    clauses: clauses.map((c) => ({
      ...c,
      duties: duties.filter((d) => d.clauseId === c.id).map(({ clauseId: _c, ...d }) => d),
      targets: targets
        .filter((t) => t.clauseId === c.id)
        .map((t) => ({ ...t, evidence: evidence.filter((e) => e.targetId === t.id) })),
    })),
    reviews: reviews.map((r) => ({ ...r, state: reviewState(r.dueOn, r.doneOn, today) })),
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}
export type AgreementDetail = NonNullable<Awaited<ReturnType<typeof findAgreement>>>;

/** How many days before its date a review counts as due. */
export const REVIEW_DUE_DAYS = 14;

/** A review is done, overdue (its date passed), due (within REVIEW_DUE_DAYS) or scheduled. */
export function reviewState(dueOn: string, doneOn: string | null, today: string) {
  if (doneOn) return 'done' as const;
  if (dueOn < today) return 'overdue' as const;
  const soon = new Date(Date.parse(today) + REVIEW_DUE_DAYS * 86_400_000).toISOString().slice(0, 10);
  return dueOn <= soon ? ('due' as const) : ('scheduled' as const);
}

/** Due and overdue reviews of agreements the actor sees or is responsible for, oldest first. */
export async function dueReviews(db: Db, actor: Actor, today: string) {
  const soon = new Date(Date.parse(today) + REVIEW_DUE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const rows = await db
    .selectFrom('agreement_reviews as r')
    .innerJoin('agreements as a', (j) =>
      j.onRef('a.programme_id', '=', 'r.programme_id').onRef('a.id', '=', 'r.agreement_id'),
    )
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'r.programme_id').onRef('o.id', '=', 'r.responsible_organisation_id'),
    )
    .select([
      'r.id',
      'r.agreement_id as agreementId',
      'a.title as agreementTitle',
      'a.type as agreementType',
      'r.due_on as dueOn',
      'r.responsible_organisation_id as responsibleOrganisationId',
      'o.name as responsibleOrganisationName',
    ])
    .where('r.programme_id', '=', actor.programmeId)
    .where('r.done_on', 'is', null)
    .where('r.due_on', '<=', soon)
    .where(agreementInScope(actor, 'any', 'a'))
    .orderBy('r.due_on')
    .execute();
  return rows.map((r) => ({ ...r, state: reviewState(r.dueOn, null, today) as 'due' | 'overdue' }));
}
