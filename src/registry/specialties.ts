import type { Db } from '../db/database';
import { AppError } from '../errors';
import type { App } from '../http/app';

/** Fails with a field error when a specialty code is unknown. */
export async function requireSpecialty(db: Pick<Db, 'selectFrom'>, code: string, field = 'specialtyCode') {
  const row = await db.selectFrom('specialties').select('code').where('code', '=', code).executeTakeFirst();
  if (!row) {
    throw new AppError('VALIDATION_FAILED', `Unknown specialty "${code}".`, {
      issues: [{ path: field, message: 'unknown specialty' }],
    });
  }
}

export const listSpecialties = (db: Db) =>
  db
    .selectFrom('specialties')
    .select(['code', 'name_zh as nameZh', 'name_en as nameEn'])
    .orderBy('code')
    .execute();

export async function specialtyRoutes(app: App) {
  app.get(
    '/api/specialties',
    {
      config: { policy: 'authenticated' },
      schema: { tags: ['registry'], summary: 'The specialty catalogue' },
    },
    async () => ({ items: await listSpecialties(app.deps.database.db) }),
  );
}
