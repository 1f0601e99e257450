-- Soft law (软法): agreements between the parties, their clauses with each party's duties, and
-- measurable targets tracked by an indicator of the catalogue (src/indicators/catalogue.ts).
-- A target's status is computed (src/agreements/target-status.ts), never stored by hand; the
-- daily job records when a target is first seen met (a witnessable achievement) and reminds
-- the responsible party's users of due and overdue reviews.

-- Uploaded files (the signed agreement), kept in the database so both drivers back them up alike.
create table documents (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  file_name text not null check (length(file_name) between 1 and 200),
  media_type text not null check (media_type = 'application/pdf'),
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea not null,
  uploaded_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, uploaded_by) references users (programme_id, id)
);

create table agreements (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  type text not null check (type in ('agreement', 'memorandum', 'plan', 'letter_of_intent', 'consensus')),
  title text not null check (length(title) between 1 and 200),
  summary text not null default '' check (length(summary) <= 4000),
  effective_on date not null,
  expires_on date,
  document_id uuid,
  -- The organisation that recorded it: scope of who may change it.
  owner_organisation_id uuid not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, document_id) references documents (programme_id, id),
  foreign key (programme_id, owner_organisation_id) references organisations (programme_id, id),
  foreign key (programme_id, created_by) references users (programme_id, id),
  check (expires_on is null or expires_on > effective_on)
);
create index agreements_owner on agreements (programme_id, owner_organisation_id);

create table agreement_parties (
  programme_id uuid not null,
  agreement_id uuid not null,
  organisation_id uuid not null,
  primary key (programme_id, agreement_id, organisation_id),
  foreign key (programme_id, agreement_id) references agreements (programme_id, id) on delete cascade,
  foreign key (programme_id, organisation_id) references organisations (programme_id, id)
);
create index agreement_parties_org on agreement_parties (programme_id, organisation_id);

create table agreement_signatories (
  programme_id uuid not null,
  agreement_id uuid not null,
  person_id uuid not null,
  organisation_id uuid not null,
  signed_on date,
  primary key (programme_id, agreement_id, person_id),
  foreign key (programme_id, agreement_id, organisation_id)
    references agreement_parties (programme_id, agreement_id, organisation_id) on delete cascade,
  foreign key (programme_id, person_id) references people (programme_id, id)
);

create table agreement_clauses (
  programme_id uuid not null,
  id uuid not null default gen_random_uuid(),
  agreement_id uuid not null,
  number integer not null check (number between 1 and 999),
  text text not null check (length(text) between 1 and 4000),
  primary key (programme_id, id),
  unique (programme_id, agreement_id, number),
  foreign key (programme_id, agreement_id) references agreements (programme_id, id) on delete cascade
);

-- What a clause asks of one party (a party may have several duties in a clause).
create table clause_duties (
  programme_id uuid not null,
  id uuid not null default gen_random_uuid(),
  clause_id uuid not null,
  agreement_id uuid not null,
  organisation_id uuid not null,
  duty text not null check (length(duty) between 1 and 2000),
  primary key (programme_id, id),
  foreign key (programme_id, clause_id) references agreement_clauses (programme_id, id) on delete cascade,
  foreign key (programme_id, agreement_id, organisation_id)
    references agreement_parties (programme_id, agreement_id, organisation_id)
);

-- A measurable commitment: an indicator (by catalogue id, optionally one row of a breakdown)
-- moving from a baseline to a target value by a due date, with a responsible party.
create table agreement_targets (
  programme_id uuid not null,
  id uuid not null default gen_random_uuid(),
  agreement_id uuid not null,
  clause_id uuid not null,
  indicator_id text not null check (indicator_id ~ '^[a-z][a-z0-9_.]{1,79}$'),
  breakdown text not null default 'programme' check (breakdown in ('programme', 'batch', 'county', 'facility',
    'specialty', 'month')),
  breakdown_key text check (length(breakdown_key) <= 100),
  specialty_code text references specialties (code),
  description text not null default '' check (length(description) <= 1000),
  baseline numeric(14, 4) not null,
  baseline_on date not null,
  target_value numeric(14, 4) not null,
  due_on date not null,
  responsible_organisation_id uuid not null,
  -- Set by evaluation when the target is first seen met: the achievement to witness.
  met_at timestamptz,
  met_value numeric(14, 4),
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, clause_id) references agreement_clauses (programme_id, id) on delete cascade,
  foreign key (programme_id, agreement_id, responsible_organisation_id)
    references agreement_parties (programme_id, agreement_id, organisation_id),
  check (due_on > baseline_on),
  check ((met_at is null) = (met_value is null))
);
create index agreement_targets_agreement on agreement_targets (programme_id, agreement_id);
create index agreement_targets_met on agreement_targets (programme_id, met_at) where met_at is not null;

-- Evidence behind a target: a record of the platform (entity + id) or an uploaded document.
create table target_evidence (
  programme_id uuid not null,
  id uuid not null default gen_random_uuid(),
  target_id uuid not null,
  entity text not null check (entity ~ '^[a-z][a-z_]{1,39}$'),
  entity_id text not null check (length(entity_id) between 1 and 100),
  note text not null default '' check (length(note) <= 1000),
  added_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  unique (programme_id, target_id, entity, entity_id),
  foreign key (programme_id, target_id) references agreement_targets (programme_id, id) on delete cascade,
  foreign key (programme_id, added_by) references users (programme_id, id)
);

-- Scheduled reviews of an agreement; the responsible party's users are reminded when due.
create table agreement_reviews (
  programme_id uuid not null,
  id uuid not null default gen_random_uuid(),
  agreement_id uuid not null,
  due_on date not null,
  responsible_organisation_id uuid not null,
  done_on date,
  outcome text not null default '' check (length(outcome) <= 4000),
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, agreement_id) references agreements (programme_id, id) on delete cascade,
  foreign key (programme_id, agreement_id, responsible_organisation_id)
    references agreement_parties (programme_id, agreement_id, organisation_id),
  check ((done_on is null) = (outcome = ''))
);
create index agreement_reviews_due on agreement_reviews (programme_id, due_on) where done_on is null;

-- One reminder per review, user and day (the daily job is idempotent).
create table review_reminders (
  programme_id uuid not null,
  review_id uuid not null,
  user_id uuid not null,
  reminded_on date not null,
  overdue boolean not null,
  primary key (programme_id, review_id, user_id, reminded_on),
  foreign key (programme_id, review_id) references agreement_reviews (programme_id, id) on delete cascade,
  foreign key (programme_id, user_id) references users (programme_id, id)
);
create index review_reminders_user on review_reminders (programme_id, user_id, reminded_on);
