-- Daily case bulletins, their versions, the WeChat groups they reach, the share tree, opens, reminder
-- subscriptions and the outbox of messages to send. Large tables carry county_id (Citus distribution column).

-- One row per bulletin: its id is what shares and opens point at, so a corrected bulletin keeps its reach.
-- A bulletin is visible to residents once published_at has passed (a scheduled one needs no job to appear)
-- and until it is retracted.
CREATE TABLE bulletins (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  county_id       text NOT NULL,
  region_id       text NOT NULL REFERENCES regions (id),     -- the station's town or county
  bulletin_date   date NOT NULL,                             -- the day whose cases it reports
  current_version integer NOT NULL DEFAULT 1,
  published_at    timestamptz,                               -- null: draft; in the future: scheduled
  retracted_at    timestamptz,
  retracted_by    uuid REFERENCES users (id),
  retract_reason  text,
  created_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bulletins_published_idx ON bulletins (county_id, published_at DESC);
CREATE INDEX bulletins_region_idx ON bulletins (region_id, bulletin_date DESC);

-- Editing a draft rewrites its current version; editing a published bulletin adds a version.
CREATE TABLE bulletin_versions (
  bulletin_id uuid NOT NULL REFERENCES bulletins (id) ON DELETE CASCADE,
  version     integer NOT NULL,
  title       text NOT NULL,
  cases       jsonb NOT NULL,                                -- BulletinCase[] (src/core/bulletin-api.ts)
  advice      text NOT NULL,                                 -- the closing 警方提示
  edited_by   uuid NOT NULL REFERENCES users (id),
  edited_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (bulletin_id, version)
);

-- A WeChat group, registered the first time a card is opened from it (its opengid is stable per app),
-- then labelled by the cadre who owns it.
CREATE TABLE wechat_groups (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  county_id     text NOT NULL,
  opengid       text NOT NULL UNIQUE,
  name          text,                                        -- null until labelled
  tier          smallint CHECK (tier IN (1, 2)),             -- 1 平安群, 2 村群; null until labelled
  region_id     text REFERENCES regions (id),                -- the village (or town for a 平安群)
  owner_id      uuid REFERENCES users (id),
  first_seen_at timestamptz NOT NULL DEFAULT now(),
  labelled_at   timestamptz
);
CREATE INDEX wechat_groups_region_idx ON wechat_groups (region_id);
CREATE INDEX wechat_groups_owner_idx ON wechat_groups (owner_id);

-- Every share of a bulletin; the id travels in the shared path. Tier 0 is the station's own share.
CREATE TABLE shares (
  id          text PRIMARY KEY,                              -- short opaque id (src/core/share-tree.ts)
  bulletin_id uuid NOT NULL REFERENCES bulletins (id),
  county_id   text NOT NULL,
  parent_id   text REFERENCES shares (id),
  tier        smallint NOT NULL CHECK (tier >= 0),           -- parent's tier + 1
  sharer_id   uuid REFERENCES users (id),                    -- null when an anonymous reader shared
  reader_key  text,                                          -- the anonymous reader who shared, if any
  group_id    uuid REFERENCES wechat_groups (id),            -- the group the sharer had opened it from
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shares_bulletin_idx ON shares (bulletin_id, created_at);
CREATE INDEX shares_sharer_idx ON shares (sharer_id, created_at);

-- One row per reader and group (or per reader with no group): a reader opening twice is counted once.
-- reader_key is 'u:<user id>' for a signed-in reader, 'd:<device id>' for an anonymous one.
CREATE TABLE opens (
  id          bigserial PRIMARY KEY,
  bulletin_id uuid NOT NULL REFERENCES bulletins (id),
  county_id   text NOT NULL,
  share_id    text REFERENCES shares (id),
  group_id    uuid REFERENCES wechat_groups (id),
  reader_key  text NOT NULL,
  scene       integer,                                       -- the mini-program launch scene, e.g. 1044 group card
  opened_at   timestamptz NOT NULL,
  UNIQUE NULLS NOT DISTINCT (bulletin_id, reader_key, group_id)
);
CREATE INDEX opens_bulletin_group_idx ON opens (bulletin_id, group_id, opened_at);

-- One-time subscribe messages: every 允许 in requestSubscribeMessage grants one send of that template.
CREATE TABLE subscriptions (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  template_key text NOT NULL,                                -- SUBSCRIBE_TEMPLATES key
  remaining    integer NOT NULL DEFAULT 0 CHECK (remaining >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, template_key)
);

-- Messages to send, written in the same transaction as the change that causes them and sent by a worker.
CREATE TABLE outbox (
  id              bigserial PRIMARY KEY,
  county_id       text NOT NULL,
  kind            text NOT NULL,                             -- e.g. bulletin_published, bulletin_not_reached
  dedupe_key      text NOT NULL UNIQUE,                      -- the same reminder is never queued twice
  user_id         uuid NOT NULL REFERENCES users (id),
  template_key    text NOT NULL,
  payload         jsonb NOT NULL,                            -- the template's data fields and page path
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_errcode    integer,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE status = 'pending';
