import { z } from 'zod';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { type Column, writeWorkbook, XLSX_TYPE } from '../shared/excel';
import { isoDate } from '../shared/ids';
import { catalogue, computeIndicator, indicator } from './catalogue';
import { breakdowns, type IndicatorValue } from './types';

const idParams = z.object({ id: z.string().regex(/^[a-z][a-z0-9_.]{1,79}$/) }).strict();
const valuesQuery = z
  .object({
    breakdown: z.enum(breakdowns).default('programme'),
    specialtyCode: z.string().max(40).optional(),
    batchId: z.uuid().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict();

const valueColumns: Column<IndicatorValue>[] = [
  { key: 'label', header: { zh: '分组', en: 'Group' }, width: 28, value: (v) => v.label },
  { key: 'key', header: { zh: '编号', en: 'Key' }, width: 38, value: (v) => v.key },
  { key: 'value', header: { zh: '数值', en: 'Value' }, value: (v) => v.value },
];

/** The indicator catalogue: definitions, values per breakdown (scoped to the account), Excel. */
export async function indicatorRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['indicators'];

  app.get(
    '/api/indicators',
    { config: { policy: 'dashboard:read' }, schema: { tags, summary: 'The indicator catalogue' } },
    async () =>
      catalogue.map((d) => ({
        id: d.id,
        name: d.name,
        unit: d.unit,
        better: d.better,
        breakdowns: d.breakdowns,
        source: d.source,
      })),
  );

  const values = async (
    request: {
      params: { id: string };
      query: z.infer<typeof valuesQuery>;
    },
    scopePath: string,
    programmeId: string,
  ) => {
    const { breakdown, ...filters } = request.query;
    return computeIndicator(db, programmeId, request.params.id, breakdown, { ...filters, scopePath });
  };

  app.get(
    '/api/indicators/:id',
    {
      config: { policy: 'dashboard:read' },
      schema: { tags, summary: 'An indicator’s values', params: idParams, querystring: valuesQuery },
    },
    async (request) => {
      const actor = changeContext(request).actor;
      const d = indicator(request.params.id);
      return {
        id: d.id,
        name: d.name,
        unit: d.unit,
        breakdown: request.query.breakdown,
        values: await values(request, actor.scopePath, actor.programmeId),
      };
    },
  );

  app.get(
    '/api/indicators/:id/export.xlsx',
    {
      config: { policy: 'dashboard:read' },
      schema: { tags, summary: 'An indicator’s values as Excel', params: idParams, querystring: valuesQuery },
    },
    async (request, reply) => {
      const actor = changeContext(request).actor;
      const d = indicator(request.params.id);
      const rows = await values(request, actor.scopePath, actor.programmeId);
      const file = await writeWorkbook(d.name.zh.slice(0, 31), valueColumns, rows);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${d.id}.xlsx"`)
        .send(file);
    },
  );
}
