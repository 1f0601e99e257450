import { z } from 'zod';
import { inChange } from '../audit/audit';
import { organisationSides, organisationTypes } from '../db/schema';
import { notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { escapeLike, requireOrgInScope } from './scope';

const organisationInput = z
  .object({
    parentId: z.uuid(),
    type: z.enum(organisationTypes),
    side: z.enum(organisationSides),
    name: z.string().trim().min(1).max(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    regionId: z.uuid().nullable().optional(),
  })
  .strict();

/** Organisations as a tree limited to the account's subtree. */
export async function organisationRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['registry'];

  app.get(
    '/api/organisations',
    {
      config: { policy: 'organisations:read' },
      schema: {
        tags,
        summary: 'Organisations in scope (flat, ordered by tree path; parentId builds the tree)',
        querystring: z.object({ type: z.enum(organisationTypes).optional() }).strict(),
      },
    },
    async (request) => {
      const { actor } = changeContext(request);
      let q = db
        .selectFrom('organisations as o')
        .leftJoin('regions as r', (j) =>
          j.onRef('r.programme_id', '=', 'o.programme_id').onRef('r.id', '=', 'o.region_id'),
        )
        .select([
          'o.id',
          'o.parent_id as parentId',
          'o.type',
          'o.side',
          'o.name',
          'o.name_en as nameEn',
          'o.region_id as regionId',
          'r.name as regionName',
          'o.path',
        ])
        .where('o.programme_id', '=', actor.programmeId)
        .where('o.path', 'like', `${escapeLike(actor.scopePath)}%`);
      if (request.query.type) q = q.where('o.type', '=', request.query.type);
      const items = await q.orderBy('o.path').execute();
      // The account's own organisation is the root of what it sees.
      return {
        items: items.map(({ path, ...o }) => ({
          ...o,
          depth: path.split('/').length - 2,
          parentId: o.id === actor.organisationId ? null : o.parentId,
        })),
        total: items.length,
      };
    },
  );

  app.post(
    '/api/organisations',
    {
      config: { policy: 'organisations:write' },
      schema: { tags, summary: 'Create an organisation under a parent in scope', body: organisationInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const b = request.body;
      const created = await inChange(db, audit, async (trx, log) => {
        const parent = await requireOrgInScope(trx, actor, b.parentId, 'parentId');
        const id = crypto.randomUUID();
        const row = await trx
          .insertInto('organisations')
          .values({
            programme_id: actor.programmeId,
            id,
            parent_id: parent.id,
            path: `${parent.path}${id}/`,
            type: b.type,
            side: b.side,
            name: b.name,
            name_en: b.nameEn ?? null,
            region_id: b.regionId ?? null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await log({ action: 'organisation.created', entity: 'organisation', entityId: id, after: row });
        return row;
      });
      return reply.status(201).send({ id: created.id, name: created.name, parentId: created.parent_id });
    },
  );

  app.patch(
    '/api/organisations/:id',
    {
      config: { policy: 'organisations:write' },
      schema: {
        tags,
        summary: 'Rename an organisation',
        params: z.object({ id: z.uuid() }),
        body: organisationInput.pick({ name: true, nameEn: true, regionId: true }).partial().strict(),
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const b = request.body;
      return inChange(db, audit, async (trx, log) => {
        const before = await trx
          .selectFrom('organisations')
          .selectAll()
          .where('programme_id', '=', actor.programmeId)
          .where('id', '=', request.params.id)
          .executeTakeFirst();
        if (!before?.path.startsWith(actor.scopePath)) throw notFound('Organisation');
        const after = await trx
          .updateTable('organisations')
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.nameEn !== undefined ? { name_en: b.nameEn } : {}),
            ...(b.regionId !== undefined ? { region_id: b.regionId } : {}),
            updated_at: new Date(),
          })
          .where('programme_id', '=', actor.programmeId)
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await log({
          action: 'organisation.updated',
          entity: 'organisation',
          entityId: before.id,
          before,
          after,
        });
        return { id: after.id, name: after.name, nameEn: after.name_en };
      });
    },
  );
}
