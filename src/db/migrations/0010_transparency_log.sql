-- The transparency log (see docs/transparency.md): one RFC 9162 Merkle tree per programme.
--
-- log_entries holds each leaf's canonical JSON; log_nodes holds every complete (perfect)
-- subtree, leaves (level 0) included, so proofs never read the entries and an entry edited in
-- place still disagrees with the tree that was committed when it was appended. log_heads is the
-- sequencer: appenders lock a programme's head row, so indexes are dense and never reused.
-- Entries, nodes, checkpoints and keys are never updated or deleted (enforced below); a head
-- only grows.

create table log_heads (
  programme_id uuid primary key references programmes (id),
  size bigint not null default 0 check (size >= 0),
  -- The perfect subtrees covering [0, size), leftmost first, as concatenated 32-byte hashes.
  frontier bytea not null default ''::bytea,
  updated_at timestamptz not null default now()
);

create table log_entries (
  programme_id uuid not null references programmes (id),
  idx bigint not null check (idx >= 0),
  entry text not null,
  leaf_hash bytea not null check (length(leaf_hash) = 32),
  created_at timestamptz not null default now(),
  primary key (programme_id, idx)
);

create table log_nodes (
  programme_id uuid not null references programmes (id),
  level smallint not null check (level between 0 and 63),
  idx bigint not null check (idx >= 0),
  hash bytea not null check (length(hash) = 32),
  primary key (programme_id, level, idx)
);

-- Every checkpoint the log signed, so the next one is checked to be consistent with it.
create table log_checkpoints (
  programme_id uuid not null references programmes (id),
  size bigint not null check (size >= 0),
  root bytea not null check (length(root) = 32),
  note text not null,
  signed_at timestamptz not null default now(),
  primary key (programme_id, size)
);

-- The log's note signing key when ZUTUAN_LOG_SIGNER_KEY is not set: created once by whichever
-- process starts first (insert … on conflict do nothing), then shared by every process.
create table log_keys (
  id smallint primary key default 1 check (id = 1),
  signer_key text not null,
  verifier_key text not null,
  created_at timestamptz not null default now()
);

create function log_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name using errcode = 'insufficient_privilege';
end
$$;

create function log_head_only_grows() returns trigger language plpgsql as $$
begin
  if tg_op <> 'UPDATE' or new.size < old.size or new.programme_id <> old.programme_id then
    raise exception 'a log head only grows' using errcode = 'insufficient_privilege';
  end if;
  return new;
end
$$;

create trigger log_entries_no_update before update or delete on log_entries
  for each row execute function log_is_append_only();
create trigger log_entries_no_truncate before truncate on log_entries
  for each statement execute function log_is_append_only();
create trigger log_nodes_no_update before update or delete on log_nodes
  for each row execute function log_is_append_only();
create trigger log_nodes_no_truncate before truncate on log_nodes
  for each statement execute function log_is_append_only();
create trigger log_checkpoints_no_update before update or delete on log_checkpoints
  for each row execute function log_is_append_only();
create trigger log_checkpoints_no_truncate before truncate on log_checkpoints
  for each statement execute function log_is_append_only();
create trigger log_keys_no_update before update or delete on log_keys
  for each row execute function log_is_append_only();
create trigger log_keys_no_truncate before truncate on log_keys
  for each statement execute function log_is_append_only();
create trigger log_heads_only_grow before update or delete on log_heads
  for each row execute function log_head_only_grows();
create trigger log_heads_no_truncate before truncate on log_heads
  for each statement execute function log_is_append_only();
