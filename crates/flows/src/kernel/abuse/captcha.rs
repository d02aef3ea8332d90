//! Optional external captcha (Cloudflare Turnstile, hCaptcha), verified server-side.
//!
//! There is no test peer for these services (they need real site keys and the public
//! internet), so the tests cover the request we build and how we read the answer; the
//! round trip itself is only exercised in a real deployment.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Turnstile,
    Hcaptcha,
}

impl Provider {
    pub fn verify_url(self) -> &'static str {
        match self {
            Self::Turnstile => "https://challenges.cloudflare.com/turnstile/v0/siteverify",
            Self::Hcaptcha => "https://api.hcaptcha.com/siteverify",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Turnstile => "turnstile",
            Self::Hcaptcha => "hcaptcha",
        }
    }
}

#[derive(Clone)]
pub struct Captcha {
    pub provider: Provider,
    pub site_key: String,
    secret: String,
    http: reqwest::Client,
}

impl std::fmt::Debug for Captcha {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Captcha")
            .field("provider", &self.provider)
            .field("site_key", &self.site_key)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Answer {
    success: bool,
}

impl Captcha {
    pub fn new(provider: Provider, site_key: String, secret: String) -> Self {
        Self {
            provider,
            site_key,
            secret,
            http: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(5))
                .build()
                .unwrap_or_default(),
        }
    }

    /// The siteverify request: a form POST of secret, response and the client's IP.
    pub fn request(
        &self,
        response: &str,
        ip: Option<&str>,
    ) -> Result<reqwest::Request, reqwest::Error> {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("secret", &self.secret);
        form.append_pair("response", response);
        if let Some(ip) = ip {
            form.append_pair("remoteip", ip);
        }
        if self.provider == Provider::Hcaptcha {
            form.append_pair("sitekey", &self.site_key);
        }
        self.http
            .post(self.provider.verify_url())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(form.finish())
            .build()
    }

    /// True only for a definite "success": any error (network, malformed answer) fails
    /// closed, and the client can still solve the proof of work instead.
    pub async fn verify(&self, response: &str, ip: Option<&str>) -> bool {
        if response.is_empty() || response.len() > 4096 {
            return false;
        }
        let Ok(request) = self.request(response, ip) else {
            return false;
        };
        match self.http.execute(request).await {
            Ok(res) => res
                .json::<Answer>()
                .await
                .map(|a| a.success)
                .unwrap_or(false),
            Err(e) => {
                tracing::warn!(error.detail = %e, captcha.provider = self.provider.as_str(), "captcha verification failed");
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_siteverify_request_is_a_form_post_with_secret_response_and_ip() {
        let c = Captcha::new(Provider::Turnstile, "site".into(), "s3cr&t".into());
        let r = c.request("tok en", Some("203.0.113.9")).unwrap();
        assert_eq!(r.method(), reqwest::Method::POST);
        assert_eq!(r.url().as_str(), Provider::Turnstile.verify_url());
        assert_eq!(
            r.headers()[reqwest::header::CONTENT_TYPE],
            "application/x-www-form-urlencoded"
        );
        let body = std::str::from_utf8(r.body().unwrap().as_bytes().unwrap()).unwrap();
        assert_eq!(body, "secret=s3cr%26t&response=tok+en&remoteip=203.0.113.9");
        let h = Captcha::new(Provider::Hcaptcha, "site".into(), "k".into());
        let body = h.request("x", None).unwrap();
        let body = std::str::from_utf8(body.body().unwrap().as_bytes().unwrap())
            .unwrap()
            .to_owned();
        assert_eq!(body, "secret=k&response=x&sitekey=site");
        assert!(
            !format!("{c:?}").contains("s3cr"),
            "the secret stays out of Debug"
        );
    }
}
