import { z } from 'zod';
import { inChange } from '../../audit/audit';
import { notFound } from '../../errors';
import type { App } from '../../http/app';
import { changeContext } from '../../http/context';
import { pageFields, sortField } from '../../http/paging';
import { readWorkbook, writeWorkbook, XLSX_TYPE } from '../../shared/excel';
import { idParams, isoDate } from '../../shared/ids';
import { deploymentColumns, parseDeploymentRows } from './excel';
import { findDeployment, listDeployments } from './repository';
import { deploymentInput, deploymentPatch, deploymentsSort } from './schema';
import { createDeployment, updateDeployment } from './service';

const filters = {
  batchId: z.uuid().optional(),
  personId: z.uuid().optional(),
  hostFacilityId: z.uuid().optional(),
  countyId: z.uuid().optional(),
  specialtyCode: z.string().max(40).optional(),
  term: z.enum(['long', 'short']).optional(),
  onDate: isoDate.optional().describe('only deployments on site on this date'),
};
const listQuery = z.object({ ...pageFields, sort: sortField(deploymentsSort), ...filters }).strict();

/** Deployments: an expert's stay with a batch at a host facility; a second tour is a second deployment. */
export async function deploymentRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['deployments'];

  app.get(
    '/api/deployments',
    {
      config: { policy: 'deployments:read' },
      schema: { tags, summary: 'List deployments in scope', querystring: listQuery },
    },
    async (request) => {
      const { page, pageSize, order, sort, ...filter } = request.query;
      return listDeployments(db, changeContext(request).actor, filter, { page, pageSize, order, sort });
    },
  );

  app.get(
    '/api/deployments/export.xlsx',
    {
      config: { policy: 'deployments:read' },
      schema: {
        tags,
        summary: 'Export deployments in scope to Excel',
        querystring: z.object(filters).strict(),
      },
    },
    async (request, reply) => {
      const page = await listDeployments(db, changeContext(request).actor, request.query, {
        page: 1,
        pageSize: 100_000,
        order: 'asc',
        sort: 'batchNumber',
      });
      const file = await writeWorkbook('派驻 Deployments', deploymentColumns, page.items);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="deployments.xlsx"')
        .send(file);
    },
  );

  app.get(
    '/api/deployments/:id',
    { config: { policy: 'deployments:read' }, schema: { tags, summary: 'One deployment', params: idParams } },
    async (request) => {
      const d = await findDeployment(db, changeContext(request).actor, request.params.id);
      if (!d) throw notFound('Deployment');
      return d;
    },
  );

  app.post(
    '/api/deployments',
    {
      config: { policy: 'deployments:write' },
      schema: { tags, summary: 'Create a deployment', body: deploymentInput },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const id = await inChange(db, audit, (trx, log) => createDeployment(trx, actor, request.body, log));
      return reply.status(201).send(await findDeployment(db, actor, id));
    },
  );

  app.patch(
    '/api/deployments/:id',
    {
      config: { policy: 'deployments:write' },
      schema: { tags, summary: 'Edit a deployment', params: idParams, body: deploymentPatch },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      await inChange(db, audit, (trx, log) =>
        updateDeployment(trx, actor, request.params.id, request.body, log),
      );
      return findDeployment(db, actor, request.params.id);
    },
  );

  app.post(
    '/api/deployments/import',
    {
      config: { policy: 'deployments:write' },
      schema: { tags, summary: 'Import deployments from .xlsx (all or nothing)', consumes: [XLSX_TYPE] },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const parsed = await parseDeploymentRows(
        db,
        actor,
        await readWorkbook(request.body as Buffer, deploymentColumns),
      );
      const n = await inChange(db, audit, async (trx, log) => {
        for (const { value } of parsed) await createDeployment(trx, actor, value, log);
        return parsed.length;
      });
      return { imported: n };
    },
  );
}
