-- Witnessable kinds beyond need.resolved (src/witness/kinds/): a teaching activity is marked
-- witnessed when every party attested it (command, host organisation, the teacher's home hospital).
-- Assessments keep their own confirmation (0005), completed contracts and met targets their states;
-- the witnessed state of every kind is in witness_requests (0011).

alter table teaching_activities add column witnessed_at timestamptz;
