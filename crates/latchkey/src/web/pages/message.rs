//! The message page: a title, a sentence and maybe a link onward (a refused CSRF check,
//! a flow that is gone or refused, a finished recovery).

use super::context::PageCtx;
use askama::Template;

#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub ctx: PageCtx,
    pub title: String,
    pub body: String,
    pub is_error: bool,
    pub link: Option<Link>,
}
