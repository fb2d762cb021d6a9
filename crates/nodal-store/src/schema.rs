//! The one diesel schema for both backends. Ids are UUID text, times are UTC
//! `TIMESTAMP` without zone (see the migrations for each backend's DDL).

diesel::table! {
    /// Organizations: the tenants that own wells, fluids and analyses.
    organizations (id) {
        /// UUID (v7), hyphenated lower-case text.
        id -> Text,
        /// Display name, unique regardless of case.
        name -> Text,
        /// URL identifier, unique.
        slug -> Text,
        /// Creation time, UTC.
        created_at -> Timestamp,
        /// Last change, UTC.
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Users: each belongs to one organization and has one role.
    users (id) {
        /// UUID (v7) text.
        id -> Text,
        /// Owning organization.
        organization_id -> Text,
        /// Email as entered; unique regardless of case.
        email -> Text,
        /// argon2id PHC string; none until a password is set.
        password_hash -> Nullable<Text>,
        /// `admin`, `engineer` or `viewer`.
        role -> Text,
        /// Creation time, UTC.
        created_at -> Timestamp,
        /// Last change, UTC.
        updated_at -> Timestamp,
        /// When the password was last set.
        password_changed_at -> Nullable<Timestamp>,
        /// Latest successful sign-in.
        last_login_at -> Nullable<Timestamp>,
        /// Set while the user is deactivated.
        deactivated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Sessions: one per sign-in, the family of its refresh tokens.
    sessions (id) {
        /// UUID (v7) text.
        id -> Text,
        /// The signed-in user.
        user_id -> Text,
        /// The user's organization.
        organization_id -> Text,
        /// Sign-in time.
        created_at -> Timestamp,
        /// Latest refresh.
        last_used_at -> Timestamp,
        /// Absolute end of the session.
        expires_at -> Timestamp,
        /// Set when revoked.
        revoked_at -> Nullable<Timestamp>,
        /// Why it was revoked (`logout`, `refresh_reuse`, ...).
        revoked_reason -> Nullable<Text>,
        /// Client IP at sign-in.
        ip -> Nullable<Text>,
        /// Client user agent at sign-in.
        user_agent -> Nullable<Text>,
    }
}

diesel::table! {
    /// Refresh tokens (SHA-256 hashes only), rotated on every use.
    refresh_tokens (id) {
        /// UUID (v7) text.
        id -> Text,
        /// The session (family).
        session_id -> Text,
        /// Hex SHA-256 of the token.
        token_hash -> Text,
        /// Issue time.
        created_at -> Timestamp,
        /// Expiry.
        expires_at -> Timestamp,
        /// Set once exchanged for a new token.
        rotated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// One-time password-set tokens (SHA-256 hashes only).
    password_set_tokens (id) {
        /// UUID (v7) text.
        id -> Text,
        /// The user whose password the token sets.
        user_id -> Text,
        /// Hex SHA-256 of the token.
        token_hash -> Text,
        /// The admin who issued it.
        created_by -> Nullable<Text>,
        /// Issue time.
        created_at -> Timestamp,
        /// Expiry.
        expires_at -> Timestamp,
        /// Set once used.
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Email domains (or exact addresses) whose owners may register into an organization.
    allowed_email_domains (id) {
        /// UUID (v7) text.
        id -> Text,
        /// The organization new users join.
        organization_id -> Text,
        /// `example.com` or `jane@example.com`, lower case.
        domain -> Text,
        /// Creation time.
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// The security audit log.
    audit_events (id) {
        /// UUID (v7) text.
        id -> Text,
        /// Organization concerned, when known.
        organization_id -> Nullable<Text>,
        /// User concerned, when known.
        user_id -> Nullable<Text>,
        /// User who acted (an admin), when not the user concerned.
        actor_id -> Nullable<Text>,
        /// Event kind (`login_succeeded`, `refresh_reuse`, ...).
        kind -> Text,
        /// Client IP.
        ip -> Nullable<Text>,
        /// Client user agent.
        user_agent -> Nullable<Text>,
        /// Event details, JSON text.
        detail -> Nullable<Text>,
        /// Event time.
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Failed sign-ins, for lockout.
    login_failures (id) {
        /// UUID (v7) text.
        id -> Text,
        /// Lower-cased email tried.
        email -> Text,
        /// Client IP.
        ip -> Text,
        /// When.
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// Operators (the companies that operate wells), per organization.
    operators (id) {
        /// UUID (v7) text.
        id -> Text,
        /// Owning organization.
        organization_id -> Text,
        /// Name, unique within the organization regardless of case.
        name -> Text,
        /// Update counter, the ETag.
        version -> BigInt,
        /// Creation time, UTC.
        created_at -> Timestamp,
        /// Last change, UTC.
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// Wells and the data an analysis needs.
    wells (id) {
        /// UUID (v7) text.
        id -> Text,
        /// Owning organization.
        organization_id -> Text,
        /// Operator (same organization), if recorded.
        operator_id -> Nullable<Text>,
        /// Display name.
        name -> Text,
        /// API or UWI number, unique within the organization regardless of case.
        uwi -> Text,
        /// `oil`, `gas`, `water_injector` or `gas_injector`.
        well_type -> Text,
        /// Life-cycle status.
        status -> Text,
        /// Surface latitude, degrees (WGS 84).
        latitude_deg -> Nullable<Double>,
        /// Surface longitude, degrees (WGS 84).
        longitude_deg -> Nullable<Double>,
        /// Average reservoir pressure, psia.
        reservoir_pressure_psia -> Nullable<Double>,
        /// Reservoir temperature, °F.
        reservoir_temperature_degf -> Nullable<Double>,
        /// Flowing wellhead pressure, psia.
        wellhead_pressure_psia -> Nullable<Double>,
        /// Flowing wellhead temperature, °F.
        wellhead_temperature_degf -> Nullable<Double>,
        /// Fluid description, JSON.
        fluid -> Nullable<Text>,
        /// Inflow model, JSON.
        inflow -> Nullable<Text>,
        /// Completion (flow-path sections), JSON.
        completion -> Nullable<Text>,
        /// Update counter, the ETag.
        version -> BigInt,
        /// Creation time, UTC.
        created_at -> Timestamp,
        /// Last change, UTC.
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The deviation survey of a well (one per well).
    surveys (well_id) {
        /// The well.
        well_id -> Text,
        /// Owning organization.
        organization_id -> Text,
        /// `json` or `csv`: how it was uploaded.
        source -> Text,
        /// Number of stations.
        station_count -> Integer,
        /// Upload counter, the ETag.
        version -> BigInt,
        /// User who uploaded it (UUID text).
        uploaded_by -> Text,
        /// Upload time, UTC.
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    /// Stations of a survey, in measured-depth order.
    survey_stations (well_id, station_index) {
        /// The well (and survey).
        well_id -> Text,
        /// Position in the survey, from 0.
        station_index -> Integer,
        /// Measured depth, ft.
        md_ft -> Double,
        /// Inclination from vertical, degrees.
        inclination_deg -> Double,
        /// Azimuth from north, degrees.
        azimuth_deg -> Double,
    }
}

diesel::table! {
    /// Saved analyses: immutable input and result of one engine run.
    analyses (id) {
        /// UUID (v7) text.
        id -> Text,
        /// Owning organization.
        organization_id -> Text,
        /// The well analysed.
        well_id -> Text,
        /// `pvt`, `traverse`, `vlp`, `operating_point` or `sensitivity`.
        kind -> Text,
        /// The full engine input, JSON.
        input -> Text,
        /// The full result, JSON.
        result -> Text,
        /// Engine version that computed it.
        engine_version -> Text,
        /// User who ran it (UUID text).
        created_by -> Text,
        /// When it was saved, UTC.
        created_at -> Timestamp,
    }
}

diesel::joinable!(users -> organizations (organization_id));
diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(refresh_tokens -> sessions (session_id));
diesel::joinable!(password_set_tokens -> users (user_id));
diesel::joinable!(operators -> organizations (organization_id));
diesel::joinable!(wells -> organizations (organization_id));
diesel::joinable!(surveys -> wells (well_id));
diesel::joinable!(analyses -> wells (well_id));
diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    users,
    sessions,
    refresh_tokens,
    password_set_tokens,
    allowed_email_domains,
    audit_events,
    login_failures,
    operators,
    wells,
    surveys,
    survey_stations,
    analyses,
);
