-- Existing data under decision 021 (row scope, consent and removal follow the org role):
-- a cohort's mentors hold an org role that may mentor, and a person no longer in the organisation
-- is in none of its cohorts, has no live portfolio link and no submission waiting for a review.
-- From now on the services keep this true (members.changeRole / members.remove); this applies it
-- to what was written before. History (submissions, reviews, progress, audit) is untouched.
-- One organisation at a time with app.org_id set, so row-level security (FORCE binds the table
-- owner on PostgreSQL) lets the statements see the rows.
DO $$
DECLARE
  org uuid;
  previous text := current_setting('app.org_id', true);
BEGIN
  FOR org IN SELECT id FROM organizations ORDER BY id LOOP
    PERFORM set_config('app.org_id', org::text, true);
    DELETE FROM cohort_members cm
      USING memberships m
      WHERE cm.org_id = org AND cm.role = 'mentor'
        AND m.org_id = cm.org_id AND m.user_id = cm.user_id
        AND m.role NOT IN ('owner', 'admin', 'mentor');
    DELETE FROM cohort_members cm
      WHERE cm.org_id = org
        AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = cm.org_id AND m.user_id = cm.user_id);
    UPDATE portfolio_links p SET revoked_at = now()
      WHERE p.org_id = org AND p.revoked_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = p.org_id AND m.user_id = p.learner_id);
    UPDATE submissions s SET status = 'withdrawn', version = s.version + 1
      WHERE s.org_id = org AND s.status IN ('submitted', 'in_review', 'changes_requested')
        AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.org_id = s.org_id AND m.user_id = s.learner_id);
  END LOOP;
  PERFORM set_config('app.org_id', coalesce(previous, ''), true);
END
$$;
