//! HTTPS: rustls with the ring provider and the platform's certificate
//! store, set on the client itself (no process-wide default is installed,
//! so other users of rustls in the same program are not affected).

use crate::error::BuildError;

/// `builder` with this crate's TLS configuration.
#[cfg(feature = "rustls")]
pub(crate) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, BuildError> {
    use std::sync::Arc;

    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone())
        .map_err(|e| BuildError(format!("the platform's certificates cannot be read: {e}")))?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| BuildError(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(builder.tls_backend_preconfigured(config))
}

/// `builder` as it is: without the `rustls` feature only `http://` works.
#[cfg(not(feature = "rustls"))]
pub(crate) fn configure(
    builder: reqwest::ClientBuilder,
) -> Result<reqwest::ClientBuilder, BuildError> {
    Ok(builder)
}
