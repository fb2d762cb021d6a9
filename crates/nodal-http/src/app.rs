//! The application factory: routes, middleware and error handling, wired from the state.

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpRequest, HttpResponse, web};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::error::ApiError;
use crate::middleware::{observe, skip_small_bodies, strip_identity_marker};
use crate::openapi::ApiDoc;
use crate::routes;
use crate::settings::Settings;
use crate::state::AppState;

/// Registers every documented route. Used both to serve and to generate the OpenAPI document,
/// so the document cannot miss a route.
fn register<T>(app: utoipa_actix_web::UtoipaApp<T>) -> utoipa_actix_web::UtoipaApp<T>
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.service(routes::health::live)
        .service(routes::health::ready)
        .service(
            utoipa_actix_web::scope("/api/v1")
                .service(routes::meta::index)
                .service(routes::auth::login)
                .service(routes::auth::refresh)
                .service(routes::auth::logout)
                .service(routes::auth::logout_all)
                .service(routes::auth::me)
                .service(routes::auth::dev_token)
                .service(routes::account::list_sessions)
                .service(routes::account::delete_session)
                .service(routes::account::change_password)
                .service(routes::account::set_password)
                .service(routes::account::register)
                .service(routes::admin::list_users)
                .service(routes::admin::create_user)
                .service(routes::admin::change_role)
                .service(routes::admin::deactivate_user)
                .service(routes::admin::reactivate_user)
                .service(routes::admin::password_set_token)
                .service(routes::admin::list_domains)
                .service(routes::admin::add_domain)
                .service(routes::admin::remove_domain)
                .service(routes::admin::audit_events)
                .service(routes::cache_admin::cache_stats)
                .service(routes::cache_admin::clear_cache)
                .service(routes::pvt::properties)
                .service(routes::pvt::curve)
                .service(routes::pvt::compare)
                .service(routes::pvt::bubble_point)
                .service(routes::pvt::list_methods)
                .service(routes::hydraulics::trajectory)
                .service(routes::hydraulics::traverse)
                .service(routes::hydraulics::traverse_plot)
                .service(routes::hydraulics::vlp_curve)
                .service(routes::hydraulics::compare)
                .service(routes::hydraulics::list_methods)
                .service(routes::nodal::inflow_curve)
                .service(routes::nodal::inflow_fit)
                .service(routes::nodal::operating_point)
                .service(routes::nodal::sensitivity)
                .service(routes::nodal::gas_lift)
                .service(routes::nodal::vfp)
                .service(routes::nodal::plot)
                .service(routes::surface::gas_pipeline)
                .service(routes::surface::gas_pipeline_size)
                .service(routes::surface::flowline_route)
                .service(routes::surface::compressor)
                .service(routes::surface::choke_route)
                .service(routes::surface::network_route)
                .service(routes::surface::list_methods)
                .service(routes::operators::create)
                .service(routes::operators::list)
                .service(routes::operators::get_one)
                .service(routes::operators::update)
                .service(routes::operators::remove)
                .service(routes::wells::create)
                .service(routes::wells::list)
                // Before `/wells/{id}`, which would read `export` as an id.
                .service(routes::wells::export)
                .service(routes::wells::get_one)
                .service(routes::wells::update)
                .service(routes::wells::remove)
                .service(routes::surveys::upload)
                .service(routes::surveys::read)
                .service(routes::surveys::trajectory)
                .service(routes::analyses::create)
                .service(routes::analyses::list)
                .service(routes::analyses::get_one),
        )
}

/// The OpenAPI document of every route.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let (_, api) =
        register(App::new().into_utoipa_app().openapi(ApiDoc::openapi())).split_for_parts();
    api
}

/// Builds the actix application from the state. `nodal-server` runs it; tests drive it
/// in-process.
pub fn build_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let settings = state.settings.clone();
    let body_limit = settings.server.body_limit_bytes;
    let mut app = App::new()
        .app_data(web::Data::new(state))
        .configure(configure_extractors(body_limit));
    if settings.docs_served() {
        let api = openapi();
        // Serialized once: the document is static for the life of the process.
        let document = web::Bytes::from(serde_json::to_vec(&api).unwrap_or_default());
        app = app
            .route(
                "/api/v1/openapi.json",
                web::get().to(move || {
                    let document = document.clone();
                    async move {
                        HttpResponse::Ok()
                            .content_type("application/json")
                            .body(document)
                    }
                }),
            )
            .service(SwaggerUi::new("/docs/{_:.*}").url("/api/v1/openapi.json", api));
    }
    if settings.metrics_on_api_port() {
        app = app.route("/metrics", web::get().to(crate::metrics::serve));
    }
    let (app, _) = register(app.into_utoipa_app()).split_for_parts();

    app.default_service(web::to(not_found))
        .wrap(from_fn(skip_small_bodies))
        .wrap(Compress::default())
        .wrap(from_fn(strip_identity_marker))
        .wrap(cors(&settings))
        .wrap(from_fn(observe))
}

/// The application of the separate metrics listener (`metrics.port`): `GET /metrics` only.
pub fn metrics_app(
    state: AppState,
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        .app_data(web::Data::new(state))
        .route("/metrics", web::get().to(crate::metrics::serve))
        .default_service(web::to(not_found))
}

/// Body limits and problem-details error handlers for the JSON, payload, path and query
/// extractors. Part of [`build_app`]; public so that tests can wrap handlers of their own in
/// the same configuration.
pub fn configure_extractors(body_limit_bytes: usize) -> impl FnOnce(&mut web::ServiceConfig) {
    move |cfg| {
        cfg.app_data(json_config(body_limit_bytes))
            .app_data(web::PayloadConfig::new(body_limit_bytes))
            .app_data(web::PathConfig::default().error_handler(|err, _| {
                ApiError::BadRequest(format!("invalid path parameter: {err}")).into()
            }))
            .app_data(web::QueryConfig::default().error_handler(|err, _| {
                ApiError::BadRequest(format!("invalid query string: {err}")).into()
            }));
    }
}

async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(ApiError::NotFound(format!(
        "no route for {} {}",
        req.method(),
        req.path()
    )))
}

fn json_config(limit: usize) -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(limit)
        .error_handler(|err, _req| json_error(err).into())
}

/// Classifies a JSON body failure: too large (413), wrong media type (415), unreadable
/// (400), or readable but of the wrong shape (422).
fn json_error(err: actix_web::error::JsonPayloadError) -> ApiError {
    use actix_web::error::JsonPayloadError as E;
    match err {
        E::Overflow { limit } | E::OverflowKnownLength { limit, .. } => ApiError::PayloadTooLarge(
            format!("the request body is larger than the limit of {limit} bytes"),
        ),
        E::ContentType => {
            ApiError::UnsupportedMediaType("send the body as application/json".into())
        }
        E::Deserialize(e) if e.is_data() => ApiError::Validation {
            detail: format!("the body does not match the expected shape: {e}"),
            errors: Vec::new(),
        },
        E::Deserialize(e) => ApiError::BadRequest(format!("the body is not valid JSON: {e}")),
        E::Payload(e) => match e {
            actix_web::error::PayloadError::Overflow => {
                ApiError::PayloadTooLarge("the request body is larger than the limit".into())
            }
            other => ApiError::BadRequest(format!("the body could not be read: {other}")),
        },
        other => ApiError::BadRequest(other.to_string()),
    }
}

fn cors(settings: &Settings) -> Cors {
    let origins = &settings.cors.allowed_origins;
    let mut cors = Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::IF_MATCH,
            header::HeaderName::from_static("x-csrf-token"),
            header::HeaderName::from_static("x-request-id"),
        ])
        .expose_headers([
            header::ETAG,
            header::RETRY_AFTER,
            header::HeaderName::from_static("x-request-id"),
            header::HeaderName::from_static("x-response-time"),
            crate::caching::X_CACHE,
        ])
        .max_age(settings.cors.max_age_secs);
    if origins.iter().any(|o| o == "*") {
        cors = cors.allow_any_origin().send_wildcard();
    } else {
        for origin in origins {
            cors = cors.allowed_origin(origin);
        }
    }
    if settings.cors.allow_credentials {
        cors = cors.supports_credentials();
    }
    cors
}
