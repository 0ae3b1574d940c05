-- Every synced batch of visits updates its households, and the coverage trigger runs once per batch. It used to
-- call coverage_add twice (a SQL function, planned afresh on every call); one INSERT in PL/pgSQL keeps its plan
-- for the session and adds each changed household's old facts with -1 and its new facts with +1 in one pass.
-- A repeat visit changes no counted fact, so it finds no rows and writes nothing.
CREATE OR REPLACE FUNCTION households_coverage_updated() RETURNS trigger AS $$
BEGIN
  INSERT INTO grid_coverage AS g (grid_id, county_id, households, visited, pledged, app_installed, call_warning_on, vulnerable, vulnerable_visited)
  SELECT r.region_id, min(r.county_id),
         sum(r.sign),
         coalesce(sum(r.sign) FILTER (WHERE r.first_visit_at IS NOT NULL), 0),
         coalesce(sum(r.sign) FILTER (WHERE r.pledged_at IS NOT NULL), 0),
         coalesce(sum(r.sign) FILTER (WHERE r.app_installed), 0),
         coalesce(sum(r.sign) FILTER (WHERE r.call_warning_on), 0),
         coalesce(sum(r.sign) FILTER (WHERE r.tags && ARRAY['一老一小', '独居老人']::text[]), 0),
         coalesce(sum(r.sign) FILTER (WHERE r.tags && ARRAY['一老一小', '独居老人']::text[] AND r.first_visit_at IS NOT NULL), 0)
  FROM (
    SELECT -1 AS sign, o.region_id, o.county_id, o.first_visit_at, o.pledged_at, o.app_installed, o.call_warning_on, o.tags
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.region_id, o.tags, o.first_visit_at IS NULL, o.pledged_at IS NULL, o.app_installed, o.call_warning_on)
      IS DISTINCT FROM (n.region_id, n.tags, n.first_visit_at IS NULL, n.pledged_at IS NULL, n.app_installed, n.call_warning_on)
    UNION ALL
    SELECT 1, n.region_id, n.county_id, n.first_visit_at, n.pledged_at, n.app_installed, n.call_warning_on, n.tags
    FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.region_id, o.tags, o.first_visit_at IS NULL, o.pledged_at IS NULL, o.app_installed, o.call_warning_on)
      IS DISTINCT FROM (n.region_id, n.tags, n.first_visit_at IS NULL, n.pledged_at IS NULL, n.app_installed, n.call_warning_on)
  ) r
  GROUP BY r.region_id
  ORDER BY r.region_id
  ON CONFLICT (grid_id) DO UPDATE SET
    households         = g.households + EXCLUDED.households,
    visited            = g.visited + EXCLUDED.visited,
    pledged            = g.pledged + EXCLUDED.pledged,
    app_installed      = g.app_installed + EXCLUDED.app_installed,
    call_warning_on    = g.call_warning_on + EXCLUDED.call_warning_on,
    vulnerable         = g.vulnerable + EXCLUDED.vulnerable,
    vulnerable_visited = g.vulnerable_visited + EXCLUDED.vulnerable_visited;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
