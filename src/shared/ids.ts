import { z } from 'zod';

/** A UUID path or query parameter; anything else answers 404/400 before touching the database. */
export const uuid = z.uuid();
export const idParams = z.object({ id: z.uuid() }).strict();
/** An ISO calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z.iso.date();
