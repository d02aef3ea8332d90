//! Generic OpenID Connect (placeholder until it lands).

use crate::methods::social::config::ProviderConfig;
use crate::methods::social::http::ProviderHttp;
use crate::methods::social::provider::*;

pub struct OidcProvider {
    config: ProviderConfig,
}

impl OidcProvider {
    pub fn new(config: ProviderConfig) -> Result<Self, ProviderError> {
        Ok(Self { config })
    }
}

#[async_trait::async_trait]
impl Provider for OidcProvider {
    fn config(&self) -> &ProviderConfig {
        &self.config
    }

    async fn authorize(
        &self,
        _http: &ProviderHttp,
        _request: AuthorizeRequest<'_>,
    ) -> Result<Authorization, ProviderError> {
        Err(ProviderError::Config("not built yet".into()))
    }

    async fn exchange(
        &self,
        _http: &ProviderHttp,
        _request: CallbackRequest<'_>,
    ) -> Result<Profile, ProviderError> {
        Err(ProviderError::Config("not built yet".into()))
    }
}
