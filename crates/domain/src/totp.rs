//! Time-based one-time passwords (RFC 6238) as authenticator apps know them: SHA-1, six
//! digits, 30-second steps, one step of drift either way. The rule the crate leaves to us
//! is ours here: a code is accepted once, so the caller stores the step it was accepted
//! at and refuses that step, or any earlier one, again ([`TotpSecret::accepts`] returns
//! the step; the store's `advance_credential_counter` keeps it, atomically).

use time::OffsetDateTime;
use totp_rs::{Algorithm, Builder, Secret, Totp};

/// Seconds per time step.
pub const STEP_SECONDS: u64 = 30;
/// Digits per code.
pub const DIGITS: u8 = 6;
/// Steps of clock drift accepted on each side of now.
pub const SKEW_STEPS: u16 = 1;
/// Bytes of secret (160 bits, as RFC 4226 recommends for SHA-1).
pub const SECRET_BYTES: usize = 20;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TotpError {
    #[error("the TOTP secret is not valid base32 of at least 128 bits")]
    BadSecret,
}

/// A TOTP secret. Its `Debug` never shows the secret.
#[derive(Clone)]
pub struct TotpSecret(Totp);

impl std::fmt::Debug for TotpSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TotpSecret(<redacted>)")
    }
}

impl TotpSecret {
    /// A new random secret from the OS random source.
    pub fn generate() -> Self {
        let mut bytes = [0u8; SECRET_BYTES];
        getrandom::fill(&mut bytes).expect("the operating system's random source failed");
        Self::from_bytes(bytes.to_vec()).expect("20 random bytes make a valid secret")
    }

    fn from_bytes(bytes: Vec<u8>) -> Result<Self, TotpError> {
        Builder::new()
            .with_algorithm(Algorithm::SHA1)
            .with_digits(DIGITS)
            .with_skew(SKEW_STEPS)
            .with_step_duration(STEP_SECONDS)
            .with_secret(Secret::from(bytes))
            .build()
            .map(Self)
            .map_err(|_| TotpError::BadSecret)
    }

    /// The secret from its stored form (base32, as [`Self::base32`] wrote it).
    pub fn from_base32(text: &str) -> Result<Self, TotpError> {
        let secret = Secret::try_from_base32(text.trim()).map_err(|_| TotpError::BadSecret)?;
        Self::from_bytes(secret.as_ref().to_vec())
    }

    /// The secret as base32 without padding: what the owner types into an app by hand,
    /// and what the store keeps.
    pub fn base32(&self) -> String {
        self.0.secret().to_base32()
    }

    /// The `otpauth://totp/…` URI an app reads from the QR code.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        // `:` separates issuer from account in the label; neither may hold one.
        let issuer = issuer.replace(':', " ");
        let account = account.replace(':', " ");
        let label = format!("{}:{}", encode(&issuer), encode(&account));
        format!(
            "otpauth://totp/{label}?secret={}&issuer={}&algorithm=SHA1&digits={DIGITS}&period={STEP_SECONDS}",
            self.base32(),
            encode(&issuer)
        )
    }

    /// The code for the step that holds `at`.
    pub fn code_at(&self, at: OffsetDateTime) -> String {
        self.0.generate(unix_seconds(at)).to_string()
    }

    /// The time step `at` falls in.
    pub fn step_at(at: OffsetDateTime) -> i64 {
        (unix_seconds(at) / STEP_SECONDS) as i64
    }

    /// The step of the window around `now` (one step either way) whose code `code` is,
    /// earliest first; `None` for a wrong or malformed code. Spaces are ignored, as apps
    /// show codes as "123 456".
    pub fn accepts(&self, code: &str, now: OffsetDateTime) -> Option<i64> {
        let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
        if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.0
            .check(&code, unix_seconds(now))
            .and_then(|step| i64::try_from(step).ok())
    }
}

fn unix_seconds(at: OffsetDateTime) -> u64 {
    u64::try_from(at.unix_timestamp()).unwrap_or(0)
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The QR code of `text` as an SVG document (black on white, with its quiet zone), for
/// an `<img>` or inline in a page.
pub fn qr_svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M) {
        Ok(code) => code
            .render::<svg::Color<'_>>()
            .min_dimensions(200, 200)
            .quiet_zone(true)
            .build(),
        // An otpauth URI is far below a QR code's capacity; an empty image is the honest
        // answer to one that is not (the text secret is still shown).
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890"; the
    /// table gives 8 digits, and six-digit codes are their last six.
    fn rfc_secret() -> TotpSecret {
        TotpSecret::from_bytes(b"12345678901234567890".to_vec()).unwrap()
    }

    #[test]
    fn rfc_6238_test_vectors() {
        let cases = [
            (59, "94287082"),
            (1_111_111_109, "07081804"),
            (1_111_111_111, "14050471"),
            (1_234_567_890, "89005924"),
            (2_000_000_000, "69279037"),
            (20_000_000_000, "65353130"),
        ];
        let secret = rfc_secret();
        for (t, eight) in cases {
            let at = OffsetDateTime::from_unix_timestamp(t).unwrap();
            assert_eq!(secret.code_at(at), eight[2..], "T = {t}");
            assert_eq!(
                secret.accepts(&eight[2..], at),
                Some(TotpSecret::step_at(at)),
                "T = {t}"
            );
        }
    }

    #[test]
    fn one_step_of_drift_is_accepted_either_way_and_two_are_not() {
        let secret = TotpSecret::generate();
        let now = datetime!(2026-12-01 12:00:15 UTC);
        let step = TotpSecret::step_at(now);
        let at = |s: i64| OffsetDateTime::from_unix_timestamp(s * 30).unwrap();
        assert_eq!(
            secret.accepts(&secret.code_at(at(step - 1)), now),
            Some(step - 1)
        );
        assert_eq!(secret.accepts(&secret.code_at(at(step)), now), Some(step));
        assert_eq!(
            secret.accepts(&secret.code_at(at(step + 1)), now),
            Some(step + 1)
        );
        for far in [step - 2, step + 2] {
            let code = secret.code_at(at(far));
            // A far code may collide with a near one by chance (1 in 10^6 per step).
            let near: Vec<_> = (step - 1..=step + 1)
                .map(|s| secret.code_at(at(s)))
                .collect();
            if !near.contains(&code) {
                assert_eq!(secret.accepts(&code, now), None);
            }
        }
    }

    #[test]
    fn malformed_codes_are_refused_and_spaces_ignored() {
        let secret = rfc_secret();
        let at = OffsetDateTime::from_unix_timestamp(59).unwrap();
        assert_eq!(secret.accepts("287 082", at), Some(1));
        for bad in ["", "28708", "2870822", "28708a", "٢٨٧٠٨٢"] {
            assert_eq!(secret.accepts(bad, at), None, "{bad:?}");
        }
    }

    #[test]
    fn the_secret_round_trips_through_base32_and_the_uri_names_it() {
        let secret = TotpSecret::generate();
        let again = TotpSecret::from_base32(&secret.base32()).unwrap();
        let now = datetime!(2026-12-01 12:00:00 UTC);
        assert_eq!(secret.code_at(now), again.code_at(now));
        assert!(secret.base32().len() >= 32);
        let uri = secret.otpauth_uri("Acme Shop", "ana@example.com");
        assert!(uri.starts_with("otpauth://totp/Acme%20Shop:ana%40example.com?secret="));
        assert!(uri.contains("&issuer=Acme%20Shop&algorithm=SHA1&digits=6&period=30"));
        assert!(matches!(
            TotpSecret::from_base32("not base32!"),
            Err(TotpError::BadSecret)
        ));
        assert!(format!("{secret:?}").contains("redacted"));
    }

    #[test]
    fn the_qr_code_is_an_svg() {
        let svg = qr_svg("otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP");
        assert!(svg.contains("<svg"), "{svg}");
    }
}
