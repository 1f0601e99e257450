import { z } from 'zod';
import { inChange } from '../audit/audit';
import { AppError } from '../errors';
import type { App } from '../http/app';
import { actorOf } from '../http/policy';
import { logIn } from './login';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { can, permissions } from './permissions';
import { noteAuthChange } from './session-cache';
import { endSession, endUserSessions, SESSION_COOKIE } from './sessions';

const credentials = z
  .object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })
  .strict();

/** Login, logout and the current account. */
export async function authRoutes(app: App): Promise<void> {
  const { config, database } = app.deps;
  const cookieOptions = (secure: boolean) =>
    ({ path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: config.sessionMaxHours * 3600 }) as const;
  const secureFor = (protocol: string) =>
    config.cookieSecure === 'auto' ? protocol === 'https' : config.cookieSecure;

  app.post(
    '/api/auth/login',
    {
      config: { policy: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['auth'], summary: 'Log in with a username and password', body: credentials },
    },
    async (request, reply) => {
      const old = request.cookies[SESSION_COOKIE];
      if (old) await endSession(database.db, old);
      const token = await logIn(database.db, config, request.body, request.id);
      reply.setCookie(SESSION_COOKIE, token, cookieOptions(secureFor(request.protocol)));
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { policy: 'public' }, schema: { tags: ['auth'], summary: 'End the current session' } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(database.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { policy: 'authenticated' }, schema: { tags: ['auth'], summary: 'The logged-in account' } },
    async (request) => {
      const actor = actorOf(request);
      const org = await database.db
        .selectFrom('organisations')
        .select(['name', 'name_en', 'type'])
        .where('programme_id', '=', actor.programmeId)
        .where('id', '=', actor.organisationId)
        .executeTakeFirstOrThrow();
      return {
        id: actor.userId,
        username: actor.username,
        displayName: actor.displayName,
        role: actor.role,
        locale: actor.locale,
        programmeId: actor.programmeId,
        personId: actor.personId,
        organisation: { id: actor.organisationId, name: org.name, nameEn: org.name_en, type: org.type },
        permissions: permissions.filter((p) => can(actor.role, p)),
      };
    },
  );

  // Only the account's own preferences: role and organisation are not fields here (strict schema).
  app.patch(
    '/api/auth/me',
    {
      config: { policy: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: 'Change own display name or language',
        body: z
          .object({
            displayName: z.string().trim().min(1).max(100).optional(),
            locale: z.enum(['zh-CN', 'en']).optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const ctx = { programmeId: actor.programmeId, actorUserId: actor.userId, requestId: request.id };
      const patch = {
        ...(request.body.displayName ? { display_name: request.body.displayName } : {}),
        ...(request.body.locale ? { locale: request.body.locale } : {}),
      };
      if (Object.keys(patch).length === 0) return { ok: true };
      await inChange(database.db, ctx, async (trx, audit) => {
        await trx
          .updateTable('users')
          .set({ ...patch, updated_at: new Date() })
          .where('programme_id', '=', actor.programmeId)
          .where('id', '=', actor.userId)
          .execute();
        await audit({ action: 'user.preferences', entity: 'user', entityId: actor.userId, after: patch });
      });
      noteAuthChange(); // committed: cached actors of this process carry the old preferences
      return { ok: true };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { policy: 'authenticated', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Change own password (ends other sessions)',
        body: z
          .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200) })
          .strict(),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const problem = passwordProblem(request.body.newPassword, actor.username);
      if (problem)
        throw new AppError('WEAK_PASSWORD', problem, { issues: [{ path: 'newPassword', message: problem }] });
      const user = await database.db
        .selectFrom('users')
        .select('password_hash')
        .where('programme_id', '=', actor.programmeId)
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow();
      if (!(await verifyPassword(user.password_hash, request.body.currentPassword))) {
        throw new AppError('INVALID_CREDENTIALS', 'The current password is wrong.');
      }
      const passwordHash = await hashPassword(request.body.newPassword);
      const ctx = { programmeId: actor.programmeId, actorUserId: actor.userId, requestId: request.id };
      await inChange(database.db, ctx, async (trx, audit) => {
        await trx
          .updateTable('users')
          .set({ password_hash: passwordHash, updated_at: new Date() })
          .where('programme_id', '=', actor.programmeId)
          .where('id', '=', actor.userId)
          .execute();
        await endUserSessions(trx, { programmeId: actor.programmeId, userId: actor.userId });
        await audit({ action: 'user.password_changed', entity: 'user', entityId: actor.userId });
      });
      noteAuthChange(); // committed: the sessions are gone for this process at once
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );
}
