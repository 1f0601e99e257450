-- The date of each person's first teaching activity serving each competency, kept by triggers.
--
-- `mentorship.median_months_to_level4` measures from an apprentice's first teaching activity in
-- a competency to the first confirmed level 4. Computing that first date means joining every
-- attendance with every competency an activity served (≈110,000 rows at scale 50), which alone
-- took most of a second; with this table the indicator joins the few thousand "reached" pairs
-- by primary key. The triggers recompute a person's rows from the three source tables whenever
-- an attendance, an activity's competencies or an activity's date change, so the table can
-- never disagree with them, whichever code path writes.

create table teaching_firsts (
  programme_id uuid not null,
  person_id uuid not null,
  competency_id uuid not null,
  first_on date not null,
  primary key (programme_id, person_id, competency_id),
  foreign key (programme_id, person_id) references people (programme_id, id),
  foreign key (programme_id, competency_id) references competencies (programme_id, id)
);

-- Recomputes the given people's rows from the source tables. Additions only ever lower a first
-- date, so they merge with least() and no delete: two transactions recording activities for the
-- same person at once both end with the earlier date. Removals and date changes (which the
-- application never makes; an administrator's repair might) replace the people's rows.
create function teaching_firsts_refresh(p_programme uuid[], p_person uuid[], p_replace boolean) returns void
language sql as $$
  delete from teaching_firsts t
  using unnest(p_programme, p_person) as q(programme_id, person_id)
  where p_replace and t.programme_id = q.programme_id and t.person_id = q.person_id;
  insert into teaching_firsts as t (programme_id, person_id, competency_id, first_on)
  select aa.programme_id, aa.person_id, ac.competency_id, min(ta.held_on)
  from (select distinct programme_id, person_id from unnest(p_programme, p_person) as q(programme_id, person_id)) q
  join activity_attendees aa on aa.programme_id = q.programme_id and aa.person_id = q.person_id
  join activity_competencies ac on ac.programme_id = aa.programme_id and ac.activity_id = aa.activity_id
  join teaching_activities ta on ta.programme_id = aa.programme_id and ta.id = aa.activity_id
  group by aa.programme_id, aa.person_id, ac.competency_id
  on conflict (programme_id, person_id, competency_id)
    do update set first_on = case when p_replace then excluded.first_on else least(t.first_on, excluded.first_on) end;
$$;

-- Attendances added or removed (statement level: a bulk load refreshes its people once).
create function teaching_firsts_on_attendees() returns trigger language plpgsql as $$
begin
  perform teaching_firsts_refresh(array_agg(programme_id), array_agg(person_id), tg_op = 'DELETE')
  from (select distinct programme_id, person_id from changed) c;
  return null;
end $$;
create trigger teaching_firsts_attendees_insert after insert on activity_attendees
  referencing new table as changed for each statement execute function teaching_firsts_on_attendees();
create trigger teaching_firsts_attendees_delete after delete on activity_attendees
  referencing old table as changed for each statement execute function teaching_firsts_on_attendees();

-- Competencies added to or removed from activities: refresh those activities' attendees.
create function teaching_firsts_on_competencies() returns trigger language plpgsql as $$
begin
  perform teaching_firsts_refresh(array_agg(programme_id), array_agg(person_id), tg_op = 'DELETE')
  from (select distinct aa.programme_id, aa.person_id
        from (select distinct programme_id, activity_id from changed) c
        join activity_attendees aa on aa.programme_id = c.programme_id and aa.activity_id = c.activity_id) p;
  return null;
end $$;
create trigger teaching_firsts_competencies_insert after insert on activity_competencies
  referencing new table as changed for each statement execute function teaching_firsts_on_competencies();
create trigger teaching_firsts_competencies_delete after delete on activity_competencies
  referencing old table as changed for each statement execute function teaching_firsts_on_competencies();

-- An activity's date changed: refresh its attendees.
create function teaching_firsts_on_held_on() returns trigger language plpgsql as $$
begin
  perform teaching_firsts_refresh(array_agg(programme_id), array_agg(person_id), true)
  from activity_attendees where programme_id = new.programme_id and activity_id = new.id;
  return null;
end $$;
create trigger teaching_firsts_held_on after update of held_on on teaching_activities
  for each row when (old.held_on is distinct from new.held_on) execute function teaching_firsts_on_held_on();

-- Activities recorded before this migration.
insert into teaching_firsts (programme_id, person_id, competency_id, first_on)
select aa.programme_id, aa.person_id, ac.competency_id, min(ta.held_on)
from activity_attendees aa
join activity_competencies ac on ac.programme_id = aa.programme_id and ac.activity_id = aa.activity_id
join teaching_activities ta on ta.programme_id = aa.programme_id and ta.id = aa.activity_id
group by aa.programme_id, aa.person_id, ac.competency_id;
