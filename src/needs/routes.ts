import type { Transaction } from 'kysely';
import { z } from 'zod';
import { type Audit, inChange } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { notFound } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { pageFields, sortField } from '../http/paging';
import { readWorkbook, writeWorkbook, XLSX_TYPE } from '../shared/excel';
import { idParams } from '../shared/ids';
import { openWitness } from '../witness/service';
import { likelyDuplicatesOf } from './duplicate-search';
import { importColumns, needColumns, parseNeedRows } from './excel';
import { medianDaysToResolution, needsByStatusAndCounty, remoteNeedsResolvedShare } from './indicators';
import { findNeed, listNeeds } from './repository';
import {
  matchInput,
  mergeInput,
  needFilterFields,
  needInput,
  needSort,
  noteInput,
  reasonInput,
  triageInput,
} from './schema';
import {
  matchNeed,
  mergeNeed,
  rejectNeed,
  reportNeed,
  resolveNeed,
  startNeed,
  triageNeed,
  verifyNeed,
} from './service';

const listQuery = z.object({ ...pageFields, sort: sortField(needSort), ...needFilterFields }).strict();
const indicatorQuery = z
  .object({ specialtyCode: needFilterFields.specialtyCode, batchId: needFilterFields.batchId })
  .strict();

/** Grassroots needs: intake, triage and the rest of the workflow, duplicates, Excel, indicators. */
export async function needRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['needs'];

  app.get(
    '/api/needs',
    {
      config: { policy: 'needs:read' },
      schema: { tags, summary: 'List needs in scope', querystring: listQuery },
    },
    async (request) => {
      const { page, pageSize, order, sort, ...filter } = request.query;
      return listNeeds(db, changeContext(request).actor, filter, { page, pageSize, order, sort });
    },
  );

  app.get(
    '/api/needs/export.xlsx',
    {
      config: { policy: 'needs:read' },
      schema: {
        tags,
        summary: 'Export needs in scope to Excel',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { order, sort, ...filter } = request.query;
      const page = await listNeeds(db, changeContext(request).actor, filter, {
        page: 1,
        pageSize: 100_000,
        order,
        sort,
      });
      const file = await writeWorkbook('需求 Needs', needColumns, page.items);
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="needs.xlsx"; filename*=UTF-8''%E9%9C%80%E6%B1%82.xlsx`,
        )
        .send(file);
    },
  );

  app.get(
    '/api/needs/indicators',
    {
      config: { policy: 'needs:read' },
      schema: { tags, summary: 'Need indicators computed in the database', querystring: indicatorQuery },
    },
    async (request) => {
      const { actor } = changeContext(request);
      const filters = { ...request.query, scopePath: actor.scopePath };
      const [byStatus, medianDays, remoteResolved] = await Promise.all([
        needsByStatusAndCounty(db, actor.programmeId, filters),
        medianDaysToResolution(db, actor.programmeId, filters),
        remoteNeedsResolvedShare(db, actor.programmeId, filters),
      ]);
      return {
        needsByStatusAndCounty: byStatus,
        medianDaysToResolution: medianDays,
        remoteNeedsResolvedShare: remoteResolved,
      };
    },
  );

  app.get(
    '/api/needs/:id',
    {
      config: { policy: 'needs:read' },
      schema: { tags, summary: 'One need with its priority parts', params: idParams },
    },
    async (request) => {
      const need = await findNeed(db, changeContext(request).actor, request.params.id);
      if (!need) throw notFound('Need');
      return need;
    },
  );

  app.get(
    '/api/needs/:id/duplicates',
    {
      config: { policy: 'needs:read' },
      schema: { tags, summary: 'Likely duplicates of a need', params: idParams },
    },
    async (request) => {
      const { actor } = changeContext(request);
      if (!(await findNeed(db, actor, request.params.id))) throw notFound('Need');
      return { items: await likelyDuplicatesOf(db, actor, request.params.id) };
    },
  );

  app.post(
    '/api/needs',
    { config: { policy: 'needs:report' }, schema: { tags, summary: 'Report a need', body: needInput } },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, (trx, log) => reportNeed(trx, actor, request.body, log));
      const need = await findNeed(db, actor, id);
      return reply.status(201).send({ ...need, likelyDuplicates: await likelyDuplicatesOf(db, actor, id) });
    },
  );

  app.post(
    '/api/needs/import',
    {
      config: { policy: 'needs:report' },
      bodyLimit: app.deps.config.uploadLimitBytes,
      schema: {
        tags,
        summary: 'Import needs collected on paper from an .xlsx file (all or nothing)',
        consumes: [XLSX_TYPE],
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const rows = await readWorkbook(request.body as Buffer, importColumns);
      const parsed = await parseNeedRows(db, actor, rows);
      const ids = await inChange(db, audit, async (trx, log) => {
        const created: string[] = [];
        for (const { value, reportedAt } of parsed) {
          created.push(await reportNeed(trx, actor, value, log, { source: 'import', reportedAt }));
        }
        return created;
      });
      return { imported: ids.length };
    },
  );

  /** One workflow action: a thin route over one service function, answering the need afterwards. */
  const action = <B extends z.ZodType>(
    name: string,
    policy: 'needs:triage' | 'needs:match' | 'needs:resolve' | 'needs:verify',
    summary: string,
    body: B,
    run: (trx: Transaction<DB>, actor: Actor, id: string, body: z.infer<B>, log: Audit) => Promise<unknown>,
  ) =>
    app.post(
      `/api/needs/:id/${name}`,
      { config: { policy }, schema: { tags, summary, params: idParams, body } },
      async (request) => {
        const { actor, audit } = changeContext(request);
        const { id } = request.params as { id: string };
        await inChange(db, audit, (trx, log) => run(trx, actor, id, request.body as z.infer<B>, log));
        return findNeed(db, actor, id);
      },
    );

  action('triage', 'needs:triage', 'Triage a reported need', triageInput, (trx, actor, id, body, log) =>
    triageNeed(trx, actor, id, body, log),
  );
  action('reject', 'needs:triage', 'Reject a need with a reason', reasonInput, (trx, actor, id, body, log) =>
    rejectNeed(trx, actor, id, body.reason, log),
  );
  action(
    'merge',
    'needs:triage',
    'Merge a duplicate into another need',
    mergeInput,
    (trx, actor, id, body, log) => mergeNeed(trx, actor, id, body, log),
  );
  action(
    'match',
    'needs:match',
    'Match a triaged need to a micro-team',
    matchInput,
    (trx, actor, id, body, log) => matchNeed(trx, actor, id, { microTeamId: body.microTeamId }, log),
  );
  action('start', 'needs:resolve', 'Start work on a matched need', noteInput, (trx, actor, id, _body, log) =>
    startNeed(trx, actor, id, log),
  );
  action(
    'resolve',
    'needs:resolve',
    'Declare a need resolved',
    noteInput,
    async (trx, actor, id, body, log) => {
      await resolveNeed(trx, actor, id, body.note, log);
      // A resolved need asks its parties to witness it (src/witness/), in the same transaction.
      await openWitness(trx, actor.programmeId, 'need.resolved', id, log);
    },
  );
  action('verify', 'needs:verify', 'Verify a resolved need', noteInput, (trx, actor, id, body, log) =>
    verifyNeed(trx, actor, id, body.note, log),
  );
}
