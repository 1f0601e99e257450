-- Foundation: programmes, the recipient's regions, organisations, facilities, people,
-- batches, deployments, accounts, sessions and the audit trail.
--
-- Every business table carries programme_id and has it first in its primary key, and every
-- foreign key between business tables includes it: the tables can be distributed by
-- programme_id (Citus) without changing a constraint. Timestamps are timestamptz (UTC).

create table specialties (
  code text primary key check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  name_zh text not null,
  name_en text not null
);

create table programmes (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (length(code) between 1 and 40),
  name text not null check (length(name) between 1 and 200),
  name_en text,
  supporter_region text not null,
  recipient_region text not null,
  started_on date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The recipient's administrative hierarchy: prefecture -> county -> township.
create table regions (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  parent_id uuid,
  level text not null check (level in ('prefecture', 'county', 'township')),
  code text not null,
  name text not null check (length(name) between 1 and 200),
  name_en text,
  population integer check (population >= 0),
  lat double precision check (lat between -90 and 90),
  lon double precision check (lon between -180 and 180),
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  unique (programme_id, code),
  foreign key (programme_id, parent_id) references regions (programme_id, id),
  check ((level = 'prefecture') = (parent_id is null))
);

-- Organisations form one tree per programme; `path` ('/id/id/.../') makes "is in the
-- subtree of" a prefix test, which is how account scope works.
create table organisations (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  parent_id uuid,
  path text not null,
  type text not null check (type in ('command_hq', 'health_commission', 'supporting_hospital',
    'recipient_hospital', 'township_health_centre', 'village_clinic', 'social_contributor', 'enterprise')),
  side text not null check (side in ('command', 'supporter', 'recipient', 'contributor')),
  name text not null check (length(name) between 1 and 200),
  name_en text,
  region_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  unique (programme_id, name),
  foreign key (programme_id, parent_id) references organisations (programme_id, id),
  foreign key (programme_id, region_id) references regions (programme_id, id)
);
create index organisations_path on organisations (programme_id, path text_pattern_ops);

create table facilities (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  organisation_id uuid not null,
  region_id uuid not null,
  code text not null check (length(code) between 1 and 40),
  name text not null check (length(name) between 1 and 200),
  name_en text,
  level text not null check (level in ('prefecture_hospital', 'county_hospital', 'township_health_centre',
    'village_clinic', 'supporter_hospital')),
  lat double precision not null check (lat between -90 and 90),
  lon double precision not null check (lon between -180 and 180),
  travel_hours_to_seat numeric(6, 2) not null check (travel_hours_to_seat >= 0),
  beds integer check (beds >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  unique (programme_id, code),
  foreign key (programme_id, organisation_id) references organisations (programme_id, id),
  foreign key (programme_id, region_id) references regions (programme_id, id)
);

create table people (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  organisation_id uuid not null,
  kind text not null check (kind in ('expert', 'local_staff', 'cadre')),
  full_name text not null check (length(full_name) between 1 and 100),
  gender text check (gender in ('female', 'male')),
  birth_year integer check (birth_year between 1930 and 2010),
  title text check (title in ('chief_physician', 'associate_chief_physician', 'attending_physician',
    'resident_physician', 'nurse_in_charge', 'nurse', 'technician', 'administrator')),
  specialty_code text references specialties (code),
  phone text check (phone ~ '^1[3-9][0-9]{9}$'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, organisation_id) references organisations (programme_id, id)
);
create index people_org on people (programme_id, organisation_id);
create index people_name on people (programme_id, full_name);

create table batches (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  number integer not null check (number between 1 and 999),
  name text not null,
  starts_on date not null,
  ends_on date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  unique (programme_id, number),
  check (ends_on > starts_on)
);

create table deployments (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  batch_id uuid not null,
  person_id uuid not null,
  home_organisation_id uuid not null,
  host_facility_id uuid not null,
  specialty_code text not null references specialties (code),
  term text not null check (term in ('long', 'short')),
  starts_on date not null,
  ends_on date not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, batch_id) references batches (programme_id, id),
  foreign key (programme_id, person_id) references people (programme_id, id),
  foreign key (programme_id, home_organisation_id) references organisations (programme_id, id),
  foreign key (programme_id, host_facility_id) references facilities (programme_id, id),
  check (ends_on > starts_on)
);
create index deployments_batch on deployments (programme_id, batch_id);
create index deployments_person on deployments (programme_id, person_id);
create index deployments_host on deployments (programme_id, host_facility_id);

create table users (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  username text not null check (username ~ '^[a-z0-9][a-z0-9_.-]{1,39}$'),
  display_name text not null,
  password_hash text not null,
  role text not null check (role in ('admin', 'commander', 'supporter_cadre', 'recipient_cadre', 'expert',
    'local_staff', 'viewer')),
  organisation_id uuid not null,
  person_id uuid,
  locale text not null default 'zh-CN' check (locale in ('zh-CN', 'en')),
  disabled boolean not null default false,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, organisation_id) references organisations (programme_id, id),
  foreign key (programme_id, person_id) references people (programme_id, id)
);
-- Usernames are unique across programmes: login names no programme.
create unique index users_username on users (username);

-- Server-side sessions. Only the SHA-256 of the session token is stored.
create table sessions (
  token_hash text primary key,
  programme_id uuid not null,
  user_id uuid not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  foreign key (programme_id, user_id) references users (programme_id, id) on delete cascade
);
create index sessions_user on sessions (programme_id, user_id);

-- The audit trail: one row per change, written in the change's transaction. Rows can be
-- inserted and read, never updated or deleted (enforced below for every database role).
create table audit_log (
  programme_id uuid not null references programmes (id),
  id bigint generated always as identity,
  at timestamptz not null default now(),
  actor_user_id uuid,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  request_id text,
  primary key (programme_id, id)
);
create index audit_log_entity on audit_log (programme_id, entity, entity_id);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only' using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_is_append_only();

insert into specialties (code, name_zh, name_en) values
  ('general_surgery', '普通外科', 'General surgery'),
  ('anaesthesiology', '麻醉科', 'Anaesthesiology'),
  ('internal_medicine', '内科', 'Internal medicine'),
  ('cardiology', '心血管内科', 'Cardiology'),
  ('obstetrics_gynaecology', '妇产科', 'Obstetrics and gynaecology'),
  ('paediatrics', '儿科', 'Paediatrics'),
  ('emergency_medicine', '急诊医学科', 'Emergency medicine'),
  ('orthopaedics', '骨科', 'Orthopaedics'),
  ('medical_imaging', '医学影像科', 'Medical imaging'),
  ('ophthalmology', '眼科', 'Ophthalmology'),
  ('stomatology', '口腔科', 'Stomatology'),
  ('infectious_diseases', '感染性疾病科', 'Infectious diseases'),
  ('nursing', '护理', 'Nursing'),
  ('traditional_chinese_medicine', '中医科', 'Traditional Chinese medicine'),
  ('public_health', '公共卫生', 'Public health'),
  ('hospital_management', '医院管理', 'Hospital management');

alter table users add column last_failed_login_at timestamptz;
