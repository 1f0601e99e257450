import type { Jsonified } from '../../../../src/shared/json';
import type { BatchFigures, PublicAchievement } from '../../../../src/witness/overview';

/**
 * The public overview (GET /api/public/overview, src/witness/routes.ts): aggregates and
 * de-identified achievements only. `programme` and `checkpoint` are built inline in the route.
 */
export type PublicOverview = {
  programme: {
    code: string;
    name: string;
    nameEn: string | null;
    supporterRegion: string;
    recipientRegion: string;
    startedOn: string;
  };
  batches: Jsonified<BatchFigures>[];
  recent: Jsonified<PublicAchievement>[];
  checkpoint: { origin: string; size: number; rootHash: string; note: string };
};

/** The i18n key suffix of a witnessable kind ('need.resolved' → 'need_resolved'). */
export const kindKey = (kind: string) => kind.replaceAll('.', '_');
