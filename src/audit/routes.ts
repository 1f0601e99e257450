import { z } from 'zod';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { pageFields, paginate } from '../http/paging';

/** The audit trail of any record, for admins. */
export async function auditRoutes(app: App) {
  const { db } = app.deps.database;
  app.get(
    '/api/audit',
    {
      config: { policy: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Audit rows, newest first, optionally of one record',
        querystring: z
          .object({
            page: pageFields.page,
            pageSize: pageFields.pageSize,
            entity: z.string().max(40).optional(),
            entityId: z.string().max(100).optional(),
            action: z.string().max(60).optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const { actor } = changeContext(request);
      const { entity, entityId, action, page, pageSize } = request.query;
      let q = db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', (j) =>
          j.onRef('u.programme_id', '=', 'a.programme_id').onRef('u.id', '=', 'a.actor_user_id'),
        )
        .select([
          'a.id',
          'a.at',
          'a.action',
          'a.entity',
          'a.entity_id as entityId',
          'a.before',
          'a.after',
          'a.request_id as requestId',
          'u.username as actor',
        ])
        .where('a.programme_id', '=', actor.programmeId);
      if (entity) q = q.where('a.entity', '=', entity);
      if (entityId) q = q.where('a.entity_id', '=', entityId);
      if (action) q = q.where('a.action', '=', action);
      return paginate(q, { page, pageSize, order: 'desc', orderBy: 'a.id', tiebreak: 'a.id' });
    },
  );
}
