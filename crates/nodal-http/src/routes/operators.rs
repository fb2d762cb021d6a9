//! Operators of the caller's organization: `/api/v1/operators`.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use chrono::{DateTime, Utc};
use nodal_store::Direction;
use nodal_store::operators::{self, Operator, OperatorSort};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::field::{IfMatch, PageOf, PageQuery, check_name, etag, with_db};
use crate::error::{ApiError, Problem};
use crate::extract::Json;
use crate::identity::AuthUser;
use crate::state::AppState;
use crate::validate::Check;

/// `POST /operators` and `PUT /operators/{id}` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Permian Basin Operating"}))]
pub struct OperatorBody {
    /// Name, unique within your organization regardless of case (1 to 200 characters).
    pub name: String,
}

/// A stored operator.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({"id": "0193f1e2-7c4a-7d1e-9a55-1b2c3d4e5f60",
    "name": "Permian Basin Operating", "version": 1,
    "created_at": "2026-11-26T23:00:00Z", "updated_at": "2026-11-26T23:00:00Z"}))]
pub struct OperatorOut {
    /// Identifier.
    pub id: Uuid,
    /// Name.
    pub name: String,
    /// Version, also the `ETag`; send it as `If-Match` to update.
    pub version: i64,
    /// Creation time (UTC).
    pub created_at: DateTime<Utc>,
    /// Last change (UTC).
    pub updated_at: DateTime<Utc>,
}

impl From<Operator> for OperatorOut {
    fn from(o: Operator) -> Self {
        Self {
            id: o.id,
            name: o.name,
            version: o.version,
            created_at: o.created_at,
            updated_at: o.updated_at,
        }
    }
}

/// Sort keys of `GET /operators`; a leading `-` sorts descending.
#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
pub enum OperatorSortParam {
    /// Name, A to Z (default).
    #[default]
    #[serde(rename = "name")]
    Name,
    /// Name, Z to A.
    #[serde(rename = "-name")]
    NameDesc,
    /// Oldest first.
    #[serde(rename = "created_at")]
    CreatedAt,
    /// Newest first.
    #[serde(rename = "-created_at")]
    CreatedAtDesc,
}

/// Query of `GET /operators`.
#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OperatorListQuery {
    /// Sort key: `name`, `-name`, `created_at` or `-created_at` (default `name`).
    #[serde(default)]
    #[param(value_type = Option<String>, example = "name")]
    pub sort: OperatorSortParam,
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<u32>,
    /// Items to skip (default 0).
    pub offset: Option<u64>,
}

fn check_body(body: &OperatorBody) -> Result<(), ApiError> {
    let mut check = Check::default();
    check_name(&mut check, "name", &body.name);
    check.finish()
}

fn with_etag(status: actix_web::http::StatusCode, operator: Operator) -> HttpResponse {
    HttpResponse::build(status)
        .insert_header(etag(operator.version))
        .json(OperatorOut::from(operator))
}

/// Creates an operator in your organization (engineers and admins).
#[utoipa::path(
    tag = "field-data",
    request_body = OperatorBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created; `ETag` carries the version", body = OperatorOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Viewers cannot write", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Your organization has an operator of this name; `errors[0].field` is `name`", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid name", body = Problem, content_type = "application/problem+json")
    )
)]
#[post("/operators")]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: Json<OperatorBody>,
) -> Result<HttpResponse, ApiError> {
    user.require_write()?;
    let body = body.into_inner();
    check_body(&body)?;
    let operator = with_db(&state, move |conn| {
        Ok(operators::create(conn, user.org_id, &body.name)?)
    })
    .await?;
    Ok(with_etag(actix_web::http::StatusCode::CREATED, operator))
}

/// Your organization's operators, a page at a time.
#[utoipa::path(
    tag = "field-data",
    params(OperatorListQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "One page and the total", body = PageOf<OperatorOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`limit` or `offset` out of range", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/operators")]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    query: web::Query<OperatorListQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let page = PageQuery {
        limit: query.limit,
        offset: query.offset,
    }
    .page()?;
    let (sort, direction) = match query.sort {
        OperatorSortParam::Name => (OperatorSort::Name, Direction::Ascending),
        OperatorSortParam::NameDesc => (OperatorSort::Name, Direction::Descending),
        OperatorSortParam::CreatedAt => (OperatorSort::CreatedAt, Direction::Ascending),
        OperatorSortParam::CreatedAtDesc => (OperatorSort::CreatedAt, Direction::Descending),
    };
    let found = with_db(&state, move |conn| {
        Ok(operators::list(conn, user.org_id, sort, direction, page)?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(PageOf::map(found, OperatorOut::from)))
}

/// One operator of your organization.
#[utoipa::path(
    tag = "field-data",
    params(("id" = Uuid, Path, description = "Operator id")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The operator; `ETag` carries the version", body = OperatorOut),
        (status = 404, description = "No such operator in your organization", body = Problem, content_type = "application/problem+json")
    )
)]
#[get("/operators/{id}")]
pub async fn get_one(
    state: web::Data<AppState>,
    user: AuthUser,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let operator = with_db(&state, move |conn| {
        Ok(operators::get(conn, user.org_id, id)?)
    })
    .await?;
    Ok(with_etag(actix_web::http::StatusCode::OK, operator))
}

/// Renames an operator. Needs `If-Match` with the version read (`*` overwrites
/// whatever is stored).
#[utoipa::path(
    tag = "field-data",
    params(
        ("id" = Uuid, Path, description = "Operator id"),
        ("If-Match" = String, Header, description = "ETag of the version you read, e.g. `\"1\"`")
    ),
    request_body = OperatorBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Updated; the new `ETag`", body = OperatorOut),
        (status = 403, description = "Viewers cannot write", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such operator in your organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Name taken", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone else changed it since your read", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` missing", body = Problem, content_type = "application/problem+json")
    )
)]
#[put("/operators/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<OperatorBody>,
) -> Result<HttpResponse, ApiError> {
    user.require_write()?;
    let expected = IfMatch::from_request(&req)?.required("operator")?;
    let body = body.into_inner();
    check_body(&body)?;
    let id = id.into_inner();
    let operator = with_db(&state, move |conn| {
        let version = match expected {
            Some(v) => v,
            None => operators::get(conn, user.org_id, id)?.version,
        };
        Ok(operators::rename(
            conn,
            user.org_id,
            id,
            version,
            &body.name,
        )?)
    })
    .await?;
    Ok(with_etag(actix_web::http::StatusCode::OK, operator))
}

/// Deletes an operator that no well refers to. `If-Match` is optional; when sent it
/// must match.
#[utoipa::path(
    tag = "field-data",
    params(
        ("id" = Uuid, Path, description = "Operator id"),
        ("If-Match" = Option<String>, Header, description = "ETag of the version you read")
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Viewers cannot write", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such operator in your organization", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Wells refer to it", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Someone else changed it since your read", body = Problem, content_type = "application/problem+json")
    )
)]
#[delete("/operators/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    user: AuthUser,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    user.require_write()?;
    let expected = IfMatch::from_request(&req)?.optional();
    let id = id.into_inner();
    with_db(&state, move |conn| {
        Ok(operators::delete(conn, user.org_id, id, expected)?)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
