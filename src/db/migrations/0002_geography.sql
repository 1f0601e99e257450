-- The region's map and road network. The map is GeoJSON features (county and township
-- boundaries, facility points, roads) drawn by the web app without internet tiles; a real
-- region's GeoJSON replaces the generated one. The road network (nodes and edges with travel
-- hours) is what travel times between facilities are computed from.

create table map_features (
  programme_id uuid not null references programmes (id),
  id bigint generated always as identity,
  kind text not null check (kind in ('prefecture', 'county', 'township', 'region', 'facility', 'road')),
  properties jsonb not null default '{}'::jsonb,
  geometry jsonb not null,
  primary key (programme_id, id)
);
create index map_features_kind on map_features (programme_id, kind);

create table road_nodes (
  programme_id uuid not null references programmes (id),
  id text not null check (length(id) between 1 and 64),
  lat double precision not null check (lat between -90 and 90),
  lon double precision not null check (lon between -180 and 180),
  facility_id uuid,
  primary key (programme_id, id),
  foreign key (programme_id, facility_id) references facilities (programme_id, id)
);

create table road_edges (
  programme_id uuid not null references programmes (id),
  from_node text not null,
  to_node text not null,
  hours numeric(7, 3) not null check (hours > 0),
  road_class text not null default 'township_road' check (road_class in ('highway', 'county_road', 'township_road')),
  primary key (programme_id, from_node, to_node),
  foreign key (programme_id, from_node) references road_nodes (programme_id, id) on delete cascade,
  foreign key (programme_id, to_node) references road_nodes (programme_id, id) on delete cascade,
  check (from_node <> to_node)
);

-- One row per programme: the seat's road node, and a version bumped whenever the network
-- changes so cached travel times know they are stale.
create table road_networks (
  programme_id uuid primary key references programmes (id),
  seat_node_id text not null,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  foreign key (programme_id, seat_node_id) references road_nodes (programme_id, id)
);
