//! Places: where an address is, from an optional GeoIP database in MaxMind's `.mmdb`
//! format (`geoip_database` in the config). Without one, no place is known and nothing
//! else changes; the device list, the activity page and the new-device notice then show
//! no place.

use latchkey_i18n::Locale;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::net::IpAddr;
use std::path::Path;

/// The GeoIP database, or none. Cheap to share (`Arc<Places>` in `FlowParts`).
#[derive(Default)]
pub struct Places {
    reader: Option<maxminddb::Reader<Vec<u8>>>,
}

impl std::fmt::Debug for Places {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Places")
            .field("enabled", &self.reader.is_some())
            .finish()
    }
}

/// A missing or unreadable database: a startup error, never a silent "no places".
#[derive(Debug, thiserror::Error)]
#[error("the GeoIP database {path} cannot be read: {reason}")]
pub struct PlacesError {
    pub path: String,
    pub reason: String,
}

/// The parts of a GeoIP2/GeoLite2 City (or Country) record a place is named from.
#[derive(Deserialize, Default)]
struct Record {
    #[serde(default)]
    city: Named,
    #[serde(default)]
    country: Named,
}

#[derive(Deserialize, Default)]
struct Named {
    #[serde(default)]
    names: BTreeMap<String, String>,
}

impl Named {
    /// The name in the locale's language when the database has it, else in English.
    fn name(&self, locale: Locale) -> Option<&str> {
        self.names
            .get(locale.tag())
            .or_else(|| self.names.get("en"))
            .map(String::as_str)
            .filter(|n| !n.is_empty())
    }
}

impl Places {
    /// No database: no place is ever known.
    pub fn none() -> Self {
        Self::default()
    }

    /// Opens (reads whole, and checks) the database at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, PlacesError> {
        let path = path.as_ref();
        let error = |reason: String| PlacesError {
            path: path.display().to_string(),
            reason,
        };
        let bytes = std::fs::read(path).map_err(|e| error(e.to_string()))?;
        let reader = maxminddb::Reader::from_source(bytes).map_err(|e| error(e.to_string()))?;
        Ok(Self {
            reader: Some(reader),
        })
    }

    pub fn enabled(&self) -> bool {
        self.reader.is_some()
    }

    /// "City, Country" (or the one of them the database knows) for `ip`, in the locale's
    /// language where the database has it. `None` without a database, for an address it
    /// does not know or that is not an address.
    pub fn lookup(&self, ip: &str, locale: Locale) -> Option<String> {
        let reader = self.reader.as_ref()?;
        let ip: IpAddr = ip.trim().parse().ok()?;
        let record: Record = reader.lookup(ip).ok()?.decode().ok()??;
        match (record.city.name(locale), record.country.name(locale)) {
            (Some(city), Some(country)) => Some(format!("{city}, {country}")),
            (Some(one), None) | (None, Some(one)) => Some(one.to_owned()),
            (None, None) => None,
        }
    }
}
