//! User import (#13): every legacy hash scheme round-trips (imported as it is, signed in
//! with its password, upgraded to Argon2id, signed in again), bad rows fail with their
//! line while the good ones import, a verified address is imported once, and the
//! `latchkey import` command end to end.

use latchkey_flows::{ImportRow, password_scheme};
use latchkey_store::{ContactKind, CredentialKind};
use latchkey_testkit::TestApp;
use reqwest::StatusCode;
use serde_json::{Value, json};

const FIXTURE: &str = include_str!("../../../flows/tests/fixtures/legacy_hashes.json");

fn vectors() -> Vec<Value> {
    let doc: Value = serde_json::from_str(FIXTURE).unwrap();
    doc["vectors"].as_array().unwrap().clone()
}

async fn sign_in(app: &TestApp, identifier: &str, password: &str) -> StatusCode {
    app.post(
        "/api/sessions",
        json!({"identifier": identifier, "password": password}),
    )
    .await
    .status()
}

async fn stored_hash(app: &TestApp, email: &str) -> String {
    let contact = app
        .store
        .contact_by_key(ContactKind::Email, email)
        .await
        .unwrap()
        .expect("imported contact");
    app.store
        .credentials(contact.identity_id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.kind == CredentialKind::Password)
        .expect("password credential")
        .secret
}

async fn every_scheme_signs_in_and_is_upgraded_to_argon2id(app: TestApp) {
    let flows = &app.state.flows;
    let vectors = vectors();
    let rows: Vec<(u64, ImportRow)> = vectors
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let row = ImportRow {
                email: Some(format!("user{i}@shop.example")),
                password_hash: Some(v["hash"].as_str().unwrap().to_owned()),
                email_verified: true,
                ..ImportRow::default()
            };
            (i as u64 + 1, row)
        })
        .collect();
    let report = flows.import().rows(rows).await.expect("import");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.imported, vectors.len() as u64);
    for (i, v) in vectors.iter().enumerate() {
        let email = format!("user{i}@shop.example");
        let (scheme, note) = (v["scheme"].as_str().unwrap(), &v["note"]);
        let hash = v["hash"].as_str().unwrap();
        assert_eq!(
            stored_hash(&app, &email).await,
            hash,
            "stored as it is: {note}"
        );
        assert_eq!(
            sign_in(&app, &email, v["wrong"].as_str().unwrap()).await,
            StatusCode::UNAUTHORIZED,
            "{note}"
        );
        let password = v["password"].as_str().unwrap();
        assert_eq!(
            sign_in(&app, &email, password).await,
            StatusCode::CREATED,
            "{note}"
        );
        let upgraded = stored_hash(&app, &email).await;
        assert_eq!(password_scheme(&upgraded), "argon2id", "{note}");
        assert!(
            upgraded.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{note}"
        );
        assert_ne!(upgraded, hash, "{scheme} rehashed: {note}");
        assert_eq!(
            sign_in(&app, &email, password).await,
            StatusCode::CREATED,
            "{note}"
        );
    }
}

async fn bad_rows_fail_by_line_and_the_good_ones_import(app: TestApp) {
    let flows = &app.state.flows;
    let bcrypt = vectors()
        .into_iter()
        .find(|v| v["scheme"] == "bcrypt")
        .unwrap();
    let hash = bcrypt["hash"].as_str().unwrap().to_owned();
    let row = |email: &str| ImportRow {
        email: Some(email.to_owned()),
        email_verified: true,
        password_hash: Some(hash.clone()),
        ..ImportRow::default()
    };
    let rows = vec![
        (1, row("good@shop.example")),
        (2, row("not an email")),
        (
            3,
            ImportRow {
                password: Some("x".into()),
                password_hash: None,
                ..row("weak@shop.example")
            },
        ),
        (
            4,
            ImportRow {
                password_hash: Some("$1$md5crypt$abc".into()),
                ..row("md5@shop.example")
            },
        ),
        (5, row("GOOD@shop.example")), // the same verified address again
        (
            6,
            ImportRow {
                password_hash: Some(format!("$2b$31${}", &hash[7..])),
                ..row("costly@shop.example")
            },
        ),
        (
            7,
            ImportRow {
                email: None,
                ..row("x@y.z")
            },
        ),
        (
            8,
            ImportRow {
                password: Some("a long enough passphrase 9".into()),
                ..row("both@shop.example")
            },
        ),
        (
            9,
            ImportRow {
                email_verified: false,
                ..row("good@shop.example")
            },
        ), // a claim: imports
        (10, row("also-good@shop.example")),
    ];
    let report = flows.import().rows(rows).await.expect("import");
    let failed: Vec<(u64, &str)> = report.failed.iter().map(|f| (f.line, f.code)).collect();
    assert_eq!(
        failed,
        vec![
            (2, "invalid_input"),
            (3, "weak_password"),
            (4, "unsupported_hash"),
            (5, "identity_exists"),
            (6, "hash_cost_too_high"),
            (7, "invalid_identifier"),
            (8, "invalid_input"),
        ]
    );
    for f in &report.failed {
        assert!(
            !f.message.contains(&hash[7..]),
            "no hash in messages: {}",
            f.message
        );
    }
    assert_eq!(report.imported, 3);
    let password = bcrypt["password"].as_str().unwrap();
    assert_eq!(
        sign_in(&app, "good@shop.example", password).await,
        StatusCode::CREATED
    );
    assert_eq!(
        sign_in(&app, "also-good@shop.example", password).await,
        StatusCode::CREATED
    );

    // One account the admin API's way: the same rules, `identity_exists` for a taken
    // verified address, an id otherwise.
    let err = flows
        .import()
        .create(row("Good@Shop.example"))
        .await
        .expect_err("taken");
    assert_eq!(err.code(), "identity_exists");
    let id = flows
        .import()
        .create(ImportRow {
            password: Some("a long enough passphrase 9".into()),
            password_hash: None,
            name: Some("Ann".into()),
            ..row("ann@shop.example")
        })
        .await
        .expect("created");
    let events = app.store.events(id, 10).await.unwrap();
    assert!(events.iter().any(|e| e.kind.as_str() == "identity.created"));
    assert_eq!(
        sign_in(&app, "ann@shop.example", "a long enough passphrase 9").await,
        StatusCode::CREATED
    );
    // The Debug of a row never shows its secrets.
    let shown = format!("{:?}", row("z@shop.example"));
    assert!(!shown.contains(&hash[7..]), "{shown}");
}

/// A verified import releases an existing account's unverified claim of the address,
/// the way registration does.
async fn a_verified_import_releases_an_unverified_claim(app: TestApp) {
    let flows = &app.state.flows;
    let claimant = flows
        .import()
        .create(ImportRow {
            email: Some("owner@shop.example".into()),
            phone: Some("+41446681800".into()),
            phone_verified: true,
            ..ImportRow::default()
        })
        .await
        .expect("claimant");
    let report = flows
        .import()
        .rows(vec![(
            1,
            ImportRow {
                email: Some("owner@shop.example".into()),
                email_verified: true,
                ..ImportRow::default()
            },
        )])
        .await
        .expect("import");
    assert_eq!(report.imported, 1, "{:?}", report.failed);
    let contacts = app.store.contacts(claimant).await.unwrap();
    assert_eq!(contacts.len(), 1, "the claim is gone, the phone stays");
    assert_eq!(contacts[0].kind, ContactKind::Phone);
    let events = app.store.events(claimant, 10).await.unwrap();
    assert!(events.iter().any(|e| e.kind.as_str() == "contact.dropped"));
}

async fn the_import_command_end_to_end(app: TestApp) {
    // Into the app's own database (SQLite or PostgreSQL), as an operator would.
    let dir = tempfile::tempdir().unwrap();
    let db = app.database_url.clone();
    let file = dir.path().join("users.jsonl");
    let v = vectors();
    let wp = v
        .iter()
        .find(|v| v["scheme"] == "wordpress_bcrypt")
        .unwrap();
    let phpass = v.iter().find(|v| v["scheme"] == "phpass").unwrap();
    let lines = [
        json!({"email": "wp@shop.example", "email_verified": true, "password_hash": wp["hash"], "name": "WP"}).to_string(),
        "{\"email\": \"broken@shop.example\", \"email_verified\": \"secret-value\"}".to_owned(),
        String::new(),
        json!({"email": "php@shop.example", "email_verified": true, "password_hash": phpass["hash"], "locale": "ru"}).to_string(),
        json!({"email": "WP@shop.example", "email_verified": true}).to_string(),
    ];
    std::fs::write(&file, lines.join("\n") + "\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .args(["import", file.to_str().unwrap(), "--batch", "2"])
        .env("LATCHKEY_DATABASE_URL", &db)
        .env_remove("LATCHKEY_CONFIG")
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains("imported 2, failed 2"), "{stdout}");
    assert!(stderr.contains("line 2: invalid_json: "), "{stderr}");
    assert!(stderr.contains("line 5: identity_exists: "), "{stderr}");
    assert!(!stderr.contains("secret-value"), "{stderr}");
    // The imported accounts are in that database, hashes as given.
    let store = &app.store;
    let wp_contact = store
        .contact_by_key(ContactKind::Email, "wp@shop.example")
        .await
        .unwrap()
        .expect("imported");
    assert!(wp_contact.verified);
    let creds = store.credentials(wp_contact.identity_id).await.unwrap();
    assert_eq!(creds[0].secret, wp["hash"].as_str().unwrap());
    let php = store
        .contact_by_key(ContactKind::Email, "php@shop.example")
        .await
        .unwrap()
        .expect("imported");
    let identity = store.identity(php.identity_id).await.unwrap().unwrap();
    assert_eq!(identity.locale.as_deref(), Some("ru"));

    // A file that cannot be read: a non-zero exit and a reason.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_latchkey"))
        .args(["import", dir.path().join("missing.jsonl").to_str().unwrap()])
        .env("LATCHKEY_DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
    // The imported password works through the API.
    let password = wp["password"].as_str().unwrap();
    assert_eq!(
        sign_in(&app, "wp@shop.example", password).await,
        StatusCode::CREATED
    );
}

/// The round trip signs in three times per scheme from one address, a wrong password
/// among them: more than the default challenge threshold, which is not under test here.
fn many_sign_ins(c: &mut latchkey::Config) {
    c.limits.challenge_after_ip_failures = 1000;
}

latchkey_testkit::both_backends!(
    with = super::many_sign_ins;
    every_scheme_signs_in_and_is_upgraded_to_argon2id,
    bad_rows_fail_by_line_and_the_good_ones_import,
    a_verified_import_releases_an_unverified_claim,
    the_import_command_end_to_end,
);
