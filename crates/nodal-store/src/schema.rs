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

diesel::joinable!(operators -> organizations (organization_id));
diesel::joinable!(wells -> organizations (organization_id));
diesel::joinable!(surveys -> wells (well_id));
diesel::joinable!(analyses -> wells (well_id));
diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    operators,
    wells,
    surveys,
    survey_stations,
    analyses,
);
