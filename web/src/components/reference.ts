import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FacilityLevel, OrganisationSide, OrganisationType } from '../../../src/db/schema';
import { api, type Page } from '../app/api';

/** Shared reference data (rarely changes): cached for the session. */
const forever = { staleTime: 10 * 60_000 };

export type Specialty = { code: string; nameZh: string; nameEn: string };
export type Organisation = {
  id: string;
  parentId: string | null;
  type: OrganisationType;
  side: OrganisationSide;
  name: string;
  nameEn: string | null;
  regionId: string | null;
  regionName: string | null;
  depth: number;
};
export type Region = {
  id: string;
  parentId: string | null;
  level: 'prefecture' | 'county' | 'township';
  code: string;
  name: string;
  nameEn: string | null;
  population: number | null;
  lat: number | null;
  lon: number | null;
};
export type Batch = {
  id: string;
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  deployments: number;
  current: boolean;
};
export type Facility = {
  id: string;
  organisationId: string;
  organisationName: string;
  regionId: string;
  regionName: string;
  countyId: string | null;
  countyName: string | null;
  code: string;
  name: string;
  nameEn: string | null;
  level: FacilityLevel;
  lat: number;
  lon: number;
  travelHoursToSeat: number;
  beds: number | null;
};

export const useSpecialties = () =>
  useQuery({
    queryKey: ['specialties'],
    queryFn: () => api<{ items: Specialty[] }>('/specialties').then((r) => r.items),
    ...forever,
  });

export const useOrganisations = (enabled = true) =>
  useQuery({
    queryKey: ['organisations'],
    queryFn: () => api<{ items: Organisation[] }>('/organisations').then((r) => r.items),
    enabled,
    ...forever,
  });

export const useRegions = () =>
  useQuery({
    queryKey: ['regions'],
    queryFn: () => api<{ items: Region[] }>('/regions').then((r) => r.items),
    ...forever,
  });

/** Every batch, newest first (a programme has tens, not thousands). */
export const useAllBatches = (enabled = true) =>
  useQuery({
    queryKey: ['batches', 'all'],
    queryFn: () =>
      api<Page<Batch>>('/batches', { query: { pageSize: 200, sort: 'number', order: 'desc' } }).then(
        (r) => r.items,
      ),
    enabled,
    ...forever,
  });

/** Picks the name in the interface language: the English one when shown in English and known. */
export function useLocalName() {
  const { i18n } = useTranslation();
  return (zh: string, en?: string | null) => (i18n.language === 'en' && en ? en : zh);
}

/** A specialty's name in the interface language (its code if unknown). */
export function useSpecialtyName() {
  const { data } = useSpecialties();
  const local = useLocalName();
  return (code: string | null | undefined) => {
    if (!code) return '—';
    const s = data?.find((x) => x.code === code);
    return s ? local(s.nameZh, s.nameEn) : code;
  };
}
