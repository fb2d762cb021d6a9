-- Organizations own every other record. Names are unique regardless of case
-- (unique index on lower(name)); slugs are lower-case identifiers.
-- Times are UTC, stored as TIMESTAMP without zone.
-- Constraint and index names follow `<table>_<column>_key`: the store reads the
-- column back from that name when it reports a conflict.
CREATE TABLE organizations (
    id         TEXT      NOT NULL,
    name       TEXT      NOT NULL,
    slug       TEXT      NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    updated_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    CONSTRAINT organizations_pkey PRIMARY KEY (id),
    CONSTRAINT organizations_slug_key UNIQUE (slug)
);

CREATE UNIQUE INDEX organizations_name_key ON organizations (lower(name));
