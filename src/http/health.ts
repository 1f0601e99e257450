import { sql } from 'kysely';
import type { App } from './app';

/** Liveness and database reachability, for load balancers and people. */
export async function healthRoutes(app: App) {
  app.get(
    '/api/health',
    { config: { policy: 'public' }, schema: { tags: ['health'], summary: 'Service and database status' } },
    async (_request, reply) => {
      const started = performance.now();
      try {
        await sql`select 1`.execute(app.deps.database.db);
        return {
          status: 'ok',
          database: {
            reachable: true,
            kind: app.deps.database.kind,
            latencyMs: Math.round(performance.now() - started),
          },
        };
      } catch {
        return reply
          .status(503)
          .send({ status: 'degraded', database: { reachable: false, kind: app.deps.database.kind } });
      }
    },
  );
}
