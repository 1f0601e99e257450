import { z } from 'zod';
import { inChange } from '../../audit/audit';
import { personKinds } from '../../db/schema';
import { WriteBatcher } from '../../db/write-batcher';
import { notFound } from '../../errors';
import type { App } from '../../http/app';
import { changeContext } from '../../http/context';
import { pageFields, sortField } from '../../http/paging';
import { readWorkbook, writeWorkbook, XLSX_TYPE } from '../../shared/excel';
import { idParams } from '../../shared/ids';
import { parsePeopleRows, peopleColumns } from './excel';
import { findPerson, listPeople, personView } from './repository';
import { peopleSort, personInput, personPatch } from './schema';
import {
  type CreatedPerson,
  createPeople,
  createPerson,
  deletePerson,
  type PersonCreate,
  updatePerson,
} from './service';

const listQuery = z
  .object({
    ...pageFields,
    sort: sortField(peopleSort),
    q: z.string().trim().max(100).optional(),
    kind: z.enum(personKinds).optional(),
    specialtyCode: z.string().max(40).optional(),
    organisationId: z.uuid().optional(),
  })
  .strict();

/** People: experts, local staff and cadres, with Excel import and export. */
export async function peopleRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['people'];
  // Creates arriving together share one statement and one commit (the registry's hot write).
  const creates = new WriteBatcher<PersonCreate, CreatedPerson>({
    writeMany: (entries) => createPeople(db, entries),
    writeOne: (e) => createPerson(db, e.actor, e.input, e.ctx, e.id),
  });

  app.get(
    '/api/people',
    {
      config: { policy: 'people:read' },
      schema: { tags, summary: 'List people in scope', querystring: listQuery },
    },
    async (request) => {
      const { q, kind, specialtyCode, organisationId, ...paging } = request.query;
      return listPeople(db, changeContext(request).actor, { q, kind, specialtyCode, organisationId }, paging);
    },
  );

  app.get(
    '/api/people/export.xlsx',
    {
      config: { policy: 'people:read' },
      schema: {
        tags,
        summary: 'Export people in scope to Excel',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (request, reply) => {
      const { q, kind, specialtyCode, organisationId, sort, order } = request.query;
      const page = await listPeople(
        db,
        changeContext(request).actor,
        { q, kind, specialtyCode, organisationId },
        {
          page: 1,
          pageSize: 100_000,
          sort,
          order,
        },
      );
      const file = await writeWorkbook('人员 People', peopleColumns, page.items);
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="people.xlsx"; filename*=UTF-8''%E4%BA%BA%E5%91%98.xlsx`,
        )
        .send(file);
    },
  );

  app.get(
    '/api/people/:id',
    { config: { policy: 'people:read' }, schema: { tags, summary: 'One person', params: idParams } },
    async (request) => {
      const person = await findPerson(db, changeContext(request).actor, request.params.id);
      if (!person) throw notFound('Person');
      return person;
    },
  );

  app.post(
    '/api/people',
    { config: { policy: 'people:write' }, schema: { tags, summary: 'Create a person', body: personInput } },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const row = await creates.write({ actor, input: request.body, ctx: audit, id: crypto.randomUUID() });
      return reply.status(201).send(personView({ ...row, deployments: 0 }, actor));
    },
  );

  app.patch(
    '/api/people/:id',
    {
      config: { policy: 'people:write' },
      schema: { tags, summary: 'Edit a person', params: idParams, body: personPatch },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      await inChange(db, audit, (trx, log) => updatePerson(trx, actor, request.params.id, request.body, log));
      return findPerson(db, actor, request.params.id);
    },
  );

  app.delete(
    '/api/people/:id',
    {
      config: { policy: 'people:write' },
      schema: { tags, summary: 'Delete a person without deployments', params: idParams },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      await inChange(db, audit, (trx, log) => deletePerson(trx, actor, request.params.id, log));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/people/import',
    {
      config: { policy: 'people:write' },
      schema: { tags, summary: 'Import people from an .xlsx file (all or nothing)', consumes: [XLSX_TYPE] },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const rows = await readWorkbook(request.body as Buffer, peopleColumns);
      const parsed = await parsePeopleRows(db, actor, rows);
      const imported = await db.transaction().execute(async (trx) => {
        for (const { value } of parsed) await createPerson(trx, actor, value, audit);
        return parsed.length;
      });
      return { imported };
    },
  );
}
