-- "Visited in the last 90 days" moves with the clock, so grid_coverage cannot keep it. Above the county (a city's
-- or a province's report, one row per county) counting it per grid from households reads a province's two million
-- recent households. Instead households are counted per county by the Beijing day of their last visit; the window
-- starts at a Beijing midnight (core's recentVisitWindow), so a county's figure is the sum of at most 91 rows and
-- equals the sum of its grids' counts.
CREATE TABLE county_last_visit_days (
  county_id  text NOT NULL,
  day        date NOT NULL,
  households integer NOT NULL DEFAULT 0,
  PRIMARY KEY (county_id, day)
);

-- A statement-level trigger like the coverage one: one grouped upsert per statement. A repeat visit on the same
-- Beijing day moves a household within its day, which nets to nothing and writes nothing. Rows are upserted in
-- key order so that concurrent transactions lock them in the same order.
CREATE FUNCTION households_last_visit_days() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO county_last_visit_days AS d (county_id, day, households)
    SELECT county_id, ((last_visit_at AT TIME ZONE 'UTC') + interval '8 hours')::date, count(*)
    FROM new_rows WHERE last_visit_at IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (county_id, day) DO UPDATE SET households = d.households + EXCLUDED.households;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO county_last_visit_days AS d (county_id, day, households)
    SELECT county_id, ((last_visit_at AT TIME ZONE 'UTC') + interval '8 hours')::date, -count(*)
    FROM old_rows WHERE last_visit_at IS NOT NULL
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (county_id, day) DO UPDATE SET households = d.households + EXCLUDED.households;
  ELSE
    INSERT INTO county_last_visit_days AS d (county_id, day, households)
    SELECT county_id, day, sum(sign)
    FROM (
      SELECT o.county_id, ((o.last_visit_at AT TIME ZONE 'UTC') + interval '8 hours')::date AS day, -1 AS sign
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE o.last_visit_at IS NOT NULL AND (o.county_id, o.last_visit_at) IS DISTINCT FROM (n.county_id, n.last_visit_at)
      UNION ALL
      SELECT n.county_id, ((n.last_visit_at AT TIME ZONE 'UTC') + interval '8 hours')::date, 1
      FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE n.last_visit_at IS NOT NULL AND (o.county_id, o.last_visit_at) IS DISTINCT FROM (n.county_id, n.last_visit_at)
    ) r
    GROUP BY 1, 2 HAVING sum(sign) <> 0 ORDER BY 1, 2
    ON CONFLICT (county_id, day) DO UPDATE SET households = d.households + EXCLUDED.households;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER households_last_visit_days_insert AFTER INSERT ON households
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION households_last_visit_days();
CREATE TRIGGER households_last_visit_days_delete AFTER DELETE ON households
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION households_last_visit_days();
CREATE TRIGGER households_last_visit_days_update AFTER UPDATE ON households
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION households_last_visit_days();

-- Households visited before this migration.
INSERT INTO county_last_visit_days (county_id, day, households)
SELECT county_id, ((last_visit_at AT TIME ZONE 'UTC') + interval '8 hours')::date, count(*)
FROM households WHERE last_visit_at IS NOT NULL
GROUP BY 1, 2;
