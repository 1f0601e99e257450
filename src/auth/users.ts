import { z } from 'zod';
import { inChange } from '../audit/audit';
import { roles } from '../db/schema';
import { AppError, notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { pageFields, paginate, sortField } from '../http/paging';
import { escapeLike, orgInScope, requireOrgInScope } from '../registry/scope';
import { idParams } from '../shared/ids';
import { hashPassword, passwordProblem } from './passwords';
import { noteAuthChange } from './session-cache';
import { endUserSessions } from './sessions';

const userInput = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9_.-]{1,39}$/, '2–40 lowercase letters, digits, . _ -'),
    displayName: z.string().trim().min(1).max(100),
    password: z.string().max(200),
    role: z.enum(roles),
    organisationId: z.uuid(),
    personId: z.uuid().nullable().optional(),
  })
  .strict();

const userPatch = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    role: z.enum(roles).optional(),
    organisationId: z.uuid().optional(),
    disabled: z.boolean().optional(),
    password: z.string().max(200).optional(),
  })
  .strict();

const weak = (problem: string) =>
  new AppError('WEAK_PASSWORD', problem, { issues: [{ path: 'password', message: problem }] });

/** Account administration (admin only): create, change role or scope, disable, reset password. */
export async function userRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['users'];
  const select = (programmeId: string) =>
    db
      .selectFrom('users as u')
      .innerJoin('organisations as o', (j) =>
        j.onRef('o.programme_id', '=', 'u.programme_id').onRef('o.id', '=', 'u.organisation_id'),
      )
      .where('u.programme_id', '=', programmeId)
      .select([
        'u.id',
        'u.username',
        'u.display_name as displayName',
        'u.role',
        'u.organisation_id as organisationId',
        'o.name as organisationName',
        'u.person_id as personId',
        'u.disabled',
        'u.locked_until as lockedUntil',
        'u.created_at as createdAt',
      ]);

  app.get(
    '/api/users',
    {
      config: { policy: 'users:manage' },
      schema: {
        tags,
        summary: 'List accounts',
        querystring: z
          .object({
            ...pageFields,
            sort: sortField(['username', 'role', 'createdAt']),
            q: z.string().max(100).optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const { actor } = changeContext(request);
      const { sort, q, ...paging } = request.query;
      let query = select(actor.programmeId).where(orgInScope('u.organisation_id', actor));
      if (q) query = query.where('u.username', 'ilike', `%${escapeLike(q)}%`);
      const orderBy = { username: 'u.username', role: 'u.role', createdAt: 'u.created_at' }[sort];
      return paginate(query, { ...paging, orderBy, tiebreak: 'u.id' });
    },
  );

  app.post(
    '/api/users',
    { config: { policy: 'users:manage' }, schema: { tags, summary: 'Create an account', body: userInput } },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const b = request.body;
      const problem = passwordProblem(b.password, b.username);
      if (problem) throw weak(problem);
      const passwordHash = await hashPassword(b.password);
      const id = await inChange(db, audit, async (trx, log) => {
        await requireOrgInScope(trx, actor, b.organisationId);
        const row = await trx
          .insertInto('users')
          .values({
            programme_id: actor.programmeId,
            username: b.username,
            display_name: b.displayName,
            password_hash: passwordHash,
            role: b.role,
            organisation_id: b.organisationId,
            person_id: b.personId ?? null,
            locked_until: null,
            last_failed_login_at: null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await log({ action: 'user.created', entity: 'user', entityId: row.id, after: row });
        return row.id;
      });
      return reply
        .status(201)
        .send(await select(actor.programmeId).where('u.id', '=', id).executeTakeFirst());
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { policy: 'users:manage' },
      schema: {
        tags,
        summary: 'Change an account; disabling ends its sessions',
        params: idParams,
        body: userPatch,
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const b = request.body;
      // Nobody sets their own role or organisation, admins included.
      if (
        request.params.id === actor.userId &&
        (b.role !== undefined || b.organisationId !== undefined || b.disabled)
      ) {
        throw new AppError('FORBIDDEN', 'You cannot change your own role, organisation or status.');
      }
      if (b.password !== undefined) {
        const problem = passwordProblem(b.password);
        if (problem) throw weak(problem);
      }
      const passwordHash = b.password !== undefined ? await hashPassword(b.password) : undefined;
      await inChange(db, audit, async (trx, log) => {
        const before = await trx
          .selectFrom('users')
          .selectAll()
          .where('programme_id', '=', actor.programmeId)
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        const org = before
          ? await trx
              .selectFrom('organisations')
              .select('path')
              .where('programme_id', '=', actor.programmeId)
              .where('id', '=', before.organisation_id)
              .executeTakeFirst()
          : undefined;
        if (!before || !org?.path.startsWith(actor.scopePath)) throw notFound('Account');
        if (b.organisationId) await requireOrgInScope(trx, actor, b.organisationId);
        const after = await trx
          .updateTable('users')
          .set({
            ...(b.displayName !== undefined ? { display_name: b.displayName } : {}),
            ...(b.role !== undefined ? { role: b.role } : {}),
            ...(b.organisationId !== undefined ? { organisation_id: b.organisationId } : {}),
            ...(b.disabled !== undefined ? { disabled: b.disabled } : {}),
            ...(passwordHash ? { password_hash: passwordHash, failed_logins: 0, locked_until: null } : {}),
            updated_at: new Date(),
          })
          .where('programme_id', '=', actor.programmeId)
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        // A change of who the account is, or a disabled account, ends its sessions.
        if (b.disabled || b.role || b.organisationId || passwordHash) {
          await endUserSessions(trx, { programmeId: actor.programmeId, userId: before.id });
        }
        await log({
          action: b.disabled ? 'user.disabled' : 'user.updated',
          entity: 'user',
          entityId: before.id,
          before,
          after,
        });
      });
      noteAuthChange(); // committed: this process forgets the account's cached sessions at once
      return select(actor.programmeId).where('u.id', '=', request.params.id).executeTakeFirst();
    },
  );
}
