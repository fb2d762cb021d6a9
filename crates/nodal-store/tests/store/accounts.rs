//! Accounts repositories on SQLite and PostgreSQL: users (case-insensitive emails, roles,
//! deactivation), sessions and refresh-token rotation, password-set tokens, allowed email
//! domains, the audit log and failed sign-ins.

use chrono::{DateTime, Duration, SubsecRound, Utc};
use nodal_store::accounts::audit::NewAuditEvent;
use nodal_store::accounts::sessions::NewSession;
use nodal_store::accounts::users::NewUser;
use nodal_store::accounts::{
    Housekeeping, Retention, audit, email_domains, housekeep, login_failures, password_tokens,
    sessions, users,
};
use nodal_store::{DbConnection, NewOrganization, Page, StoreError, organizations, store_test};
use uuid::Uuid;

fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

fn org(conn: &mut DbConnection, slug: &str) -> Uuid {
    organizations::create(conn, &NewOrganization { name: slug, slug })
        .unwrap()
        .id
}

fn user(conn: &mut DbConnection, org: Uuid, email: &str, role: &str) -> users::User {
    users::create(
        conn,
        &NewUser {
            organization_id: org,
            email,
            role,
            password_hash: Some("$argon2id$stub"),
        },
        now(),
    )
    .unwrap()
}

store_test!(fn emails_are_unique_regardless_of_case(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let jane = user(&mut conn, acme, "Jane.Doe@Acme.com", "engineer");
    assert_eq!(jane.email, "Jane.Doe@Acme.com");
    assert!(jane.password_changed_at.is_some());
    let error = users::create(
        &mut conn,
        &NewUser { organization_id: acme, email: "jane.doe@ACME.COM", role: "viewer", password_hash: None },
        now(),
    )
    .unwrap_err();
    assert_eq!(error, StoreError::Conflict { entity: "user".into(), field: "email".into() });
    let found = users::find_by_email(&mut conn, "  JANE.doe@acme.com ").unwrap().unwrap();
    assert_eq!(found.id, jane.id);
    assert!(users::find_by_email(&mut conn, "john@acme.com").unwrap().is_none());
});

store_test!(fn bad_roles_emails_and_organizations_are_refused(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let bad_role = users::create(
        &mut conn,
        &NewUser { organization_id: acme, email: "a@acme.com", role: "owner", password_hash: None },
        now(),
    );
    assert!(matches!(bad_role, Err(StoreError::Invalid(_))), "{bad_role:?}");
    let bad_email = users::create(
        &mut conn,
        &NewUser { organization_id: acme, email: "not-an-email", role: "viewer", password_hash: None },
        now(),
    );
    assert!(matches!(bad_email, Err(StoreError::Invalid(_))));
    let no_org = users::create(
        &mut conn,
        &NewUser { organization_id: Uuid::now_v7(), email: "b@acme.com", role: "viewer", password_hash: None },
        now(),
    );
    assert!(matches!(no_org, Err(StoreError::Conflict { .. })), "{no_org:?}");
});

store_test!(fn users_belong_to_one_organization(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let other = org(&mut conn, "other");
    let jane = user(&mut conn, acme, "jane@acme.com", "admin");
    user(&mut conn, acme, "joe@acme.com", "viewer");
    user(&mut conn, other, "olga@other.com", "admin");
    assert_eq!(users::get_in_organization(&mut conn, acme, jane.id).unwrap().id, jane.id);
    assert_eq!(
        users::get_in_organization(&mut conn, other, jane.id).unwrap_err(),
        StoreError::not_found("user")
    );
    let listed = users::list(&mut conn, acme, Page::default()).unwrap();
    assert_eq!(listed.total, 2);
    assert_eq!(listed.items[0].id, jane.id);
    assert_eq!(users::count_active_admins(&mut conn, acme).unwrap(), 1);
    let later = now() + Duration::seconds(1);
    let changed = users::set_role(&mut conn, jane.id, "engineer", later).unwrap();
    assert_eq!(changed.role, "engineer");
    assert_eq!(changed.updated_at, later);
    assert_eq!(users::count_active_admins(&mut conn, acme).unwrap(), 0);
    let off = users::set_deactivated(&mut conn, jane.id, Some(later), later).unwrap();
    assert!(!off.is_active());
    assert!(users::set_deactivated(&mut conn, jane.id, None, later).unwrap().is_active());
    let hashed = users::set_password_hash(&mut conn, jane.id, "$argon2id$new", later).unwrap();
    assert_eq!(hashed.password_hash.as_deref(), Some("$argon2id$new"));
    assert_eq!(
        users::set_role(&mut conn, Uuid::now_v7(), "viewer", later).unwrap_err(),
        StoreError::not_found("user")
    );
});

store_test!(fn sessions_revoke_and_refresh_tokens_rotate_once(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let jane = user(&mut conn, acme, "jane@acme.com", "engineer");
    let t0 = now();
    let new = NewSession {
        user_id: jane.id,
        organization_id: acme,
        expires_at: t0 + Duration::days(30),
        ip: Some("192.0.2.1"),
        user_agent: Some(&"x".repeat(600)),
    };
    let first = sessions::create(&mut conn, &new, t0).unwrap();
    assert_eq!(first.user_agent.as_ref().unwrap().len(), 512);
    let second = sessions::create(&mut conn, &new, t0).unwrap();
    let principal = sessions::active_principal(&mut conn, first.id, t0).unwrap().unwrap();
    assert_eq!((principal.user_id, principal.organization_id, principal.role.as_str()), (jane.id, acme, "engineer"));
    assert!(sessions::active_principal(&mut conn, first.id, t0 + Duration::days(31)).unwrap().is_none());

    let token = sessions::add_refresh_token(&mut conn, first.id, "hash-1", t0 + Duration::days(14), t0).unwrap();
    let found = sessions::find_refresh_token(&mut conn, "hash-1").unwrap().unwrap();
    assert_eq!(found, token);
    assert!(sessions::rotate_refresh_token(&mut conn, token.id, first.id, t0).unwrap());
    assert!(!sessions::rotate_refresh_token(&mut conn, token.id, first.id, t0).unwrap(), "only once");
    assert!(sessions::find_refresh_token(&mut conn, "hash-1").unwrap().unwrap().rotated_at.is_some());
    assert!(sessions::find_refresh_token(&mut conn, "hash-2").unwrap().is_none());

    assert_eq!(sessions::list_active(&mut conn, jane.id, t0).unwrap().len(), 2);
    assert!(sessions::revoke(&mut conn, first.id, "logout", t0).unwrap());
    assert!(!sessions::revoke(&mut conn, first.id, "logout", t0).unwrap());
    assert!(sessions::active_principal(&mut conn, first.id, t0).unwrap().is_none());
    assert_eq!(sessions::get(&mut conn, first.id).unwrap().revoked_reason.as_deref(), Some("logout"));
    let third = sessions::create(&mut conn, &new, t0).unwrap();
    assert_eq!(sessions::revoke_all_for_user(&mut conn, jane.id, Some(third.id), "password_changed", t0).unwrap(), 1);
    let active = sessions::list_active(&mut conn, jane.id, t0).unwrap();
    assert_eq!(active.iter().map(|s| s.id).collect::<Vec<_>>(), [third.id]);
    assert!(!sessions::get(&mut conn, second.id).unwrap().is_active(t0));

    users::set_deactivated(&mut conn, jane.id, Some(t0), t0).unwrap();
    assert!(sessions::active_principal(&mut conn, third.id, t0).unwrap().is_none(), "deactivated user");
});

store_test!(fn password_set_tokens_work_once_and_expire(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let jane = user(&mut conn, acme, "jane@acme.com", "viewer");
    let t0 = now();
    password_tokens::issue(&mut conn, jane.id, "old", None, t0 + Duration::hours(1), t0).unwrap();
    password_tokens::issue(&mut conn, jane.id, "new", None, t0 + Duration::hours(1), t0).unwrap();
    let gone = StoreError::not_found("password-set token");
    assert_eq!(password_tokens::consume(&mut conn, "old", t0).unwrap_err(), gone, "superseded");
    assert_eq!(password_tokens::consume(&mut conn, "new", t0 + Duration::hours(2)).unwrap_err(), gone, "expired");
    assert_eq!(password_tokens::peek(&mut conn, "new", t0).unwrap(), jane.id);
    assert_eq!(password_tokens::consume(&mut conn, "new", t0).unwrap(), jane.id);
    assert_eq!(password_tokens::peek(&mut conn, "new", t0).unwrap_err(), gone);
    assert_eq!(password_tokens::consume(&mut conn, "new", t0).unwrap_err(), gone, "used");
});

store_test!(fn allowed_domains_route_registration_to_one_organization(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let other = org(&mut conn, "other");
    let t0 = now();
    let domain = email_domains::add(&mut conn, acme, " Acme.COM ", t0).unwrap();
    assert_eq!(domain.domain, "acme.com");
    email_domains::add(&mut conn, other, "contractor@acme.com", t0).unwrap();
    assert!(matches!(
        email_domains::add(&mut conn, other, "acme.com", t0),
        Err(StoreError::Conflict { .. })
    ));
    for bad in ["", "acme", "@acme.com", "ac me.com", "-acme.com"] {
        assert!(matches!(email_domains::add(&mut conn, acme, bad, t0), Err(StoreError::Invalid(_))), "{bad}");
    }
    assert_eq!(email_domains::organization_for_email(&mut conn, "Jane@ACME.com").unwrap(), Some(acme));
    assert_eq!(email_domains::organization_for_email(&mut conn, "contractor@acme.com").unwrap(), Some(other));
    assert_eq!(email_domains::organization_for_email(&mut conn, "jane@elsewhere.com").unwrap(), None);
    assert_eq!(email_domains::list(&mut conn, acme).unwrap(), std::slice::from_ref(&domain));
    assert_eq!(email_domains::remove(&mut conn, other, domain.id).unwrap_err(), StoreError::not_found("allowed email domain"));
    email_domains::remove(&mut conn, acme, domain.id).unwrap();
    assert!(email_domains::list(&mut conn, acme).unwrap().is_empty());
});

store_test!(fn audit_events_page_newest_first_per_organization(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let other = org(&mut conn, "other");
    let t0 = now();
    for (i, kind) in ["login_failed", "login_succeeded", "logout"].iter().enumerate() {
        audit::record(
            &mut conn,
            &NewAuditEvent { organization_id: Some(acme), kind, ip: Some("192.0.2.1"), ..NewAuditEvent::default() },
            t0 + Duration::seconds(i64::try_from(i).unwrap()),
        )
        .unwrap();
    }
    audit::record(&mut conn, &NewAuditEvent { organization_id: Some(other), kind: "logout", ..NewAuditEvent::default() }, t0).unwrap();
    let page = audit::list(&mut conn, acme, None, Page::new(2, 0)).unwrap();
    assert_eq!(page.total, 3);
    assert_eq!(page.items.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["logout", "login_succeeded"]);
    let rest = audit::list(&mut conn, acme, None, Page::new(2, 2)).unwrap();
    assert_eq!(rest.items[0].kind, "login_failed");
    assert_eq!(rest.items[0].ip.as_deref(), Some("192.0.2.1"));
    assert_eq!(audit::list(&mut conn, acme, Some("logout"), Page::default()).unwrap().total, 1);
});

store_test!(fn login_failures_count_by_email_and_ip_within_a_window(db) {
    let mut conn = db.conn();
    let t0 = now();
    for i in 0..3 {
        login_failures::record(&mut conn, "Jane@Acme.com", "192.0.2.1", t0 + Duration::seconds(i)).unwrap();
    }
    login_failures::record(&mut conn, "joe@acme.com", "192.0.2.1", t0).unwrap();
    let jane = login_failures::for_email_since(&mut conn, "jane@acme.com", t0).unwrap();
    assert_eq!(jane.count, 3);
    assert_eq!(jane.latest, Some(t0 + Duration::seconds(2)));
    assert_eq!(login_failures::for_email_since(&mut conn, "jane@acme.com", t0 + Duration::seconds(2)).unwrap().count, 1);
    assert_eq!(login_failures::for_ip_since(&mut conn, "192.0.2.1", t0).unwrap().count, 4);
    let none = login_failures::for_ip_since(&mut conn, "198.51.100.1", t0).unwrap();
    assert_eq!((none.count, none.latest), (0, None));
    login_failures::clear_for_email(&mut conn, "JANE@acme.com").unwrap();
    assert_eq!(login_failures::for_email_since(&mut conn, "jane@acme.com", t0).unwrap().count, 0);
    assert_eq!(login_failures::purge_before(&mut conn, t0 + Duration::seconds(1)).unwrap(), 1);
});

store_test!(fn housekeeping_deletes_only_what_outlived_its_retention(db) {
    let mut conn = db.conn();
    let acme = org(&mut conn, "acme");
    let jane = user(&mut conn, acme, "jane@acme.com", "engineer");
    let t0 = now();
    let retention = Retention {
        ended_sessions: Duration::days(30),
        audit_events: Duration::days(365),
        login_failures: Duration::days(1),
    };
    let session = |conn: &mut DbConnection, start: DateTime<Utc>, days: i64| {
        let new = NewSession {
            user_id: jane.id,
            organization_id: acme,
            expires_at: start + Duration::days(days),
            ip: None,
            user_agent: None,
        };
        sessions::create(conn, &new, start).unwrap()
    };
    // Expired 60 days before t0: gone, with its refresh token.
    let expired = session(&mut conn, t0 - Duration::days(90), 30);
    sessions::add_refresh_token(&mut conn, expired.id, "expired-token", expired.expires_at, expired.created_at).unwrap();
    // Revoked 40 days before t0 although its end was still ahead: gone.
    let revoked = session(&mut conn, t0 - Duration::days(50), 365);
    sessions::revoke(&mut conn, revoked.id, "logout", t0 - Duration::days(40)).unwrap();
    // Revoked 10 days ago: kept (reuse of its tokens must still be recognised).
    let recent = session(&mut conn, t0 - Duration::days(20), 365);
    sessions::add_refresh_token(&mut conn, recent.id, "recent-token", t0 + Duration::days(14), t0 - Duration::days(20)).unwrap();
    sessions::revoke(&mut conn, recent.id, "logout", t0 - Duration::days(10)).unwrap();
    // Live: kept.
    let live = session(&mut conn, t0 - Duration::days(1), 30);

    password_tokens::issue(&mut conn, jane.id, "stale", None, t0 - Duration::days(31), t0 - Duration::days(32)).unwrap();
    let other = user(&mut conn, acme, "joe@acme.com", "viewer");
    password_tokens::issue(&mut conn, other.id, "fresh", None, t0 + Duration::hours(1), t0).unwrap();

    for age in [400, 366, 364, 0] {
        let event = NewAuditEvent { organization_id: Some(acme), kind: "login_succeeded", ..NewAuditEvent::default() };
        audit::record(&mut conn, &event, t0 - Duration::days(age)).unwrap();
    }
    login_failures::record(&mut conn, "jane@acme.com", "192.0.2.1", t0 - Duration::days(2)).unwrap();
    login_failures::record(&mut conn, "jane@acme.com", "192.0.2.1", t0 - Duration::hours(1)).unwrap();

    let done = housekeep(&mut conn, t0, &retention).unwrap();
    assert_eq!(
        done,
        Housekeeping { sessions: 2, password_tokens: 1, audit_events: 2, login_failures: 1 }
    );
    assert_eq!(done.total(), 6);
    for gone in [expired.id, revoked.id] {
        assert_eq!(sessions::get(&mut conn, gone).unwrap_err(), StoreError::not_found("session"));
    }
    assert!(sessions::find_refresh_token(&mut conn, "expired-token").unwrap().is_none());
    assert_eq!(sessions::get(&mut conn, recent.id).unwrap().revoked_reason.as_deref(), Some("logout"));
    assert!(sessions::find_refresh_token(&mut conn, "recent-token").unwrap().is_some());
    assert!(sessions::get(&mut conn, live.id).unwrap().is_active(t0));
    assert_eq!(password_tokens::peek(&mut conn, "fresh", t0).unwrap(), other.id);
    let kept = audit::list(&mut conn, acme, None, Page::default()).unwrap();
    assert_eq!(kept.total, 2);
    assert!(kept.items.iter().all(|e| e.created_at >= t0 - Duration::days(365)));
    let failures = login_failures::for_email_since(&mut conn, "jane@acme.com", t0 - Duration::days(30)).unwrap();
    assert_eq!(failures.count, 1);

    // A second pass finds nothing more.
    assert_eq!(housekeep(&mut conn, t0, &retention).unwrap(), Housekeeping::default());
});
