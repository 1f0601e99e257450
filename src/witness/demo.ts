import type { Kysely } from 'kysely';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB, Role } from '../db/schema';
import type { NoteSigner } from '../transparency/note-keys';
import { type Party, parties, partyRole } from './parties';
import { attest, openWitness } from './service';

const DAY = 86_400_000;
/** How many needs the demo witnesses fully, and how many it leaves waiting (it costs ~0.15 s a statement on PGlite). */
const WITNESSED = 30;
const WAITING = 24;
/**
 * Witnesses the demo's needs through the same domain functions as the API, once (when the
 * programme has no witness request yet): the most recently verified needs are attested by all
 * three demo cadres a few days after they were resolved; the needs still resolved get open
 * requests, every other one already attested by the commander, so each cadre's queue has work.
 * Which needs and who attests is deterministic; salts and signatures are fresh.
 */
export async function witnessDemo(db: Kysely<DB>, signer: NoteSigner): Promise<number> {
  const programme = await db
    .selectFrom('programmes')
    .select('id')
    .orderBy('created_at')
    .orderBy('code')
    .executeTakeFirst();
  if (!programme) return 0;
  const programmeId = programme.id;
  if (
    await db
      .selectFrom('witness_requests')
      .select('id')
      .where('programme_id', '=', programmeId)
      .limit(1)
      .executeTakeFirst()
  ) {
    return 0;
  }
  const users = await db
    .selectFrom('users as u')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'u.programme_id').onRef('o.id', '=', 'u.organisation_id'),
    )
    .select(['u.id', 'u.username', 'u.display_name', 'u.role', 'u.organisation_id', 'u.person_id', 'o.path'])
    .where('u.programme_id', '=', programmeId)
    .where('u.role', 'in', ['commander', 'recipient_cadre', 'supporter_cadre'])
    .where('u.disabled', '=', false)
    .orderBy('u.username')
    .execute();
  const actorOf = (u: (typeof users)[number]): Actor => ({
    userId: u.id,
    programmeId,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    organisationId: u.organisation_id,
    scopePath: u.path,
    personId: u.person_id,
    locale: 'zh-CN',
  });
  /** The demo account that speaks for a party whose organisation has this path (the nearest ancestor). */
  const witnessFor = (role: Role, path: string) =>
    users
      .filter((u) => u.role === role && path.startsWith(u.path))
      .sort((a, b) => b.path.length - a.path.length || a.username.localeCompare(b.username))[0];

  // Every party has a demo account only for needs in the demo recipient cadre's county.
  const recipientPath = users.find((u) => u.role === 'recipient_cadre')?.path ?? '/';
  const pick = (status: 'verified' | 'resolved', inCounty: boolean, limit: number) =>
    db
      .selectFrom('needs as n')
      .innerJoin('facilities as f', (j) =>
        j.onRef('f.programme_id', '=', 'n.programme_id').onRef('f.id', '=', 'n.facility_id'),
      )
      .innerJoin('organisations as o', (j) =>
        j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
      )
      .select(['n.id', 'n.resolved_at', 'n.verified_at'])
      .where('n.programme_id', '=', programmeId)
      .where('n.status', '=', status)
      .where('o.path', inCounty ? 'like' : 'not like', `${recipientPath}%`)
      .orderBy(status === 'verified' ? 'n.verified_at' : 'n.resolved_at', 'desc')
      .orderBy('n.id')
      .limit(limit)
      .execute();
  type Plan = { need: Awaited<ReturnType<typeof pick>>[number]; parties: Party[] };
  const plans: Plan[] = [
    // In the county: the most recent few wait for the recipient cadre; the rest are witnessed by all three.
    ...(await pick('verified', true, WITNESSED + 6)).map((need, i) => ({
      need,
      parties: i < 6 ? (['command', 'supporter'] as Party[]) : [...parties],
    })),
    // Elsewhere: the commander and the supporter attested; the county's own cadre has not yet.
    ...(await pick('verified', false, WAITING / 2)).map((need) => ({
      need,
      parties: ['command', 'supporter'] as Party[],
    })),
    // Just resolved: waiting for everyone, or for all but the commander.
    ...[...(await pick('resolved', true, WAITING / 2)), ...(await pick('resolved', false, WAITING / 4))].map(
      (need, i) => ({ need, parties: i % 2 === 0 ? (['command'] as Party[]) : [] }),
    ),
  ].sort(
    (a, b) =>
      +(a.need.resolved_at ?? a.need.verified_at ?? 0) - +(b.need.resolved_at ?? b.need.verified_at ?? 0),
  );
  let statements = 0;
  for (const { need, parties: order } of plans) {
    const resolvedAt = need.resolved_at ?? need.verified_at ?? new Date();
    await db.transaction().execute(async (trx) => {
      const audit = (actorUserId: string | null) => (event: Parameters<typeof recordAudit>[2]) =>
        recordAudit(trx, { programmeId, actorUserId, requestId: null }, event);
      const id = await openWitness(trx, programmeId, 'need.resolved', need.id, audit(null), {
        now: () => resolvedAt,
      });
      const partyRows = await trx
        .selectFrom('witness_parties as wp')
        .innerJoin('organisations as o', (j) =>
          j.onRef('o.programme_id', '=', 'wp.programme_id').onRef('o.id', '=', 'wp.organisation_id'),
        )
        .select(['wp.party', 'o.path'])
        .where('wp.programme_id', '=', programmeId)
        .where('wp.request_id', '=', id)
        .orderBy('wp.party')
        .execute();
      for (const [i, party] of order.entries()) {
        const path = partyRows.find((p) => p.party === party)?.path;
        const user = path && witnessFor(partyRole[party], path);
        if (!user) continue;
        const at = new Date(resolvedAt.getTime() + (i + 1) * DAY);
        await attest(trx, actorOf(user), id, audit(user.id), { signer, now: () => at });
        statements += 1;
      }
    });
  }
  return statements;
}
