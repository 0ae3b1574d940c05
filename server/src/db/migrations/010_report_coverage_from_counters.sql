-- The report's coverage at the ends of a period (households first visited before each instant) starts from the
-- per-grid counters, which hold today's figure, and takes away the households first visited since: only those
-- are read, through this index, instead of every household of the county. The report was this index's reader
-- of households by county; it replaces the one of migration 007, so a visit writes no more index entries.
CREATE INDEX households_county_first_visit_idx ON households (county_id, first_visit_at) INCLUDE (region_id)
  WHERE first_visit_at IS NOT NULL;
DROP INDEX IF EXISTS households_county_region_idx;
