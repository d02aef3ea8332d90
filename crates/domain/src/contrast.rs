//! Colours and their contrast (WCAG 2.2): `#rrggbb` parsing, relative luminance, the
//! contrast ratio, and the AA threshold the shop's brand colours must keep.
//!
//! The shop picks its colours; accessibility must hold whatever it picks, so start-up
//! checks them with these rules (PRODUCT.md A-series, WCAG 2.2 success criterion 1.4.3).

use std::fmt;

/// WCAG 2.2 AA for normal-size text (success criterion 1.4.3): at least 4.5:1.
pub const AA_NORMAL_TEXT: f64 = 4.5;

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

/// Why a colour did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a colour: write it as #rrggbb or #rgb (hex digits)")]
pub struct ColourError(pub String);

impl Rgb {
    pub const WHITE: Rgb = Rgb::new(0xff, 0xff, 0xff);
    pub const BLACK: Rgb = Rgb::new(0, 0, 0);

    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// `#rrggbb` or `#rgb`, case-insensitive, surrounding blanks ignored. Nothing else:
    /// a named colour or `rgb(…)` would need a table or a CSS parser for no gain.
    pub fn parse(s: &str) -> Result<Self, ColourError> {
        let err = || ColourError(s.to_owned());
        let hex = s.trim().strip_prefix('#').ok_or_else(err)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(err());
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).map_err(|_| err());
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| err());
        match hex.len() {
            3 => Ok(Self::new(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Ok(Self::new(pair(0)?, pair(2)?, pair(4)?)),
            _ => Err(err()),
        }
    }

    /// Relative luminance, WCAG 2.2's definition (sRGB, threshold 0.04045).
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// Of `candidates`, the one that contrasts most with `self` (the first on a tie).
    pub fn best_text(self, candidates: &[Rgb]) -> Option<Rgb> {
        candidates.iter().copied().fold(None, |best, c| match best {
            Some(b) if contrast_ratio(self, b) >= contrast_ratio(self, c) => Some(b),
            _ => Some(c),
        })
    }
}

impl fmt::Display for Rgb {
    /// Always `#rrggbb`, lowercase: the form CSS and the error messages use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// The contrast ratio of two colours, from 1 (the same) to 21 (black on white); the order
/// does not matter.
pub fn contrast_ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// A ratio as people read it, `4.48:1`, rounded *down* to two decimals so a failing
/// ratio is never shown as the threshold it missed (4.499 is "4.49:1", not "4.5:1").
pub fn format_ratio(ratio: f64) -> String {
    let floored = (ratio * 100.0).floor() / 100.0;
    format!("{floored:.2}:1")
}

/// A pair of colours below a threshold: what start-up refuses, naming both and the ratio.
#[derive(Debug, Clone, PartialEq)]
pub struct LowContrast {
    pub foreground: Rgb,
    pub background: Rgb,
    pub ratio: f64,
    pub needed: f64,
}

impl fmt::Display for LowContrast {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} on {} has a contrast ratio of {}; WCAG 2.2 AA needs at least {}",
            self.foreground,
            self.background,
            format_ratio(self.ratio),
            format_ratio(self.needed),
        )
    }
}

/// `Ok` when `foreground` on `background` reaches `needed`, else what fell short.
pub fn check_contrast(foreground: Rgb, background: Rgb, needed: f64) -> Result<f64, LowContrast> {
    let ratio = contrast_ratio(foreground, background);
    if ratio >= needed {
        Ok(ratio)
    } else {
        Err(LowContrast {
            foreground,
            background,
            ratio,
            needed,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Rgb {
        Rgb::parse(s).unwrap()
    }

    #[test]
    fn parses_long_and_short_hex_and_refuses_the_rest() {
        assert_eq!(c("#0b5fff"), Rgb::new(0x0b, 0x5f, 0xff));
        assert_eq!(c("  #0B5FFF "), Rgb::new(0x0b, 0x5f, 0xff));
        assert_eq!(c("#fa0"), Rgb::new(0xff, 0xaa, 0x00));
        for bad in [
            "",
            "#",
            "0b5fff",
            "#0b5ff",
            "#0b5fffa",
            "#gggggg",
            "blue",
            "rgb(0,0,0)",
            "#+1+2+3",
            "#ééé",
        ] {
            assert!(Rgb::parse(bad).is_err(), "{bad:?} parsed");
        }
        assert!(
            Rgb::parse("blue")
                .unwrap_err()
                .to_string()
                .contains("#rrggbb")
        );
    }

    #[test]
    fn displays_as_lowercase_long_hex() {
        assert_eq!(c("#FA0").to_string(), "#ffaa00");
        assert_eq!(Rgb::WHITE.to_string(), "#ffffff");
    }

    #[test]
    fn luminance_matches_the_definition_at_its_ends() {
        assert_eq!(Rgb::BLACK.luminance(), 0.0);
        assert!((Rgb::WHITE.luminance() - 1.0).abs() < 1e-12);
        // Pure green carries most of the luminance: its coefficient.
        assert!((c("#00ff00").luminance() - 0.7152).abs() < 1e-12);
    }

    #[test]
    fn contrast_ratios_of_known_pairs() {
        assert!((contrast_ratio(Rgb::BLACK, Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(Rgb::WHITE, Rgb::BLACK) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(c("#123456"), c("#123456")) - 1.0).abs() < 1e-12);
        // Reference values (WebAIM's contrast checker, which rounds to nearest): #777777 on
        // white is 4.477…:1, just short of AA; #767676 is the lightest grey that passes.
        assert_eq!(
            format_ratio(contrast_ratio(c("#777777"), Rgb::WHITE)),
            "4.47:1"
        );
        assert_eq!(
            format_ratio(contrast_ratio(c("#767676"), Rgb::WHITE)),
            "4.54:1"
        );
        // Today's link blue on white.
        assert_eq!(
            format_ratio(contrast_ratio(c("#1d4ed8"), Rgb::WHITE)),
            "6.70:1"
        );
    }

    #[test]
    fn the_ratio_is_rounded_down() {
        assert_eq!(format_ratio(4.499), "4.49:1");
        assert_eq!(format_ratio(4.5), "4.50:1");
        assert_eq!(format_ratio(21.0), "21.00:1");
    }

    #[test]
    fn check_contrast_names_both_colours_and_the_ratio() {
        assert!(check_contrast(c("#1d4ed8"), Rgb::WHITE, AA_NORMAL_TEXT).is_ok());
        let low = check_contrast(c("#ffcc00"), Rgb::WHITE, AA_NORMAL_TEXT).unwrap_err();
        let text = low.to_string();
        assert!(text.contains("#ffcc00"), "{text}");
        assert!(text.contains("#ffffff"), "{text}");
        assert!(text.contains("1.51:1"), "{text}");
        assert!(text.contains("4.50:1"), "{text}");
    }

    #[test]
    fn best_text_picks_the_higher_contrast() {
        let dark = c("#1a1a1a");
        assert_eq!(
            c("#1d4ed8").best_text(&[Rgb::WHITE, dark]),
            Some(Rgb::WHITE)
        );
        assert_eq!(c("#ffcc00").best_text(&[Rgb::WHITE, dark]), Some(dark));
        assert_eq!(Rgb::WHITE.best_text(&[]), None);
    }
}
