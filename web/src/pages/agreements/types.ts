import type {
  AgreementDetail as AgreementDetailView,
  AgreementSummary as AgreementSummaryView,
  dueReviews,
} from '../../../../src/agreements/repository';
import type { AgreementType } from '../../../../src/agreements/tables';
import type { TargetStatus } from '../../../../src/agreements/target-status';
import type { TargetView } from '../../../../src/agreements/targets';
import type { IndicatorDefinition } from '../../../../src/indicators/types';
import type { Jsonified } from '../../../../src/shared/json';

export type { AgreementType, TargetStatus };

/** GET /api/agreements/:id (src/agreements/repository.ts findAgreement). */
export type AgreementDetail = Jsonified<AgreementDetailView>;
type DetailTarget = AgreementDetail['clauses'][number]['targets'][number];
/**
 * A target as the API answers it (src/agreements/targets.ts TargetView): GET /api/agreements/targets
 * answers them bare, an agreement's detail with their evidence.
 */
export type Target = Jsonified<TargetView> & { evidence?: DetailTarget['evidence'] };
/** A row of GET /api/agreements (src/agreements/repository.ts AgreementSummary). */
export type AgreementSummary = Jsonified<AgreementSummaryView>;
export type Review = AgreementDetail['reviews'][number];
/** A row of GET /api/agreements/reviews/due (src/agreements/repository.ts dueReviews). */
export type DueReview = Jsonified<Awaited<ReturnType<typeof dueReviews>>[number]>;
/** A row of GET /api/indicators (src/indicators/routes.ts: the catalogue without its compute functions). */
export type IndicatorInfo = Jsonified<
  Pick<IndicatorDefinition, 'id' | 'name' | 'unit' | 'better' | 'breakdowns' | 'source'>
>;

export const agreementTypes: AgreementType[] = [
  'agreement',
  'memorandum',
  'plan',
  'letter_of_intent',
  'consensus',
];
export const statusColour: Record<TargetStatus, string> = {
  on_track: 'blue',
  at_risk: 'orange',
  missed: 'red',
  met: 'green',
};
