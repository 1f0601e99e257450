import { z } from 'zod';
import type { App } from '../http/app';
import { changeContext } from '../http/context';

/** The recipient's administrative hierarchy (prefecture → county → township), programme-wide. */
export async function regionRoutes(app: App) {
  const { db } = app.deps.database;
  app.get(
    '/api/regions',
    {
      config: { policy: 'facilities:read' },
      schema: {
        tags: ['registry'],
        summary: 'Regions of the programme (ordered prefecture, counties, townships)',
        querystring: z
          .object({
            level: z.enum(['prefecture', 'county', 'township']).optional(),
            parentId: z.uuid().optional(),
          })
          .strict(),
      },
    },
    async (request) => {
      const { actor } = changeContext(request);
      let q = db
        .selectFrom('regions')
        .select([
          'id',
          'parent_id as parentId',
          'level',
          'code',
          'name',
          'name_en as nameEn',
          'population',
          'lat',
          'lon',
        ])
        .where('programme_id', '=', actor.programmeId);
      if (request.query.level) q = q.where('level', '=', request.query.level);
      if (request.query.parentId) q = q.where('parent_id', '=', request.query.parentId);
      const items = await q.orderBy('level', 'desc').orderBy('code').execute();
      return { items, total: items.length };
    },
  );
}
