//! Organization administration (`/api/v1/admin/*`, admins only): users and their roles,
//! deactivation, one-time password-set tokens, email domains open to registration, and the
//! audit log. Everything is confined to the admin's own organization: another
//! organization's user or domain is a 404.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Duration, Utc};
use nodal_auth::{OpaqueToken, Role};
use nodal_store::accounts::{audit, email_domains, password_tokens, sessions, users};
use nodal_store::{DbConnection, Page, connection};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::{AuthService, ClientInfo, Subject, client_info, events};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::routes::auth::UserView;
use crate::state::AppState;

/// Paging of a list.
#[derive(Debug, Clone, Copy, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 1000 (default 50).
    pub limit: Option<u32>,
    /// Items to skip (default 0).
    pub offset: Option<u64>,
}

impl PageQuery {
    fn page(self) -> Page {
        let default = Page::default();
        Page::new(
            self.limit.unwrap_or(default.limit),
            self.offset.unwrap_or(default.offset),
        )
    }
}

/// A page of users.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserPage {
    /// Users, oldest first.
    pub items: Vec<UserView>,
    /// Users in the organization.
    pub total: u64,
    /// Page size.
    pub limit: u32,
    /// Offset.
    pub offset: u64,
}

/// Runs `f` with a connection on the blocking pool.
async fn with_conn<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut DbConnection, &AuthService) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let pool = state.pool.clone();
    let auth = state.auth.clone();
    web::block(move || {
        let mut conn = connection(&pool)?;
        f(&mut conn, &auth)
    })
    .await?
}

fn acting(admin: &AuthUser, user: Uuid) -> Subject {
    Subject {
        organization_id: Some(admin.org_id),
        user_id: Some(user),
        actor_id: Some(admin.user_id),
    }
}

/// The organization's users.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "Users", body = UserPage),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
    )
)]
#[get("/admin/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    admin: AuthUser,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let page = query.into_inner().page();
    let listed = with_conn(&state, move |conn, _| {
        Ok(users::list(conn, admin.org_id, page)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(UserPage {
        items: listed
            .items
            .iter()
            .map(UserView::of)
            .collect::<Result<_, _>>()?,
        total: listed.total,
        limit: listed.limit,
        offset: listed.offset,
    }))
}

/// A new user of the admin's organization.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "new.engineer@acme-oil.com", "role": "engineer"}))]
pub struct CreateUserRequest {
    /// Email address.
    pub email: String,
    /// Role: `admin`, `engineer` or `viewer`.
    #[schema(value_type = String, example = "engineer")]
    pub role: Role,
}

/// A one-time password-set token, shown once.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PasswordSetToken {
    /// Give this to the user (over a trusted channel); they set their password with it at
    /// `POST /api/v1/auth/password/set`.
    pub token: String,
    /// When it stops working (UTC).
    pub expires_at: DateTime<Utc>,
}

/// A created user and the token that lets them set their password.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedUser {
    /// The user.
    pub user: UserView,
    /// Their password-set token.
    pub password_set: PasswordSetToken,
}

fn issue_password_token(
    conn: &mut DbConnection,
    auth: &AuthService,
    admin: &AuthUser,
    user: Uuid,
) -> Result<PasswordSetToken, ApiError> {
    let now = auth.now();
    let token = OpaqueToken::generate();
    let ttl = i64::try_from(auth.settings().password_set_token_ttl_secs).unwrap_or(i64::MAX / 1000);
    let expires_at = now + Duration::seconds(ttl);
    password_tokens::issue(
        conn,
        user,
        &token.hash,
        Some(admin.user_id),
        expires_at,
        now,
    )?;
    Ok(PasswordSetToken {
        token: token.plain,
        expires_at,
    })
}

/// Creates a user of the organization (without a password) and a one-time password-set
/// token for them.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = CreateUserRequest,
    responses(
        (status = 201, description = "Created", body = CreatedUser),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 409, description = "Email taken", body = Problem),
        (status = 422, description = "Invalid email or role", body = Problem),
    )
)]
#[post("/admin/users")]
pub async fn create_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AuthUser,
    body: Json<CreateUserRequest>,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let CreateUserRequest { email, role } = body.into_inner();
    let email = email.trim().to_owned();
    users::validate_email(&email).map_err(|e| ApiError::invalid_field("email", e.to_string()))?;
    let client = client_info(&req, &state.auth);
    let created = with_conn(&state, move |conn, auth| {
        let user = users::create(
            conn,
            &users::NewUser {
                organization_id: admin.org_id,
                email: &email,
                role: role.as_str(),
                password_hash: None,
            },
            auth.now(),
        )?;
        let password_set = issue_password_token(conn, auth, &admin, user.id)?;
        auth.audit(
            conn,
            events::USER_CREATED,
            acting(&admin, user.id),
            &client,
            Some(json!({"role": role})),
        )?;
        Ok(CreatedUser {
            user: UserView::of(&user)?,
            password_set,
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// A new role.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"role": "viewer"}))]
pub struct RoleRequest {
    /// `admin`, `engineer` or `viewer`.
    #[schema(value_type = String, example = "viewer")]
    pub role: Role,
}

/// Refuses to leave the organization without an active admin.
fn keep_an_admin(
    conn: &mut DbConnection,
    target: &users::User,
    organization: Uuid,
) -> Result<(), ApiError> {
    if target.role == Role::Admin.as_str()
        && target.is_active()
        && users::count_active_admins(conn, organization)? <= 1
    {
        return Err(ApiError::Conflict {
            detail: "this is the organization's last active admin; make another admin first".into(),
            field: None,
        });
    }
    Ok(())
}

/// Changes a user's role (effective within seconds on every replica).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    request_body = RoleRequest,
    responses(
        (status = 200, description = "Role changed", body = UserView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such user in the organization", body = Problem),
        (status = 409, description = "Would leave no active admin", body = Problem),
    )
)]
#[patch("/admin/users/{id}/role")]
pub async fn change_role(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AuthUser,
    id: web::Path<Uuid>,
    body: Json<RoleRequest>,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let (id, role) = (id.into_inner(), body.into_inner().role);
    let client = client_info(&req, &state.auth);
    let user = with_conn(&state, move |conn, auth| {
        let target = users::get_in_organization(conn, admin.org_id, id)?;
        if target.role != role.as_str() {
            keep_an_admin(conn, &target, admin.org_id)?;
        }
        let user = users::set_role(conn, id, role.as_str(), auth.now())?;
        auth.forget_session_checks();
        auth.audit(
            conn,
            events::ROLE_CHANGED,
            acting(&admin, id),
            &client,
            Some(json!({"from": target.role, "to": role})),
        )?;
        Ok(user)
    })
    .await?;
    Ok(HttpResponse::Ok().json(UserView::of(&user)?))
}

async fn set_active(
    req: &HttpRequest,
    state: &AppState,
    admin: AuthUser,
    id: Uuid,
    active: bool,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let client: ClientInfo = client_info(req, &state.auth);
    let user = with_conn(state, move |conn, auth| {
        let target = users::get_in_organization(conn, admin.org_id, id)?;
        let now = auth.now();
        let (user, kind, ended) = if active {
            (
                users::set_deactivated(conn, id, None, now)?,
                events::USER_REACTIVATED,
                0,
            )
        } else {
            keep_an_admin(conn, &target, admin.org_id)?;
            let user =
                users::set_deactivated(conn, id, Some(target.deactivated_at.unwrap_or(now)), now)?;
            let ended = sessions::revoke_all_for_user(conn, id, None, "deactivated", now)?;
            auth.forget_session_checks();
            (user, events::USER_DEACTIVATED, ended)
        };
        auth.audit(
            conn,
            kind,
            acting(&admin, id),
            &client,
            Some(json!({"sessions_ended": ended})),
        )?;
        Ok(user)
    })
    .await?;
    Ok(HttpResponse::Ok().json(UserView::of(&user)?))
}

/// Deactivates a user: they cannot sign in, and every session of theirs ends.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "Deactivated", body = UserView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such user in the organization", body = Problem),
        (status = 409, description = "Would leave no active admin", body = Problem),
    )
)]
#[post("/admin/users/{id}/deactivate")]
pub async fn deactivate_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    set_active(&req, &state, admin, id.into_inner(), false).await
}

/// Reactivates a user.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 200, description = "Reactivated", body = UserView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such user in the organization", body = Problem),
    )
)]
#[post("/admin/users/{id}/reactivate")]
pub async fn reactivate_user(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    set_active(&req, &state, admin, id.into_inner(), true).await
}

/// Issues a one-time password-set token for a user (new, or locked out); earlier unused
/// tokens of the user stop working.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "User id")),
    responses(
        (status = 201, description = "Token issued", body = PasswordSetToken),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such user in the organization", body = Problem),
    )
)]
#[post("/admin/users/{id}/password-set-token")]
pub async fn password_set_token(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let id = id.into_inner();
    let client = client_info(&req, &state.auth);
    let token = with_conn(&state, move |conn, auth| {
        users::get_in_organization(conn, admin.org_id, id)?;
        let token = issue_password_token(conn, auth, &admin, id)?;
        auth.audit(
            conn,
            events::PASSWORD_SET_TOKEN_ISSUED,
            acting(&admin, id),
            &client,
            Some(json!({"expires_at": token.expires_at})),
        )?;
        Ok(token)
    })
    .await?;
    Ok(HttpResponse::Created().json(token))
}

/// A domain or address open to registration.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DomainView {
    /// Id.
    pub id: Uuid,
    /// `example.com` or `jane@example.com`.
    pub domain: String,
    /// Creation time (UTC).
    pub created_at: DateTime<Utc>,
}

/// The organization's allowed email domains.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DomainList {
    /// Alphabetical.
    pub domains: Vec<DomainView>,
}

fn domain_view(d: email_domains::AllowedDomain) -> DomainView {
    DomainView {
        id: d.id,
        domain: d.domain,
        created_at: d.created_at,
    }
}

/// The email domains (and exact addresses) whose owners may register into the
/// organization.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Allowed domains", body = DomainList),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
    )
)]
#[get("/admin/email-domains")]
pub async fn list_domains(
    state: web::Data<AppState>,
    admin: AuthUser,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let domains = with_conn(&state, move |conn, _| {
        Ok(email_domains::list(conn, admin.org_id)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(DomainList {
        domains: domains.into_iter().map(domain_view).collect(),
    }))
}

/// A domain or address to allow.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"domain": "acme-oil.com"}))]
pub struct DomainRequest {
    /// `example.com`, or one address `jane@example.com`.
    pub domain: String,
}

/// Opens a domain (or one address) to self-registration into the organization.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    request_body = DomainRequest,
    responses(
        (status = 201, description = "Added", body = DomainView),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 409, description = "Some organization already has it", body = Problem),
        (status = 422, description = "Not a domain or address", body = Problem),
    )
)]
#[post("/admin/email-domains")]
pub async fn add_domain(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AuthUser,
    body: Json<DomainRequest>,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let domain = body.into_inner().domain;
    let client = client_info(&req, &state.auth);
    let added = with_conn(&state, move |conn, auth| {
        let added =
            email_domains::add(conn, admin.org_id, &domain, auth.now()).map_err(|e| match e {
                nodal_store::StoreError::Invalid(message) => {
                    ApiError::invalid_field("domain", message)
                }
                other => other.into(),
            })?;
        auth.audit(
            conn,
            events::DOMAIN_ADDED,
            acting(&admin, admin.user_id),
            &client,
            Some(json!({"domain": added.domain})),
        )?;
        Ok(added)
    })
    .await?;
    Ok(HttpResponse::Created().json(domain_view(added)))
}

/// Closes a domain to self-registration (existing users stay).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(("id" = Uuid, Path, description = "Allowed domain id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 404, description = "No such domain in the organization", body = Problem),
    )
)]
#[delete("/admin/email-domains/{id}")]
pub async fn remove_domain(
    req: HttpRequest,
    state: web::Data<AppState>,
    admin: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let id = id.into_inner();
    let client = client_info(&req, &state.auth);
    with_conn(&state, move |conn, auth| {
        email_domains::remove(conn, admin.org_id, id)?;
        auth.audit(
            conn,
            events::DOMAIN_REMOVED,
            acting(&admin, admin.user_id),
            &client,
            Some(json!({"domain_id": id})),
        )
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Paging and filter of the audit log.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Items per page, 1 to 1000 (default 50).
    pub limit: Option<u32>,
    /// Items to skip (default 0).
    pub offset: Option<u64>,
    /// Only events of this kind (e.g. `login_failed`).
    pub kind: Option<String>,
}

/// One security event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEventView {
    /// Id.
    pub id: Uuid,
    /// Kind, e.g. `login_succeeded`, `login_failed`, `refresh_reuse`, `role_changed`.
    pub kind: String,
    /// The user concerned.
    pub user_id: Option<Uuid>,
    /// The admin who acted, when not the user.
    pub actor_id: Option<Uuid>,
    /// Client IP.
    pub ip: Option<String>,
    /// Client user agent.
    pub user_agent: Option<String>,
    /// Details.
    #[schema(value_type = Object)]
    pub detail: Option<serde_json::Value>,
    /// Time (UTC).
    pub created_at: DateTime<Utc>,
}

/// A page of the audit log.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditPage {
    /// Newest first.
    pub items: Vec<AuditEventView>,
    /// Matching events.
    pub total: u64,
    /// Page size.
    pub limit: u32,
    /// Offset.
    pub offset: u64,
}

/// The organization's security events, newest first.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "Events", body = AuditPage),
        (status = 401, description = "Not signed in", body = Problem),
        (status = 403, description = "Not an admin", body = Problem),
        (status = 422, description = "Bad page", body = Problem),
    )
)]
#[get("/admin/audit-events")]
pub async fn audit_events(
    state: web::Data<AppState>,
    admin: AuthUser,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, ApiError> {
    admin.require_admin()?;
    let AuditQuery {
        limit,
        offset,
        kind,
    } = query.into_inner();
    let page = PageQuery { limit, offset }.page();
    let listed = with_conn(&state, move |conn, _| {
        Ok(audit::list(conn, admin.org_id, kind.as_deref(), page)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(AuditPage {
        items: listed
            .items
            .into_iter()
            .map(|e| AuditEventView {
                id: e.id,
                kind: e.kind,
                user_id: e.user_id,
                actor_id: e.actor_id,
                ip: e.ip,
                user_agent: e.user_agent,
                detail: e.detail.and_then(|d| serde_json::from_str(&d).ok()),
                created_at: e.created_at,
            })
            .collect(),
        total: listed.total,
        limit: listed.limit,
        offset: listed.offset,
    }))
}
