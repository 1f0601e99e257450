import { z } from 'zod';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { XLSX_TYPE } from '../shared/excel';
import { isoDate } from '../shared/ids';
import { batchReportWorkbook, dependenceDashboard } from './report';

const query = z.object({ on: isoDate.optional() }).strict();

/** Dependence and sustainability: stages per facility and service, risks, the batch report. */
export async function dependenceRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['dependence'];

  app.get(
    '/api/dependence',
    {
      config: { policy: 'dashboard:read' },
      schema: { tags, summary: 'Stages, risks, county and batch figures in scope', querystring: query },
    },
    async (request) => {
      const actor = changeContext(request).actor;
      return dependenceDashboard(db, actor.programmeId, { on: request.query.on, scopePath: actor.scopePath });
    },
  );

  app.get(
    '/api/dependence/report.xlsx',
    {
      config: { policy: 'dashboard:read' },
      schema: { tags, summary: 'The batch report (multi-sheet Excel)', querystring: query },
    },
    async (request, reply) => {
      const actor = changeContext(request).actor;
      const d = await dependenceDashboard(db, actor.programmeId, {
        on: request.query.on,
        scopePath: actor.scopePath,
      });
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="batch-report.xlsx"; filename*=UTF-8''%E6%89%B9%E6%AC%A1%E6%8A%A5%E5%91%8A.xlsx`,
        )
        .send(await batchReportWorkbook(d));
    },
  );
}
