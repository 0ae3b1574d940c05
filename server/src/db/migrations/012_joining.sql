-- Real people join: residents bind themselves to a village, staff accept invitations, admins deactivate users.

ALTER TABLE users ADD COLUMN deactivated_at timestamptz;

-- One home per resident; the resident role in role_assignments is what scope checks read, this row says
-- which household's door label they bound from (for 本户已签) and when.
CREATE TABLE residences (
  user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  village_id   text NOT NULL REFERENCES regions (id),
  household_id uuid REFERENCES households (id) ON DELETE SET NULL,
  bound_at     timestamptz NOT NULL
);
CREATE INDEX residences_household_idx ON residences (household_id) WHERE household_id IS NOT NULL;

CREATE TABLE invitations (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  county_id   text NOT NULL,
  role        text NOT NULL CHECK (role IN ('admin', 'cadre', 'grid_worker', 'dissuader')),
  region_id   text NOT NULL REFERENCES regions (id),
  created_by  uuid REFERENCES users (id),           -- null: the first admin's invitation, printed by a command
  max_uses    integer NOT NULL CHECK (max_uses BETWEEN 1 AND 200),
  used_count  integer NOT NULL DEFAULT 0 CHECK (used_count >= 0 AND used_count <= max_uses),
  expires_at  timestamptz NOT NULL,
  revoked_at  timestamptz,
  created_at  timestamptz NOT NULL
);
CREATE INDEX invitations_region_idx ON invitations (region_id, created_at DESC);

CREATE TABLE invitation_acceptances (
  invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  accepted_at   timestamptz NOT NULL,
  PRIMARY KEY (invitation_id, user_id)
);

-- A resident who leaves keeps only anonymous counts: their attempts and claims lose the link to them.
ALTER TABLE quiz_attempts ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE prize_claims ALTER COLUMN user_id DROP NOT NULL;

CREATE INDEX audit_log_user_target_idx ON audit_log (target_id, created_at) WHERE target_type = 'user';
