import type { Jsonified } from '../../../../src/shared/json';
import type { RecordSummary as RecordSummaryView } from '../../../../src/witness/kinds';
import type { QueueItem as QueueItemView, WitnessRequestView } from '../../../../src/witness/repository';
import type { WitnessStatus } from '../../../../src/witness/state';

/** What a witness sees of the record (src/witness/kinds.ts RecordSummary). */
export type RecordSummary = Jsonified<RecordSummaryView>;
/** An item of GET /api/witness/queue (src/witness/repository.ts QueueItem). */
export type QueueItem = Jsonified<QueueItemView>;
/** GET /api/witness/:id (src/witness/repository.ts WitnessRequestView). */
export type WitnessRequest = Jsonified<WitnessRequestView>;

export const statusColor: Record<WitnessStatus, string> = {
  open: 'blue',
  witnessed: 'green',
  disputed: 'red',
};
