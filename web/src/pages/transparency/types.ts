/** The public overview (GET /api/public/overview): aggregates and de-identified achievements only. */
export type PublicOverview = {
  programme: {
    code: string;
    name: string;
    nameEn: string | null;
    supporterRegion: string;
    recipientRegion: string;
  };
  batches: {
    number: number;
    name: string;
    startsOn: string;
    endsOn: string;
    needsResolved: number;
    needsWitnessed: number;
    apprenticesLevel4: number | null;
    teachingActivities: number | null;
  }[];
  recent: {
    kind: string;
    specialtyCode: string | null;
    specialtyName: { zh: string; en: string } | null;
    countyName: string | null;
    batchNumber: number | null;
    on: string | null;
    witnessedAt: string;
    logIndex: number;
  }[];
  checkpoint: { origin: string; size: number; rootHash: string; note: string };
};

/** The i18n key suffix of a witnessable kind ('need.resolved' → 'need_resolved'). */
export const kindKey = (kind: string) => kind.replaceAll('.', '_');
