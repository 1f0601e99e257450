import { z } from 'zod';
import { inChange } from '../../audit/audit';
import { facilityLevels } from '../../db/schema';
import { notFound } from '../../errors';
import type { App } from '../../http/app';
import { changeContext } from '../../http/context';
import { pageFields, sortField } from '../../http/paging';
import { readWorkbook, writeWorkbook, XLSX_TYPE } from '../../shared/excel';
import { idParams } from '../../shared/ids';
import { facilityColumns, parseFacilityRows } from './excel';
import { findFacility, listFacilities } from './repository';
import { facilitiesSort, facilityInput, facilityPatch } from './schema';
import { createFacility, updateFacility } from './service';

const listQuery = z
  .object({
    ...pageFields,
    sort: sortField(facilitiesSort),
    q: z.string().trim().max(100).optional(),
    level: z.enum(facilityLevels).optional(),
    regionId: z.uuid().optional(),
  })
  .strict();

/** Facilities: where care is given, with coordinates and travel time to the prefecture seat. */
export async function facilityRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['facilities'];

  app.get(
    '/api/facilities',
    {
      config: { policy: 'facilities:read' },
      schema: { tags, summary: 'List facilities in scope', querystring: listQuery },
    },
    async (request) => {
      const { q, level, regionId, ...paging } = request.query;
      return listFacilities(db, changeContext(request).actor, { q, level, regionId }, paging);
    },
  );

  app.get(
    '/api/facilities/export.xlsx',
    {
      config: { policy: 'facilities:read' },
      schema: { tags, summary: 'Export facilities in scope to Excel' },
    },
    async (request, reply) => {
      const page = await listFacilities(
        db,
        changeContext(request).actor,
        {},
        { page: 1, pageSize: 100_000, order: 'asc', sort: 'code' },
      );
      const file = await writeWorkbook(
        '医疗机构 Facilities',
        facilityColumns,
        page.items.map((f) => ({ ...f, regionName: f.regionName })),
      );
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="facilities.xlsx"')
        .send(file);
    },
  );

  app.get(
    '/api/facilities/:id',
    { config: { policy: 'facilities:read' }, schema: { tags, summary: 'One facility', params: idParams } },
    async (request) => {
      const facility = await findFacility(db, changeContext(request).actor, request.params.id);
      if (!facility) throw notFound('Facility');
      return facility;
    },
  );

  app.post(
    '/api/facilities',
    {
      config: { policy: 'facilities:write' },
      schema: { tags, summary: 'Create a facility', body: facilityInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, (trx, log) => createFacility(trx, actor, request.body, log));
      return reply.status(201).send(await findFacility(db, actor, id));
    },
  );

  app.patch(
    '/api/facilities/:id',
    {
      config: { policy: 'facilities:write' },
      schema: { tags, summary: 'Edit a facility', params: idParams, body: facilityPatch },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      await inChange(db, audit, (trx, log) =>
        updateFacility(trx, actor, request.params.id, request.body, log),
      );
      return findFacility(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/facilities/import',
    {
      config: { policy: 'facilities:write' },
      schema: { tags, summary: 'Import facilities from .xlsx (all or nothing)', consumes: [XLSX_TYPE] },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const parsed = await parseFacilityRows(
        db,
        actor,
        await readWorkbook(request.body as Buffer, facilityColumns),
      );
      const n = await inChange(db, audit, async (trx, log) => {
        for (const { value } of parsed) await createFacility(trx, actor, value, log);
        return parsed.length;
      });
      return { imported: n };
    },
  );
}
