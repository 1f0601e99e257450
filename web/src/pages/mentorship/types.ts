import { useQuery } from '@tanstack/react-query';
import type { ActivityKind, AssessmentStatus, MentorshipParty } from '../../../../src/mentorship/tables';
import type { MentorshipAction, MentorshipStatus } from '../../../../src/mentorship/workflow';
import { api, type Page } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { Facility } from '../../components/reference';

export type { ActivityKind, AssessmentStatus, MentorshipAction, MentorshipParty, MentorshipStatus };

export type Competency = {
  id: string;
  specialtyCode: string;
  code: string;
  name: string;
  nameEn: string | null;
  description: string;
  retired: boolean;
};
export type Goal = {
  competencyId: string;
  competencyName: string;
  targetLevel: number;
  targetOn: string;
  currentLevel: number | null;
  metOn: string | null;
};
export type Contract = {
  id: string;
  mentorId: string;
  mentorName: string;
  mentorOrganisationName: string;
  hostFacilityId: string;
  hostFacilityName: string;
  batchId: string | null;
  batchName: string | null;
  continuesId: string | null;
  startsOn: string;
  endsOn: string;
  status: MentorshipStatus;
  statusReason: string | null;
  activatedAt: string | null;
  closedOn: string | null;
  apprentices: { personId: string; fullName: string; organisationName: string; goals: Goal[] }[];
  acceptances: { party: MentorshipParty; partyId: string; acceptedAt: string }[];
  pending: { party: MentorshipParty; partyId: string }[];
  actions: MentorshipAction[];
};
export type Activity = {
  id: string;
  kind: ActivityKind;
  heldOn: string;
  title: string;
  caseSummary: string;
  teacherId: string;
  teacherName: string;
  facilityId: string;
  facilityName: string;
  mentorshipId: string | null;
  attendees: { personId: string; fullName: string }[];
  competencies: { competencyId: string; name: string }[];
};
export type Assessment = {
  id: string;
  apprenticeId: string;
  apprenticeName: string;
  competencyId: string;
  competencyName: string;
  specialtyCode: string;
  mentorshipId: string | null;
  assessorId: string;
  assessorName: string;
  level: number;
  assessedOn: string;
  note: string;
  status: AssessmentStatus;
  disputeReason: string | null;
  confirmedByName: string | null;
  confirmedAt: string | null;
};
export type PersonSummary = {
  id: string;
  fullName: string;
  kind: string;
  specialtyCode: string | null;
  organisationName: string;
};
export type ApprenticeRecord = {
  person: PersonSummary;
  contracts: Contract[];
  levels: {
    competencyId: string;
    competencyName: string;
    specialtyCode: string;
    currentLevel: number | null;
    history: { assessedOn: string; level: number; status: AssessmentStatus; assessorName: string }[];
  }[];
  assessments: Assessment[];
  activities: Activity[];
};
export type MentorRecord = {
  person: PersonSummary;
  contracts: Contract[];
  progress: { apprentices: number; goals: number; goalsMet: number; goalsMetOnTime: number };
  activities: Activity[];
};
export type ServiceRecord = {
  facilityId: string;
  facilityName: string;
  month: string;
  service: string;
  specialtyCode: string | null;
  localCount: number;
  aidCount: number;
  source: string;
};
/** One part of a case summary (or title) the server refused as identifying a patient. */
export type IdentifierSpan = { field: string; kind: string; start: number; end: number; text: string };

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
  apprenticesAtLevel: {
    competencyId: string;
    competencyName: string;
    facilityId: string;
    facilityName: string;
    apprentices: number;
  }[];
  goalsMetOnTime: {
    batchId: string | null;
    batchName: string | null;
    goalsDue: number;
    metOnTime: number;
    share: number | null;
  }[];
  medianMonthsToLevel4: {
    competencyId: string | null;
    competencyName: string | null;
    medianMonths: number | null;
    apprentices: number;
  }[];
  localServiceShare: {
    service: string;
    period: string;
    localCount: number;
    aidCount: number;
    localShare: number | null;
  }[];
  remoteConsultsAfterDeparture: {
    mentorId: string;
    apprenticeId: string;
    quarter: string;
    consults: number;
  }[];
};
