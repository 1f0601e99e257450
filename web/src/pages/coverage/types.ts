/** What GET /api/coverage answers (src/coverage/coverage.ts). */
export type TownshipCoverage = {
  townshipId: string;
  townshipName: string;
  countyId: string | null;
  countyName: string | null;
  population: number;
  hours: number | null;
  nearestProviderId: string | null;
  nearestProviderName: string | null;
  openNeeds: number;
  unmetPriority: number;
  unmetPopulation: number;
};
export type Coverage = {
  specialtyCode: string | null;
  on: string;
  networkVersion: number | null;
  millis: number;
  shares: { population: number; within: { hours: number; population: number; share: number }[] } | null;
  townships: TownshipCoverage[];
};
export type DeployedExpert = {
  deploymentId: string;
  personName: string;
  specialtyCode: string;
  term: 'long' | 'short';
  facilityId: string;
  facilityName: string;
  lat: number;
  lon: number;
};
