export type AgreementType = 'agreement' | 'memorandum' | 'plan' | 'letter_of_intent' | 'consensus';
export type TargetStatus = 'on_track' | 'at_risk' | 'missed' | 'met';
/** A target as the API answers it (src/agreements/targets.ts TargetView). */
export type Target = {
  id: string;
  agreementId: string;
  clauseId: string;
  indicatorId: string;
  indicatorName: { zh: string; en: string };
  unit: string;
  breakdown: string;
  breakdownKey: string | null;
  description: string;
  baseline: number;
  baselineOn: string;
  targetValue: number;
  dueOn: string;
  responsibleOrganisationId: string;
  current: number | null;
  metAt: string | null;
  status: TargetStatus;
  reason: string;
  progress: number | null;
  elapsed: number;
  evidence?: { id: string; entity: string; entityId: string; note: string }[];
};
export type AgreementSummary = {
  id: string;
  type: AgreementType;
  title: string;
  effectiveOn: string;
  expiresOn: string | null;
  parties: { id: string; name: string }[];
  hasDocument: boolean;
  targets: Record<TargetStatus, number>;
  nextReviewOn: string | null;
};
export type Review = {
  id: string;
  dueOn: string;
  responsibleOrganisationId: string;
  doneOn: string | null;
  outcome: string;
  state: 'done' | 'overdue' | 'due' | 'scheduled';
};
export type AgreementDetail = {
  id: string;
  type: AgreementType;
  title: string;
  summary: string;
  effectiveOn: string;
  expiresOn: string | null;
  ownerOrganisationId: string;
  document: { fileName: string; sizeBytes: number; sha256: string } | null;
  canChange: boolean;
  parties: { id: string; name: string }[];
  signatories: { personId: string; fullName: string; organisationId: string; signedOn: string | null }[];
  clauses: {
    id: string;
    number: number;
    text: string;
    duties: { id: string; organisationId: string; duty: string }[];
    targets: Target[];
  }[];
  reviews: Review[];
};
export type DueReview = {
  id: string;
  agreementId: string;
  agreementTitle: string;
  dueOn: string;
  responsibleOrganisationName: string;
  state: 'due' | 'overdue';
};
export type IndicatorInfo = {
  id: string;
  name: { zh: string; en: string };
  unit: string;
  breakdowns: string[];
};

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
