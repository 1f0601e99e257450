import type { Insertable } from 'kysely';
import type {
  BatchesTable,
  DeploymentsTable,
  FacilitiesTable,
  OrganisationsTable,
  PeopleTable,
  ProgrammesTable,
  RegionsTable,
  UsersTable,
} from '../db/schema';
import type { FeatureCollection } from './geojson';

/** A row ready to insert: every column given (ids included), database-managed timestamps left out. */
type Row<T, Skip extends string = never> = Required<Omit<Insertable<T>, 'created_at' | 'updated_at' | Skip>>;

export type ProgrammeRow = Row<ProgrammesTable>;
export type RegionRow = Row<RegionsTable>;
export type OrganisationRow = Row<OrganisationsTable>;
export type FacilityRow = Row<FacilitiesTable>;
export type PersonRow = Row<PeopleTable>;
export type BatchRow = Row<BatchesTable>;
export type DeploymentRow = Row<DeploymentsTable>;
/** A demo account without its password hash: the loader hashes the demo password once for all. */
export type DemoUserRow = Row<
  UsersTable,
  'password_hash' | 'locale' | 'disabled' | 'failed_logins' | 'locked_until' | 'last_failed_login_at'
>;

/** The road network between facilities; `hours` is the travel time along one edge. */
export type RoadKind = 'highway' | 'county_road' | 'township_road';
export type RoadNode = { id: string; lat: number; lon: number; facilityId?: string };
export type RoadEdge = { from: string; to: string; hours: number; kind: RoadKind };
export type RoadNetwork = { seatNodeId: string; nodes: RoadNode[]; edges: RoadEdge[] };

/** The ids that tests, demos and later generators refer to. */
export type ScenarioLandmarks = {
  programmeId: string;
  prefectureRegionId: string;
  /** The command HQ: root of the organisation tree. */
  rootOrganisationId: string;
  prefectureHealthCommissionId: string;
  prefectureHospitalFacilityId: string;
  supporterHealthCommissionId: string;
  /** The county the `recipient`, `expert` and `local` demo accounts belong to. */
  firstCountyId: string;
  firstCountyHealthCommissionId: string;
  currentBatchId: string;
  /** Person rows of the cadres Z (commander), C (recipient) and D (supporter). */
  cadreZId: string;
  cadreCId: string;
  cadreDId: string;
  demoExpertId: string;
  demoLocalStaffId: string;
};

/** The core scenario: rows for each table in foreign-key order, plus the map and the roads. */
export type Scenario = {
  seed: number;
  scale: number;
  programme: ProgrammeRow;
  regions: RegionRow[];
  organisations: OrganisationRow[];
  facilities: FacilityRow[];
  people: PersonRow[];
  batches: BatchRow[];
  deployments: DeploymentRow[];
  users: DemoUserRow[];
  landmarks: ScenarioLandmarks;
  geo: FeatureCollection;
  roads: RoadNetwork;
};
