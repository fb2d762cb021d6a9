-- Housekeeping deletes by age: audit events past their retention, sessions and password-set
-- tokens that ended long ago.
CREATE INDEX audit_events_created_at_idx ON audit_events (created_at);
CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);
CREATE INDEX password_set_tokens_expires_at_idx ON password_set_tokens (expires_at);
