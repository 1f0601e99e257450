-- Witnessing (见证): a record that claims an achievement (a need resolved, a level reached, …) is
-- witnessed when every required party (the command HQ, the recipient organisation, the supporting
-- hospital) has attested it; a dispute sends it back to its owner. Each attestation and each change
-- of witnessed state is also an entry in the transparency log (0010), appended in the same
-- transaction. State changes follow src/witness/state.ts.

create table witness_requests (
  programme_id uuid not null references programmes (id),
  id uuid not null default gen_random_uuid(),
  -- The witnessable kind (src/witness/kinds.ts), e.g. 'need.resolved'.
  kind text not null check (kind ~ '^[a-z_]+(\.[a-z_]+)*$'),
  record_id uuid not null,
  status text not null default 'open' check (status in ('open', 'witnessed', 'disputed')),
  -- A dispute ends a round; reopening starts the next, whose attestations start afresh.
  round integer not null default 1 check (round >= 1),
  -- The digest of the record's public fields this round attests (src/transparency/entry.ts).
  record_digest text not null check (record_digest ~ '^[0-9a-f]{64}$'),
  -- Secret per request: attestor ids in the log are SHA-256(salt ‖ user id), unlinkable across records.
  salt bytea not null check (length(salt) = 32),
  batch_id uuid,
  opened_at timestamptz not null,
  witnessed_at timestamptz,
  disputed_at timestamptz,
  dispute_reason text check (length(dispute_reason) <= 2000),
  -- The log index of the entry that recorded the witnessed state (for inclusion proofs).
  witnessed_log_index bigint,
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  unique (programme_id, kind, record_id),
  foreign key (programme_id, batch_id) references batches (programme_id, id),
  check ((status = 'witnessed') = (witnessed_at is not null and witnessed_log_index is not null)),
  check (status <> 'disputed' or dispute_reason is not null)
);
create index witness_requests_status on witness_requests (programme_id, status, opened_at);

-- The parties whose attestation a request needs, resolved to organisations when it was opened.
create table witness_parties (
  programme_id uuid not null,
  request_id uuid not null,
  party text not null check (party in ('command', 'recipient', 'supporter')),
  organisation_id uuid not null,
  primary key (programme_id, request_id, party),
  foreign key (programme_id, request_id) references witness_requests (programme_id, id),
  foreign key (programme_id, organisation_id) references organisations (programme_id, id)
);
create index witness_parties_organisation on witness_parties (programme_id, organisation_id);

-- Each party's statement in a round: attested, or disputed with a reason. Never changed.
create table witness_statements (
  programme_id uuid not null,
  id uuid not null default gen_random_uuid(),
  request_id uuid not null,
  round integer not null,
  party text not null check (party in ('command', 'recipient', 'supporter')),
  verdict text not null check (verdict in ('attested', 'disputed')),
  reason text check (length(reason) between 1 and 2000),
  attestor_user_id uuid not null,
  -- As written in the log entry: the salted hash of the user id and the log key's signature.
  attestor_id text not null,
  signature text not null,
  at timestamptz not null,
  log_index bigint not null,
  primary key (programme_id, id),
  unique (programme_id, request_id, round, party),
  foreign key (programme_id, request_id, party) references witness_parties (programme_id, request_id, party),
  foreign key (programme_id, attestor_user_id) references users (programme_id, id),
  check ((verdict = 'disputed') = (reason is not null))
);

create trigger witness_statements_append_only before update or delete on witness_statements
  for each row execute function log_is_append_only();
