import { z } from 'zod';
import { inChange } from '../audit/audit';
import { notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { isoDate } from '../shared/ids';

const programmePatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    nameEn: z.string().trim().max(200).nullable().optional(),
    supporterRegion: z.string().trim().min(1).max(100).optional(),
    recipientRegion: z.string().trim().min(1).max(100).optional(),
    startedOn: isoDate.optional(),
  })
  .strict();

/** The programme (supporter region → recipient region) an account belongs to. */
export async function programmeRoutes(app: App) {
  const { db } = app.deps.database;
  const view = (actorProgramme: string) =>
    db
      .selectFrom('programmes')
      .select([
        'id',
        'code',
        'name',
        'name_en as nameEn',
        'supporter_region as supporterRegion',
        'recipient_region as recipientRegion',
        'started_on as startedOn',
      ])
      .where('id', '=', actorProgramme)
      .executeTakeFirst();

  // An account sees its own programme only; the list has one item, in the same shape as every list.
  app.get(
    '/api/programmes',
    {
      config: { policy: 'programmes:read' },
      schema: { tags: ['registry'], summary: 'Programmes visible to the account' },
    },
    async (request) => {
      const p = await view(changeContext(request).actor.programmeId);
      return { items: p ? [p] : [], total: p ? 1 : 0, page: 1, pageSize: 20 };
    },
  );

  app.patch(
    '/api/programmes/:id',
    {
      config: { policy: 'programmes:write' },
      schema: {
        tags: ['registry'],
        summary: 'Edit the programme',
        params: z.object({ id: z.uuid() }),
        body: programmePatch,
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      if (request.params.id !== actor.programmeId) throw notFound('Programme');
      const b = request.body;
      await inChange(db, audit, async (trx, log) => {
        const before = await trx
          .selectFrom('programmes')
          .selectAll()
          .where('id', '=', actor.programmeId)
          .executeTakeFirstOrThrow();
        const after = await trx
          .updateTable('programmes')
          .set({
            ...(b.name !== undefined ? { name: b.name } : {}),
            ...(b.nameEn !== undefined ? { name_en: b.nameEn } : {}),
            ...(b.supporterRegion !== undefined ? { supporter_region: b.supporterRegion } : {}),
            ...(b.recipientRegion !== undefined ? { recipient_region: b.recipientRegion } : {}),
            ...(b.startedOn !== undefined ? { started_on: b.startedOn } : {}),
            updated_at: new Date(),
          })
          .where('id', '=', actor.programmeId)
          .returningAll()
          .executeTakeFirstOrThrow();
        await log({
          action: 'programme.updated',
          entity: 'programme',
          entityId: actor.programmeId,
          before,
          after,
        });
      });
      return view(actor.programmeId);
    },
  );
}
