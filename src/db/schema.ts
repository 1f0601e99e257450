import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AgreementTables } from '../agreements/tables';
import type { MatchingTables } from '../matching/tables';
import type { MentorshipTables } from '../mentorship/tables';
import type { NeedStatus } from '../needs/workflow';
import type { LogTables } from '../transparency/store/schema';
import type { WitnessTables } from '../witness/tables';

/** Table types for Kysely; they mirror src/db/migrations (checked by the schema test). */
type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;
type Id = Generated<string>;

export interface SpecialtiesTable {
  code: string;
  name_zh: string;
  name_en: string;
}

export interface ProgrammesTable {
  id: Id;
  code: string;
  name: string;
  name_en: string | null;
  supporter_region: string;
  recipient_region: string;
  started_on: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type RegionLevel = 'prefecture' | 'county' | 'township';
export interface RegionsTable {
  programme_id: string;
  id: Id;
  parent_id: string | null;
  level: RegionLevel;
  code: string;
  name: string;
  name_en: string | null;
  population: number | null;
  lat: number | null;
  lon: number | null;
  created_at: CreatedAt;
}

export const organisationTypes = [
  'command_hq',
  'health_commission',
  'supporting_hospital',
  'recipient_hospital',
  'township_health_centre',
  'village_clinic',
  'social_contributor',
  'enterprise',
] as const;
export type OrganisationType = (typeof organisationTypes)[number];
export const organisationSides = ['command', 'supporter', 'recipient', 'contributor'] as const;
export type OrganisationSide = (typeof organisationSides)[number];

export interface OrganisationsTable {
  programme_id: string;
  id: Id;
  parent_id: string | null;
  path: string;
  type: OrganisationType;
  side: OrganisationSide;
  name: string;
  name_en: string | null;
  region_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export const facilityLevels = [
  'prefecture_hospital',
  'county_hospital',
  'township_health_centre',
  'village_clinic',
  'supporter_hospital',
] as const;
export type FacilityLevel = (typeof facilityLevels)[number];
export interface FacilitiesTable {
  programme_id: string;
  id: Id;
  organisation_id: string;
  region_id: string;
  code: string;
  name: string;
  name_en: string | null;
  level: FacilityLevel;
  lat: number;
  lon: number;
  travel_hours_to_seat: number;
  beds: number | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export const personKinds = ['expert', 'local_staff', 'cadre'] as const;
export type PersonKind = (typeof personKinds)[number];
export const personTitles = [
  'chief_physician',
  'associate_chief_physician',
  'attending_physician',
  'resident_physician',
  'nurse_in_charge',
  'nurse',
  'technician',
  'administrator',
] as const;
export type PersonTitle = (typeof personTitles)[number];
export interface PeopleTable {
  programme_id: string;
  id: Id;
  organisation_id: string;
  kind: PersonKind;
  full_name: string;
  gender: 'female' | 'male' | null;
  birth_year: number | null;
  title: PersonTitle | null;
  specialty_code: string | null;
  phone: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface BatchesTable {
  programme_id: string;
  id: Id;
  number: number;
  name: string;
  starts_on: string;
  ends_on: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DeploymentsTable {
  programme_id: string;
  id: Id;
  batch_id: string;
  person_id: string;
  home_organisation_id: string;
  host_facility_id: string;
  specialty_code: string;
  term: 'long' | 'short';
  starts_on: string;
  ends_on: string;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export const roles = [
  'admin',
  'commander',
  'supporter_cadre',
  'recipient_cadre',
  'expert',
  'local_staff',
  'viewer',
] as const;
export type Role = (typeof roles)[number];
export interface UsersTable {
  programme_id: string;
  id: Id;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  organisation_id: string;
  person_id: string | null;
  locale: Generated<'zh-CN' | 'en'>;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  last_failed_login_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface SessionsTable {
  token_hash: string;
  programme_id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: Generated<Date>;
  expires_at: Date;
}

export interface AuditLogTable {
  programme_id: string;
  id: Generated<number>;
  at: Generated<Date>;
  actor_user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

export type MapFeatureKind = 'prefecture' | 'county' | 'township' | 'region' | 'facility' | 'road';
export interface MapFeaturesTable {
  programme_id: string;
  id: Generated<number>;
  kind: MapFeatureKind;
  properties: unknown;
  geometry: unknown;
}
export interface RoadNodesTable {
  programme_id: string;
  id: string;
  lat: number;
  lon: number;
  facility_id: string | null;
}
export type RoadClass = 'highway' | 'county_road' | 'township_road';
export interface RoadEdgesTable {
  programme_id: string;
  from_node: string;
  to_node: string;
  hours: number;
  road_class: Generated<RoadClass>;
}
export interface RoadNetworksTable {
  programme_id: string;
  seat_node_id: string;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export const needKinds = ['clinical_service', 'skill_gap', 'equipment', 'management'] as const;
export type NeedKind = (typeof needKinds)[number];
export interface NeedsTable {
  programme_id: string;
  id: Id;
  facility_id: string;
  specialty_code: string;
  kind: NeedKind;
  title: string;
  description: Generated<string>;
  population_affected: number;
  urgency: number;
  remoteness_hours: number;
  competencies: Generated<string[]>;
  effort_expert_days: number | null;
  status: Generated<NeedStatus>;
  status_reason: string | null;
  merged_into: string | null;
  micro_team_id: string | null;
  matched_by: string | null;
  batch_id: string | null;
  source: Generated<'form' | 'import' | 'scenario'>;
  reported_by: string | null;
  reported_at: Generated<Date>;
  triaged_at: Date | null;
  matched_at: Date | null;
  started_at: Date | null;
  resolved_at: Date | null;
  verified_at: Date | null;
  closed_at: Date | null;
  created_at: Generated<Date>;
  updated_at: UpdatedAt;
}
export interface TravelTimeCachesTable {
  programme_id: string;
  network_version: number;
  max_hours: number;
  pairs: number;
  computed_at: Generated<Date>;
}
export interface TravelTimesTable {
  programme_id: string;
  network_version: number;
  from_facility_id: string;
  to_facility_id: string;
  hours: number;
}

export interface DB extends LogTables, MentorshipTables, AgreementTables, WitnessTables, MatchingTables {
  specialties: SpecialtiesTable;
  programmes: ProgrammesTable;
  regions: RegionsTable;
  organisations: OrganisationsTable;
  facilities: FacilitiesTable;
  people: PeopleTable;
  batches: BatchesTable;
  deployments: DeploymentsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  map_features: MapFeaturesTable;
  road_nodes: RoadNodesTable;
  road_edges: RoadEdgesTable;
  road_networks: RoadNetworksTable;
  needs: NeedsTable;
  travel_time_caches: TravelTimeCachesTable;
  travel_times: TravelTimesTable;
}

export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type User = Selectable<UsersTable>;
