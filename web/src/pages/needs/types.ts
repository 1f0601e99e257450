import type { DuplicateView } from '../../../../src/needs/duplicate-search';
import type { NeedView } from '../../../../src/needs/repository';
import type { NeedStatus } from '../../../../src/needs/workflow';
import type { Jsonified } from '../../../../src/shared/json';

/** A need as the API answers it (src/needs/repository.ts NeedView). */
export type Need = Jsonified<NeedView>;

/** A likely duplicate of a need (src/needs/duplicate-search.ts DuplicateView). */
export type LikelyDuplicate = Jsonified<DuplicateView>;

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
