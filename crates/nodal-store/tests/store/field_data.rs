//! Operators, wells, surveys and saved analyses on SQLite and PostgreSQL: CRUD,
//! organization scoping, pagination, sorting, filters, optimistic concurrency,
//! delete protection and all-or-nothing multi-step writes.

use std::thread;
use std::time::Duration;

use chrono::Utc;
use diesel::prelude::*;
use nodal_store::accounts::users::{self, NewUser};
use nodal_store::analyses::{self, AnalysisFilter, AnalysisKind, NewAnalysis};
use nodal_store::surveys::{self, Station, SurveySource};
use nodal_store::wells::{self, WellFields, WellFilter, WellSort, WellStatus, WellType};
use nodal_store::{
    DbConnection, Direction, NewOrganization, Page, StoreError, operators, organizations,
    store_test, transaction,
};
use uuid::Uuid;

fn org(conn: &mut DbConnection, slug: &str) -> Uuid {
    organizations::create(conn, &NewOrganization { name: slug, slug })
        .unwrap()
        .id
}

/// A stored engineer of `org`: surveys and analyses name the user who made them.
fn member(conn: &mut DbConnection, org: Uuid) -> Uuid {
    let email = format!("{}@example.com", Uuid::now_v7());
    users::create(
        conn,
        &NewUser {
            organization_id: org,
            email: &email,
            role: "engineer",
            password_hash: None,
        },
        Utc::now(),
    )
    .unwrap()
    .id
}

fn fields(name: &str, uwi: &str) -> WellFields {
    WellFields {
        name: name.to_owned(),
        uwi: uwi.to_owned(),
        operator_id: None,
        well_type: WellType::Oil,
        status: WellStatus::Producing,
        latitude_deg: Some(31.9),
        longitude_deg: Some(-102.1),
        reservoir_pressure_psia: Some(3000.0),
        reservoir_temperature_degf: Some(190.0),
        wellhead_pressure_psia: Some(150.0),
        wellhead_temperature_degf: Some(100.0),
        fluid: Some(r#"{"oil_api":35.0,"gas_sg":0.75,"gor_scf_stb":500.0}"#.to_owned()),
        inflow: None,
        completion: None,
    }
}

fn stations(depths: &[f64]) -> Vec<Station> {
    depths
        .iter()
        .map(|&md_ft| Station {
            md_ft,
            inclination_deg: if md_ft > 2000.0 { 30.0 } else { 0.0 },
            azimuth_deg: 45.0,
        })
        .collect()
}

fn analysis<'a>(well_id: Uuid, kind: AnalysisKind, user: Uuid) -> NewAnalysis<'a> {
    NewAnalysis {
        well_id,
        kind,
        input: r#"{"kind":"operating_point"}"#,
        result: r#"{"outcome":"stable"}"#,
        engine_version: "0.1.0",
        created_by: user,
    }
}

// ---------------------------------------------------------------- operators

store_test!(fn operator_crud_is_scoped_to_the_organization(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let basin = org(&mut conn, "basin");
    let op = operators::create(&mut conn, acme, "Permian Ops").unwrap();
    assert_eq!(op.version, 1);
    assert_eq!(operators::get(&mut conn, acme, op.id).unwrap(), op);
    assert_eq!(operators::get(&mut conn, basin, op.id).unwrap_err(), StoreError::not_found("operator"));
    // Same name in another case is a conflict in the same organization only.
    assert_eq!(
        operators::create(&mut conn, acme, "PERMIAN ops").unwrap_err(),
        StoreError::Conflict { entity: "operator".into(), field: "name".into() }
    );
    operators::create(&mut conn, basin, "Permian Ops").unwrap();
    assert!(matches!(operators::create(&mut conn, acme, " "), Err(StoreError::Invalid(_))));
    // Another organization can neither rename nor delete it.
    assert_eq!(operators::rename(&mut conn, basin, op.id, 1, "X").unwrap_err(), StoreError::not_found("operator"));
    assert_eq!(operators::delete(&mut conn, basin, op.id, None).unwrap_err(), StoreError::not_found("operator"));
    assert_eq!(operators::get(&mut conn, acme, op.id).unwrap().name, "Permian Ops");
});

store_test!(fn operator_rename_needs_the_current_version(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let op = operators::create(&mut conn, acme, "North").unwrap();
    thread::sleep(Duration::from_millis(2));
    let renamed = operators::rename(&mut conn, acme, op.id, 1, "North Sea").unwrap();
    assert_eq!((renamed.version, renamed.name.as_str()), (2, "North Sea"));
    assert!(renamed.updated_at > op.updated_at);
    // A second writer still holding version 1 is refused and changes nothing.
    assert_eq!(
        operators::rename(&mut conn, acme, op.id, 1, "Overwritten").unwrap_err(),
        StoreError::Stale { entity: "operator".into(), current_version: 2 }
    );
    assert_eq!(operators::get(&mut conn, acme, op.id).unwrap(), renamed);
    assert_eq!(
        operators::delete(&mut conn, acme, op.id, Some(1)).unwrap_err(),
        StoreError::Stale { entity: "operator".into(), current_version: 2 }
    );
    operators::delete(&mut conn, acme, op.id, Some(2)).unwrap();
    assert_eq!(operators::get(&mut conn, acme, op.id).unwrap_err(), StoreError::not_found("operator"));
});

store_test!(fn operator_with_wells_is_in_use(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let op = operators::create(&mut conn, acme, "North").unwrap();
    let well = wells::create(&mut conn, acme, &WellFields { operator_id: Some(op.id), ..fields("A-1", "42-001") }).unwrap();
    assert_eq!(
        operators::delete(&mut conn, acme, op.id, None).unwrap_err(),
        StoreError::InUse { entity: "operator".into(), dependents: "wells".into(), count: 1 }
    );
    wells::delete(&mut conn, acme, well.id, None, false).unwrap();
    operators::delete(&mut conn, acme, op.id, None).unwrap();
});

store_test!(fn operators_list_sorted_and_paged(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let other = org(&mut conn, "other");
    operators::create(&mut conn, other, "Not mine").unwrap();
    for name in ["Charlie", "Alpha", "Bravo"] {
        operators::create(&mut conn, acme, name).unwrap();
    }
    let page = operators::list(&mut conn, acme, operators::OperatorSort::Name, Direction::Ascending, Page::new(2, 0)).unwrap();
    assert_eq!(page.total, 3);
    let names: Vec<_> = page.items.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "Bravo"]);
    let newest = operators::list(&mut conn, acme, operators::OperatorSort::CreatedAt, Direction::Descending, Page::new(1, 0)).unwrap();
    assert_eq!(newest.items[0].name, "Bravo");
    let beyond = operators::list(&mut conn, acme, operators::OperatorSort::Name, Direction::Ascending, Page::new(5, 10)).unwrap();
    assert!(beyond.items.is_empty());
    assert_eq!(beyond.total, 3);
});

// ---------------------------------------------------------------- wells

store_test!(fn well_create_get_update_delete(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let basin = org(&mut conn, "basin");
    let well = wells::create(&mut conn, acme, &fields("Smith 1H", "42-317-12345")).unwrap();
    assert_eq!(well.version, 1);
    assert_eq!(wells::get(&mut conn, acme, well.id).unwrap(), well);
    assert_eq!(wells::get(&mut conn, basin, well.id).unwrap_err(), StoreError::not_found("well"));

    let changed = WellFields { status: WellStatus::ShutIn, fluid: None, ..well.fields.clone() };
    thread::sleep(Duration::from_millis(2));
    let updated = wells::update(&mut conn, acme, well.id, 1, &changed).unwrap();
    assert_eq!((updated.version, updated.fields.status), (2, WellStatus::ShutIn));
    assert_eq!(updated.fields.fluid, None);
    assert_eq!(updated.created_at, well.created_at);
    assert!(updated.updated_at > well.updated_at);
    // The second engineer's write, based on version 1, is refused.
    let theirs = WellFields { name: "Theirs".into(), ..well.fields.clone() };
    assert_eq!(
        wells::update(&mut conn, acme, well.id, 1, &theirs).unwrap_err(),
        StoreError::Stale { entity: "well".into(), current_version: 2 }
    );
    assert_eq!(wells::get(&mut conn, acme, well.id).unwrap(), updated);
    assert_eq!(wells::update(&mut conn, basin, well.id, 2, &theirs).unwrap_err(), StoreError::not_found("well"));

    assert_eq!(wells::delete(&mut conn, basin, well.id, None, false).unwrap_err(), StoreError::not_found("well"));
    wells::delete(&mut conn, acme, well.id, Some(2), false).unwrap();
    assert_eq!(wells::get(&mut conn, acme, well.id).unwrap_err(), StoreError::not_found("well"));
});

store_test!(fn well_identifier_is_unique_per_organization_in_any_case(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let basin = org(&mut conn, "basin");
    wells::create(&mut conn, acme, &fields("A", "UWI-100")).unwrap();
    assert_eq!(
        wells::create(&mut conn, acme, &fields("B", "uwi-100")).unwrap_err(),
        StoreError::Conflict { entity: "well".into(), field: "uwi".into() }
    );
    wells::create(&mut conn, basin, &fields("A", "UWI-100")).unwrap();
    let second = wells::create(&mut conn, acme, &fields("B", "UWI-200")).unwrap();
    assert_eq!(
        wells::update(&mut conn, acme, second.id, 1, &fields("B", "UWI-100")).unwrap_err(),
        StoreError::Conflict { entity: "well".into(), field: "uwi".into() }
    );
});

store_test!(fn well_values_are_checked(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    for bad in [
        WellFields { latitude_deg: Some(91.0), ..fields("A", "1") },
        WellFields { longitude_deg: Some(-180.5), ..fields("A", "1") },
        WellFields { reservoir_pressure_psia: Some(f64::NAN), ..fields("A", "1") },
        WellFields { uwi: " 1".into(), ..fields("A", "1") },
        WellFields { name: String::new(), ..fields("A", "1") },
    ] {
        assert!(matches!(wells::create(&mut conn, acme, &bad), Err(StoreError::Invalid(_))), "{bad:?}");
    }
    // The database's own checks back the store's.
    let negative = WellFields { reservoir_pressure_psia: Some(-5.0), ..fields("A", "1") };
    assert!(matches!(wells::create(&mut conn, acme, &negative), Err(StoreError::Invalid(_))));
    // An operator of another organization cannot be referenced.
    let basin = org(&mut conn, "basin");
    let foreign = operators::create(&mut conn, basin, "Theirs").unwrap();
    let error = wells::create(&mut conn, acme, &WellFields { operator_id: Some(foreign.id), ..fields("A", "1") }).unwrap_err();
    assert!(matches!(error, StoreError::Conflict { .. }), "{error:?}");
    let all = wells::list(&mut conn, acme, WellFilter::default(), WellSort::Name, Direction::Ascending, Page::default()).unwrap();
    assert_eq!(all.total, 0);
});

store_test!(fn wells_filter_sort_and_page(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let other = org(&mut conn, "other");
    let north = operators::create(&mut conn, acme, "North").unwrap();
    let specs = [
        ("Delta", WellType::Oil, WellStatus::Producing, Some(north.id)),
        ("Alpha", WellType::Gas, WellStatus::Producing, Some(north.id)),
        ("Charlie", WellType::Oil, WellStatus::ShutIn, None),
        ("Bravo", WellType::WaterInjector, WellStatus::Injecting, Some(north.id)),
    ];
    for (i, (name, well_type, status, operator_id)) in specs.into_iter().enumerate() {
        let f = WellFields { well_type, status, operator_id, ..fields(name, &format!("U-{i}")) };
        wells::create(&mut conn, acme, &f).unwrap();
    }
    wells::create(&mut conn, other, &fields("Alien", "U-0")).unwrap();
    let names = |page: &nodal_store::Paginated<wells::Well>| -> Vec<String> {
        page.items.iter().map(|w| w.fields.name.clone()).collect()
    };
    let all = wells::list(&mut conn, acme, WellFilter::default(), WellSort::Name, Direction::Ascending, Page::new(3, 0)).unwrap();
    assert_eq!((all.total, names(&all)), (4, vec!["Alpha".to_owned(), "Bravo".into(), "Charlie".into()]));
    let rest = wells::list(&mut conn, acme, WellFilter::default(), WellSort::Name, Direction::Ascending, Page::new(3, 3)).unwrap();
    assert_eq!(names(&rest), ["Delta"]);
    let desc = wells::list(&mut conn, acme, WellFilter::default(), WellSort::Uwi, Direction::Descending, Page::new(1, 0)).unwrap();
    assert_eq!(names(&desc), ["Bravo"]);
    let oil = WellFilter { well_type: Some(WellType::Oil), ..WellFilter::default() };
    let oil_wells = wells::list(&mut conn, acme, oil, WellSort::CreatedAt, Direction::Ascending, Page::default()).unwrap();
    assert_eq!((oil_wells.total, names(&oil_wells)), (2, vec!["Delta".to_owned(), "Charlie".into()]));
    let by_operator = WellFilter { operator_id: Some(north.id), status: Some(WellStatus::Producing), ..WellFilter::default() };
    let found = wells::list(&mut conn, acme, by_operator, WellSort::Name, Direction::Ascending, Page::default()).unwrap();
    assert_eq!(names(&found), ["Alpha", "Delta"]);
    assert!(matches!(
        wells::list(&mut conn, acme, WellFilter::default(), WellSort::Name, Direction::Ascending, Page::new(0, 0)),
        Err(StoreError::Invalid(_))
    ));
});

store_test!(fn well_with_analyses_needs_cascade_to_delete(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let user = member(&mut conn, acme);
    let well = wells::create(&mut conn, acme, &fields("A", "1")).unwrap();
    surveys::replace(&mut conn, acme, well.id, SurveySource::Json, user, &stations(&[0.0, 5000.0]), None).unwrap();
    let saved = analyses::create(&mut conn, acme, &analysis(well.id, AnalysisKind::Pvt, user)).unwrap();
    analyses::create(&mut conn, acme, &analysis(well.id, AnalysisKind::Vlp, user)).unwrap();
    assert_eq!(
        wells::delete(&mut conn, acme, well.id, None, false).unwrap_err(),
        StoreError::InUse { entity: "well".into(), dependents: "analyses".into(), count: 2 }
    );
    // Refused: nothing was removed.
    assert_eq!(analyses::get(&mut conn, acme, saved.summary.id).unwrap(), saved);
    assert_eq!(surveys::get(&mut conn, acme, well.id).unwrap().stations.len(), 2);
    wells::delete(&mut conn, acme, well.id, None, true).unwrap();
    assert_eq!(wells::get(&mut conn, acme, well.id).unwrap_err(), StoreError::not_found("well"));
    assert_eq!(analyses::get(&mut conn, acme, saved.summary.id).unwrap_err(), StoreError::not_found("analysis"));
    assert_eq!(surveys::get(&mut conn, acme, well.id).unwrap_err(), StoreError::not_found("well"));
});

// ---------------------------------------------------------------- surveys

store_test!(fn survey_upload_and_replace(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let basin = org(&mut conn, "basin");
    let user = member(&mut conn, acme);
    let well = wells::create(&mut conn, acme, &fields("A", "1")).unwrap();
    assert_eq!(surveys::get(&mut conn, acme, well.id).unwrap_err(), StoreError::not_found("survey"));
    let first = surveys::replace(&mut conn, acme, well.id, SurveySource::Csv, user, &stations(&[0.0, 1000.0, 3000.0]), Some(0)).unwrap();
    assert_eq!(first.version, 1);
    let stored = surveys::get(&mut conn, acme, well.id).unwrap();
    assert_eq!(stored, first);
    assert_eq!(stored.source, SurveySource::Csv);
    // Another organization sees no well, and cannot upload to it.
    assert_eq!(surveys::get(&mut conn, basin, well.id).unwrap_err(), StoreError::not_found("well"));
    assert_eq!(
        surveys::replace(&mut conn, basin, well.id, SurveySource::Json, user, &stations(&[0.0, 1.0]), None).unwrap_err(),
        StoreError::not_found("well")
    );
    // A larger survey (several insert chunks) replaces the old one whole.
    let depths: Vec<f64> = (0..1200).map(|i| f64::from(i) * 10.0).collect();
    let second = surveys::replace(&mut conn, acme, well.id, SurveySource::Json, user, &stations(&depths), Some(1)).unwrap();
    assert_eq!(second.version, 2);
    let stored = surveys::get(&mut conn, acme, well.id).unwrap();
    assert_eq!(stored.stations.len(), 1200);
    assert_eq!(stored.stations[1199].md_ft, 11_990.0);
    assert_eq!(
        surveys::replace(&mut conn, acme, well.id, SurveySource::Json, user, &stations(&[0.0, 1.0]), Some(1)).unwrap_err(),
        StoreError::Stale { entity: "survey".into(), current_version: 2 }
    );
    assert_eq!(surveys::get(&mut conn, acme, well.id).unwrap().stations.len(), 1200);
});

store_test!(fn survey_replace_failing_midway_keeps_the_old_survey(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let user = member(&mut conn, acme);
    let well = wells::create(&mut conn, acme, &fields("A", "1")).unwrap();
    let old = surveys::replace(&mut conn, acme, well.id, SurveySource::Json, user, &stations(&[0.0, 1000.0, 2000.0]), None).unwrap();
    // The header is rewritten and the old stations deleted before the new stations
    // go in; station 600 (in the second insert chunk) breaks the database's range
    // check, so the failure comes after every earlier step has run.
    let mut bad = stations(&(0..700).map(|i| f64::from(i) * 5.0).collect::<Vec<_>>());
    bad[600].inclination_deg = 200.0;
    let error = surveys::replace(&mut conn, acme, well.id, SurveySource::Csv, user, &bad, None).unwrap_err();
    assert!(matches!(error, StoreError::Invalid(_)), "{error:?}");
    assert_eq!(surveys::get(&mut conn, acme, well.id).unwrap(), old);
});

store_test!(fn multi_step_write_failing_midway_changes_nothing(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let user = member(&mut conn, acme);
    let well = wells::create(&mut conn, acme, &fields("A", "1")).unwrap();
    let error = transaction(&mut conn, |tx| {
        wells::update(tx, acme, well.id, 1, &WellFields { name: "Renamed".into(), ..well.fields.clone() })?;
        surveys::replace(tx, acme, well.id, SurveySource::Json, user, &stations(&[0.0, 100.0]), None)?;
        analyses::create(tx, acme, &analysis(well.id, AnalysisKind::Traverse, user))?;
        // Fails last: a second well with the same identifier.
        wells::create(tx, acme, &fields("B", "1"))?;
        Ok(())
    })
    .unwrap_err();
    assert_eq!(error, StoreError::Conflict { entity: "well".into(), field: "uwi".into() });
    assert_eq!(wells::get(&mut conn, acme, well.id).unwrap(), well);
    assert_eq!(surveys::get(&mut conn, acme, well.id).unwrap_err(), StoreError::not_found("survey"));
    let saved = analyses::list(&mut conn, acme, well.id, AnalysisFilter::default(), Page::default()).unwrap();
    assert_eq!(saved.total, 0);
});

// ---------------------------------------------------------------- analyses

store_test!(fn analyses_are_saved_listed_and_immutable(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let basin = org(&mut conn, "basin");
    let user = member(&mut conn, acme);
    let well = wells::create(&mut conn, acme, &fields("A", "1")).unwrap();
    let other_well = wells::create(&mut conn, acme, &fields("B", "2")).unwrap();
    let first = analyses::create(&mut conn, acme, &analysis(well.id, AnalysisKind::Pvt, user)).unwrap();
    thread::sleep(Duration::from_millis(5));
    let between = Utc::now();
    thread::sleep(Duration::from_millis(5));
    let second = analyses::create(&mut conn, acme, &analysis(well.id, AnalysisKind::OperatingPoint, user)).unwrap();
    analyses::create(&mut conn, acme, &analysis(other_well.id, AnalysisKind::Pvt, user)).unwrap();
    assert_eq!(analyses::get(&mut conn, acme, first.summary.id).unwrap(), first);
    assert_eq!(first.summary.created_by, user);
    assert_eq!(analyses::get(&mut conn, basin, first.summary.id).unwrap_err(), StoreError::not_found("analysis"));
    assert_eq!(
        analyses::create(&mut conn, basin, &analysis(well.id, AnalysisKind::Pvt, user)).unwrap_err(),
        StoreError::not_found("well")
    );

    let all = analyses::list(&mut conn, acme, well.id, AnalysisFilter::default(), Page::default()).unwrap();
    assert_eq!(all.total, 2);
    assert_eq!(all.items, vec![second.summary.clone(), first.summary.clone()]);
    let pvt = AnalysisFilter { kind: Some(AnalysisKind::Pvt), ..AnalysisFilter::default() };
    assert_eq!(analyses::list(&mut conn, acme, well.id, pvt, Page::default()).unwrap().items, vec![first.summary.clone()]);
    let recent = AnalysisFilter { created_from: Some(between), ..AnalysisFilter::default() };
    assert_eq!(analyses::list(&mut conn, acme, well.id, recent, Page::default()).unwrap().items, vec![second.summary.clone()]);
    let older = AnalysisFilter { created_before: Some(between), ..AnalysisFilter::default() };
    assert_eq!(analyses::list(&mut conn, acme, well.id, older, Page::default()).unwrap().items, vec![first.summary.clone()]);
    assert_eq!(
        analyses::list(&mut conn, basin, well.id, AnalysisFilter::default(), Page::default()).unwrap_err(),
        StoreError::not_found("well")
    );

    // The database itself refuses to change a saved analysis.
    use nodal_store::schema::analyses as table;
    let update = diesel::update(table::table.filter(table::id.eq(first.summary.id.to_string())))
        .set(table::result.eq("{}"))
        .execute(&mut *conn);
    assert!(update.is_err());
    assert_eq!(analyses::get(&mut conn, acme, first.summary.id).unwrap(), first);
});

store_test!(fn concurrent_updates_of_one_version_let_exactly_one_win(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let well = wells::create(&mut conn, acme, &fields("A", "1")).unwrap();
    drop(conn);
    let barrier = std::sync::Barrier::new(4);
    let results: Vec<Result<wells::Well, StoreError>> = thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let (db, barrier, base) = (&db, &barrier, well.fields.clone());
                scope.spawn(move || {
                    let mut conn = db.conn();
                    barrier.wait();
                    let mine = WellFields { name: format!("Writer {i}"), ..base };
                    wells::update(&mut conn, acme, well.id, 1, &mine)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(winners.len(), 1, "{results:?}");
    for result in &results {
        if let Err(error) = result {
            assert_eq!(error, &StoreError::Stale { entity: "well".into(), current_version: 2 });
        }
    }
    let mut conn = db.conn();
    let stored = wells::get(&mut conn, acme, well.id).unwrap();
    assert_eq!((stored.version, &stored.fields.name), (2, &winners[0].fields.name));
});
