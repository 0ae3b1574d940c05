-- Warnings (预警劝阻) with their timestamped steps, door-visit tasks they create, and outreach activities.

CREATE TABLE warnings (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  county_id        text NOT NULL,
  region_id        text NOT NULL REFERENCES regions (id),   -- town, village or grid the resident lives in
  household_id     uuid REFERENCES households (id),          -- when the resident's household is known
  resident_name    text NOT NULL,
  phone_enc        text NOT NULL,                            -- encrypted; shown masked except to the assignee
  phone_last4      text NOT NULL,
  address          text NOT NULL DEFAULT '',
  fraud_type       text NOT NULL,                            -- FRAUD_TYPES key
  risk_level       text NOT NULL CHECK (risk_level IN ('high', 'medium', 'low')),
  source           text NOT NULL,                            -- WARNING_SOURCES key
  amount_at_risk   numeric(14, 2),                           -- what the resident was about to pay, when known
  received_at      timestamptz NOT NULL,
  contact_due_at   timestamptz NOT NULL,                     -- received_at + the time limit of its risk level
  assignee_id      uuid REFERENCES users (id),
  state            text NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'contacted', 'dissuaded', 'defrauded', 'unreachable', 'false_alarm')),
  first_contact_at timestamptz,                              -- the first step out of 待处置 (contacted or unreachable)
  closed_at        timestamptz,                              -- when it reached an outcome
  loss_amount      numeric(14, 2),                           -- 已受骗 only
  escalated_at     timestamptz,                              -- when the overdue reminders were queued
  version          integer NOT NULL DEFAULT 1,               -- bumped by every step: concurrent steps, one wins
  created_by       uuid NOT NULL REFERENCES users (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX warnings_region_idx ON warnings (region_id, received_at DESC);
CREATE INDEX warnings_county_received_idx ON warnings (county_id, received_at);
CREATE INDEX warnings_assignee_idx ON warnings (assignee_id, contact_due_at) WHERE closed_at IS NULL;
CREATE INDEX warnings_overdue_idx ON warnings (contact_due_at) WHERE state = 'pending' AND escalated_at IS NULL;

CREATE TABLE warning_events (
  id          bigserial PRIMARY KEY,
  warning_id  uuid NOT NULL REFERENCES warnings (id),
  kind        text NOT NULL,              -- created, assigned, escalated, or the WARNING_STEPS step taken (contact, dissuaded, …, reopen, return_visit)
  from_state  text,
  to_state    text,
  actor_id    uuid REFERENCES users (id), -- null for the system (escalation)
  note        text NOT NULL DEFAULT '',
  loss_amount numeric(14, 2),
  at          timestamptz NOT NULL
);
CREATE INDEX warning_events_warning_idx ON warning_events (warning_id, at);

-- Doors to knock on that did not come from the patrol plan's own ranking: for now, 无法联系 warnings.
CREATE TABLE visit_tasks (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  county_id    text NOT NULL,
  region_id    text NOT NULL REFERENCES regions (id),   -- the household's grid, else the warning's village or grid
  household_id uuid REFERENCES households (id),
  warning_id   uuid REFERENCES warnings (id),
  reason       text NOT NULL,                           -- warning_unreachable
  address      text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL,
  done_at      timestamptz,
  done_by      uuid REFERENCES users (id),
  done_note    text NOT NULL DEFAULT ''
);
CREATE INDEX visit_tasks_open_idx ON visit_tasks (region_id) WHERE done_at IS NULL;
CREATE UNIQUE INDEX visit_tasks_warning_idx ON visit_tasks (warning_id) WHERE done_at IS NULL;

CREATE TABLE activities (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  county_id       text NOT NULL,
  region_id       text NOT NULL REFERENCES regions (id),
  kind            text NOT NULL,              -- ACTIVITY_KINDS key
  title           text NOT NULL,
  place           text NOT NULL,
  held_at         timestamptz NOT NULL,
  organiser       text NOT NULL,              -- the unit or person in charge, as written
  attendance      integer NOT NULL CHECK (attendance >= 0),
  target_groups   text[] NOT NULL DEFAULT '{}',
  materials       integer NOT NULL DEFAULT 0 CHECK (materials >= 0),   -- leaflets and gifts handed out
  summary         text NOT NULL DEFAULT '',
  created_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activities_region_idx ON activities (region_id, held_at DESC);
CREATE INDEX activities_county_held_idx ON activities (county_id, held_at);

-- Photos are compressed on the phone before upload; the thumbnail is made there too.
CREATE TABLE activity_photos (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  activity_id uuid NOT NULL REFERENCES activities (id) ON DELETE CASCADE,
  mime        text NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
  photo       bytea NOT NULL,
  thumbnail   bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_photos_activity_idx ON activity_photos (activity_id, created_at);

-- Reports read visits, pledges and quiz attempts by county and time.
CREATE INDEX IF NOT EXISTS visits_county_time_idx ON visits (county_id, visited_at);
CREATE INDEX IF NOT EXISTS quiz_attempts_county_date_idx ON quiz_attempts (county_id, quiz_date);
CREATE INDEX IF NOT EXISTS pledges_county_time_idx ON pledges (county_id, signed_at);
