//! User settings stored in the database (`recall config`).

use rusqlite::{Connection, OptionalExtension};

use crate::error::{Error, Result};

/// A setting recall knows, with its default and what it means.
pub struct Setting {
    pub key: &'static str,
    pub default: i64,
    pub min: i64,
    pub max: i64,
    pub help: &'static str,
}

/// Every setting. Values are integers.
pub const SETTINGS: &[Setting] = &[
    Setting {
        key: "new_per_day",
        default: 20,
        min: 0,
        max: 10_000,
        help: "new cards introduced per study day",
    },
    Setting {
        key: "review_cap",
        default: 200,
        min: 0,
        max: 100_000,
        help: "most due reviews shown per study day",
    },
    Setting {
        key: "leech_lapses",
        default: 8,
        min: 1,
        max: 1000,
        help: "lapses that make a card a leech (then every 4 more)",
    },
    Setting {
        key: "leech_suspend",
        default: 1,
        min: 0,
        max: 1,
        help: "1: suspend leeches; 0: only flag them",
    },
    Setting {
        key: "rollover_hour",
        default: 4,
        min: 0,
        max: 23,
        help: "local hour at which a new study day starts",
    },
];

fn setting(key: &str) -> Result<&'static Setting> {
    SETTINGS.iter().find(|s| s.key == key).ok_or_else(|| {
        let known: Vec<&str> = SETTINGS.iter().map(|s| s.key).collect();
        Error::Invalid(format!(
            "unknown setting '{key}' (known: {})",
            known.join(", ")
        ))
    })
}

/// The value of `key`, or its default.
pub fn get(conn: &Connection, key: &str) -> Result<i64> {
    let s = setting(key)?;
    let stored: Option<String> = conn
        .query_row("SELECT value FROM config WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(stored
        .and_then(|v| v.parse::<i64>().ok())
        .map_or(s.default, |v| v.clamp(s.min, s.max)))
}

/// `value` read as a value of `key` (a whole number in the setting's range).
pub fn check(key: &str, value: &str) -> Result<i64> {
    let s = setting(key)?;
    let v: i64 = value
        .trim()
        .parse()
        .map_err(|_| Error::Invalid(format!("{key}: '{value}' is not a whole number")))?;
    if v < s.min || v > s.max {
        return Err(Error::Invalid(format!(
            "{key}: {v} is out of range ({}..={})",
            s.min, s.max
        )));
    }
    Ok(v)
}

/// Sets `key` to `value` (checked against the setting's range).
pub fn set(conn: &Connection, key: &str, value: &str) -> Result<i64> {
    let v = check(key, value)?;
    conn.execute(
        "INSERT INTO config(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, v.to_string()),
    )?;
    Ok(v)
}
