import { sql } from 'kysely';
import { z } from 'zod';
import { inChange } from '../audit/audit';
import { AppError, notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { pageFields, paginate, sortField } from '../http/paging';
import { idParams, isoDate } from '../shared/ids';

export const batchInput = z
  .object({
    number: z.number().int().min(1).max(999),
    name: z.string().trim().min(1).max(100),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .strict()
  .refine((b) => b.endsOn > b.startsOn, { message: 'must be after the start date', path: ['endsOn'] });

const batchPatch = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    startsOn: isoDate.optional(),
    endsOn: isoDate.optional(),
  })
  .strict();

const sortColumns = { number: 'b.number', startsOn: 'b.starts_on' } as const;

/** Batches: numbered rotations of deployments, programme-wide. */
export async function batchRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['batches'];
  const select = (programmeId: string) =>
    db
      .selectFrom('batches as b')
      .where('b.programme_id', '=', programmeId)
      .select([
        'b.id',
        'b.number',
        'b.name',
        'b.starts_on as startsOn',
        'b.ends_on as endsOn',
        sql<number>`(select count(*) from deployments d where d.programme_id = b.programme_id and d.batch_id = b.id)`.as(
          'deployments',
        ),
        sql<boolean>`current_date between b.starts_on and b.ends_on`.as('current'),
      ]);

  app.get(
    '/api/batches',
    {
      config: { policy: 'batches:read' },
      schema: {
        tags,
        summary: 'List batches',
        querystring: z.object({ ...pageFields, sort: sortField(['number', 'startsOn']) }).strict(),
      },
    },
    async (request) => {
      const { sort, ...paging } = request.query;
      return paginate(select(changeContext(request).actor.programmeId), {
        ...paging,
        orderBy: sortColumns[sort],
        tiebreak: 'b.id',
      });
    },
  );

  app.get(
    '/api/batches/:id',
    { config: { policy: 'batches:read' }, schema: { tags, summary: 'One batch', params: idParams } },
    async (request) => {
      const batch = await select(changeContext(request).actor.programmeId)
        .where('b.id', '=', request.params.id)
        .executeTakeFirst();
      if (!batch) throw notFound('Batch');
      return batch;
    },
  );

  app.post(
    '/api/batches',
    { config: { policy: 'batches:write' }, schema: { tags, summary: 'Create a batch', body: batchInput } },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const b = request.body;
      const id = await inChange(db, audit, async (trx, log) => {
        const row = await trx
          .insertInto('batches')
          .values({
            programme_id: actor.programmeId,
            number: b.number,
            name: b.name,
            starts_on: b.startsOn,
            ends_on: b.endsOn,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await log({ action: 'batch.created', entity: 'batch', entityId: row.id, after: row });
        return row.id;
      });
      return reply
        .status(201)
        .send(await select(actor.programmeId).where('b.id', '=', id).executeTakeFirst());
    },
  );

  app.patch(
    '/api/batches/:id',
    {
      config: { policy: 'batches:write' },
      schema: { tags, summary: 'Edit a batch', params: idParams, body: batchPatch },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const b = request.body;
      await inChange(db, audit, async (trx, log) => {
        const before = await trx
          .selectFrom('batches')
          .selectAll()
          .where('programme_id', '=', actor.programmeId)
          .where('id', '=', request.params.id)
          .forUpdate()
          .executeTakeFirst();
        if (!before) throw notFound('Batch');
        const startsOn = b.startsOn ?? before.starts_on;
        const endsOn = b.endsOn ?? before.ends_on;
        if (endsOn <= startsOn) {
          throw new AppError('VALIDATION_FAILED', undefined, {
            issues: [{ path: 'endsOn', message: 'must be after the start date' }],
          });
        }
        const after = await trx
          .updateTable('batches')
          .set({ name: b.name ?? before.name, starts_on: startsOn, ends_on: endsOn, updated_at: new Date() })
          .where('programme_id', '=', actor.programmeId)
          .where('id', '=', before.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await log({ action: 'batch.updated', entity: 'batch', entityId: before.id, before, after });
      });
      return select(actor.programmeId).where('b.id', '=', request.params.id).executeTakeFirst();
    },
  );
}
