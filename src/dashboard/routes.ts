import { z } from 'zod';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { isoDate } from '../shared/ids';
import { programmeOverview } from './overview';

/** The commander's home page figures. */
export async function dashboardRoutes(app: App) {
  app.get(
    '/api/dashboard/overview',
    {
      config: { policy: 'dashboard:read' },
      schema: {
        tags: ['dashboard'],
        summary: 'The programme at a glance: current batch, experts on site by county, counts',
        querystring: z.object({ date: isoDate.optional().describe('defaults to today (UTC)') }).strict(),
      },
    },
    async (request) => {
      const today = request.query.date ?? new Date().toISOString().slice(0, 10);
      return programmeOverview(app.deps.database.db, changeContext(request).actor, today);
    },
  );
}
