-- A synced visit closes its household's open door-visit task in the same statement: found by household, not by a
-- scan of every task.
CREATE INDEX visit_tasks_open_household_idx ON visit_tasks (household_id) WHERE done_at IS NULL AND household_id IS NOT NULL;
