//! The admin side (#13): the JSON API for the shop's backend and support desk
//! (`/admin/api/…`, `api.rs`), behind admin keys, and the console for people
//! (`/admin`, `console/`), behind the same keys kept in a cookie. Every rule (roles, high-privilege
//! accounts, the audit trail) is the admin journey's (`flows.admin()`); these files
//! parse, call and render.

pub mod api;
mod auth;
pub mod console;

pub use auth::AdminAuth;

use crate::web::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new()
        .nest("/admin/api", api::router())
        .merge(console::router())
}
