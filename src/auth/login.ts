import { recordAudit } from '../audit/audit';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { AppError } from '../errors';
import { verifyAgainstDummy, verifyPassword } from './passwords';
import { startSession } from './sessions';
import { afterFailure, mayAttempt, type ThrottlePolicy } from './throttle';

export const throttlePolicyOf = (config: Config): ThrottlePolicy => ({
  freeAttempts: Math.min(3, config.loginMaxFailures),
  maxFailures: config.loginMaxFailures,
  lockMinutes: config.loginLockMinutes,
});

/**
 * Checks a username and password and starts a session. Failures count toward throttling and
 * locking; throttled, locked and failed attempts are audited. Returns the new session token.
 */
export async function logIn(
  db: Db,
  config: Config,
  credentials: { username: string; password: string },
  requestId: string,
  now = new Date(),
): Promise<string> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', credentials.username.toLowerCase())
    .executeTakeFirst();
  if (!user) {
    await verifyAgainstDummy(credentials.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  const ctx = { programmeId: user.programme_id, actorUserId: user.id, requestId };
  const state = {
    failedLogins: user.failed_logins,
    lastFailedAt: user.last_failed_login_at,
    lockedUntil: user.locked_until,
  };
  const policy = throttlePolicyOf(config);
  const verdict = mayAttempt(state, policy, now);
  if (!verdict.allowed) {
    await db.transaction().execute((trx) =>
      recordAudit(trx, ctx, {
        action: verdict.reason === 'locked' ? 'login.refused_locked' : 'login.throttled',
        entity: 'user',
        entityId: user.id,
      }),
    );
    if (verdict.reason === 'locked')
      throw new AppError('ACCOUNT_LOCKED', undefined, { until: verdict.until });
    throw new AppError(
      'TOO_MANY_REQUESTS',
      `Too many failed logins. Try again in ${verdict.retryAfterSeconds} s.`,
      { retryAfterSeconds: verdict.retryAfterSeconds },
    );
  }
  const ok = await verifyPassword(user.password_hash, credentials.password);
  if (!ok) {
    const next = afterFailure(state, policy, now);
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: next.failedLogins, last_failed_login_at: now, locked_until: next.lockedUntil })
        .where('programme_id', '=', user.programme_id)
        .where('id', '=', user.id)
        .execute();
      await recordAudit(trx, ctx, { action: 'login.failed', entity: 'user', entityId: user.id });
      if (next.locked) {
        await recordAudit(trx, ctx, {
          action: 'account.locked',
          entity: 'user',
          entityId: user.id,
          after: { lockedUntil: next.lockedUntil },
        });
      }
    });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED');
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, last_failed_login_at: null, locked_until: null })
      .where('programme_id', '=', user.programme_id)
      .where('id', '=', user.id)
      .execute();
    await recordAudit(trx, ctx, { action: 'login.succeeded', entity: 'user', entityId: user.id });
    return startSession(
      trx,
      { programmeId: user.programme_id, userId: user.id },
      { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
      now,
    );
  });
}
