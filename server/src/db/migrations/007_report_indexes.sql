-- The day / week / month report (issue 7) reads a county's rows of a period.

-- A county's month of visits is a quarter of a million rows: carrying the columns the report counts lets it read
-- them from the index alone (visits are never updated, so the visibility map stays set) instead of visiting
-- twenty thousand heap pages.
CREATE INDEX visits_county_time_cover_idx ON visits (county_id, visited_at)
  INCLUDE (grid_id, household_id, app_installed, call_warning_on);

-- Opens of a period: without it the report reads every open the county ever had. Opens are never updated either,
-- so the columns it counts come from the index alone.
CREATE INDEX opens_county_time_idx ON opens (county_id, opened_at) INCLUDE (bulletin_id, group_id, reader_key);

-- Coverage counts every household of the county per grid: a sixth of the table's size to read, in grid order.
-- It serves every lookup by county the narrower index of migration 001 did.
CREATE INDEX households_county_region_idx ON households (county_id, region_id) INCLUDE (first_visit_at);
DROP INDEX IF EXISTS households_county_idx;

-- The covering index above serves every query the narrower one of migration 006 did; one index less to write per visit.
DROP INDEX IF EXISTS visits_county_time_idx;

-- Every visit rewrites its household row and adds a visit row, so each index on them is paid on the write path.
-- No query reads visits by grid (reports go by county and time, coverage by counters), and the (region_id,
-- last_visit_at) index answers every lookup by region that the single-column one did.
DROP INDEX IF EXISTS visits_grid_idx;
DROP INDEX IF EXISTS households_region_idx;
