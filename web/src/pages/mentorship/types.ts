import { useQuery } from '@tanstack/react-query';
import type { ActivityView } from '../../../../src/mentorship/activities';
import type { AssessmentView } from '../../../../src/mentorship/assessments';
import type { CompetencyView } from '../../../../src/mentorship/catalogue';
import type { GoalView, MentorshipView } from '../../../../src/mentorship/contract-views';
import type { IdentifierSpan as ServerIdentifierSpan } from '../../../../src/mentorship/deidentify';
import type {
  GoalsOnTimeRow,
  LevelByFacilityRow,
  LocalShareRow,
  MonthsToLevel4Row,
  RemoteConsultRow,
} from '../../../../src/mentorship/indicators';
import type { apprenticeRecord, mentorRecord } from '../../../../src/mentorship/people-routes';
import type { ServiceRecordView } from '../../../../src/mentorship/services';
import type { ActivityKind, AssessmentStatus, MentorshipParty } from '../../../../src/mentorship/tables';
import type { MentorshipAction, MentorshipStatus } from '../../../../src/mentorship/workflow';
import type { Jsonified } from '../../../../src/shared/json';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { Facility } from '../../components/reference';

export type { ActivityKind, AssessmentStatus, MentorshipAction, MentorshipParty, MentorshipStatus };

/** An item of GET /api/mentorship/competencies (src/mentorship/catalogue.ts CompetencyView). */
export type Competency = Jsonified<CompetencyView>;
export type Goal = Jsonified<GoalView>;
/** A mentorship contract (src/mentorship/contract-views.ts MentorshipView). */
export type Contract = Jsonified<MentorshipView>;
/** An item of GET /api/mentorship/activities (src/mentorship/activities.ts ActivityView). */
export type Activity = Jsonified<ActivityView>;
/** An item of GET /api/mentorship/assessments (src/mentorship/assessments.ts AssessmentView). */
export type Assessment = Jsonified<AssessmentView>;
/** GET /api/mentorship/apprentices/:id (src/mentorship/people-routes.ts apprenticeRecord). */
export type ApprenticeRecord = Jsonified<NonNullable<Awaited<ReturnType<typeof apprenticeRecord>>>>;
/** GET /api/mentorship/mentors/:id (src/mentorship/people-routes.ts mentorRecord). */
export type MentorRecord = Jsonified<NonNullable<Awaited<ReturnType<typeof mentorRecord>>>>;
export type PersonSummary = ApprenticeRecord['person'];
/** An item of GET /api/mentorship/service-records (src/mentorship/services.ts ServiceRecordView). */
export type ServiceRecord = Jsonified<ServiceRecordView>;
/**
 * One part of a case summary (or title) the server refused as identifying a patient
 * (src/mentorship/patient-names.ts requireDeidentified, `details.spans`).
 */
export type IdentifierSpan = Jsonified<ServerIdentifierSpan & { field: string }>;

/** The competency catalogue (every specialty; a programme has tens to hundreds). */
export const useCompetencies = (includeRetired = false) =>
  useQuery({
    queryKey: ['/mentorship/competencies', includeRetired],
    queryFn: () =>
      api<{ items: Competency[] }>('/mentorship/competencies', {
        query: { includeRetired: includeRetired || undefined },
      }).then((r) => r.items),
    staleTime: 60_000,
  });

/** Contracts in scope (the first 200, newest first). */
export const useContracts = (query: Record<string, string | undefined> = {}, enabled = true) =>
  useQuery({
    queryKey: ['/mentorship/contracts', query],
    queryFn: () =>
      api<Page<Contract>>('/mentorship/contracts', { query: { pageSize: 200, ...query } }).then(
        (r) => r.items,
      ),
    enabled,
  });

export const useActivities = (query: Record<string, string | undefined> = {}, enabled = true) =>
  useQuery({
    queryKey: ['/mentorship/activities', query],
    queryFn: () => api<{ items: Activity[] }>('/mentorship/activities', { query }).then((r) => r.items),
    enabled,
  });

type Option = { value: string; label: string };
const byLabel = (a: Option, b: Option) => a.label.localeCompare(b.label, 'zh-CN');

/**
 * Local staff the account may name as apprentices or attendees: those the people registry shows
 * it, plus everyone on its contracts and at its activities (an expert's registry scope is their
 * home hospital, so their apprentices are known through the contracts they mentor).
 */
export function useKnownLocalStaff(enabled: boolean) {
  const { can } = useAuth();
  const people = useQuery({
    queryKey: ['/people', 'local_staff', 'for-mentorship'],
    queryFn: () =>
      api<Page<{ id: string; fullName: string; organisationName: string }>>('/people', {
        query: { kind: 'local_staff', pageSize: 200, sort: 'fullName' },
      }).then((r) => r.items),
    enabled: enabled && can('people:read'),
  });
  const contracts = useContracts({}, enabled);
  const activities = useActivities({}, enabled);
  const map = new Map<string, Option>();
  for (const p of people.data ?? [])
    map.set(p.id, { value: p.id, label: `${p.fullName} · ${p.organisationName}` });
  for (const c of contracts.data ?? [])
    for (const a of c.apprentices)
      if (!map.has(a.personId))
        map.set(a.personId, { value: a.personId, label: `${a.fullName} · ${a.organisationName}` });
  for (const a of activities.data ?? [])
    for (const p of a.attendees)
      if (!map.has(p.personId)) map.set(p.personId, { value: p.personId, label: p.fullName });
  return {
    options: [...map.values()].sort(byLabel),
    loading: people.isLoading || contracts.isLoading || activities.isLoading,
  };
}

/** Recipient facilities the account may name: from the registry, its contracts and its activities. */
export function useKnownFacilities(enabled: boolean) {
  const facilities = useQuery({
    queryKey: ['/facilities', 'for-mentorship'],
    queryFn: () => api<Page<Facility>>('/facilities', { query: { pageSize: 200, sort: 'name' } }),
    enabled,
  });
  const contracts = useContracts({}, enabled);
  const activities = useActivities({}, enabled);
  const map = new Map<string, Option>();
  for (const f of facilities.data?.items ?? [])
    if (f.level !== 'supporter_hospital') map.set(f.id, { value: f.id, label: f.name });
  for (const c of contracts.data ?? [])
    map.set(c.hostFacilityId, { value: c.hostFacilityId, label: c.hostFacilityName });
  for (const a of activities.data ?? [])
    map.set(a.facilityId, { value: a.facilityId, label: a.facilityName });
  return { options: [...map.values()].sort(byLabel), loading: facilities.isLoading || contracts.isLoading };
}

/** GET /api/mentorship/indicators: the five talent indicators (src/mentorship/indicators.ts). */
export type Indicators = {
  apprenticesAtLevel: Jsonified<LevelByFacilityRow>[];
  goalsMetOnTime: Jsonified<GoalsOnTimeRow>[];
  medianMonthsToLevel4: Jsonified<MonthsToLevel4Row>[];
  localServiceShare: Jsonified<LocalShareRow>[];
  remoteConsultsAfterDeparture: Jsonified<RemoteConsultRow>[];
};
