-- Foundation: the region tree, users and their roles, sessions, households and the audit log.
-- Large tables carry county_id so that a distributed PostgreSQL (Citus) can shard on it.

CREATE TABLE regions (
  id          text PRIMARY KEY,               -- statistical division code, or a generated grid code
  parent_id   text REFERENCES regions (id),
  level       text NOT NULL CHECK (level IN ('county', 'town', 'village', 'grid')),
  name        text NOT NULL,
  path        text NOT NULL UNIQUE,           -- "/county/town/village/grid/": scope checks are prefix matches
  county_id   text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX regions_parent_idx ON regions (parent_id);
CREATE INDEX regions_path_idx ON regions (path text_pattern_ops);

CREATE TABLE users (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  openid        text UNIQUE,                  -- null for users who have never logged in through WeChat
  display_name  text NOT NULL,
  demo_persona  text UNIQUE,                  -- set only on seeded demo users
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role_assignments (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role       text NOT NULL CHECK (role IN ('admin', 'cadre', 'grid_worker', 'dissuader', 'resident')),
  region_id  text NOT NULL REFERENCES regions (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, role, region_id)
);
CREATE INDEX role_assignments_region_idx ON role_assignments (region_id);

CREATE TABLE sessions (
  token_hash       text PRIMARY KEY,          -- HMAC of the bearer token: a leaked table gives no usable tokens
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  session_key_enc  text,                      -- WeChat session_key, encrypted; needed later to decrypt group data
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  revoked_at       timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE households (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  county_id   text NOT NULL,
  region_id   text NOT NULL REFERENCES regions (id),   -- the grid
  code        text NOT NULL UNIQUE,                    -- short code printed on the door label
  address     text NOT NULL,
  head_name   text NOT NULL,
  phone_enc   text,                                    -- encrypted; shown masked
  phone_last4 text,
  tags        text[] NOT NULL DEFAULT '{}',
  member_count integer NOT NULL DEFAULT 1 CHECK (member_count BETWEEN 1 AND 30),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX households_region_idx ON households (region_id);
CREATE INDEX households_county_idx ON households (county_id);

CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  county_id   text,
  actor_id    uuid,
  action      text NOT NULL,
  target_type text NOT NULL,
  target_id   text,
  detail      jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
