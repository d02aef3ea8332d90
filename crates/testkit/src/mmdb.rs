//! A minimal writer of MaxMind DB (`.mmdb`) files, for tests of the GeoIP places: the
//! `maxminddb` crate only reads. It writes IPv4 databases with 24-bit records, the data
//! types a GeoIP2 City record uses (maps, strings, unsigned integers, arrays) and the
//! metadata the reader requires. The format:
//! <https://maxmind.github.io/MaxMind-DB/>.
//!
//! ```no_run
//! use latchkey_testkit::mmdb::{MmdbWriter, Value, city};
//! let mut db = MmdbWriter::new("GeoIP2-City");
//! db.insert("203.0.113.0".parse().unwrap(), 24, city("Lisbon", "Portugal", "PT"));
//! std::fs::write("test.mmdb", db.to_bytes()).unwrap();
//! ```

use std::net::Ipv4Addr;

/// A value of the data section.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    U16(u16),
    U32(u32),
    U64(u64),
    Map(Vec<(String, Value)>),
    Array(Vec<Value>),
}

impl Value {
    pub fn map<K: Into<String>>(pairs: impl IntoIterator<Item = (K, Value)>) -> Self {
        Value::Map(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    pub fn str(s: impl Into<String>) -> Self {
        Value::Str(s.into())
    }
}

/// A GeoIP2 City record with English names: `{city: {names: {en}}, country: {names:
/// {en}, iso_code}}`.
pub fn city(city: &str, country: &str, iso_code: &str) -> Value {
    Value::map([
        (
            "city",
            Value::map([("names", Value::map([("en", Value::str(city))]))]),
        ),
        (
            "country",
            Value::map([
                ("iso_code", Value::str(iso_code)),
                ("names", Value::map([("en", Value::str(country))])),
            ]),
        ),
    ])
}

/// One node's child in the tree being built.
#[derive(Debug, Clone, Copy)]
enum Child {
    Empty,
    Node(usize),
    /// An offset into the data section.
    Data(usize),
}

/// Networks and their records, written as one `.mmdb` file by [`MmdbWriter::to_bytes`].
#[derive(Debug)]
pub struct MmdbWriter {
    database_type: String,
    nodes: Vec<[Child; 2]>,
    data: Vec<u8>,
}

impl MmdbWriter {
    pub fn new(database_type: &str) -> Self {
        Self {
            database_type: database_type.to_owned(),
            nodes: vec![[Child::Empty, Child::Empty]],
            data: Vec::new(),
        }
    }

    /// Maps `network/prefix` to `value` (networks must not overlap).
    pub fn insert(&mut self, network: Ipv4Addr, prefix: u8, value: Value) {
        assert!((1..=32).contains(&prefix), "prefix 1..=32");
        let offset = self.data.len();
        encode(&value, &mut self.data);
        let bits = u32::from(network);
        let mut node = 0;
        for depth in 0..prefix {
            let bit = ((bits >> (31 - depth)) & 1) as usize;
            if depth + 1 == prefix {
                self.nodes[node][bit] = Child::Data(offset);
                break;
            }
            node = match self.nodes[node][bit] {
                Child::Node(next) => next,
                Child::Empty => {
                    self.nodes.push([Child::Empty, Child::Empty]);
                    let next = self.nodes.len() - 1;
                    self.nodes[node][bit] = Child::Node(next);
                    next
                }
                Child::Data(_) => panic!("overlapping networks"),
            };
        }
    }

    /// The whole file: the search tree, the 16-byte separator, the data section, then the
    /// metadata marker and map.
    pub fn to_bytes(&self) -> Vec<u8> {
        let count = self.nodes.len();
        let record = |c: Child| -> u32 {
            let v = match c {
                Child::Empty => count,
                Child::Node(n) => n,
                Child::Data(offset) => count + 16 + offset,
            };
            u32::try_from(v).expect("fits")
        };
        let mut out = Vec::new();
        for [left, right] in &self.nodes {
            for r in [record(*left), record(*right)] {
                assert!(r < 1 << 24, "24-bit records");
                out.extend_from_slice(&r.to_be_bytes()[1..]);
            }
        }
        out.extend_from_slice(&[0u8; 16]);
        out.extend_from_slice(&self.data);
        out.extend_from_slice(b"\xAB\xCD\xEFMaxMind.com");
        let metadata = Value::map([
            ("binary_format_major_version", Value::U16(2)),
            ("binary_format_minor_version", Value::U16(0)),
            ("build_epoch", Value::U64(1_700_000_000)),
            ("database_type", Value::str(self.database_type.clone())),
            (
                "description",
                Value::map([("en", Value::str("Latchkey test database"))]),
            ),
            ("ip_version", Value::U16(4)),
            ("languages", Value::Array(vec![Value::str("en")])),
            (
                "node_count",
                Value::U32(u32::try_from(count).expect("fits")),
            ),
            ("record_size", Value::U16(24)),
        ]);
        encode(&metadata, &mut out);
        out
    }
}

/// The control byte(s) of a field of `kind` (1..=15) and `size`.
fn control(kind: u8, size: usize, out: &mut Vec<u8>) {
    let (small, extra): (u8, Vec<u8>) = match size {
        0..=28 => (size as u8, vec![]),
        29..=284 => (29, vec![(size - 29) as u8]),
        285..=65_820 => (30, ((size - 285) as u16).to_be_bytes().to_vec()),
        _ => (31, ((size - 65_821) as u32).to_be_bytes()[1..].to_vec()),
    };
    if kind <= 7 {
        out.push((kind << 5) | small);
    } else {
        out.push(small);
        out.push(kind - 7);
    }
    out.extend_from_slice(&extra);
}

fn unsigned(kind: u8, value: u64, width: usize, out: &mut Vec<u8>) {
    let bytes = value.to_be_bytes();
    let bytes = &bytes[8 - width..];
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    control(kind, bytes.len() - first, out);
    out.extend_from_slice(&bytes[first..]);
}

fn encode(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Str(s) => {
            control(2, s.len(), out);
            out.extend_from_slice(s.as_bytes());
        }
        Value::U16(v) => unsigned(5, u64::from(*v), 2, out),
        Value::U32(v) => unsigned(6, u64::from(*v), 4, out),
        Value::U64(v) => unsigned(9, *v, 8, out),
        Value::Map(pairs) => {
            control(7, pairs.len(), out);
            for (k, v) in pairs {
                encode(&Value::Str(k.clone()), out);
                encode(v, out);
            }
        }
        Value::Array(items) => {
            control(11, items.len(), out);
            for v in items {
                encode(v, out);
            }
        }
    }
}

/// A database mapping 203.0.113.0/24 to Lisbon, Portugal and 198.51.100.0/24 to Paris,
/// France (with a French name for the city), written to a fresh file in the system's
/// temporary folder; the file lives as long as the returned guard.
pub fn test_database() -> tempfile::TempPath {
    let mut db = MmdbWriter::new("GeoIP2-City");
    db.insert(
        "203.0.113.0".parse().expect("ip"),
        24,
        city("Lisbon", "Portugal", "PT"),
    );
    db.insert(
        "198.51.100.0".parse().expect("ip"),
        24,
        Value::map([
            (
                "city",
                Value::map([(
                    "names",
                    Value::map([("en", Value::str("Paris")), ("fr", Value::str("Paris"))]),
                )]),
            ),
            (
                "country",
                Value::map([(
                    "names",
                    Value::map([("en", Value::str("France")), ("ru", Value::str("Франция"))]),
                )]),
            ),
        ]),
    );
    let file = tempfile::Builder::new()
        .suffix(".mmdb")
        .tempfile()
        .expect("temp file");
    std::fs::write(file.path(), db.to_bytes()).expect("write mmdb");
    file.into_temp_path()
}
