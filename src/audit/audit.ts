import type { Transaction } from 'kysely';
import type { DB } from '../db/schema';

export type AuditContext = { programmeId: string; actorUserId: string | null; requestId: string | null };

export type AuditEvent = {
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};

const secretKey = /password|token|secret|private/i;

/** Copies a record for the audit trail without secrets (password hashes, tokens, keys). */
export function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!secretKey.test(k)) out[k] = redact(v);
    return out;
  }
  return value;
}

/** Writes one audit row inside the caller's transaction, so it commits with the change or not at all. */
export async function recordAudit(trx: Transaction<DB>, ctx: AuditContext, event: AuditEvent): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      programme_id: ctx.programmeId,
      actor_user_id: ctx.actorUserId,
      action: event.action,
      entity: event.entity,
      entity_id: event.entityId,
      before: event.before === undefined ? null : JSON.stringify(redact(event.before)),
      after: event.after === undefined ? null : JSON.stringify(redact(event.after)),
      request_id: ctx.requestId,
    })
    .execute();
}

export type Audit = (event: AuditEvent) => Promise<void>;

/** Runs a change in one transaction with an `audit` function bound to it. */
export async function inChange<T>(
  db: { transaction(): { execute<R>(fn: (trx: Transaction<DB>) => Promise<R>): Promise<R> } },
  ctx: AuditContext,
  fn: (trx: Transaction<DB>, audit: Audit) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((trx) => fn(trx, (event) => recordAudit(trx, ctx, event)));
}
