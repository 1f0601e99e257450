import { createHash, randomBytes } from 'node:crypto';
import { type Selectable, sql } from 'kysely';
import type { Db } from '../db/database';
import type { UsersTable } from '../db/schema';
import type { Actor } from './actor';
import { noteAuthChange, type SessionCache } from './session-cache';

export const SESSION_COOKIE = 'zutuan_session';

export type SessionPolicy = { idleMinutes: number; maxHours: number };

type SessionRow = { last_seen_at: Date; expires_at: Date; path: string } & Pick<
  Selectable<UsersTable>,
  | 'id'
  | 'programme_id'
  | 'username'
  | 'display_name'
  | 'role'
  | 'organisation_id'
  | 'person_id'
  | 'locale'
  | 'disabled'
>;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a new session (a fresh random id at every login) and returns its token. */
export async function startSession(
  db: Pick<Db, 'insertInto'>,
  user: { programmeId: string; userId: string },
  policy: SessionPolicy,
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: digest(token),
      programme_id: user.programmeId,
      user_id: user.userId,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + policy.maxHours * 3_600_000),
    })
    .execute();
  return token;
}

const TOUCH_MS = 60_000;

/**
 * Resolves a session token to its actor; expired, idle or disabled sessions resolve to null and
 * are removed. With a cache, a session seen in the last seconds resolves without the database
 * (see session-cache.ts for why that stays correct).
 */
export async function resolveSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
  now = new Date(),
  cache?: SessionCache,
): Promise<Actor | null> {
  const hash = digest(token);
  const idleLimit = new Date(now.getTime() - policy.idleMinutes * 60_000);
  const cached = cache?.get(hash, now.getTime());
  if (
    cached &&
    cached.expiresAt > now &&
    cached.lastSeenAt > idleLimit &&
    now.getTime() - cached.lastSeenAt.getTime() <= TOUCH_MS
  ) {
    return cached.actor;
  }
  const generation = cache?.generation ?? 0;
  // Every authenticated request runs this: one fixed text, prepared once per connection.
  const { rows } = await sql<SessionRow>`/* prepare:session_actor */
    select s.last_seen_at, s.expires_at, u.id, u.programme_id, u.username, u.display_name, u.role,
      u.organisation_id, u.person_id, u.locale, u.disabled, o.path
    from sessions s
    join users u on u.programme_id = s.programme_id and u.id = s.user_id
    join organisations o on o.programme_id = u.programme_id and o.id = u.organisation_id
    where s.token_hash = ${hash}`.execute(db);
  const row = rows[0];
  if (!row) return null;
  if (row.disabled || row.expires_at <= now || row.last_seen_at <= idleLimit) {
    await db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
    return null;
  }
  // Touch at most once a minute: enough for the idle timeout, cheap for the database.
  let lastSeenAt = row.last_seen_at;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('token_hash', '=', hash).execute();
    lastSeenAt = now;
  }
  const actor: Actor = {
    userId: row.id,
    programmeId: row.programme_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    scopePath: row.path,
    personId: row.person_id,
    locale: row.locale,
  };
  cache?.set(
    hash,
    { lastSeenAt, expiresAt: row.expires_at, userId: row.id, actor },
    generation,
    now.getTime(),
  );
  return actor;
}

export async function endSession(db: Pick<Db, 'deleteFrom'>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', digest(token)).execute();
  noteAuthChange();
}

/**
 * Ends every session of a user (account disabled, password changed). Called inside the change's
 * transaction, so the caller notes the change again once it commits.
 */
export async function endUserSessions(
  db: Pick<Db, 'deleteFrom'>,
  user: { programmeId: string; userId: string },
): Promise<void> {
  noteAuthChange();
  await db
    .deleteFrom('sessions')
    .where('programme_id', '=', user.programmeId)
    .where('user_id', '=', user.userId)
    .execute();
}
