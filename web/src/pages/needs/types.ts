import type { NeedKind } from '../../../../src/db/schema';
import type { NeedAction, NeedStatus } from '../../../../src/needs/workflow';

/** A need as the API answers it (src/needs/repository.ts NeedView, dates as strings). */
export type Need = {
  id: string;
  facilityId: string;
  facilityName: string;
  townshipId: string | null;
  townshipName: string | null;
  countyId: string | null;
  countyName: string | null;
  specialtyCode: string;
  kind: NeedKind;
  title: string;
  description: string;
  populationAffected: number;
  urgency: number;
  remotenessHours: number;
  competencies: string[];
  effortExpertDays: number | null;
  status: NeedStatus;
  statusReason: string | null;
  mergedInto: string | null;
  microTeamId: string | null;
  batchId: string | null;
  source: 'form' | 'import' | 'scenario';
  reportedAt: string;
  triagedAt: string | null;
  resolvedAt: string | null;
  verifiedAt: string | null;
  closedAt: string | null;
  priority: {
    score: number;
    waitingDays: number;
    parts: { urgency: number; population: number; remoteness: number; waiting: number };
  };
  actions: NeedAction[];
};

export type LikelyDuplicate = {
  id: string;
  title: string;
  facilityName: string;
  status: NeedStatus;
  similarity: number;
  travelHours: number | null;
};

/** Tag colours of the statuses: open ones warm, finished ones green, closed ones grey. */
export const statusColor: Record<NeedStatus, string> = {
  reported: 'orange',
  triaged: 'gold',
  matched: 'blue',
  in_progress: 'geekblue',
  resolved: 'cyan',
  verified: 'green',
  rejected: 'default',
  merged: 'default',
};
