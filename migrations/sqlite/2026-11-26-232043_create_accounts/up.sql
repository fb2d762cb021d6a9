-- Accounts and security: users of organizations, sessions and their refresh tokens,
-- one-time password-set tokens, email domains open to self-registration, the audit log
-- and failed sign-ins (for lockout). Ids are UUID text; times are UTC TIMESTAMP.
-- Opaque tokens are stored only as the hex SHA-256 of the value handed out.

CREATE TABLE users (
    id                  TEXT      NOT NULL,
    organization_id     TEXT      NOT NULL,
    email               TEXT      NOT NULL,
    password_hash       TEXT,
    role                TEXT      NOT NULL,
    created_at          TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL,
    password_changed_at TIMESTAMP,
    last_login_at       TIMESTAMP,
    deactivated_at      TIMESTAMP,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_organization_id_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id) ON DELETE CASCADE,
    CONSTRAINT users_role_check CHECK (role IN ('admin', 'engineer', 'viewer'))
);
-- Emails are unique regardless of case.
CREATE UNIQUE INDEX users_email_key ON users (email COLLATE NOCASE);
CREATE INDEX users_organization_id_idx ON users (organization_id, created_at);

-- A session is one sign-in: the family of its rotating refresh tokens.
CREATE TABLE sessions (
    id              TEXT      NOT NULL,
    user_id         TEXT      NOT NULL,
    organization_id TEXT      NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    last_used_at    TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    revoked_at      TIMESTAMP,
    revoked_reason  TEXT,
    ip              TEXT,
    user_agent      TEXT,
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id, created_at);

CREATE TABLE refresh_tokens (
    id          TEXT      NOT NULL,
    session_id  TEXT      NOT NULL,
    token_hash  TEXT      NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    rotated_at  TIMESTAMP,
    CONSTRAINT refresh_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT refresh_tokens_session_id_fkey FOREIGN KEY (session_id)
        REFERENCES sessions (id) ON DELETE CASCADE
);
CREATE INDEX refresh_tokens_session_id_idx ON refresh_tokens (session_id);

CREATE TABLE password_set_tokens (
    id          TEXT      NOT NULL,
    user_id     TEXT      NOT NULL,
    token_hash  TEXT      NOT NULL,
    created_by  TEXT,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL,
    used_at     TIMESTAMP,
    CONSTRAINT password_set_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT password_set_tokens_token_hash_key UNIQUE (token_hash),
    CONSTRAINT password_set_tokens_user_id_fkey FOREIGN KEY (user_id)
        REFERENCES users (id) ON DELETE CASCADE
);

-- A domain (`example.com`) or an exact address (`jane@example.com`), lower case; each
-- belongs to one organization.
CREATE TABLE allowed_email_domains (
    id              TEXT      NOT NULL,
    organization_id TEXT      NOT NULL,
    domain          TEXT      NOT NULL,
    created_at      TIMESTAMP NOT NULL,
    CONSTRAINT allowed_email_domains_pkey PRIMARY KEY (id),
    CONSTRAINT allowed_email_domains_domain_key UNIQUE (domain),
    CONSTRAINT allowed_email_domains_organization_id_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id) ON DELETE CASCADE
);

-- Security events. No foreign keys: the log outlives what it mentions.
CREATE TABLE audit_events (
    id              TEXT      NOT NULL,
    organization_id TEXT,
    user_id         TEXT,
    actor_id        TEXT,
    kind            TEXT      NOT NULL,
    ip              TEXT,
    user_agent      TEXT,
    detail          TEXT,
    created_at      TIMESTAMP NOT NULL,
    CONSTRAINT audit_events_pkey PRIMARY KEY (id)
);
CREATE INDEX audit_events_organization_id_idx ON audit_events (organization_id, created_at);

-- Failed sign-ins, by lower-cased email (known or not) and client IP.
CREATE TABLE login_failures (
    id          TEXT      NOT NULL,
    email       TEXT      NOT NULL,
    ip          TEXT      NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    CONSTRAINT login_failures_pkey PRIMARY KEY (id)
);
CREATE INDEX login_failures_email_idx ON login_failures (email, created_at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, created_at);
CREATE INDEX login_failures_created_at_idx ON login_failures (created_at);
