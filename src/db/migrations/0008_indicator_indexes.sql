-- Indexes for the indicator catalogue and the dependence figures (bench/indicators.ts): the
-- latest recorded month of a programme's service records (the recent window), and a
-- facility's staff found through its organisation.
create index service_records_month on service_records (programme_id, month);
create index facilities_organisation on facilities (programme_id, organisation_id);
