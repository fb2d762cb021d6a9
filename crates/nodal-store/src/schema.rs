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
