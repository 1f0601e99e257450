import { z } from 'zod';
import { inChange } from '../audit/audit';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { readWorkbook, writeWorkbook, XLSX_TYPE } from '../shared/excel';
import { type MentorshipIndicatorName, mentorshipIndicators } from './indicators';
import { indicatorColumns } from './indicators-excel';
import { indicatorFilterFields, serviceRecordInput } from './schema';
import { listServiceRecords, recordServiceCounts } from './services';
import { parseServiceRows, serviceColumns } from './services-excel';

const indicatorQuery = z
  .object({ ...indicatorFilterFields, period: z.enum(['month', 'quarter']).optional() })
  .strict();

/** Service counts by who performed them, and the local-capacity indicators with their export. */
export async function serviceRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['mentorship'];

  app.get(
    '/api/mentorship/service-records',
    {
      config: { policy: 'services:read' },
      schema: {
        tags,
        summary: 'Monthly service counts in scope, newest first',
        querystring: z
          .object({
            facilityId: z.uuid().optional(),
            service: z.string().max(100).optional(),
            from: z
              .string()
              .regex(/^\d{4}-\d{2}$/)
              .optional(),
          })
          .strict(),
      },
    },
    async (request) => ({ items: await listServiceRecords(db, changeContext(request).actor, request.query) }),
  );
  app.post(
    '/api/mentorship/service-records',
    {
      config: { policy: 'services:write' },
      schema: {
        tags,
        summary: 'Record one month of a service (replaces an earlier entry)',
        body: serviceRecordInput,
      },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      await inChange(db, audit, (trx, log) => recordServiceCounts(trx, actor, request.body, log));
      const [saved] = await listServiceRecords(db, actor, {
        facilityId: request.body.facilityId,
        service: request.body.service,
        from: request.body.month,
      }).then((rows) => rows.filter((r) => r.month === request.body.month));
      return reply.status(201).send(saved);
    },
  );
  app.post(
    '/api/mentorship/service-records/import',
    {
      config: { policy: 'services:write' },
      bodyLimit: app.deps.config.uploadLimitBytes,
      schema: {
        tags,
        summary: 'Import monthly service counts from an .xlsx file (all or nothing)',
        consumes: [XLSX_TYPE],
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const rows = await readWorkbook(request.body as Buffer, serviceColumns);
      const parsed = await parseServiceRows(db, actor, rows);
      await inChange(db, audit, async (trx, log) => {
        for (const { value } of parsed) await recordServiceCounts(trx, actor, value, log, 'import');
      });
      return { imported: parsed.length };
    },
  );

  app.get(
    '/api/mentorship/indicators',
    {
      config: { policy: 'mentorship:read' },
      schema: {
        tags,
        summary: 'Local-capacity indicators computed in the database',
        querystring: indicatorQuery,
      },
    },
    async (request) => {
      const { actor } = changeContext(request);
      const filters = { ...request.query, scopePath: actor.scopePath };
      const p = actor.programmeId;
      const [atLevel4, goals, months, localShare, remote] = await Promise.all([
        mentorshipIndicators.apprenticesAtLevel(db, p, filters),
        mentorshipIndicators.goalsMetOnTime(db, p, filters),
        mentorshipIndicators.medianMonthsToLevel4(db, p, filters),
        mentorshipIndicators.localServiceShare(db, p, filters),
        mentorshipIndicators.remoteConsultsAfterDeparture(db, p, filters),
      ]);
      return {
        apprenticesAtLevel: atLevel4,
        goalsMetOnTime: goals,
        medianMonthsToLevel4: months,
        localServiceShare: localShare,
        remoteConsultsAfterDeparture: remote,
      };
    },
  );
  app.get(
    '/api/mentorship/indicators/:indicator/export.xlsx',
    {
      config: { policy: 'mentorship:read' },
      schema: {
        tags,
        summary: 'Export one indicator to Excel',
        params: z
          .object({ indicator: z.enum(Object.keys(mentorshipIndicators) as [MentorshipIndicatorName]) })
          .strict(),
        querystring: indicatorQuery,
      },
    },
    async (request, reply) => {
      const { actor } = changeContext(request);
      const name = request.params.indicator;
      const rows = await mentorshipIndicators[name](db, actor.programmeId, {
        ...request.query,
        scopePath: actor.scopePath,
      });
      const { sheet, columns } = indicatorColumns[name];
      const file = await writeWorkbook(sheet, columns as never, rows as never[]);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(file);
    },
  );
}
