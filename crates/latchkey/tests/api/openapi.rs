//! `/api/openapi.json`: a valid OpenAPI 3.1 document that lists every route of
//! `web::api::router()`, whose every operation answers (never 404) with a status it
//! documents, and whose success schemas name the fields the API really sends.

use latchkey_testkit::{Backend, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Every route of `web::api::router()` (and the operational ones), method and path
/// template. A route added to the router goes here and into `ApiDoc`'s `paths(...)`.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/admin/api/identities"),
    ("post", "/admin/api/identities"),
    ("get", "/admin/api/identities/{id}"),
    ("delete", "/admin/api/identities/{id}"),
    ("post", "/admin/api/identities/{id}/block"),
    ("post", "/admin/api/identities/{id}/unblock"),
    ("post", "/admin/api/identities/{id}/unlock"),
    ("delete", "/admin/api/identities/{id}/sessions"),
    ("post", "/admin/api/identities/{id}/recovery"),
    ("delete", "/admin/api/identities/{id}/mfa"),
    ("post", "/admin/api/identities/{id}/facts"),
    ("post", "/admin/api/identities/{id}/privilege"),
    ("get", "/admin/api/events"),
    ("get", "/admin/api/dashboard"),
    ("get", "/admin/api/keys"),
    ("post", "/admin/api/keys"),
    ("delete", "/admin/api/keys/{id}"),
    ("get", "/admin/api/webhooks"),
    ("post", "/admin/api/webhooks/test"),
    ("get", "/api/account/events"),
    ("post", "/api/account/contacts"),
    ("post", "/api/account/contacts/{flow_id}/code"),
    ("post", "/api/account/contacts/{flow_id}/resend"),
    ("post", "/api/account/contacts/{id}/primary"),
    ("delete", "/api/account/contacts/{id}"),
    ("post", "/api/sessions/id-token"),
    ("post", "/api/sessions/link"),
    ("post", "/api/sessions/link/code"),
    ("get", "/api/sessions/link/{flow_id}"),
    ("get", "/api/account/providers"),
    ("delete", "/api/account/providers/{provider}"),
    ("post", "/api/registrations"),
    ("post", "/api/registrations/{flow_id}/code"),
    ("post", "/api/registrations/{flow_id}/resend"),
    ("post", "/api/sessions"),
    ("get", "/api/sessions"),
    ("delete", "/api/sessions"),
    ("delete", "/api/sessions/{id}"),
    ("get", "/api/session"),
    ("delete", "/api/session"),
    ("post", "/api/verification"),
    ("post", "/api/verification/{flow_id}/code"),
    ("post", "/api/verification/{flow_id}/resend"),
    ("post", "/api/login-codes"),
    ("post", "/api/login-codes/{flow_id}/code"),
    ("post", "/api/login-codes/{flow_id}/resend"),
    ("post", "/api/password/check"),
    ("post", "/api/recovery"),
    ("get", "/api/recovery/{flow_id}"),
    ("post", "/api/recovery/{flow_id}/resend"),
    ("post", "/api/recovery/{flow_id}/code"),
    ("post", "/api/recovery/reset"),
    ("post", "/api/security/report"),
    ("post", "/api/method-hint"),
    ("get", "/api/account"),
    ("patch", "/api/account"),
    ("delete", "/api/account"),
    ("get", "/api/account/export"),
    ("put", "/api/account/password"),
    ("post", "/api/sessions/mfa"),
    ("post", "/api/sessions/mfa/code"),
    ("post", "/api/sessions/passkey/options"),
    ("post", "/api/sessions/passkey"),
    ("get", "/api/account/mfa"),
    ("post", "/api/account/mfa/totp"),
    ("delete", "/api/account/mfa/totp"),
    ("post", "/api/account/mfa/totp/confirm"),
    ("post", "/api/account/mfa/recovery-codes"),
    ("post", "/api/account/passkeys/options"),
    ("post", "/api/account/passkeys"),
    ("delete", "/api/account/passkeys/{id}"),
    ("delete", "/api/account/trusted-devices"),
    ("delete", "/api/account/trusted-devices/{id}"),
    ("post", "/api/account/reauthenticate"),
    ("post", "/api/unlock"),
    ("get", "/api/openapi.json"),
    ("get", "/health/alive"),
    ("get", "/health/ready"),
];

const METHODS: &[&str] = &["get", "put", "post", "delete", "patch", "head", "options"];

async fn fetch(app: &TestApp) -> Value {
    let res = app
        .client
        .get(app.url("/api/openapi.json"))
        .send()
        .await
        .expect("GET /api/openapi.json");
    assert_eq!(res.status(), StatusCode::OK);
    assert!(
        res.headers()["content-type"]
            .to_str()
            .expect("content type")
            .starts_with("application/json")
    );
    res.json().await.expect("the description is JSON")
}

/// Follows a `$ref` to `#/components/schemas/…`.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema["$ref"].as_str() {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").expect("local ref");
            resolve(doc, &doc["components"]["schemas"][name])
        }
        None => schema,
    }
}

fn operations(doc: &Value) -> Vec<(String, String, &Value)> {
    let mut ops = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in METHODS {
            if let Some(op) = item.get(*method) {
                ops.push(((*method).to_owned(), path.clone(), op));
            }
        }
    }
    ops
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_description_is_openapi_3_and_lists_every_route() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let doc = fetch(&app).await;
    let version = doc["openapi"].as_str().expect("openapi version");
    assert!(version.starts_with("3."), "OpenAPI 3.x, got {version}");
    assert!(doc["info"]["title"].is_string() && doc["info"]["version"].is_string());

    let documented: BTreeSet<(String, String)> = operations(&doc)
        .into_iter()
        .map(|(m, p, _)| (m, p))
        .collect();
    let routed: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let missing: Vec<_> = routed.difference(&documented).collect();
    assert!(
        missing.is_empty(),
        "routes without a description: {missing:?}"
    );
    let extra: Vec<_> = documented.difference(&routed).collect();
    assert!(extra.is_empty(), "described but not in ROUTES: {extra:?}");

    let mut operation_ids = BTreeSet::new();
    for (method, path, op) in operations(&doc) {
        let id = op["operationId"].as_str().expect("operationId");
        assert!(
            operation_ids.insert(id.to_owned()),
            "duplicate operationId {id}"
        );
        let responses = op["responses"].as_object().expect("responses");
        assert!(!responses.is_empty(), "{method} {path} documents no answer");
        // Every documented error answers with the envelope.
        for (status, response) in responses {
            if status.starts_with('4') || status.starts_with('5') {
                if path.starts_with("/health") {
                    continue;
                }
                let schema = resolve(&doc, &response["content"]["application/json"]["schema"]);
                assert!(
                    schema["properties"]["error"].is_object(),
                    "{method} {path} {status} is not the error envelope"
                );
            }
        }
        // A call that takes JSON documents the rejections of bad bodies.
        if op.get("requestBody").is_some() {
            for status in ["400", "413", "415", "422"] {
                assert!(
                    responses.contains_key(status),
                    "{method} {path} lacks {status}"
                );
            }
        }
    }

    // The stable error codes are an enum on the envelope.
    let code = &doc["components"]["schemas"]["ErrorBody"]["properties"]["code"];
    let codes: Vec<&str> = code["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for c in [
        "invalid_credentials",
        "flow_expired",
        "too_soon",
        "malformed_json",
    ] {
        assert!(codes.contains(&c), "{c} missing from the error code enum");
    }
}

/// Each documented operation, called with no session and an empty JSON object (or no
/// body), is routed (never 404) and answers a status it documents.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_documented_operation_answers_a_documented_status() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let doc = fetch(&app).await;
    let some_id = uuid::Uuid::now_v7().to_string();
    for (method, path, op) in operations(&doc) {
        let url = path
            .replace("{flow_id}", &some_id)
            .replace("{id}", &some_id)
            .replace("{provider}", "nope");
        assert!(!url.contains('{'), "unfilled parameter in {path}");
        let mut req = app.client.request(
            Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
            app.url(&url),
        );
        if op.get("requestBody").is_some() {
            req = req.json(&json!({}));
        }
        let res = req.send().await.unwrap();
        let status = res.status();
        let body = res.text().await.unwrap();
        // Ids are well-formed and there is no session: nothing here is "not found", so
        // a 404 means the router has no such route.
        assert_ne!(status, StatusCode::NOT_FOUND, "{method} {url}: {body}");
        assert!(
            op["responses"].get(status.as_str()).is_some(),
            "{method} {path} answered {status}, which it does not document: {body}"
        );
        assert!(
            !status.is_server_error(),
            "{method} {path}: {status} {body}"
        );
    }
}

fn property_names(doc: &Value, schema_name: &str) -> BTreeSet<String> {
    doc["components"]["schemas"][schema_name]["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("schema {schema_name}"))
        .keys()
        .cloned()
        .collect()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object().expect("an object").keys().cloned().collect()
}

/// The hand-written response schemas name exactly the fields the handlers send.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn success_schemas_match_real_answers() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let doc = fetch(&app).await;

    let started: Value = app
        .post(
            "/api/registrations",
            json!({"email": "schema@shop.example", "password": "correct horse battery"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(keys(&started), property_names(&doc, "FlowStarted"));

    let token = app
        .register("schema2@shop.example", "correct horse battery")
        .await;
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "schema2@shop.example", "password": "correct horse battery"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let signed_in: Value = res.json().await.unwrap();
    assert_eq!(keys(&signed_in), property_names(&doc, "SignedInBody"));
    assert_eq!(keys(&signed_in["session"]), property_names(&doc, "Session"));
    assert_eq!(
        keys(&signed_in["identity"]),
        property_names(&doc, "IdentityView")
    );
    assert_eq!(
        keys(&signed_in["identity"]["contacts"][0]),
        property_names(&doc, "ContactView")
    );

    let current: Value = app
        .get_auth("/api/session", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(keys(&current), property_names(&doc, "CurrentSession"));
    let list: Value = app
        .get_auth("/api/sessions", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(keys(&list), property_names(&doc, "SessionList"));
    let revoked: Value = app
        .delete_auth("/api/sessions", &token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(keys(&revoked), property_names(&doc, "Revoked"));

    let assessment: Value = app
        .post("/api/password/check", json!({"password": "hunter2"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        keys(&assessment),
        property_names(&doc, "PasswordAssessment")
    );

    let error: Value = app
        .post(
            "/api/sessions",
            json!({"identifier": "nobody@shop.example", "password": "x"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(keys(&error), property_names(&doc, "ErrorEnvelope"));
    let documented = property_names(&doc, "ErrorBody");
    assert!(keys(&error["error"]).is_subset(&documented));
}
