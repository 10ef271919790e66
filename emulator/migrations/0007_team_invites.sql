-- Quay's TeamMemberInvite: an invitation to a team, for a user (or an e-mail address), created
-- when FEATURE_MAILING and FEATURE_REQUIRE_TEAM_INVITE are on and the user is not yet in the
-- organization. `token` is the code of the `confirminvite` link.
CREATE TABLE team_invites (
    id         INTEGER PRIMARY KEY,
    team_id    INTEGER NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id    INTEGER REFERENCES users (id) ON DELETE CASCADE,
    email      TEXT,
    inviter_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token      TEXT    NOT NULL UNIQUE
);

CREATE INDEX team_invites_team ON team_invites (team_id);
