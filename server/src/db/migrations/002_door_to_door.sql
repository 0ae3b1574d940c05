-- Door to door: door labels, visits, pledges with a per-village hash chain, and per-grid coverage counters.

ALTER TABLE households
  ADD COLUMN geo_lat double precision,
  ADD COLUMN geo_lng double precision,
  ADD COLUMN label_version integer NOT NULL DEFAULT 0,   -- 0: no door label issued yet
  ADD COLUMN first_visit_at timestamptz,
  ADD COLUMN last_visit_at timestamptz,
  ADD COLUMN pledged_at timestamptz,
  ADD COLUMN app_installed boolean NOT NULL DEFAULT false,
  ADD COLUMN call_warning_on boolean NOT NULL DEFAULT false,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX households_region_last_visit_idx ON households (region_id, last_visit_at);

-- A door label's token is random and says nothing about the household. Reissuing revokes the old token.
CREATE TABLE door_labels (
  token        text PRIMARY KEY,
  household_id uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
  county_id    text NOT NULL,
  version      integer NOT NULL,
  issued_by    uuid REFERENCES users (id),
  issued_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz,
  UNIQUE (household_id, version)
);

-- The id is generated on the phone: a retried upload of the same visit is the same row.
CREATE TABLE visits (
  id                     uuid PRIMARY KEY,
  county_id              text NOT NULL,
  household_id           uuid NOT NULL REFERENCES households (id),
  grid_id                text NOT NULL REFERENCES regions (id),
  worker_id              uuid NOT NULL REFERENCES users (id),
  visited_at             timestamptz NOT NULL,
  received_at            timestamptz NOT NULL DEFAULT now(),
  briefed                boolean NOT NULL,
  app_installed          boolean NOT NULL,
  call_warning_on        boolean NOT NULL,
  emergency_contact      boolean NOT NULL,
  elderly_child_reminded boolean NOT NULL,
  note                   text NOT NULL DEFAULT '',
  geo_lat                double precision,
  geo_lng                double precision
);
CREATE INDEX visits_household_idx ON visits (household_id, visited_at);
CREATE INDEX visits_grid_idx ON visits (grid_id, visited_at);

CREATE TABLE pledge_templates (
  version    integer PRIMARY KEY,
  title      text NOT NULL,
  body       text NOT NULL,
  sha256     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE pledges (
  id               uuid PRIMARY KEY,                 -- generated on the phone, like visits
  county_id        text NOT NULL,
  village_id       text NOT NULL REFERENCES regions (id),
  household_id     uuid NOT NULL REFERENCES households (id),
  template_version integer NOT NULL REFERENCES pledge_templates (version),
  template_sha256  text NOT NULL,
  signer_name      text NOT NULL,
  signer_relation  text NOT NULL,
  strokes          text NOT NULL,                    -- compact vector encoding, see src/core
  worker_id        uuid NOT NULL REFERENCES users (id),
  signed_at        timestamptz NOT NULL,
  received_at      timestamptz NOT NULL DEFAULT now(),
  geo_lat          double precision,
  geo_lng          double precision,
  chain_seq        integer NOT NULL,
  prev_hash        text NOT NULL,
  record_hash      text NOT NULL,
  UNIQUE (village_id, chain_seq)
);
CREATE INDEX pledges_household_idx ON pledges (household_id);

-- The head of each village's chain; locking its row serialises appends to that chain.
CREATE TABLE pledge_chain_heads (
  village_id text PRIMARY KEY REFERENCES regions (id),
  last_seq   integer NOT NULL,
  last_hash  text NOT NULL
);

-- Per-grid counters kept by the triggers below in the same transaction as every household change, so that the
-- coverage report reads a few hundred rows instead of counting 300,000 households and 1,500,000 visits.
-- "Visited in the last 90 days" depends on the clock and is counted from households.last_visit_at instead.
CREATE TABLE grid_coverage (
  grid_id            text PRIMARY KEY REFERENCES regions (id),
  county_id          text NOT NULL,
  households         integer NOT NULL DEFAULT 0,
  visited            integer NOT NULL DEFAULT 0,
  pledged            integer NOT NULL DEFAULT 0,
  app_installed      integer NOT NULL DEFAULT 0,
  call_warning_on    integer NOT NULL DEFAULT 0,
  vulnerable         integer NOT NULL DEFAULT 0,   -- tagged 一老一小 or 独居老人
  vulnerable_visited integer NOT NULL DEFAULT 0
);

-- Statement-level triggers with transition tables: one grouped upsert per statement, however many households
-- it touched, so bulk imports and coalesced visit batches pay once per statement rather than once per row.
-- Grids are upserted in id order so that concurrent transactions lock counter rows in the same order.
CREATE FUNCTION coverage_add(rows households[], sign integer) RETURNS void AS $$
  INSERT INTO grid_coverage AS g (grid_id, county_id, households, visited, pledged, app_installed, call_warning_on, vulnerable, vulnerable_visited)
  SELECT r.region_id, min(r.county_id),
         sign * count(*),
         sign * count(*) FILTER (WHERE r.first_visit_at IS NOT NULL),
         sign * count(*) FILTER (WHERE r.pledged_at IS NOT NULL),
         sign * count(*) FILTER (WHERE r.app_installed),
         sign * count(*) FILTER (WHERE r.call_warning_on),
         sign * count(*) FILTER (WHERE r.tags && ARRAY['一老一小', '独居老人']::text[]),
         sign * count(*) FILTER (WHERE r.tags && ARRAY['一老一小', '独居老人']::text[] AND r.first_visit_at IS NOT NULL)
  FROM unnest(rows) AS r
  GROUP BY r.region_id
  ORDER BY r.region_id
  ON CONFLICT (grid_id) DO UPDATE SET
    households         = g.households + EXCLUDED.households,
    visited            = g.visited + EXCLUDED.visited,
    pledged            = g.pledged + EXCLUDED.pledged,
    app_installed      = g.app_installed + EXCLUDED.app_installed,
    call_warning_on    = g.call_warning_on + EXCLUDED.call_warning_on,
    vulnerable         = g.vulnerable + EXCLUDED.vulnerable,
    vulnerable_visited = g.vulnerable_visited + EXCLUDED.vulnerable_visited
$$ LANGUAGE sql;

CREATE FUNCTION households_coverage_inserted() RETURNS trigger AS $$
BEGIN
  PERFORM coverage_add(ARRAY(SELECT n::households FROM new_rows n), 1);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION households_coverage_deleted() RETURNS trigger AS $$
BEGIN
  PERFORM coverage_add(ARRAY(SELECT o::households FROM old_rows o), -1);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Only rows whose counted facts changed move the counters (an address edit or a later visit date does not).
CREATE FUNCTION households_coverage_updated() RETURNS trigger AS $$
BEGIN
  PERFORM coverage_add(ARRAY(
    SELECT o::households FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.region_id, o.tags, o.first_visit_at IS NULL, o.pledged_at IS NULL, o.app_installed, o.call_warning_on)
      IS DISTINCT FROM (n.region_id, n.tags, n.first_visit_at IS NULL, n.pledged_at IS NULL, n.app_installed, n.call_warning_on)), -1);
  PERFORM coverage_add(ARRAY(
    SELECT n::households FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (o.region_id, o.tags, o.first_visit_at IS NULL, o.pledged_at IS NULL, o.app_installed, o.call_warning_on)
      IS DISTINCT FROM (n.region_id, n.tags, n.first_visit_at IS NULL, n.pledged_at IS NULL, n.app_installed, n.call_warning_on)), 1);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER households_coverage_insert AFTER INSERT ON households
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION households_coverage_inserted();
CREATE TRIGGER households_coverage_delete AFTER DELETE ON households
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION households_coverage_deleted();
CREATE TRIGGER households_coverage_update AFTER UPDATE ON households
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION households_coverage_updated();

-- Households that existed before this migration.
INSERT INTO grid_coverage (grid_id, county_id, households, vulnerable)
SELECT region_id, min(county_id), count(*), count(*) FILTER (WHERE tags && ARRAY['一老一小', '独居老人']::text[])
FROM households GROUP BY region_id;
