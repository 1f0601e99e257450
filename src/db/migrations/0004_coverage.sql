-- Travel times between facilities by shortest path over the road network, cached per network
-- version: computed once, recomputed when road_networks.version changes. Only pairs within
-- travel_time_caches.max_hours are kept (the nearby pairs duplicate detection and team
-- formation look up); coverage runs its own multi-source search over the network.

create table travel_time_caches (
  programme_id uuid primary key references programmes (id),
  network_version integer not null,
  max_hours numeric(6, 2) not null check (max_hours > 0),
  pairs integer not null check (pairs >= 0),
  computed_at timestamptz not null default now()
);

create table travel_times (
  programme_id uuid not null references programmes (id),
  network_version integer not null,
  from_facility_id uuid not null,
  to_facility_id uuid not null,
  hours real not null check (hours >= 0),
  primary key (programme_id, network_version, from_facility_id, to_facility_id),
  foreign key (programme_id, from_facility_id) references facilities (programme_id, id) on delete cascade,
  foreign key (programme_id, to_facility_id) references facilities (programme_id, id) on delete cascade
);
