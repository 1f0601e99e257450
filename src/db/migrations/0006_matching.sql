-- Team formation (组团方案 → 微团队): a proposal is one run of the optimizer for a batch under
-- the commander's rules (pins and forbids included); it holds the teams, the assignments with
-- their reasons and the needs left unserved with theirs. Accepting a proposal creates the
-- micro-teams and moves their needs to matched, audited, in one transaction. See docs/matching.md.

create table proposals (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  batch_id uuid not null,
  -- The proposal this one re-optimises (with more pins or forbids).
  parent_id uuid,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'accepted',
    'superseded')),
  progress real not null default 0 check (progress between 0 and 1),
  rules jsonb not null,
  objective double precision,
  bound double precision,
  gap double precision,
  -- Counts, per-specialty solver results, timings and warnings.
  summary jsonb,
  error text,
  created_by uuid,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  accepted_by uuid,
  accepted_at timestamptz,
  primary key (programme_id, id),
  foreign key (programme_id, batch_id) references batches (programme_id, id),
  foreign key (programme_id, parent_id) references proposals (programme_id, id),
  foreign key (programme_id, created_by) references users (programme_id, id),
  foreign key (programme_id, accepted_by) references users (programme_id, id)
);
create index proposals_batch on proposals (programme_id, batch_id, created_at);

create table proposal_teams (
  programme_id uuid not null,
  proposal_id uuid not null,
  team_no integer not null check (team_no > 0),
  county_id uuid,
  leader_id uuid not null,
  member_ids uuid[] not null,
  statement_zh text not null,
  statement_en text not null,
  priority_total double precision not null,
  -- [{facilityId, arriveOn, days, travelHours, needIds}]
  visits jsonb not null,
  primary key (programme_id, proposal_id, team_no),
  foreign key (programme_id, proposal_id) references proposals (programme_id, id) on delete cascade,
  foreign key (programme_id, leader_id) references people (programme_id, id)
);

create table proposal_assignments (
  programme_id uuid not null,
  proposal_id uuid not null,
  need_id uuid not null,
  person_id uuid not null,
  team_no integer not null,
  -- {specialtyCode, competencies, travelHours, effortDays, weightDays, priority, travelCost, value}
  reason jsonb not null,
  primary key (programme_id, proposal_id, need_id),
  foreign key (programme_id, proposal_id) references proposals (programme_id, id) on delete cascade,
  foreign key (programme_id, need_id) references needs (programme_id, id),
  foreign key (programme_id, person_id) references people (programme_id, id)
);

create table proposal_unserved (
  programme_id uuid not null,
  proposal_id uuid not null,
  need_id uuid not null,
  reason text not null check (reason in ('no_specialist', 'rules', 'too_far', 'too_large', 'capacity_spent',
    'not_worth')),
  -- {specialists, eligible, nearestHours, effortDays}
  detail jsonb not null,
  primary key (programme_id, proposal_id, need_id),
  foreign key (programme_id, proposal_id) references proposals (programme_id, id) on delete cascade,
  foreign key (programme_id, need_id) references needs (programme_id, id)
);

-- A micro-team (微团队): created when a proposal is accepted.
create table micro_teams (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  batch_id uuid not null,
  proposal_id uuid,
  team_no integer not null,
  county_id uuid,
  leader_id uuid not null,
  statement_zh text not null,
  statement_en text not null,
  visits jsonb not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, batch_id) references batches (programme_id, id),
  foreign key (programme_id, proposal_id) references proposals (programme_id, id),
  foreign key (programme_id, leader_id) references people (programme_id, id),
  foreign key (programme_id, created_by) references users (programme_id, id)
);
create index micro_teams_batch on micro_teams (programme_id, batch_id);

create table micro_team_members (
  programme_id uuid not null,
  micro_team_id uuid not null,
  person_id uuid not null,
  role text not null check (role in ('leader', 'member')),
  primary key (programme_id, micro_team_id, person_id),
  foreign key (programme_id, micro_team_id) references micro_teams (programme_id, id),
  foreign key (programme_id, person_id) references people (programme_id, id)
);

-- A need belongs to at most one micro-team; the expert of the team who serves it.
create table micro_team_needs (
  programme_id uuid not null,
  need_id uuid not null,
  micro_team_id uuid not null,
  person_id uuid not null,
  primary key (programme_id, need_id),
  foreign key (programme_id, micro_team_id) references micro_teams (programme_id, id),
  foreign key (programme_id, need_id) references needs (programme_id, id),
  foreign key (programme_id, person_id) references people (programme_id, id)
);
