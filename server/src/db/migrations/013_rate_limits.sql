-- Rate-limit counters shared by every server instance on one PostgreSQL (server/src/plugins/rate-limit-store.ts).
-- One row per policy and key (an address, a WeChat login code, a user); a window's row is reset in place when
-- it has ended, and rows of ended windows are swept now and then.
CREATE TABLE rate_limits (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limits_window_ends_at ON rate_limits (window_ends_at);
