-- Residents: the fraud-type knowledge library, the question bank, daily quiz attempts, prizes and their claims.

-- One row per fraud type of src/core/fraud-types.ts; the text is editable by admins.
CREATE TABLE fraud_type_articles (
  fraud_type  text PRIMARY KEY,
  summary     text NOT NULL,                       -- one or two sentences: what this fraud is
  signs       jsonb NOT NULL,                      -- string[] 识别要点
  scripts     jsonb NOT NULL,                      -- string[] 典型话术 (what fraudsters say)
  advice      jsonb NOT NULL,                      -- string[] 防范提示
  updated_by  uuid REFERENCES users (id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE quiz_questions (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind        text NOT NULL CHECK (kind IN ('single', 'multiple', 'true_false')),
  stem        text NOT NULL,
  options     jsonb NOT NULL,                      -- string[]; true_false: ["正确", "错误"]
  answer      jsonb NOT NULL,                      -- number[]: indexes of the correct options, sorted
  explanation text NOT NULL,
  fraud_type  text NOT NULL,
  difficulty  smallint NOT NULL CHECK (difficulty BETWEEN 1 AND 3),
  active      boolean NOT NULL DEFAULT true,
  updated_by  uuid REFERENCES users (id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX quiz_questions_type_idx ON quiz_questions (fraud_type) WHERE active;

-- One attempt per user and day (Asia/Shanghai). The token is handed out with the questions and must come back
-- with the answers; only its hash is stored.
CREATE TABLE quiz_attempts (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  county_id      text NOT NULL,
  user_id        uuid NOT NULL REFERENCES users (id),
  village_id     text REFERENCES regions (id),     -- for the leaderboard; null for users without a village
  quiz_date      date NOT NULL,
  question_ids   uuid[] NOT NULL,
  token_hash     text NOT NULL,
  started_at     timestamptz NOT NULL,
  submitted_at   timestamptz,
  answers        jsonb,                            -- number[][] in question order, with per-question seconds
  correct        integer,
  score          integer,                          -- 0–100
  flagged        boolean NOT NULL DEFAULT false,
  flag_reasons   text[] NOT NULL DEFAULT '{}',
  UNIQUE (user_id, quiz_date)
);
CREATE INDEX quiz_attempts_village_idx ON quiz_attempts (village_id, quiz_date);
CREATE INDEX quiz_attempts_flagged_idx ON quiz_attempts (county_id, quiz_date) WHERE flagged;

CREATE TABLE prizes (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  county_id       text NOT NULL,
  region_id       text NOT NULL REFERENCES regions (id),   -- residents under this region may claim
  name            text NOT NULL,
  description     text NOT NULL DEFAULT '',
  stock           integer NOT NULL CHECK (stock >= 0),
  granted         integer NOT NULL DEFAULT 0 CHECK (granted >= 0 AND granted <= stock),
  per_user_limit  integer NOT NULL DEFAULT 1 CHECK (per_user_limit >= 1),
  min_score       integer CHECK (min_score BETWEEN 0 AND 100),   -- best score of a scored attempt
  min_streak      integer CHECK (min_streak >= 1),               -- consecutive days with a scored attempt
  valid_from      timestamptz NOT NULL,
  valid_to        timestamptz NOT NULL CHECK (valid_to > valid_from),
  pickup_place    text NOT NULL,
  created_by      uuid NOT NULL REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prizes_region_idx ON prizes (region_id, valid_to);

CREATE TABLE prize_claims (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  prize_id     uuid NOT NULL REFERENCES prizes (id),
  county_id    text NOT NULL,
  user_id      uuid NOT NULL REFERENCES users (id),
  code         text NOT NULL UNIQUE,                -- redemption code shown as text and QR; unguessable
  claimed_at   timestamptz NOT NULL DEFAULT now(),
  redeemed_at  timestamptz,
  redeemed_by  uuid REFERENCES users (id)
);
CREATE INDEX prize_claims_user_idx ON prize_claims (user_id, prize_id);
