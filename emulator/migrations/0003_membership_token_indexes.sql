-- Lookups by member (a user's organizations, on every GET /api/v1/user/) and by application
-- (grants of an app, application deletion) must not scan whole tables on a seeded registry.
CREATE INDEX team_members_user ON team_members (user_id);
CREATE INDEX oauth_access_tokens_application ON oauth_access_tokens (application_id);
