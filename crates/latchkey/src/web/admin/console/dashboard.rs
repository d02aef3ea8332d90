//! `GET /admin`: sign-ins, failures, lockouts, recoveries and messages sent over the last
//! 24 hours and the last 7 days, as server-rendered bar charts (`charts.rs`) each with its
//! figures in a table for screen readers and for anyone who wants the numbers.

use super::charts::{self, Bars};
use super::{ConsoleAuth, Nav, human, iso, series_label_key};
use crate::web::AppState;
use crate::web::admin::api::dashboard_window;
use crate::web::pages::Page;
use crate::web::pages::context::PageCtx;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_flows::journeys::admin::Dashboard;
use latchkey_i18n::Locale;
use time::Duration;

/// The windows shown, each with its heading's key.
const WINDOWS: &[(&str, &str)] = &[("24h", "admin-window-24h"), ("7d", "admin-window-7d")];

pub struct Bucket {
    pub start_iso: String,
    pub start_text: String,
    pub count: u64,
}

pub struct Chart {
    pub id: String,
    pub title: String,
    /// The rendered `<svg>`, every text in it already escaped.
    pub svg: String,
    pub total: u64,
    pub buckets: Vec<Bucket>,
}

pub struct Window {
    pub id: &'static str,
    pub title: String,
    pub charts: Vec<Chart>,
}

#[derive(Template)]
#[template(path = "admin/dashboard.html")]
pub struct DashboardPage {
    pub ctx: PageCtx,
    pub nav: Nav,
    pub windows: Vec<Window>,
}

fn window(locale: Locale, name: &'static str, title: String, d: &Dashboard) -> Window {
    let width = Duration::seconds(d.bucket_seconds);
    let charts = d
        .series
        .iter()
        .map(|s| {
            let id = format!("chart-{name}-{}", s.kind.replace(['.', '_'], "-"));
            let series = locale.t(&series_label_key(&s.kind));
            let total: u64 = s.counts.iter().sum();
            let max = s.counts.iter().copied().max().unwrap_or(0);
            let chart_title = format!("{series} — {title}");
            let desc = locale.t_args(
                "admin-chart-desc",
                &[("total", &total.to_string()), ("max", &max.to_string())],
            );
            let svg = charts::render(&Bars {
                id: &id,
                title: &chart_title,
                desc: &desc,
                counts: &s.counts,
                start_label: &human(d.since),
                end_label: &locale.t("admin-chart-now"),
            });
            let buckets = s
                .counts
                .iter()
                .enumerate()
                .map(|(i, count)| {
                    let start = d.since + width * i as u32;
                    Bucket {
                        start_iso: iso(start),
                        start_text: human(start),
                        count: *count,
                    }
                })
                .collect();
            Chart {
                id,
                title: series,
                svg,
                total,
                buckets,
            }
        })
        .collect();
    Window {
        id: name,
        title,
        charts,
    }
}

pub async fn show(
    State(state): State<AppState>,
    ConsoleAuth(actor): ConsoleAuth,
    page: Page,
) -> Response {
    let mut windows = Vec::new();
    for (name, title_key) in WINDOWS {
        let Some((length, buckets)) = dashboard_window(Some(name)) else {
            continue;
        };
        match state.flows.admin().dashboard(&actor, length, buckets).await {
            Ok(d) => windows.push(window(page.locale, name, page.t(title_key), &d)),
            Err(e) => return page.flow_error(e, None),
        }
    }
    let template = DashboardPage {
        ctx: page.ctx(),
        nav: Nav::new(&actor, page.locale, "dashboard"),
        windows,
    };
    page.render(StatusCode::OK, &template)
}
