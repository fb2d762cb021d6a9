//! Field data over HTTP: operators, wells, surveys (JSON and CSV), saved analyses and
//! exports; optimistic concurrency, validation, roles and organization isolation.

use crate::common::*;
use serde_json::json;

struct Reply {
    status: u16,
    etag: Option<String>,
    location: Option<String>,
    content_type: Option<String>,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
}

async fn send<S, B>(app: &S, request: test::TestRequest) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let response = test::call_service(app, request.to_request()).await;
    let status = response.status().as_u16();
    let etag = header_str(&response, "etag");
    let location = header_str(&response, "location");
    let content_type = header_str(&response, "content-type");
    if status >= 400 {
        assert_eq!(
            content_type.as_deref(),
            Some("application/problem+json"),
            "{status}"
        );
    }
    let bytes = test::read_body(response).await;
    Reply {
        status,
        etag,
        location,
        content_type,
        text: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

fn as_user(request: test::TestRequest, session: &Session) -> test::TestRequest {
    request.insert_header(session.bearer())
}

fn well_body(name: &str, uwi: &str) -> Value {
    json!({
        "name": name, "uwi": uwi, "well_type": "oil", "status": "producing",
        "latitude_deg": 31.95, "longitude_deg": -102.08,
        "reservoir_pressure_psia": 3000.0, "reservoir_temperature_degf": 190.0,
        "wellhead_pressure_psia": 150.0, "wellhead_temperature_degf": 100.0,
        "fluid": {"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0,
                  "water_cut_fraction": 0.2, "water_salinity_wt_pct": 3.0},
        "inflow": {"model": "vogel", "reservoir_pressure_psia": 3000.0, "max_rate_stb_d": 2500.0},
        "completion": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]}
    })
}

const SURVEY_CSV: &str =
    "md_ft,inclination_deg,azimuth_deg\n0,0,0\n2000,0,0\n4000,30,45\n8000,30,45\n";

/// The application on the test's database `$db`.
macro_rules! on {
    ($db:ident, $state:ident, $app:ident) => {
        let $state = state(&$db, settings(Environment::Test));
        let $app = test::init_service(build_app($state.clone())).await;
    };
}

macro_rules! app {
    ($db:ident, $state:ident, $app:ident) => {
        let $db = TestDatabase::sqlite();
        let $state = state(&$db, settings(Environment::Test));
        let $app = test::init_service(build_app($state.clone())).await;
    };
}

async fn create_well<S, B>(app: &S, session: &Session, name: &str, uwi: &str) -> Value
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let reply = send(
        app,
        as_user(test::TestRequest::post().uri("/api/v1/wells"), session)
            .set_json(well_body(name, uwi)),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    reply.json()
}

// ---------------------------------------------------------------- operators

#[actix_web::test]
async fn operators_crud_with_etags() {
    app!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let post = |name: &str| {
        as_user(
            test::TestRequest::post().uri("/api/v1/operators"),
            &engineer,
        )
        .set_json(json!({"name": name}))
    };
    let created = send(&app, post("North Sea Ops")).await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert_eq!(created.etag.as_deref(), Some("\"1\""));
    let id = created.json()["id"].as_str().unwrap().to_owned();

    let duplicate = send(&app, post("north sea OPS")).await;
    assert_eq!(duplicate.status, 409);
    assert_eq!(error_fields(&duplicate.json()), ["name"]);
    let blank = send(&app, post("  ")).await;
    assert_eq!(blank.status, 422);
    assert_eq!(error_fields(&blank.json()), ["name"]);

    let uri = format!("/api/v1/operators/{id}");
    let put = |if_match: Option<&str>, name: &str| {
        let mut request =
            as_user(test::TestRequest::put().uri(&uri), &engineer).set_json(json!({"name": name}));
        if let Some(tag) = if_match {
            request = request.insert_header((header::IF_MATCH, tag));
        }
        request
    };
    assert_eq!(send(&app, put(None, "Renamed")).await.status, 428);
    let renamed = send(&app, put(Some("\"1\""), "Renamed")).await;
    assert_eq!(renamed.status, 200, "{}", renamed.text);
    assert_eq!(renamed.etag.as_deref(), Some("\"2\""));
    // The second engineer still holds version 1: refused, nothing changes.
    let stale = send(&app, put(Some("\"1\""), "Mine")).await;
    assert_eq!(stale.status, 412);
    let got = send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer)).await;
    assert_eq!(got.json()["name"], "Renamed");
    assert_eq!(got.etag.as_deref(), Some("\"2\""));

    send(&app, post("Alpha")).await;
    let listed = send(
        &app,
        as_user(
            test::TestRequest::get().uri("/api/v1/operators?sort=-name&limit=1"),
            &engineer,
        ),
    )
    .await;
    let body = listed.json();
    assert_eq!(
        (body["total"].as_u64(), body["next_offset"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(body["items"][0]["name"], "Renamed");

    let gone = send(
        &app,
        as_user(test::TestRequest::delete().uri(&uri), &engineer)
            .insert_header((header::IF_MATCH, "\"2\"")),
    )
    .await;
    assert_eq!(gone.status, 204);
    assert_eq!(
        send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer))
            .await
            .status,
        404
    );
}

// ---------------------------------------------------------------- wells

backend_test!(async fn well_lifecycle_with_optimistic_concurrency(db) {
    on!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let well = create_well(&app, &engineer, "Smith 1H", "42-317-38290").await;
    let id = well["id"].as_str().unwrap();
    assert_eq!(well["version"], 1);
    assert_eq!(well["fluid"]["water_cut_fraction"], 0.2);
    let uri = format!("/api/v1/wells/{id}");

    let got = send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer)).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.etag.as_deref(), Some("\"1\""));

    let mut changed = well_body("Smith 1H", "42-317-38290");
    changed["status"] = json!("shut_in");
    let put = |tag: Option<&str>, body: &Value| {
        let mut request = as_user(test::TestRequest::put().uri(&uri), &engineer).set_json(body);
        if let Some(tag) = tag {
            request = request.insert_header((header::IF_MATCH, tag));
        }
        request
    };
    assert_eq!(send(&app, put(None, &changed)).await.status, 428);
    assert_eq!(send(&app, put(Some("W/\"1\""), &changed)).await.status, 412);
    let updated = send(&app, put(Some("\"1\""), &changed)).await;
    assert_eq!(updated.status, 200, "{}", updated.text);
    assert_eq!(updated.etag.as_deref(), Some("\"2\""));
    assert_eq!(updated.json()["status"], "shut_in");
    // Engineer B read version 1 and saves over it: 412, and A's change stands.
    let mut theirs = well_body("Smith 1H (B)", "42-317-38290");
    theirs["status"] = json!("producing");
    let stale = send(&app, put(Some("\"1\""), &theirs)).await;
    assert_eq!(stale.status, 412);
    assert!(
        stale.json()["detail"]
            .as_str()
            .unwrap()
            .contains("version 2")
    );
    let now = send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer))
        .await
        .json();
    assert_eq!(
        (now["name"].as_str(), now["status"].as_str()),
        (Some("Smith 1H"), Some("shut_in"))
    );

    let deleted = send(
        &app,
        as_user(test::TestRequest::delete().uri(&uri), &engineer),
    )
    .await;
    assert_eq!(deleted.status, 204);
    assert_eq!(
        send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer))
            .await
            .status,
        404
    );
});

#[actix_web::test]
async fn well_validation_names_each_field() {
    app!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let post = |body: Value| {
        as_user(test::TestRequest::post().uri("/api/v1/wells"), &engineer).set_json(body)
    };

    let mut bad = well_body("", "X-1");
    bad["latitude_deg"] = json!(91.0);
    bad["longitude_deg"] = json!(-181.0);
    bad["reservoir_pressure_psia"] = json!(-5.0);
    bad["fluid"]["gas_sg"] = json!(0.2);
    bad["fluid"]["water_sg"] = json!(1.05);
    bad["completion"]["sections"][0]["tubing_id_in"] = json!(0.0);
    bad["inflow"]["max_rate_stb_d"] = json!(-1.0);
    let reply = send(&app, post(bad)).await;
    assert_eq!(reply.status, 422, "{}", reply.text);
    let fields = error_fields(&reply.json());
    for expected in [
        "name",
        "latitude_deg",
        "longitude_deg",
        "reservoir_pressure_psia",
        "completion.sections[0].tubing_id_in",
    ] {
        assert!(
            fields.contains(&expected.to_owned()),
            "{expected} not in {fields:?}"
        );
    }
    assert!(
        fields.iter().any(|f| f.starts_with("inflow.")),
        "{fields:?}"
    );
    assert!(fields.iter().any(|f| f.starts_with("fluid.")), "{fields:?}");

    // Water gravity and salinity are alternatives.
    let mut both = well_body("A", "X-1");
    both["fluid"]["water_sg"] = json!(1.05);
    let reply = send(&app, post(both)).await;
    assert_eq!(reply.status, 422);
    assert_eq!(error_fields(&reply.json()), ["fluid.water_sg"]);

    let mut unknown = well_body("A", "X-1");
    unknown["well_type"] = json!("steam_injector");
    assert_eq!(send(&app, post(unknown)).await.status, 422);
    let mut extra = well_body("A", "X-1");
    extra["depth"] = json!(1);
    let reply = send(&app, post(extra)).await;
    assert_eq!(reply.status, 422);
    assert_eq!(error_fields(&reply.json()), ["depth"]);

    create_well(&app, &engineer, "A", "X-1").await;
    let conflict = send(&app, post(well_body("B", "x-1"))).await;
    assert_eq!(conflict.status, 409);
    assert_eq!(error_fields(&conflict.json()), ["uwi"]);

    // An operator of another organization is not yours to reference.
    let other = signed_in(&state, Role::Engineer).await;
    let theirs = send(
        &app,
        as_user(test::TestRequest::post().uri("/api/v1/operators"), &other)
            .set_json(json!({"name": "Theirs"})),
    )
    .await
    .json();
    let mut foreign = well_body("C", "X-3");
    foreign["operator_id"] = theirs["id"].clone();
    let reply = send(&app, post(foreign)).await;
    assert_eq!(reply.status, 422);
    assert_eq!(error_fields(&reply.json()), ["operator_id"]);
}

backend_test!(async fn well_lists_page_sort_and_filter(db) {
    on!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let operator = send(
        &app,
        as_user(
            test::TestRequest::post().uri("/api/v1/operators"),
            &engineer,
        )
        .set_json(json!({"name": "North"})),
    )
    .await
    .json();
    for (i, (name, well_type, status)) in [
        ("Delta", "oil", "producing"),
        ("Alpha", "gas", "producing"),
        ("Charlie", "oil", "shut_in"),
        ("Bravo", "water_injector", "injecting"),
        ("Echo", "oil", "producing"),
    ]
    .into_iter()
    .enumerate()
    {
        let mut body = well_body(name, &format!("U-{i}"));
        body["well_type"] = json!(well_type);
        body["status"] = json!(status);
        if i % 2 == 0 {
            body["operator_id"] = operator["id"].clone();
        }
        let reply = send(
            &app,
            as_user(test::TestRequest::post().uri("/api/v1/wells"), &engineer).set_json(body),
        )
        .await;
        assert_eq!(reply.status, 201, "{}", reply.text);
    }
    let get = |query: &str| {
        as_user(
            test::TestRequest::get().uri(&format!("/api/v1/wells{query}")),
            &engineer,
        )
    };
    let names = |body: &Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["name"].as_str().unwrap().to_owned())
            .collect()
    };

    let first = send(&app, get("?limit=2")).await.json();
    assert_eq!(
        (
            first["total"].as_u64(),
            first["limit"].as_u64(),
            first["next_offset"].as_u64()
        ),
        (Some(5), Some(2), Some(2))
    );
    assert_eq!(names(&first), ["Alpha", "Bravo"]);
    let last = send(&app, get("?limit=2&offset=4")).await.json();
    assert_eq!(names(&last), ["Echo"]);
    assert!(last["next_offset"].is_null());
    let beyond = send(&app, get("?offset=100")).await.json();
    assert_eq!(
        (
            beyond["items"].as_array().unwrap().len(),
            beyond["total"].as_u64()
        ),
        (0, Some(5))
    );

    assert_eq!(
        names(&send(&app, get("?sort=-name&limit=1")).await.json()),
        ["Echo"]
    );
    assert_eq!(
        names(&send(&app, get("?sort=-uwi&limit=1")).await.json()),
        ["Echo"]
    );
    let oil = send(&app, get("?well_type=oil&status=producing"))
        .await
        .json();
    assert_eq!(names(&oil), ["Delta", "Echo"]);
    let by_operator = send(
        &app,
        get(&format!(
            "?operator_id={}",
            operator["id"].as_str().unwrap()
        )),
    )
    .await
    .json();
    assert_eq!(names(&by_operator), ["Charlie", "Delta", "Echo"]);

    for (query, field) in [("?limit=0", "limit"), ("?limit=201", "limit")] {
        let reply = send(&app, get(query)).await;
        assert_eq!(reply.status, 422, "{query}");
        assert_eq!(error_fields(&reply.json()), [field]);
    }
    assert_eq!(send(&app, get("?limit=200")).await.status, 200);
    assert_eq!(send(&app, get("?sort=depth")).await.status, 400);
    assert_eq!(send(&app, get("?status=flowing")).await.status, 400);
});

backend_test!(async fn wells_export_as_csv_and_json(db) {
    on!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    create_well(&app, &engineer, "=cmd, \"quoted\"", "U-1").await;
    create_well(&app, &engineer, "Plain", "U-2").await;
    let csv = send(
        &app,
        as_user(
            test::TestRequest::get().uri("/api/v1/wells/export?format=csv"),
            &engineer,
        ),
    )
    .await;
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("id,name,uwi,operator_id,well_type,status"));
    assert!(
        lines[1].contains(",\"'=cmd, \"\"quoted\"\"\",U-1,,oil,producing,31.95,-102.08,3000,"),
        "{}",
        lines[1]
    );
    let by_accept = send(
        &app,
        as_user(
            test::TestRequest::get().uri("/api/v1/wells/export?status=producing"),
            &engineer,
        )
        .insert_header((header::ACCEPT, "text/csv")),
    )
    .await;
    assert_eq!(by_accept.text, csv.text);
    let json = send(
        &app,
        as_user(
            test::TestRequest::get().uri("/api/v1/wells/export"),
            &engineer,
        ),
    )
    .await
    .json();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[1]["fluid"]["oil_api"], 35.0);
});

// ---------------------------------------------------------------- surveys

backend_test!(async fn survey_csv_with_a_byte_order_mark_is_accepted(db) {
    on!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let well = create_well(&app, &engineer, "A", "U-1").await;
    let uri = format!("/api/v1/wells/{}/survey", well["id"].as_str().unwrap());
    // Spreadsheets save "CSV UTF-8" with a byte-order mark; it used to be a header error.
    let stored = send(
        &app,
        as_user(test::TestRequest::put().uri(&uri), &engineer)
            .insert_header((header::CONTENT_TYPE, "text/csv"))
            .set_payload(format!("\u{feff}{SURVEY_CSV}")),
    )
    .await;
    assert_eq!(stored.status, 200, "{}", stored.text);
    assert_eq!(stored.json()["station_count"], 4);
});

backend_test!(async fn survey_upload_read_and_trajectory(db) {
    on!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let well = create_well(&app, &engineer, "A", "U-1").await;
    let uri = format!("/api/v1/wells/{}/survey", well["id"].as_str().unwrap());
    assert_eq!(
        send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer))
            .await
            .status,
        404
    );

    let csv_put = |body: &str| {
        as_user(test::TestRequest::put().uri(&uri), &engineer)
            .insert_header((header::CONTENT_TYPE, "text/csv"))
            .set_payload(body.to_owned())
    };
    let stored = send(&app, csv_put(SURVEY_CSV)).await;
    assert_eq!(stored.status, 200, "{}", stored.text);
    assert_eq!(stored.etag.as_deref(), Some("\"1\""));
    let body = stored.json();
    assert_eq!(
        (body["source"].as_str(), body["station_count"].as_u64()),
        (Some("csv"), Some(4))
    );
    assert_eq!(body["uploaded_by"], engineer.user_id.to_string());

    let as_csv = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("{uri}?format=csv")),
            &engineer,
        ),
    )
    .await;
    assert_eq!(as_csv.text, SURVEY_CSV);

    // A CSV with one bad row is refused whole, naming line and column; the stored
    // survey is untouched.
    let bad = "md_ft,inclination_deg,azimuth_deg\n0,0,0\n1000,0,0\n2000,190,0\n3000,10,0\n";
    let refused = send(&app, csv_put(bad)).await;
    assert_eq!(refused.status, 422);
    let problem = refused.json();
    assert_eq!(error_fields(&problem), ["lines[4].inclination_deg"]);
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("line 4:")
    );
    let unparsable = send(
        &app,
        csv_put("md_ft,inclination_deg,azimuth_deg\n0,0,0\n1000,x,0\n"),
    )
    .await;
    assert_eq!(
        error_fields(&unparsable.json()),
        ["lines[3].inclination_deg"]
    );
    let decreasing = send(
        &app,
        csv_put("md_ft,inclination_deg,azimuth_deg\n0,0,0\n1000,0,0\n900,0,0\n"),
    )
    .await;
    assert_eq!(error_fields(&decreasing.json()), ["lines[4].md_ft"]);
    let after = send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer)).await;
    assert_eq!(
        (
            after.etag.as_deref(),
            after.json()["station_count"].as_u64()
        ),
        (Some("\"1\""), Some(4))
    );

    // JSON replaces it; a stale If-Match does not.
    let json_put = |tag: &str, stations: Value| {
        as_user(test::TestRequest::put().uri(&uri), &engineer)
            .insert_header((header::IF_MATCH, tag.to_owned()))
            .set_json(json!({"stations": stations}))
    };
    let two = json!([{"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 0.0},
                     {"md_ft": 9000.0, "inclination_deg": 0.0, "azimuth_deg": 0.0}]);
    assert_eq!(send(&app, json_put("\"0\"", two.clone())).await.status, 412);
    let replaced = send(&app, json_put("\"1\"", two)).await;
    assert_eq!(
        (replaced.status, replaced.etag.as_deref()),
        (200, Some("\"2\""))
    );
    let bad_json = send(
        &app,
        json_put(
            "\"2\"",
            json!([{"md_ft": 0.0, "inclination_deg": 0.0, "azimuth_deg": 400.0},
        {"md_ft": 10.0, "inclination_deg": 0.0, "azimuth_deg": 0.0}]),
        ),
    )
    .await;
    assert_eq!(error_fields(&bad_json.json()), ["stations[0].azimuth_deg"]);
    let text = send(
        &app,
        as_user(test::TestRequest::put().uri(&uri), &engineer)
            .insert_header((header::CONTENT_TYPE, "text/plain"))
            .set_payload("0,0,0"),
    )
    .await;
    assert_eq!(text.status, 415);

    send(&app, csv_put(SURVEY_CSV)).await;
    let trajectory = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("{uri}/trajectory")),
            &engineer,
        ),
    )
    .await;
    assert_eq!(trajectory.status, 200, "{}", trajectory.text);
    let body = trajectory.json();
    assert_eq!(body["method"], "minimum_curvature");
    // Vertical to 2,000 ft, then a build: TVD below MD only after the kick-off.
    let stations = body["stations"].as_array().unwrap();
    assert_eq!(stations[1]["tvd_ft"], 2000.0);
    assert!(stations[3]["tvd_ft"].as_f64().unwrap() < 8000.0);
    // The straight 30° hold from 4,000 to 8,000 ft drops 4000 cos 30° in TVD.
    let hold = stations[3]["tvd_ft"].as_f64().unwrap() - stations[2]["tvd_ft"].as_f64().unwrap();
    assert!(
        (hold - 4000.0 * 30f64.to_radians().cos()).abs() < 1e-6,
        "{hold}"
    );
});

#[actix_web::test]
async fn oversized_bodies_are_413() {
    let db = TestDatabase::sqlite();
    let mut small = settings(Environment::Test);
    small.server.body_limit_bytes = 2048;
    let state = state(&db, small);
    let app = test::init_service(build_app(state.clone())).await;
    let engineer = signed_in(&state, Role::Engineer).await;
    let well = create_well(&app, &engineer, "A", "U-1").await;
    let mut csv = String::from("md_ft,inclination_deg,azimuth_deg\n");
    for i in 0..400 {
        csv.push_str(&format!("{},0,0\n", i * 10));
    }
    let reply = send(
        &app,
        as_user(
            test::TestRequest::put().uri(&format!(
                "/api/v1/wells/{}/survey",
                well["id"].as_str().unwrap()
            )),
            &engineer,
        )
        .insert_header((header::CONTENT_TYPE, "text/csv"))
        .set_payload(csv),
    )
    .await;
    assert_eq!(reply.status, 413);
    let mut body = well_body("B", "U-2");
    body["name"] = json!("x".repeat(4000));
    let reply = send(
        &app,
        as_user(test::TestRequest::post().uri("/api/v1/wells"), &engineer).set_json(body),
    )
    .await;
    assert_eq!(reply.status, 413);
}

// ---------------------------------------------------------------- analyses

backend_test!(async fn operating_point_is_run_on_stored_data_and_saved(db) {
    on!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let well = create_well(&app, &engineer, "A", "U-1").await;
    let id = well["id"].as_str().unwrap();
    let uri = format!("/api/v1/wells/{id}/analyses");
    let run = |body: Value| as_user(test::TestRequest::post().uri(&uri), &engineer).set_json(body);

    let saved = send(&app, run(json!({"kind": "operating_point"}))).await;
    assert_eq!(saved.status, 201, "{}", saved.text);
    let analysis = saved.json();
    assert_eq!(
        saved.location.as_deref(),
        Some(format!("/api/v1/analyses/{}", analysis["id"].as_str().unwrap()).as_str())
    );
    assert_eq!(analysis["kind"], "operating_point");
    assert_eq!(analysis["engine_version"], nodal_core::ENGINE_VERSION);
    assert_eq!(analysis["created_by"], engineer.user_id.to_string());
    assert_eq!(analysis["input"]["well_version"], 1);
    assert_eq!(analysis["result"]["outcome"], "stable");

    // The saved request is the calculation route's body: replaying it gives the same answer.
    let request = analysis["input"]["request"].clone();
    assert_eq!(request["wellhead_pressure_psia"], 150.0);
    assert_eq!(request["water_cut_fraction"], 0.2);
    let replay = send(
        &app,
        as_user(
            test::TestRequest::post().uri("/api/v1/nodal/operating-point"),
            &engineer,
        )
        .set_json(&request),
    )
    .await;
    assert_eq!(replay.status, 200, "{}", replay.text);
    assert_eq!(replay.json()["solution"], analysis["result"]["solution"]);

    // Overrides change this run only.
    let higher = send(
        &app,
        run(json!({"kind": "operating_point", "overrides": {"wellhead_pressure_psia": 400.0}})),
    )
    .await;
    assert_eq!(higher.status, 201, "{}", higher.text);
    assert_eq!(
        higher.json()["input"]["request"]["wellhead_pressure_psia"],
        400.0
    );
    let stored = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("/api/v1/wells/{id}")),
            &engineer,
        ),
    )
    .await
    .json();
    assert_eq!(stored["wellhead_pressure_psia"], 150.0);

    let got = send(
        &app,
        as_user(
            test::TestRequest::get().uri(saved.location.as_deref().unwrap()),
            &engineer,
        ),
    )
    .await;
    assert_eq!(got.status, 200);
    assert_eq!(got.json(), analysis);
});

#[actix_web::test]
async fn every_kind_runs_and_lists_filter_by_kind_and_date() {
    app!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let well = create_well(&app, &engineer, "A", "U-1").await;
    let id = well["id"].as_str().unwrap();
    let uri = format!("/api/v1/wells/{id}/analyses");
    send(
        &app,
        as_user(
            test::TestRequest::put().uri(&format!("/api/v1/wells/{id}/survey")),
            &engineer,
        )
        .insert_header((header::CONTENT_TYPE, "text/csv"))
        .set_payload(SURVEY_CSV),
    )
    .await;
    let start = chrono::Utc::now();
    for body in [
        json!({"kind": "pvt", "points": 10}),
        json!({"kind": "traverse", "liquid_rate_stb_d": 1000.0}),
        json!({"kind": "vlp", "liquid_rates_stb_d": [500.0, 1000.0, 1500.0]}),
        json!({"kind": "sensitivity", "first": {"variable": "wellhead_pressure_psia", "values": [100.0, 200.0]}}),
    ] {
        let reply = send(
            &app,
            as_user(test::TestRequest::post().uri(&uri), &engineer).set_json(&body),
        )
        .await;
        assert_eq!(reply.status, 201, "{body}: {}", reply.text);
        let saved = reply.json();
        assert_eq!(saved["kind"], body["kind"]);
        assert_eq!(saved["input"]["survey_version"], 1);
    }
    let traverse = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("{uri}?kind=traverse")),
            &engineer,
        ),
    )
    .await
    .json();
    assert_eq!(traverse["total"], 1);
    let full = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!(
                "/api/v1/analyses/{}",
                traverse["items"][0]["id"].as_str().unwrap()
            )),
            &engineer,
        ),
    )
    .await
    .json();
    // The survey was used: the traverse reaches 8,000 ft MD at a TVD above it.
    let stations = full["result"]["stations"].as_array().unwrap();
    let bottom = stations.last().unwrap();
    assert_eq!(bottom["md_ft"], 8000.0);
    assert!(bottom["tvd_ft"].as_f64().unwrap() < 7900.0, "{bottom}");

    let all = send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer))
        .await
        .json();
    assert_eq!(all["total"], 4);
    assert_eq!(all["items"][0]["kind"], "sensitivity", "newest first");
    let since = start
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        .replace('+', "%2B");
    let recent = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("{uri}?created_from={since}")),
            &engineer,
        ),
    )
    .await
    .json();
    assert_eq!(recent["total"], 4);
    let before = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("{uri}?created_before={since}")),
            &engineer,
        ),
    )
    .await
    .json();
    assert_eq!(before["total"], 0);
    let unknown = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("{uri}?kind=magic")),
            &engineer,
        ),
    )
    .await;
    assert_eq!(unknown.status, 422);
    assert_eq!(error_fields(&unknown.json()), ["kind"]);
    let bad_date = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("{uri}?created_from=yesterday")),
            &engineer,
        ),
    )
    .await;
    assert_eq!(bad_date.status, 400);
}

#[actix_web::test]
async fn analyses_name_missing_or_invalid_data() {
    app!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let mut bare = well_body("Bare", "U-9");
    for key in ["fluid", "inflow", "completion", "wellhead_pressure_psia"] {
        bare.as_object_mut().unwrap().remove(key);
    }
    let well = send(
        &app,
        as_user(test::TestRequest::post().uri("/api/v1/wells"), &engineer).set_json(bare),
    )
    .await
    .json();
    let uri = format!("/api/v1/wells/{}/analyses", well["id"].as_str().unwrap());
    let run = |body: Value| as_user(test::TestRequest::post().uri(&uri), &engineer).set_json(body);

    let reply = send(&app, run(json!({"kind": "pvt"}))).await;
    assert_eq!(reply.status, 422);
    assert_eq!(error_fields(&reply.json()), ["fluid"]);
    let fluid = json!({"oil_api": 35.0, "gas_sg": 0.75, "gor_scf_stb": 500.0});
    let reply = send(
        &app,
        run(json!({"kind": "pvt", "overrides": {"fluid": fluid}})),
    )
    .await;
    assert_eq!(reply.status, 201, "{}", reply.text);
    let reply = send(
        &app,
        run(json!({"kind": "traverse", "liquid_rate_stb_d": 500.0, "overrides": {"fluid": fluid}})),
    )
    .await;
    assert_eq!(error_fields(&reply.json()), ["completion"]);
    let reply = send(
        &app,
        run(
            json!({"kind": "operating_point", "overrides": {"fluid": fluid,
        "completion": {"sections": [{"bottom_md_ft": 8000.0, "tubing_id_in": 2.441}]}}}),
        ),
    )
    .await;
    assert_eq!(error_fields(&reply.json()), ["inflow"]);
    let reply = send(
        &app,
        run(
            json!({"kind": "operating_point", "overrides": {"water_cut_fraction": 1.5,
        "fluid": {"oil_api": -1.0, "gas_sg": 0.75, "gor_scf_stb": 500.0}}}),
        ),
    )
    .await;
    assert_eq!(reply.status, 422);
    let fields = error_fields(&reply.json());
    assert!(
        fields.contains(&"overrides.water_cut_fraction".to_owned()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"overrides.fluid.oil_api".to_owned()),
        "{fields:?}"
    );
    let reply = send(&app, run(json!({"kind": "nodal"}))).await;
    assert_eq!(reply.status, 422);
    // Nothing failed was saved.
    let listed = send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer))
        .await
        .json();
    assert_eq!(listed["total"], 1);
}

backend_test!(async fn well_with_analyses_is_deleted_only_by_an_admin_cascade(db) {
    on!(db, state, app);
    let admin = signed_in(&state, Role::Admin).await;
    let engineer = signed_in_to(&state, admin.org_id, Role::Engineer).await;
    let well = create_well(&app, &engineer, "A", "U-1").await;
    let id = well["id"].as_str().unwrap();
    let run = send(
        &app,
        as_user(
            test::TestRequest::post().uri(&format!("/api/v1/wells/{id}/analyses")),
            &engineer,
        )
        .set_json(json!({"kind": "pvt"})),
    )
    .await;
    assert_eq!(run.status, 201, "{}", run.text);
    let uri = format!("/api/v1/wells/{id}");
    assert_eq!(
        send(
            &app,
            as_user(test::TestRequest::delete().uri(&uri), &engineer)
        )
        .await
        .status,
        409
    );
    assert_eq!(
        send(&app, as_user(test::TestRequest::delete().uri(&uri), &admin))
            .await
            .status,
        409
    );
    assert_eq!(
        send(
            &app,
            as_user(
                test::TestRequest::delete().uri(&format!("{uri}?cascade=true")),
                &engineer
            )
        )
        .await
        .status,
        403
    );
    assert_eq!(
        send(&app, as_user(test::TestRequest::get().uri(&uri), &engineer))
            .await
            .status,
        200
    );
    assert_eq!(
        send(
            &app,
            as_user(
                test::TestRequest::delete().uri(&format!("{uri}?cascade=true")),
                &admin
            )
        )
        .await
        .status,
        204
    );
    let analysis = format!("/api/v1/analyses/{}", run.json()["id"].as_str().unwrap());
    assert_eq!(
        send(
            &app,
            as_user(test::TestRequest::get().uri(&analysis), &engineer)
        )
        .await
        .status,
        404
    );
});

// ---------------------------------------------------------------- access

/// Every field-data route, with a body where it takes one.
fn every_route(well: &str, operator: &str, analysis: &str) -> Vec<(test::TestRequest, bool)> {
    let w = |path: &str| format!("/api/v1/wells/{well}{path}");
    vec![
        (
            test::TestRequest::get().uri(&format!("/api/v1/operators/{operator}")),
            false,
        ),
        (
            test::TestRequest::put()
                .uri(&format!("/api/v1/operators/{operator}"))
                .insert_header((header::IF_MATCH, "\"1\""))
                .set_json(json!({"name": "X"})),
            true,
        ),
        (
            test::TestRequest::delete().uri(&format!("/api/v1/operators/{operator}")),
            true,
        ),
        (test::TestRequest::get().uri(&w("")), false),
        (
            test::TestRequest::put()
                .uri(&w(""))
                .insert_header((header::IF_MATCH, "\"1\""))
                .set_json(well_body("X", "X")),
            true,
        ),
        (test::TestRequest::delete().uri(&w("")), true),
        (test::TestRequest::get().uri(&w("/survey")), false),
        (
            test::TestRequest::put()
                .uri(&w("/survey"))
                .insert_header((header::CONTENT_TYPE, "text/csv"))
                .set_payload(SURVEY_CSV),
            true,
        ),
        (
            test::TestRequest::get().uri(&w("/survey/trajectory")),
            false,
        ),
        (
            test::TestRequest::post()
                .uri(&w("/analyses"))
                .set_json(json!({"kind": "pvt"})),
            true,
        ),
        (test::TestRequest::get().uri(&w("/analyses")), false),
        (
            test::TestRequest::get().uri(&format!("/api/v1/analyses/{analysis}")),
            false,
        ),
    ]
}

backend_test!(async fn another_organization_sees_404_everywhere(db) {
    on!(db, state, app);
    let owner = signed_in(&state, Role::Engineer).await;
    let operator = send(
        &app,
        as_user(test::TestRequest::post().uri("/api/v1/operators"), &owner)
            .set_json(json!({"name": "Mine"})),
    )
    .await
    .json();
    let mut body = well_body("Mine", "U-1");
    body["operator_id"] = operator["id"].clone();
    let well = send(
        &app,
        as_user(test::TestRequest::post().uri("/api/v1/wells"), &owner).set_json(body),
    )
    .await
    .json();
    let well_id = well["id"].as_str().unwrap();
    send(
        &app,
        as_user(
            test::TestRequest::put().uri(&format!("/api/v1/wells/{well_id}/survey")),
            &owner,
        )
        .insert_header((header::CONTENT_TYPE, "text/csv"))
        .set_payload(SURVEY_CSV),
    )
    .await;
    let analysis = send(
        &app,
        as_user(
            test::TestRequest::post().uri(&format!("/api/v1/wells/{well_id}/analyses")),
            &owner,
        )
        .set_json(json!({"kind": "pvt"})),
    )
    .await
    .json();
    let operator_id = operator["id"].as_str().unwrap();
    let analysis_id = analysis["id"].as_str().unwrap();

    for role in [Role::Admin, Role::Engineer] {
        let stranger = signed_in(&state, role).await;
        for (request, _) in every_route(well_id, operator_id, analysis_id) {
            let request = as_user(request, &stranger).to_request();
            let (method, path) = (request.method().clone(), request.path().to_owned());
            let response = test::call_service(&app, request).await;
            assert_eq!(
                response.status().as_u16(),
                404,
                "{method} {path} as a stranger"
            );
        }
        // Their lists and exports do not show it either.
        for uri in ["/api/v1/wells", "/api/v1/operators"] {
            let list = send(&app, as_user(test::TestRequest::get().uri(uri), &stranger))
                .await
                .json();
            assert_eq!(list["total"], 0, "{uri}");
        }
        let export = send(
            &app,
            as_user(
                test::TestRequest::get().uri("/api/v1/wells/export"),
                &stranger,
            ),
        )
        .await
        .json();
        assert_eq!(export, json!([]));
    }
    // Everything is still there for its owner.
    for (request, _) in every_route(well_id, operator_id, analysis_id) {
        let request = as_user(request, &owner).to_request();
        if request.method() == actix_web::http::Method::GET {
            let path = request.path().to_owned();
            assert_eq!(
                test::call_service(&app, request).await.status().as_u16(),
                200,
                "{path}"
            );
        }
    }
});

#[actix_web::test]
async fn viewers_read_only_and_strangers_sign_in_first() {
    app!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let viewer = signed_in_to(&state, engineer.org_id, Role::Viewer).await;
    let operator = send(
        &app,
        as_user(
            test::TestRequest::post().uri("/api/v1/operators"),
            &engineer,
        )
        .set_json(json!({"name": "Mine"})),
    )
    .await
    .json();
    let well = create_well(&app, &engineer, "A", "U-1").await;
    let well_id = well["id"].as_str().unwrap();
    send(
        &app,
        as_user(
            test::TestRequest::put().uri(&format!("/api/v1/wells/{well_id}/survey")),
            &engineer,
        )
        .insert_header((header::CONTENT_TYPE, "text/csv"))
        .set_payload(SURVEY_CSV),
    )
    .await;
    let analysis = send(
        &app,
        as_user(
            test::TestRequest::post().uri(&format!("/api/v1/wells/{well_id}/analyses")),
            &engineer,
        )
        .set_json(json!({"kind": "pvt"})),
    )
    .await
    .json();
    let routes = || {
        every_route(
            well_id,
            operator["id"].as_str().unwrap(),
            analysis["id"].as_str().unwrap(),
        )
    };
    for (request, writes) in routes() {
        let request = as_user(request, &viewer).to_request();
        let (method, path) = (request.method().clone(), request.path().to_owned());
        let status = test::call_service(&app, request).await.status().as_u16();
        assert_eq!(
            status,
            if writes { 403 } else { 200 },
            "{method} {path} as a viewer"
        );
    }
    for (uri, body) in [
        ("/api/v1/operators", json!({"name": "V"})),
        ("/api/v1/wells", well_body("V", "V")),
    ] {
        let reply = send(
            &app,
            as_user(test::TestRequest::post().uri(uri), &viewer).set_json(body),
        )
        .await;
        assert_eq!(reply.status, 403, "{uri}");
    }
    for (request, _) in routes() {
        let request = request.to_request();
        let path = request.path().to_owned();
        assert_eq!(
            test::call_service(&app, request).await.status().as_u16(),
            401,
            "{path}"
        );
    }
    for uri in ["/api/v1/wells", "/api/v1/operators", "/api/v1/wells/export"] {
        assert_eq!(
            send(&app, test::TestRequest::get().uri(uri)).await.status,
            401,
            "{uri}"
        );
    }
}

#[::core::prelude::v1::test]
fn every_field_data_route_is_documented_as_protected_with_examples() {
    let api = serde_json::to_value(nodal_http::openapi()).unwrap();
    assert_eq!(
        api["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    let mut seen = 0;
    for (path, operations) in api["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let tags = operation["tags"].as_array().unwrap();
            if !tags.iter().any(|t| t == "field-data") {
                continue;
            }
            seen += 1;
            assert_eq!(
                operation["security"],
                json!([{"bearer": []}]),
                "{method} {path}"
            );
            if let Some(body) = operation.get("requestBody") {
                for (media, content) in body["content"].as_object().unwrap() {
                    let schema_name = content["schema"]["$ref"]
                        .as_str()
                        .unwrap_or("")
                        .rsplit('/')
                        .next()
                        .unwrap();
                    let example = content
                        .get("example")
                        .or_else(|| api["components"]["schemas"][schema_name].get("example"));
                    assert!(example.is_some(), "{method} {path} {media} has no example");
                }
            }
        }
    }
    assert_eq!(seen, 17);
}

#[actix_web::test]
async fn deletes_respect_if_match_and_references() {
    app!(db, state, app);
    let engineer = signed_in(&state, Role::Engineer).await;
    let operator = send(
        &app,
        as_user(
            test::TestRequest::post().uri("/api/v1/operators"),
            &engineer,
        )
        .set_json(json!({"name": "North"})),
    )
    .await
    .json();
    let operator_uri = format!("/api/v1/operators/{}", operator["id"].as_str().unwrap());
    let mut body = well_body("A", "U-1");
    body["operator_id"] = operator["id"].clone();
    let well = send(
        &app,
        as_user(test::TestRequest::post().uri("/api/v1/wells"), &engineer).set_json(body),
    )
    .await
    .json();
    let well_uri = format!("/api/v1/wells/{}", well["id"].as_str().unwrap());

    let in_use = send(
        &app,
        as_user(test::TestRequest::delete().uri(&operator_uri), &engineer),
    )
    .await;
    assert_eq!(in_use.status, 409);
    assert!(
        in_use.json()["detail"]
            .as_str()
            .unwrap()
            .contains("by wells (1)")
    );

    send(
        &app,
        as_user(
            test::TestRequest::put().uri(&format!("{well_uri}/survey")),
            &engineer,
        )
        .insert_header((header::CONTENT_TYPE, "text/csv"))
        .set_payload(SURVEY_CSV),
    )
    .await;
    let csv = send(
        &app,
        as_user(
            test::TestRequest::get().uri(&format!("{well_uri}/survey")),
            &engineer,
        )
        .insert_header((header::ACCEPT, "text/csv, application/json;q=0.5")),
    )
    .await;
    assert_eq!(
        (csv.etag.as_deref(), csv.text.as_str()),
        (Some("\"1\""), SURVEY_CSV)
    );

    let delete = |tag: &'static str| {
        as_user(test::TestRequest::delete().uri(&well_uri), &engineer)
            .insert_header((header::IF_MATCH, tag))
    };
    assert_eq!(send(&app, delete("\"7\"")).await.status, 412);
    assert_eq!(send(&app, delete("\"1\"")).await.status, 204);
    // With the well gone, the survey went with it and the operator is free.
    assert_eq!(
        send(
            &app,
            as_user(
                test::TestRequest::get().uri(&format!("{well_uri}/survey")),
                &engineer
            )
        )
        .await
        .status,
        404
    );
    assert_eq!(
        send(
            &app,
            as_user(test::TestRequest::delete().uri(&operator_uri), &engineer)
        )
        .await
        .status,
        204
    );
}
