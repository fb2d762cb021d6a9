-- Field data of an organization: operators, wells, deviation surveys (header and
-- stations) and saved analyses. Every table carries organization_id, and every list
-- filter has an index that starts with it.
-- JSON documents (fluid, inflow, completion, analysis input and result) are TEXT,
-- validated by the API before they are stored. `version` counts updates and is the
-- ETag of optimistic concurrency. Times are UTC TIMESTAMP without zone.
-- created_by / uploaded_by hold the UUID (text) of a user in `users`.
-- Constraint and index names follow `<table>_<column>_key`: the store reads the
-- field of a conflict back from that name.

CREATE TABLE operators (
    id              TEXT      NOT NULL,
    organization_id TEXT      NOT NULL,
    name            TEXT      NOT NULL,
    version         BIGINT    NOT NULL DEFAULT 1,
    created_at      TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    updated_at      TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    CONSTRAINT operators_pkey PRIMARY KEY (id),
    CONSTRAINT operators_organization_id_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id),
    -- Target of the wells' composite reference, which keeps a well's operator in the
    -- well's own organization.
    CONSTRAINT operators_organization_id_id_key UNIQUE (organization_id, id)
);

-- Names are unique within an organization regardless of case.
CREATE UNIQUE INDEX operators_name_key ON operators (organization_id, lower(name));
-- Sort keys of the operator list.
CREATE INDEX operators_organization_id_name_idx ON operators (organization_id, name);
CREATE INDEX operators_organization_id_created_at_idx ON operators (organization_id, created_at);

CREATE TABLE wells (
    id                         TEXT             NOT NULL,
    organization_id            TEXT             NOT NULL,
    operator_id                TEXT,
    name                       TEXT             NOT NULL,
    uwi                        TEXT             NOT NULL,
    well_type                  TEXT             NOT NULL
        CHECK (well_type IN ('oil', 'gas', 'water_injector', 'gas_injector')),
    status                     TEXT             NOT NULL
        CHECK (status IN ('planned', 'drilling', 'producing', 'injecting', 'shut_in',
                          'suspended', 'abandoned')),
    latitude_deg               DOUBLE PRECISION CHECK (latitude_deg BETWEEN -90 AND 90),
    longitude_deg              DOUBLE PRECISION CHECK (longitude_deg BETWEEN -180 AND 180),
    reservoir_pressure_psia    DOUBLE PRECISION CHECK (reservoir_pressure_psia > 0),
    reservoir_temperature_degf DOUBLE PRECISION,
    wellhead_pressure_psia     DOUBLE PRECISION CHECK (wellhead_pressure_psia > 0),
    wellhead_temperature_degf  DOUBLE PRECISION,
    fluid                      TEXT,
    inflow                     TEXT,
    completion                 TEXT,
    version                    BIGINT           NOT NULL DEFAULT 1,
    created_at                 TIMESTAMP        NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    updated_at                 TIMESTAMP        NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    CONSTRAINT wells_pkey PRIMARY KEY (id),
    CONSTRAINT wells_organization_id_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id),
    CONSTRAINT wells_operator_id_fkey FOREIGN KEY (organization_id, operator_id)
        REFERENCES operators (organization_id, id)
);

-- Well identifiers are unique within an organization regardless of case.
CREATE UNIQUE INDEX wells_uwi_key ON wells (organization_id, lower(uwi));
-- Filters and sort keys of the well list.
CREATE INDEX wells_organization_id_name_idx ON wells (organization_id, name);
CREATE INDEX wells_organization_id_uwi_idx ON wells (organization_id, uwi);
CREATE INDEX wells_organization_id_created_at_idx ON wells (organization_id, created_at);
CREATE INDEX wells_organization_id_updated_at_idx ON wells (organization_id, updated_at);
CREATE INDEX wells_organization_id_operator_id_idx ON wells (organization_id, operator_id);
CREATE INDEX wells_organization_id_well_type_idx ON wells (organization_id, well_type);
CREATE INDEX wells_organization_id_status_idx ON wells (organization_id, status);

-- One survey per well; a new upload replaces header and stations in one transaction.
CREATE TABLE surveys (
    well_id         TEXT      NOT NULL,
    organization_id TEXT      NOT NULL,
    source          TEXT      NOT NULL CHECK (source IN ('json', 'csv')),
    station_count   INTEGER   NOT NULL CHECK (station_count >= 0),
    version         BIGINT    NOT NULL DEFAULT 1,
    uploaded_by     TEXT      NOT NULL REFERENCES users (id),
    uploaded_at     TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    CONSTRAINT surveys_pkey PRIMARY KEY (well_id),
    CONSTRAINT surveys_well_id_fkey FOREIGN KEY (well_id) REFERENCES wells (id),
    CONSTRAINT surveys_organization_id_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id)
);

CREATE INDEX surveys_organization_id_idx ON surveys (organization_id);

CREATE TABLE survey_stations (
    well_id         TEXT             NOT NULL,
    station_index   INTEGER          NOT NULL CHECK (station_index >= 0),
    md_ft           DOUBLE PRECISION NOT NULL CHECK (md_ft BETWEEN 0 AND 50000),
    inclination_deg DOUBLE PRECISION NOT NULL CHECK (inclination_deg BETWEEN 0 AND 180),
    azimuth_deg     DOUBLE PRECISION NOT NULL CHECK (azimuth_deg BETWEEN 0 AND 360),
    CONSTRAINT survey_stations_pkey PRIMARY KEY (well_id, station_index),
    CONSTRAINT survey_stations_well_id_fkey FOREIGN KEY (well_id)
        REFERENCES surveys (well_id) ON DELETE CASCADE
);

-- Saved analyses are immutable: rows are inserted and (with their well) deleted,
-- never updated.
CREATE TABLE analyses (
    id              TEXT      NOT NULL,
    organization_id TEXT      NOT NULL,
    well_id         TEXT      NOT NULL,
    kind            TEXT      NOT NULL
        CHECK (kind IN ('pvt', 'traverse', 'vlp', 'operating_point', 'sensitivity')),
    input           TEXT      NOT NULL,
    result          TEXT      NOT NULL,
    engine_version  TEXT      NOT NULL,
    created_by      TEXT      NOT NULL REFERENCES users (id),
    created_at      TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    CONSTRAINT analyses_pkey PRIMARY KEY (id),
    CONSTRAINT analyses_organization_id_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id),
    CONSTRAINT analyses_well_id_fkey FOREIGN KEY (well_id) REFERENCES wells (id)
);

CREATE INDEX analyses_well_id_created_at_idx ON analyses (well_id, created_at);
CREATE INDEX analyses_well_id_kind_created_at_idx ON analyses (well_id, kind, created_at);
CREATE INDEX analyses_organization_id_created_at_idx ON analyses (organization_id, created_at);

CREATE FUNCTION analyses_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'saved analyses are immutable';
END
$$;

CREATE TRIGGER analyses_immutable BEFORE UPDATE ON analyses
    FOR EACH ROW EXECUTE FUNCTION analyses_immutable();
