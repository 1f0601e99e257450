-- Mentorship (师徒结对) and talent that stays: a competency catalogue per specialty, mentor–
-- apprentice contracts with goals and recorded acceptances, teaching activities, witnessed
-- assessments, monthly service counts split by who performed them, and the patient names the
-- de-identification check refuses. Contract status changes follow src/mentorship/workflow.ts.

-- A skill in a specialty's catalogue (能力项); retired items stay for history.
create table competencies (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  specialty_code text not null references specialties (code),
  code text not null check (code ~ '^[a-z][a-z0-9_]{1,59}$'),
  name text not null check (length(name) between 1 and 200),
  name_en text check (length(name_en) <= 200),
  description text not null default '' check (length(description) <= 2000),
  retired boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  unique (programme_id, code)
);
create index competencies_specialty on competencies (programme_id, specialty_code);

-- A mentor–apprentice contract: one expert mentor, one to three local apprentices.
create table mentorships (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  mentor_id uuid not null,
  -- The recipient hospital (or township centre) that hosts the teaching and accepts the contract.
  host_facility_id uuid not null,
  batch_id uuid,
  -- A second tour continues an earlier contract of the same mentor.
  continues_id uuid,
  starts_on date not null,
  ends_on date not null,
  status text not null default 'proposed' check (status in ('proposed', 'active', 'extended', 'completed',
    'ended_early', 'withdrawn')),
  status_reason text check (length(status_reason) <= 2000),
  activated_at timestamptz,
  closed_on date,
  proposed_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, mentor_id) references people (programme_id, id),
  foreign key (programme_id, host_facility_id) references facilities (programme_id, id),
  foreign key (programme_id, batch_id) references batches (programme_id, id),
  foreign key (programme_id, continues_id) references mentorships (programme_id, id),
  foreign key (programme_id, proposed_by) references users (programme_id, id),
  check (ends_on > starts_on),
  check (continues_id is null or continues_id <> id),
  check (status not in ('ended_early', 'withdrawn') or status_reason is not null)
);
create index mentorships_mentor on mentorships (programme_id, mentor_id);

create table mentorship_apprentices (
  programme_id uuid not null,
  mentorship_id uuid not null,
  person_id uuid not null,
  primary key (programme_id, mentorship_id, person_id),
  foreign key (programme_id, mentorship_id) references mentorships (programme_id, id) on delete cascade,
  foreign key (programme_id, person_id) references people (programme_id, id)
);
create index mentorship_apprentices_person on mentorship_apprentices (programme_id, person_id);

-- A goal: this apprentice reaches this entrustment level in this competency by this date.
create table mentorship_goals (
  programme_id uuid not null,
  mentorship_id uuid not null,
  person_id uuid not null,
  competency_id uuid not null,
  target_level smallint not null check (target_level between 1 and 5),
  target_on date not null,
  primary key (programme_id, mentorship_id, person_id, competency_id),
  foreign key (programme_id, mentorship_id, person_id)
    references mentorship_apprentices (programme_id, mentorship_id, person_id) on delete cascade,
  foreign key (programme_id, competency_id) references competencies (programme_id, id)
);

-- Each party's acceptance: the mentor, every apprentice (party_id = person) and the recipient
-- hospital (party_id = the host facility's organisation). The contract starts when all have.
create table mentorship_acceptances (
  programme_id uuid not null,
  mentorship_id uuid not null,
  party text not null check (party in ('mentor', 'apprentice', 'recipient_hospital')),
  party_id uuid not null,
  accepted_by uuid not null,
  accepted_at timestamptz not null default now(),
  primary key (programme_id, mentorship_id, party_id),
  foreign key (programme_id, mentorship_id) references mentorships (programme_id, id) on delete cascade,
  foreign key (programme_id, accepted_by) references users (programme_id, id)
);

-- A teaching activity (带教活动) given by an expert; a remote consult may follow the deployment.
create table teaching_activities (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('case_discussion', 'lecture', 'teaching_round', 'demonstrated_operation',
    'remote_consult')),
  teacher_id uuid not null,
  mentorship_id uuid,
  facility_id uuid not null,
  held_on date not null,
  title text not null check (length(title) between 1 and 200),
  -- De-identified by src/mentorship/deidentify.ts before it is stored.
  case_summary text not null default '' check (length(case_summary) <= 4000),
  recorded_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, teacher_id) references people (programme_id, id),
  foreign key (programme_id, mentorship_id) references mentorships (programme_id, id),
  foreign key (programme_id, facility_id) references facilities (programme_id, id),
  foreign key (programme_id, recorded_by) references users (programme_id, id)
);
create index teaching_activities_teacher on teaching_activities (programme_id, teacher_id, held_on);

create table activity_attendees (
  programme_id uuid not null,
  activity_id uuid not null,
  person_id uuid not null,
  primary key (programme_id, activity_id, person_id),
  foreign key (programme_id, activity_id) references teaching_activities (programme_id, id) on delete cascade,
  foreign key (programme_id, person_id) references people (programme_id, id)
);
create index activity_attendees_person on activity_attendees (programme_id, person_id);

create table activity_competencies (
  programme_id uuid not null,
  activity_id uuid not null,
  competency_id uuid not null,
  primary key (programme_id, activity_id, competency_id),
  foreign key (programme_id, activity_id) references teaching_activities (programme_id, id) on delete cascade,
  foreign key (programme_id, competency_id) references competencies (programme_id, id)
);

-- An assessment (考核评估): the mentor records an apprentice's new level; a recipient cadre
-- confirms it as witness (or disputes it). Only confirmed assessments count in levels and indicators.
create table assessments (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  apprentice_id uuid not null,
  competency_id uuid not null,
  mentorship_id uuid,
  assessor_id uuid not null,
  level smallint not null check (level between 1 and 5),
  assessed_on date not null,
  note text not null default '' check (length(note) <= 2000),
  -- A disputed assessment goes back to the mentor, who records a new one.
  status text not null default 'pending_confirmation' check (status in ('pending_confirmation', 'confirmed',
    'disputed')),
  dispute_reason text check (length(dispute_reason) <= 2000),
  recorded_by uuid,
  confirmed_by uuid,
  confirmed_by_person_id uuid,
  confirmed_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, apprentice_id) references people (programme_id, id),
  foreign key (programme_id, competency_id) references competencies (programme_id, id),
  foreign key (programme_id, mentorship_id) references mentorships (programme_id, id),
  foreign key (programme_id, assessor_id) references people (programme_id, id),
  foreign key (programme_id, recorded_by) references users (programme_id, id),
  foreign key (programme_id, confirmed_by) references users (programme_id, id),
  foreign key (programme_id, confirmed_by_person_id) references people (programme_id, id),
  check ((status = 'confirmed') = (confirmed_at is not null))
);
create index assessments_apprentice on assessments (programme_id, apprentice_id, competency_id, assessed_on);

-- Monthly counts of a service at a facility, split by who performed it (输血 → 造血).
create table service_records (
  programme_id uuid not null references programmes (id),
  facility_id uuid not null,
  month date not null check (extract(day from month) = 1),
  service text not null check (length(service) between 1 and 100),
  specialty_code text references specialties (code),
  local_count integer not null check (local_count >= 0),
  aid_count integer not null check (aid_count >= 0),
  source text not null default 'form' check (source in ('form', 'import', 'scenario')),
  updated_at timestamptz not null default now(),
  primary key (programme_id, facility_id, month, service),
  foreign key (programme_id, facility_id) references facilities (programme_id, id)
);
create index service_records_service on service_records (programme_id, service, month);

-- Names of patients recorded elsewhere (filled by an import or a later capability), kept so
-- case summaries naming them are refused. Plain text, not hashes: see docs/mentorship.md.
create table patient_names (
  programme_id uuid not null references programmes (id),
  full_name text not null check (length(full_name) between 2 and 100),
  created_at timestamptz not null default now(),
  primary key (programme_id, full_name)
);
