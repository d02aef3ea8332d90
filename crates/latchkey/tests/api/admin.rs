//! The admin API (`/admin/api/…`, issue #13): keys and roles on every route (no key,
//! agent, admin), high-privilege accounts agents may not touch, and an `admin.<action>`
//! audit event naming the key for every action.

use latchkey_flows::AdminRole;
use latchkey_testkit::{TestApp, error_code};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const BOOTSTRAP: &str = "bootstrap-admin-token-for-tests-0123456789";
const PASSWORD: &str = "correct horse battery";

pub(crate) fn with_bootstrap(config: &mut latchkey::Config) {
    config.admin_token = Some(BOOTSTRAP.to_owned().into());
}

latchkey_testkit::both_backends!(with = crate::admin::with_bootstrap;
    every_route_wants_a_key_and_the_right_role,
    every_action_is_audited_with_the_key,
    agents_may_not_act_on_high_privilege_accounts,
    a_block_ends_sessions_and_refuses_sign_in,
    the_account_view_shows_what_support_needs,
    recovery_goes_only_to_the_accounts_own_verified_contact,
    remove_mfa_unlock_and_delete_do_what_they_say,
    keys_are_created_listed_and_revoked,
    events_are_searched_and_paged,
    an_account_created_with_a_bcrypt_hash_signs_in_and_is_upgraded,
);

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = app.client.request(method, app.url(path));
    if let Some(key) = key {
        req = req.bearer_auth(key);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    req.send().await.unwrap()
}

async fn agent_key(app: &TestApp) -> String {
    app.state
        .flows
        .admin()
        .create_key(None, "support desk", AdminRole::Agent)
        .await
        .unwrap()
        .key
}

/// A verified account; returns its id and session token.
async fn account(app: &TestApp, email: &str) -> (String, String) {
    let token = app.register(email, PASSWORD).await;
    let res = app.get_auth("/api/session", &token).await;
    let id = res.json::<Value>().await.unwrap()["identity"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (id, token)
}

async fn events_of(app: &TestApp, id: &str) -> Vec<Value> {
    let res = call(
        app,
        Method::GET,
        &format!("/admin/api/events?identity_id={id}&limit=1000"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<Value>().await.unwrap()["events"]
        .as_array()
        .unwrap()
        .clone()
}

/// Which role each route needs: `true` = admins only.
fn routes(id: &str) -> Vec<(Method, String, Option<Value>, bool)> {
    vec![
        (
            Method::GET,
            "/admin/api/identities?query=shop".into(),
            None,
            false,
        ),
        (
            Method::GET,
            format!("/admin/api/identities/{id}"),
            None,
            false,
        ),
        (Method::GET, "/admin/api/events".into(), None, false),
        (Method::GET, "/admin/api/dashboard".into(), None, false),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/unlock"),
            None,
            false,
        ),
        (
            Method::DELETE,
            format!("/admin/api/identities/{id}/sessions"),
            None,
            false,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/recovery"),
            None,
            false,
        ),
        (
            Method::DELETE,
            format!("/admin/api/identities/{id}/mfa"),
            None,
            false,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/facts"),
            Some(json!({"orders": [{"number": "A-100", "amount": "19.90"}]})),
            false,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/block"),
            None,
            true,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/unblock"),
            None,
            true,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/privilege"),
            Some(json!({"high_privilege": false})),
            true,
        ),
        (Method::GET, "/admin/api/webhooks".into(), None, false),
        (
            Method::POST,
            "/admin/api/identities".into(),
            Some(
                json!({"email": "new@shop.example", "email_verified": true, "password": PASSWORD}),
            ),
            true,
        ),
        (Method::GET, "/admin/api/keys".into(), None, true),
        (
            Method::POST,
            "/admin/api/keys".into(),
            Some(json!({"name": "robot", "role": "agent"})),
            true,
        ),
        (
            Method::DELETE,
            format!("/admin/api/identities/{id}"),
            None,
            true,
        ),
    ]
}

async fn every_route_wants_a_key_and_the_right_role(app: TestApp) {
    let (id, _) = account(&app, "ann@shop.example").await;
    let agent = agent_key(&app).await;
    for (method, path, body, admin_only) in routes(&id) {
        let res = call(&app, method.clone(), &path, None, body.clone()).await;
        assert_eq!(
            res.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path} without a key"
        );
        let res = call(
            &app,
            method.clone(),
            &path,
            Some("lk_admin_wrong"),
            body.clone(),
        )
        .await;
        assert_eq!(
            res.status(),
            StatusCode::UNAUTHORIZED,
            "{method} {path} with a wrong key"
        );
        let res = call(&app, method.clone(), &path, Some(&agent), body.clone()).await;
        if admin_only {
            let (status, code, _) = error_code(res).await;
            assert_eq!(
                (status, code.as_str()),
                (StatusCode::FORBIDDEN, "forbidden"),
                "{method} {path} as an agent"
            );
        } else {
            assert!(
                res.status().is_success(),
                "{method} {path} as an agent: {}",
                res.status()
            );
        }
        let res = call(&app, method.clone(), &path, Some(BOOTSTRAP), body.clone()).await;
        assert!(
            res.status().is_success(),
            "{method} {path} as an admin: {}",
            res.status()
        );
    }
}

async fn every_action_is_audited_with_the_key(app: TestApp) {
    let (id, _) = account(&app, "ann@shop.example").await;
    let agent = agent_key(&app).await;
    let expected = [
        (
            Method::GET,
            format!("/admin/api/identities/{id}"),
            None,
            "admin.viewed",
            &agent,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/unlock"),
            None,
            "admin.unlocked",
            &agent,
        ),
        (
            Method::DELETE,
            format!("/admin/api/identities/{id}/sessions"),
            None,
            "admin.sessions_ended",
            &agent,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/recovery"),
            None,
            "admin.recovery_sent",
            &agent,
        ),
        (
            Method::DELETE,
            format!("/admin/api/identities/{id}/mfa"),
            None,
            "admin.mfa_removed",
            &agent,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/facts"),
            Some(json!({"orders": [{"number": "A-1"}], "addresses": [{"city": "Lyon"}]})),
            "admin.facts_recorded",
            &agent,
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/block"),
            Some(json!({"reason": "chargeback"})),
            "admin.blocked",
            &BOOTSTRAP.to_owned(),
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/unblock"),
            None,
            "admin.unblocked",
            &BOOTSTRAP.to_owned(),
        ),
        (
            Method::POST,
            format!("/admin/api/identities/{id}/privilege"),
            Some(json!({"high_privilege": true})),
            "admin.privilege_changed",
            &BOOTSTRAP.to_owned(),
        ),
    ];
    for (method, path, body, kind, key) in &expected {
        let res = call(&app, method.clone(), path, Some(key), body.clone()).await;
        assert!(
            res.status().is_success(),
            "{method} {path}: {}",
            res.status()
        );
        let events = events_of(&app, &id).await;
        let event = events
            .iter()
            .find(|e| e["type"] == *kind)
            .unwrap_or_else(|| panic!("no {kind} after {method} {path}: {events:?}"));
        let name = if *key == &agent {
            "support desk"
        } else {
            "bootstrap"
        };
        assert_eq!(event["actor"]["key_name"], name, "{kind}");
        assert_eq!(event["outcome"], "success", "{kind}");
        assert!(
            event["created_at"].is_string() && event["ip"].is_string(),
            "{kind}: {event}"
        );
    }
    // The account's own events sit beside the audit (webhooks and the owner see them),
    // also naming the key.
    let events = events_of(&app, &id).await;
    for kind in [
        "identity.blocked",
        "identity.unblocked",
        "identity.unlocked",
        "recovery.requested",
    ] {
        assert!(
            events.iter().any(|e| e["type"] == kind),
            "{kind} in {events:?}"
        );
    }
    assert_eq!(
        events
            .iter()
            .find(|e| e["type"] == "identity.blocked")
            .unwrap()["actor"]["key_name"],
        "bootstrap"
    );
    // The facts' audit says how many, never what.
    let facts = events
        .iter()
        .find(|e| e["type"] == "admin.facts_recorded")
        .unwrap();
    assert_eq!(facts["data"], json!({"orders": 1, "addresses": 1}));
    // Delete last: its audit outlives the account.
    let res = call(
        &app,
        Method::DELETE,
        &format!("/admin/api/identities/{id}"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let events = events_of(&app, &id).await;
    assert!(events.iter().any(|e| e["type"] == "admin.deleted"));
    assert!(events.iter().any(|e| e["type"] == "identity.deleted"));
}

async fn agents_may_not_act_on_high_privilege_accounts(app: TestApp) {
    let (id, token) = account(&app, "owner@shop.example").await;
    let agent = agent_key(&app).await;
    let res = call(
        &app,
        Method::POST,
        &format!("/admin/api/identities/{id}/privilege"),
        Some(&agent),
        Some(json!({"high_privilege": true})),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "an agent cannot mark either"
    );
    let res = call(
        &app,
        Method::POST,
        &format!("/admin/api/identities/{id}/privilege"),
        Some(BOOTSTRAP),
        Some(json!({"high_privilege": true})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    for (method, path) in [
        (Method::POST, format!("/admin/api/identities/{id}/unlock")),
        (
            Method::DELETE,
            format!("/admin/api/identities/{id}/sessions"),
        ),
        (Method::POST, format!("/admin/api/identities/{id}/recovery")),
        (Method::DELETE, format!("/admin/api/identities/{id}/mfa")),
    ] {
        let res = call(&app, method.clone(), &path, Some(&agent), None).await;
        let (status, code, _) = error_code(res).await;
        assert_eq!(
            (status, code.as_str()),
            (StatusCode::FORBIDDEN, "forbidden"),
            "{method} {path}"
        );
    }
    // Nothing happened: the owner's session lives, no recovery went out.
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::OK
    );
    app.drain_courier().await;
    assert_eq!(app.count_with("owner@shop.example", "reset").await, 0);
    // Reading stays possible; each refusal is in the audit as denied.
    let res = call(
        &app,
        Method::GET,
        &format!("/admin/api/identities/{id}"),
        Some(&agent),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<Value>().await.unwrap()["high_privilege"], true);
    let denied: Vec<Value> = events_of(&app, &id)
        .await
        .into_iter()
        .filter(|e| e["outcome"] == "denied")
        .collect();
    assert!(denied.len() >= 4, "{denied:?}");
    assert!(
        denied
            .iter()
            .all(|e| e["actor"]["key_name"] == "support desk")
    );
    // An admin still may.
    let res = call(
        &app,
        Method::DELETE,
        &format!("/admin/api/identities/{id}/sessions"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

async fn a_block_ends_sessions_and_refuses_sign_in(app: TestApp) {
    let (id, token) = account(&app, "ann@shop.example").await;
    let res = call(
        &app,
        Method::POST,
        &format!("/admin/api/identities/{id}/block"),
        Some(BOOTSTRAP),
        Some(json!({"reason": "fraud"})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.get_auth("/api/session", &token).await.status(),
        StatusCode::UNAUTHORIZED
    );
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "ann@shop.example", "password": PASSWORD}),
        )
        .await;
    let (status, code, _) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::FORBIDDEN, "account_blocked")
    );
    let view = call(
        &app,
        Method::GET,
        &format!("/admin/api/identities/{id}"),
        Some(BOOTSTRAP),
        None,
    )
    .await
    .json::<Value>()
    .await
    .unwrap();
    assert_eq!(view["state"], "blocked");
    assert_eq!(view["block_reason"], "fraud");
    let res = call(
        &app,
        Method::POST,
        &format!("/admin/api/identities/{id}/unblock"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "ann@shop.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
}

async fn the_account_view_shows_what_support_needs(app: TestApp) {
    let (id, _) = account(&app, "Ann.Lee@shop.example").await;
    let token = app.register("bob@shop.example", PASSWORD).await;
    let res = app
        .client
        .patch(app.url("/api/account"))
        .bearer_auth(&token)
        .json(&json!({"name": "Bob Builder"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    // Wrong passwords count toward the lockout the view shows.
    for _ in 0..3 {
        app.post(
            "/api/sessions",
            json!({"identifier": "ann.lee@shop.example", "password": "wrong wrong wrong"}),
        )
        .await;
    }
    let search = |q: &str| {
        let q = q.to_owned();
        let app = &app;
        async move {
            let res = call(
                app,
                Method::GET,
                &format!("/admin/api/identities?query={}", urlencoding(&q)),
                Some(BOOTSTRAP),
                None,
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK);
            let body = res.json::<Value>().await.unwrap();
            body["identities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["id"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        search("ann.lee@").await,
        vec![id.clone()],
        "by email, any case"
    );
    assert_eq!(search("ANN.LEE@SHOP.EXAMPLE").await, vec![id.clone()]);
    assert_eq!(search(&id).await, vec![id.clone()], "by id");
    assert_eq!(search("builder").await.len(), 1, "by name");
    assert!(search("nobody@").await.is_empty());
    let view = call(
        &app,
        Method::GET,
        &format!("/admin/api/identities/{id}"),
        Some(BOOTSTRAP),
        None,
    )
    .await
    .json::<Value>()
    .await
    .unwrap();
    assert_eq!(view["contacts"][0]["address"], "Ann.Lee@shop.example");
    assert_eq!(view["contacts"][0]["verified"], true);
    assert_eq!(view["password"]["scheme"], "argon2id");
    assert!(view["password"]["set_at"].is_string());
    assert_eq!(view["sessions"].as_array().unwrap().len(), 1);
    assert_eq!(view["mfa"], json!({"totp": false, "passkeys": 0}));
    assert_eq!(view["high_privilege"], false);
    let email = view["lockout"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["kind"] == "email")
        .unwrap()
        .clone();
    assert_eq!(email["failures"], 3, "{view}");
    let kinds: Vec<&str> = view["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"identity.created") && kinds.contains(&"session.created"),
        "{kinds:?}"
    );
    assert!(view.to_string().find("token_hash").is_none());
    let res = call(
        &app,
        Method::GET,
        "/admin/api/identities/not-an-id",
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = call(
        &app,
        Method::GET,
        &format!("/admin/api/identities/{}", uuid::Uuid::now_v7()),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn recovery_goes_only_to_the_accounts_own_verified_contact(app: TestApp) {
    let (id, _) = account(&app, "ann@shop.example").await;
    // The call takes no address: the code goes to the account's verified email.
    let res = call(
        &app,
        Method::POST,
        &format!("/admin/api/identities/{id}/recovery"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    app.drain_courier().await;
    let code = app.nth_code("ann@shop.example", "", 2).await;
    assert_eq!(code.len(), 6);
    // An account whose one contact is not verified has nowhere to send to.
    let (ghost, _) = account(&app, "ghost@shop.example").await;
    app.execute_sql("UPDATE contacts SET verified = false WHERE address = 'ghost@shop.example'")
        .await;
    let res = call(
        &app,
        Method::POST,
        &format!("/admin/api/identities/{ghost}/recovery"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    let (status, code, _) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::CONFLICT, "no_verified_contact")
    );
}

async fn remove_mfa_unlock_and_delete_do_what_they_say(app: TestApp) {
    let (id, token) = account(&app, "ann@shop.example").await;
    // Lock the account with wrong passwords, then unlock.
    let mut locked = false;
    for _ in 0..20 {
        let res = app
            .post(
                "/api/sessions",
                json!({"identifier": "ann@shop.example", "password": "wrong wrong wrong"}),
            )
            .await;
        if res.status() == StatusCode::TOO_MANY_REQUESTS {
            let (_, code, _) = error_code(res).await;
            if code == "too_many_attempts" {
                locked = true;
                break;
            }
        }
    }
    assert!(locked, "the account locks");
    let res = call(
        &app,
        Method::POST,
        &format!("/admin/api/identities/{id}/unlock"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "ann@shop.example", "password": PASSWORD}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED, "unlocked");
    // A TOTP on the account goes with remove-mfa, and the owner is told.
    crate::mfa::enrol_totp(&app, &token).await;
    let res = call(
        &app,
        Method::DELETE,
        &format!("/admin/api/identities/{id}/mfa"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let view = call(
        &app,
        Method::GET,
        &format!("/admin/api/identities/{id}"),
        Some(BOOTSTRAP),
        None,
    )
    .await
    .json::<Value>()
    .await
    .unwrap();
    assert_eq!(view["mfa"]["totp"], false);
    app.drain_courier().await;
    assert_eq!(
        app.count_with("ann@shop.example", "authenticator").await,
        2,
        "added, then removed by support"
    );
    // Delete erases at once; sign-in then knows no such account.
    let res = call(
        &app,
        Method::DELETE,
        &format!("/admin/api/identities/{id}"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(
        app.store
            .identity(latchkey_domain::IdentityId(id.parse().unwrap()))
            .await
            .unwrap()
            .is_none()
    );
    let res = call(
        &app,
        Method::DELETE,
        &format!("/admin/api/identities/{id}"),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

async fn keys_are_created_listed_and_revoked(app: TestApp) {
    let res = call(
        &app,
        Method::POST,
        "/admin/api/keys",
        Some(BOOTSTRAP),
        Some(json!({"name": "backend", "role": "admin"})),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created = res.json::<Value>().await.unwrap();
    let key = created["key"].as_str().unwrap().to_owned();
    assert!(key.starts_with("lk_admin_") && key.len() > 40);
    let res = call(&app, Method::GET, "/admin/api/keys", Some(&key), None).await;
    assert_eq!(res.status(), StatusCode::OK);
    let listed = res.json::<Value>().await.unwrap();
    assert!(!listed.to_string().contains(&key), "never the secret again");
    let entry = listed["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "backend")
        .unwrap()
        .clone();
    assert!(entry["last_used_at"].is_string());
    for bad in [
        json!({"name": "x", "role": "root"}),
        json!({"name": "", "role": "agent"}),
    ] {
        let res = call(
            &app,
            Method::POST,
            "/admin/api/keys",
            Some(BOOTSTRAP),
            Some(bad),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let res = call(
        &app,
        Method::DELETE,
        &format!("/admin/api/keys/{}", created["id"].as_str().unwrap()),
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = call(&app, Method::GET, "/admin/api/keys", Some(&key), None).await;
    assert_eq!(
        res.status(),
        StatusCode::UNAUTHORIZED,
        "a revoked key is no key"
    );
}

async fn events_are_searched_and_paged(app: TestApp) {
    let (id, _) = account(&app, "ann@shop.example").await;
    for _ in 0..3 {
        call(
            &app,
            Method::GET,
            &format!("/admin/api/identities/{id}"),
            Some(BOOTSTRAP),
            None,
        )
        .await;
        app.advance(time::Duration::seconds(1));
    }
    let page = |q: String| {
        let app = &app;
        async move {
            let res = call(
                app,
                Method::GET,
                &format!("/admin/api/events?{q}"),
                Some(BOOTSTRAP),
                None,
            )
            .await;
            assert_eq!(res.status(), StatusCode::OK, "{q}");
            res.json::<Value>().await.unwrap()
        }
    };
    let first = page(format!("identity_id={id}&type=admin.viewed&limit=2")).await;
    assert_eq!(first["events"].as_array().unwrap().len(), 2);
    let before = first["next_before"].as_str().unwrap();
    let second = page(format!(
        "identity_id={id}&type=admin.viewed&limit=2&before={}",
        urlencoding(before)
    ))
    .await;
    assert_eq!(second["events"].as_array().unwrap().len(), 1);
    assert!(second.get("next_before").is_none());
    for bad in [
        "type=session.stolen",
        "since=yesterday",
        "identity_id=42",
        "limit=-1",
    ] {
        let res = call(
            &app,
            Method::GET,
            &format!("/admin/api/events?{bad}"),
            Some(BOOTSTRAP),
            None,
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let dash = call(
        &app,
        Method::GET,
        "/admin/api/dashboard?window=7d",
        Some(BOOTSTRAP),
        None,
    )
    .await
    .json::<Value>()
    .await
    .unwrap();
    let signins = dash["series"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "session.created")
        .unwrap()
        .clone();
    assert_eq!(signins["counts"].as_array().unwrap().len(), 28);
    assert_eq!(
        signins["counts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_u64().unwrap())
            .sum::<u64>(),
        1
    );
    let res = call(
        &app,
        Method::GET,
        "/admin/api/dashboard?window=1y",
        Some(BOOTSTRAP),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// `latchkey admin …` needs only the database: no SMTP, no secret key, no dev mode. The
/// key it prints works against a server on the same database, and revoking ends it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_admin_command_creates_lists_and_revokes_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("lk.db").display());
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_latchkey"))
            .args(args)
            .env("LATCHKEY_DATABASE_URL", &db)
            .env_remove("LATCHKEY_SMTP_URL")
            .env_remove("LATCHKEY_SECRET_KEY")
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stdout, stderr) = run(&["admin", "create-key", "--role", "agent", "--name", "desk"]);
    assert!(ok, "{stderr}");
    let key = stdout.trim().to_owned();
    assert!(key.starts_with("lk_admin_"), "{stdout}");
    assert!(!stderr.contains(&key), "the key goes to stdout only");
    let (ok, _, stderr) = run(&["admin", "create-key", "--role", "root", "--name", "x"]);
    assert!(!ok && stderr.contains("agent or admin"), "{stderr}");
    let (ok, listed, _) = run(&["admin", "list-keys"]);
    assert!(
        ok && listed.contains("agent\tdesk") && !listed.contains(&key),
        "{listed}"
    );
    let id = listed
        .lines()
        .find(|l| l.contains("desk"))
        .and_then(|l| l.split('\t').next())
        .unwrap()
        .to_owned();
    let app = TestApp::spawn_with(latchkey_testkit::Backend::Sqlite, |c| {
        c.database_url = db.clone()
    })
    .await
    .unwrap();
    let res = call(
        &app,
        Method::GET,
        "/admin/api/identities?query=a",
        Some(&key),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let (ok, _, stderr) = run(&["admin", "revoke-key", &id]);
    assert!(ok, "{stderr}");
    let res = call(
        &app,
        Method::GET,
        "/admin/api/identities?query=a",
        Some(&key),
        None,
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}

/// `POST /admin/api/identities` takes an import row: a PyPI-bcrypt hash (cost 5) is kept
/// as it is, signs in, and is Argon2id afterwards (`password.scheme` shows it).
async fn an_account_created_with_a_bcrypt_hash_signs_in_and_is_upgraded(app: TestApp) {
    let hash = "$2a$05$y5UjQPuyq3KMbJ1wcaW09OAtkC5kUt0KlIpzODKn7FqL.PZ0YAFN6";
    let body = json!({"email": "old@shop.example", "email_verified": true, "name": "Old Customer", "password_hash": hash, "locale": "fr"});
    let res = call(
        &app,
        Method::POST,
        "/admin/api/identities",
        Some(BOOTSTRAP),
        Some(body.clone()),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let created = res.json::<Value>().await.unwrap();
    let id = created["identity"]["id"].as_str().unwrap().to_owned();
    assert_eq!(created["identity"]["contacts"][0]["verified"], true);
    assert_eq!(password_scheme(&app, &id).await, "bcrypt");
    let res = call(
        &app,
        Method::POST,
        "/admin/api/identities",
        Some(BOOTSTRAP),
        Some(body),
    )
    .await;
    let (status, code, _) = error_code(res).await;
    assert_eq!(
        (status, code.as_str()),
        (StatusCode::CONFLICT, "identity_exists")
    );
    for bad in [
        json!({"email": "x@shop.example", "password_hash": "$1$md5crypt$abc"}),
        json!({"email": "not an address"}),
    ] {
        let res = call(
            &app,
            Method::POST,
            "/admin/api/identities",
            Some(BOOTSTRAP),
            Some(bad.clone()),
        )
        .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
    }
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "old@shop.example", "password": "correct horse x"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = app
        .post(
            "/api/sessions",
            json!({"identifier": "old@shop.example", "password": "correct horse"}),
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(
        password_scheme(&app, &id).await,
        "argon2id",
        "upgraded at sign-in"
    );
    let events = events_of(&app, &id).await;
    assert!(
        events
            .iter()
            .any(|e| e["type"] == "admin.created" && e["actor"]["key_name"] == "bootstrap")
    );
    assert!(events.iter().any(|e| e["type"] == "identity.created"));
}

async fn password_scheme(app: &TestApp, id: &str) -> String {
    call(
        app,
        Method::GET,
        &format!("/admin/api/identities/{id}"),
        Some(BOOTSTRAP),
        None,
    )
    .await
    .json::<Value>()
    .await
    .unwrap()["password"]["scheme"]
        .as_str()
        .unwrap()
        .to_owned()
}
