//! Roles: what a user of an organization may do.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A user's role in their organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages the organization's users and settings; reads, writes and runs calculations.
    Admin,
    /// Reads and writes data, runs calculations.
    Engineer,
    /// Reads data and runs calculations; writes nothing.
    Viewer,
}

impl Role {
    /// Every role, most privileged first.
    pub const ALL: [Role; 3] = [Role::Admin, Role::Engineer, Role::Viewer];

    /// The role's name as stored and sent (`admin`, `engineer`, `viewer`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Engineer => "engineer",
            Role::Viewer => "viewer",
        }
    }

    /// Whether the role may create, change or delete data.
    pub fn can_write(self) -> bool {
        matches!(self, Role::Admin | Role::Engineer)
    }

    /// Whether the role may manage users and organization settings.
    pub fn is_admin(self) -> bool {
        self == Role::Admin
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role name that is not one of `admin`, `engineer`, `viewer`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`: use admin, engineer or viewer")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_permissions_follow_the_role() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>().unwrap(), role);
            assert_eq!(
                serde_json::to_string(&role).unwrap(),
                format!("\"{}\"", role.as_str())
            );
        }
        assert!("Admin".parse::<Role>().is_err());
        assert!(Role::Admin.can_write() && Role::Engineer.can_write() && !Role::Viewer.can_write());
        assert!(Role::Admin.is_admin() && !Role::Engineer.is_admin());
    }
}
