//! The store's error type and the single mapping from diesel and r2d2 errors.

use diesel::result::{
    ConnectionError, DatabaseErrorInformation, DatabaseErrorKind, Error as DieselError,
};

/// Everything that can go wrong in the store, in the store's own words.
///
/// `nodal-http` maps these to statuses: `NotFound` 404, `Conflict` and `InUse` 409,
/// `Stale` 412, `Invalid` 422, `Unavailable` 503, `Migration` and `Internal` 500.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The requested record does not exist.
    #[error("{entity} not found")]
    NotFound {
        /// What was looked for, e.g. `organization`.
        entity: String,
    },
    /// A unique (or foreign-key) constraint refused the write.
    #[error("{entity} with this {field} already exists")]
    Conflict {
        /// The record kind, e.g. `organization`.
        entity: String,
        /// The column(s) of the violated constraint, e.g. `slug`, or `reference`
        /// for a foreign key whose column the database does not report.
        field: String,
    },
    /// An update or delete named a version that is no longer current: someone else
    /// changed the record since the caller read it.
    #[error("{entity} was changed by someone else (now at version {current_version})")]
    Stale {
        /// The record kind, e.g. `well`.
        entity: String,
        /// The version stored now.
        current_version: i64,
    },
    /// The record cannot be deleted while other records depend on it.
    #[error("{entity} is still referred to by {dependents} ({count})")]
    InUse {
        /// The record kind, e.g. `well`.
        entity: String,
        /// What depends on it, e.g. `analyses`.
        dependents: String,
        /// How many of them.
        count: u64,
    },
    /// The database cannot serve the request now: unreachable, pool exhausted,
    /// locked, timed out or shutting down. Worth retrying later.
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A value or setting the store refuses.
    #[error("invalid: {0}")]
    Invalid(String),
    /// Applying or inspecting migrations failed, or migrations are pending.
    #[error("migration: {0}")]
    Migration(String),
    /// Anything else; a defect or an unexpected database answer.
    #[error("internal database error: {0}")]
    Internal(String),
}

impl StoreError {
    /// `NotFound` for `entity`.
    pub fn not_found(entity: impl Into<String>) -> Self {
        StoreError::NotFound {
            entity: entity.into(),
        }
    }

    /// Whether retrying later may succeed.
    pub fn is_unavailable(&self) -> bool {
        matches!(self, StoreError::Unavailable(_))
    }
}

/// The record kind stored in `table`, as named in errors.
pub(crate) fn entity_for_table(table: &str) -> String {
    match table {
        "organizations" => "organization".to_owned(),
        "operators" => "operator".to_owned(),
        "wells" => "well".to_owned(),
        "surveys" | "survey_stations" => "survey".to_owned(),
        "analyses" => "analysis".to_owned(),
        "users" => "user".to_owned(),
        "sessions" => "session".to_owned(),
        "refresh_tokens" => "refresh token".to_owned(),
        "password_set_tokens" => "password-set token".to_owned(),
        "allowed_email_domains" => "allowed email domain".to_owned(),
        "audit_events" => "audit event".to_owned(),
        "login_failures" => "login failure".to_owned(),
        other => other.to_owned(),
    }
}

impl From<DieselError> for StoreError {
    fn from(error: DieselError) -> Self {
        match error {
            DieselError::NotFound => StoreError::not_found("record"),
            DieselError::DatabaseError(kind, info) => from_database_error(kind, info.as_ref()),
            DieselError::BrokenTransactionManager => {
                StoreError::Unavailable("connection left in a broken transaction state".to_owned())
            }
            other => StoreError::Internal(other.to_string()),
        }
    }
}

impl From<ConnectionError> for StoreError {
    fn from(error: ConnectionError) -> Self {
        match error {
            ConnectionError::BadConnection(message) => {
                StoreError::Unavailable(message.trim().to_owned())
            }
            ConnectionError::InvalidConnectionUrl(message) => StoreError::Invalid(message),
            ConnectionError::InvalidCString(_) => {
                StoreError::Invalid("database url contains a NUL byte".to_owned())
            }
            ConnectionError::CouldntSetupConfiguration(error) => StoreError::from(error),
            other => StoreError::Unavailable(other.to_string()),
        }
    }
}

impl From<r2d2::Error> for StoreError {
    /// r2d2 only fails a checkout after its timeout; the message carries the last
    /// connect error, if any.
    fn from(error: r2d2::Error) -> Self {
        StoreError::Unavailable(error.to_string())
    }
}

fn from_database_error(kind: DatabaseErrorKind, info: &dyn DatabaseErrorInformation) -> StoreError {
    match kind {
        DatabaseErrorKind::UniqueViolation => {
            let (entity, field) = unique_violation_target(info);
            StoreError::Conflict { entity, field }
        }
        DatabaseErrorKind::ForeignKeyViolation => {
            let entity = info
                .table_name()
                .map_or_else(|| "record".to_owned(), entity_for_table);
            let field = info
                .constraint_name()
                .map(|c| field_from_constraint(c, info.table_name()))
                .unwrap_or_else(|| "reference".to_owned());
            StoreError::Conflict { entity, field }
        }
        DatabaseErrorKind::NotNullViolation | DatabaseErrorKind::CheckViolation => {
            StoreError::Invalid(info.message().to_owned())
        }
        DatabaseErrorKind::ClosedConnection
        | DatabaseErrorKind::UnableToSendCommand
        | DatabaseErrorKind::SerializationFailure
        | DatabaseErrorKind::ReadOnlyTransaction => {
            StoreError::Unavailable(info.message().to_owned())
        }
        _ => {
            let message = info.message();
            if is_transient_message(message) {
                StoreError::Unavailable(message.to_owned())
            } else {
                StoreError::Internal(message.to_owned())
            }
        }
    }
}

/// Messages of errors that go away on their own: SQLite lock contention, PostgreSQL
/// statement timeout, deadlock, shutdown and connection loss.
fn is_transient_message(message: &str) -> bool {
    const TRANSIENT: [&str; 9] = [
        "database is locked",
        "database table is locked",
        "canceling statement due to statement timeout",
        "canceling statement due to lock timeout",
        "deadlock detected",
        "the database system is shutting down",
        "the database system is starting up",
        "terminating connection",
        "server closed the connection",
    ];
    TRANSIENT.iter().any(|needle| message.contains(needle))
}

/// Entity and field of a unique violation, from PostgreSQL's table and constraint
/// names, or from SQLite's `UNIQUE constraint failed: table.column[, table.column]`.
fn unique_violation_target(info: &dyn DatabaseErrorInformation) -> (String, String) {
    if let Some(constraint) = info.constraint_name() {
        let entity = info
            .table_name()
            .map_or_else(|| "record".to_owned(), entity_for_table);
        return (entity, field_from_constraint(constraint, info.table_name()));
    }
    if let Some(columns) = info.message().strip_prefix("UNIQUE constraint failed: ") {
        let mut table = None;
        let mut fields = Vec::new();
        for qualified in columns.split(',').map(str::trim) {
            match qualified.split_once('.') {
                Some((t, column)) => {
                    table.get_or_insert(t);
                    fields.push(column);
                }
                None => fields.push(qualified),
            }
        }
        // `organization_id` only scopes a per-organization unique key; the caller's
        // field is the other column.
        if fields.len() > 1 {
            fields.retain(|f| *f != "organization_id");
        }
        let entity = table.map_or_else(|| "record".to_owned(), entity_for_table);
        return (entity, fields.join(","));
    }
    let entity = info
        .table_name()
        .map_or_else(|| "record".to_owned(), entity_for_table);
    let field = info.column_name().unwrap_or("value").to_owned();
    (entity, field)
}

/// Column named by a constraint that follows `<table>_<columns>_{key,fkey}` or
/// `<table>_pkey`; other names are returned whole.
fn field_from_constraint(constraint: &str, table: Option<&str>) -> String {
    let without_table = table
        .and_then(|t| constraint.strip_prefix(t))
        .and_then(|rest| rest.strip_prefix('_'))
        .unwrap_or(constraint);
    if without_table == "pkey" {
        return "id".to_owned();
    }
    without_table
        .strip_suffix("_fkey")
        .or_else(|| without_table.strip_suffix("_key"))
        .unwrap_or(without_table)
        .to_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn constraint_names_give_fields() {
        assert_eq!(
            field_from_constraint("organizations_slug_key", Some("organizations")),
            "slug"
        );
        assert_eq!(
            field_from_constraint("organizations_name_key", Some("organizations")),
            "name"
        );
        assert_eq!(
            field_from_constraint("organizations_pkey", Some("organizations")),
            "id"
        );
        assert_eq!(
            field_from_constraint("wells_organization_id_fkey", Some("wells")),
            "organization_id"
        );
        assert_eq!(
            field_from_constraint("custom_unique", Some("wells")),
            "custom_unique"
        );
        assert_eq!(field_from_constraint("wells_api_key", None), "wells_api");
    }

    #[test]
    fn transient_messages_are_unavailable() {
        assert!(is_transient_message("database is locked"));
        assert!(is_transient_message(
            "canceling statement due to statement timeout"
        ));
        assert!(!is_transient_message("syntax error at or near \"SELEC\""));
    }

    #[test]
    fn pool_timeout_is_unavailable() {
        let error = StoreError::from(ConnectionError::BadConnection(
            "connection refused\n".to_owned(),
        ));
        assert_eq!(
            error,
            StoreError::Unavailable("connection refused".to_owned())
        );
        assert!(error.is_unavailable());
        assert_eq!(
            StoreError::from(DieselError::NotFound),
            StoreError::not_found("record")
        );
    }
}
