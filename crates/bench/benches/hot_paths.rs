//! Criterion micro-benchmarks of the hot paths: the session check
//! (`Flows::authenticate` on SQLite with many live sessions), the code check
//! (`CodePolicy::check`) and a message render (`latchkey_courier::compose`).
//! and the lockout decision (`LockoutPolicy::gate_for`).

use criterion::{Criterion, criterion_group, criterion_main};
use latchkey_bench::{seed_identities, seed_sessions};
use latchkey_courier::ComposeContext;
use latchkey_domain::{CodePolicy, PasswordPolicy, SystemClock};
use latchkey_flows::methods::code::messages::LoginCode;
use latchkey_flows::{Abuse, FlowParts, FlowSettings, Flows, HashParams, Hasher};
use latchkey_i18n::Locale;
use latchkey_limits::InProcess;
use latchkey_store::Channel;
use std::hint::black_box;
use std::sync::Arc;
use time::OffsetDateTime;

const SESSIONS: usize = 20_000;

fn session_lookup(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    let (flows, tokens) = rt.block_on(async {
        let store = latchkey_store::connect(&url).await.expect("store");
        store.migrate().await.expect("migrate");
        let ids = seed_identities(&store, 0..1000, "$argon2id$v=19$m=19456,t=2,p=1$x$y", 8)
            .await
            .expect("identities");
        let tokens = seed_sessions(&store, &ids, SESSIONS, 8)
            .await
            .expect("sessions");
        let small = HashParams {
            m_cost_kib: 64,
            t_cost: 1,
            p_cost: 1,
        };
        let flows = Flows::new(FlowParts {
            store,
            clock: Arc::new(SystemClock),
            hasher: Hasher::new(small, 1, 1).expect("hasher"),
            passwords: Arc::new(PasswordPolicy::new(8, Vec::<String>::new())),
            codes: CodePolicy::default(),
            compose: Arc::new(ComposeContext {
                sender_name: "Bench".into(),
                public_url: "http://127.0.0.1".into(),
                lifetimes: Default::default(),
                brand: Default::default(),
            }),
            settings: Arc::new(FlowSettings::default()),
            courier: Arc::new(tokio::sync::Notify::new()),
            abuse: Arc::new(Abuse::new(
                b"bench secret key, at least 32 characters long",
                Arc::new(InProcess::default()),
            )),
            passkeys: None,
            providers: Default::default(),
            places: Default::default(),
            webhooks: Default::default(),
            admin: Default::default(),
        });
        (flows, tokens)
    });
    let mut i = 0usize;
    c.bench_function(
        &format!("authenticate (sqlite, {SESSIONS} sessions)"),
        |b| {
            b.to_async(&rt).iter(|| {
                i = (i + 7919) % tokens.len();
                let token = tokens[i].clone();
                let flows = flows.clone();
                async move {
                    black_box(
                        flows
                            .sessions()
                            .authenticate(&token)
                            .await
                            .expect("auth")
                            .is_some(),
                    )
                }
            })
        },
    );
    c.bench_function("authenticate (unknown token)", |b| {
        b.to_async(&rt).iter(|| {
            let flows = flows.clone();
            async move {
                black_box(
                    flows
                        .sessions()
                        .authenticate("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                        .await
                        .expect("auth"),
                )
            }
        })
    });
}

fn code_check(c: &mut Criterion) {
    let policy = CodePolicy::default();
    let now = OffsetDateTime::now_utc();
    let salt = b"0190f3a2-flow-id";
    let codes: Vec<_> = ["123456", "654321", "111111"]
        .iter()
        .map(|code| policy.issue(salt, code, now))
        .collect();
    c.bench_function("CodePolicy::check (3 live codes, wrong code)", |b| {
        b.iter(|| black_box(policy.check(salt, &codes, 1, black_box("999999"), now)))
    });
}

fn render(c: &mut Criterion) {
    let ctx = ComposeContext {
        sender_name: "Bench shop".into(),
        public_url: "https://accounts.shop.example".into(),
        lifetimes: Default::default(),
        brand: Default::default(),
    };
    let now = OffsetDateTime::now_utc();
    c.bench_function("courier compose (login code email, en)", |b| {
        b.iter(|| {
            black_box(latchkey_courier::compose(
                &ctx,
                &LoginCode { code: "123456" },
                Channel::Email,
                "user@bench.example.com",
                Locale::En,
                now,
            ))
        })
    });
}

fn lockout_decision(c: &mut Criterion) {
    let policy = latchkey_domain::LockoutPolicy::default();
    let now = OffsetDateTime::now_utc();
    // An account under attack (locked) and a device of its owner with a clean record.
    let account = latchkey_domain::lockout::LockoutState {
        failures: 12,
        last_failure_at: Some(now),
    };
    let device = latchkey_domain::lockout::LockoutState {
        failures: 0,
        last_failure_at: None,
    };
    c.bench_function("lockout gate_for (locked account, trusted device)", |b| {
        b.iter(|| black_box(policy.gate_for(black_box(account), Some(black_box(device)), now)))
    });
}

criterion_group!(
    benches,
    session_lookup,
    code_check,
    render,
    lockout_decision
);
criterion_main!(benches);
