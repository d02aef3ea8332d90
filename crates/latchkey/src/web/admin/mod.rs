//! The admin side (#13): the JSON API for the shop's backend and support desk
//! (`/admin/api/…`, `api.rs`), behind admin keys. Every rule (roles, high-privilege
//! accounts, the audit trail) is the admin journey's (`flows.admin()`); these files
//! parse, call and render.

pub mod api;
mod auth;

pub use auth::AdminAuth;

use crate::web::AppState;
use axum::Router;

pub fn router() -> Router<AppState> {
    Router::new().nest("/admin/api", api::router())
}
