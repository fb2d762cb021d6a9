-- Organizations own every other record. Names are unique regardless of case
-- (COLLATE NOCASE folds ASCII letters); slugs are lower-case identifiers.
-- Times are UTC, stored as TIMESTAMP without zone.
CREATE TABLE organizations (
    id         TEXT      NOT NULL PRIMARY KEY,
    name       TEXT      NOT NULL COLLATE NOCASE,
    slug       TEXT      NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT organizations_name_key UNIQUE (name),
    CONSTRAINT organizations_slug_key UNIQUE (slug)
);
