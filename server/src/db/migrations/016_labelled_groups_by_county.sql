-- The report counts a region's labelled groups: without this it read every group of every county (114,000 in the
-- province benchmark, a sixth of a county's monthly report). Groups are labelled rarely, so the index costs little.
CREATE INDEX wechat_groups_county_labelled_idx ON wechat_groups (county_id, region_id) WHERE tier IS NOT NULL;
