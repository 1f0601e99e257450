-- Grassroots needs (微问题): reported by a facility, triaged by the recipient cadre, matched
-- to a micro-team, worked on, resolved and verified — or rejected or merged into another need.
-- Status changes follow src/needs/workflow.ts and each is audited. The priority score is not
-- stored: it grows with waiting time and is computed from these columns (src/needs/priority.ts).

create table needs (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  facility_id uuid not null,
  specialty_code text not null references specialties (code),
  kind text not null check (kind in ('clinical_service', 'skill_gap', 'equipment', 'management')),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 4000),
  population_affected integer not null check (population_affected between 0 and 10000000),
  urgency smallint not null check (urgency between 1 and 4),
  -- Travel hours from the facility to the prefecture seat when reported; the cadre may correct it.
  remoteness_hours numeric(6, 2) not null check (remoteness_hours >= 0),
  competencies text[] not null default '{}',
  effort_expert_days numeric(7, 1) check (effort_expert_days > 0),
  status text not null default 'reported' check (status in ('reported', 'triaged', 'matched', 'in_progress',
    'resolved', 'verified', 'rejected', 'merged')),
  status_reason text check (length(status_reason) <= 2000),
  merged_into uuid,
  -- Set by team formation; micro-teams do not exist yet, so no foreign key for now.
  micro_team_id uuid,
  matched_by text,
  batch_id uuid,
  source text not null default 'form' check (source in ('form', 'import', 'scenario')),
  reported_by uuid,
  reported_at timestamptz not null default now(),
  triaged_at timestamptz,
  matched_at timestamptz,
  started_at timestamptz,
  resolved_at timestamptz,
  verified_at timestamptz,
  closed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, facility_id) references facilities (programme_id, id),
  foreign key (programme_id, merged_into) references needs (programme_id, id),
  foreign key (programme_id, batch_id) references batches (programme_id, id),
  foreign key (programme_id, reported_by) references users (programme_id, id),
  check ((status = 'merged') = (merged_into is not null)),
  check (merged_into is null or merged_into <> id)
);
create index needs_status on needs (programme_id, status);
create index needs_facility on needs (programme_id, facility_id);
create index needs_specialty on needs (programme_id, specialty_code, status);
create index needs_reported on needs (programme_id, reported_at);
