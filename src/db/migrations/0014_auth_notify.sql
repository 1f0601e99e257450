-- Processes may cache who a session belongs to (src/auth/session-cache.ts). Whatever ends a
-- session or changes what a session resolves to announces it on channel `zutuan_auth`, at
-- commit, to every process (NOTIFY is transactional): 's:<token hash>' for an ended session,
-- 'u:<user id>' for a changed or removed account, '*' when an organisation moves or goes (its
-- whole subtree's scope changes). Triggers, not application code, so no write path can forget.

create function auth_notify_session() returns trigger language plpgsql as $$
begin
  perform pg_notify('zutuan_auth', 's:' || old.token_hash);
  return null;
end $$;
create trigger sessions_notify after delete on sessions
  for each row execute function auth_notify_session();

create function auth_notify_user() returns trigger language plpgsql as $$
begin
  perform pg_notify('zutuan_auth', 'u:' || old.id::text);
  return null;
end $$;
create trigger users_notify after update of programme_id, username, display_name, role, organisation_id,
  person_id, locale, disabled on users
  for each row execute function auth_notify_user();
create trigger users_notify_delete after delete on users
  for each row execute function auth_notify_user();

create function auth_notify_all() returns trigger language plpgsql as $$
begin
  perform pg_notify('zutuan_auth', '*');
  return null;
end $$;
create trigger organisations_notify after update of programme_id, path on organisations
  for each statement execute function auth_notify_all();
create trigger organisations_notify_delete after delete on organisations
  for each statement execute function auth_notify_all();
