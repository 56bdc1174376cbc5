//! Deck rows and per-deck counts.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;

use crate::error::Result;
use crate::model::DeckMeta;
use crate::queue::DeckLimits;

/// A deck with counts, as `recall decks` shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DeckSummary {
    pub id: String,
    pub name: String,
    pub source: Option<String>,
    /// Active cards never studied.
    pub new: i64,
    /// Active cards due on or before today.
    pub due: i64,
    /// Active cards studied at least once.
    pub learned: i64,
    /// Cards no longer in the deck file (history kept).
    pub retired: i64,
    /// All active cards.
    pub total: i64,
    /// Active cards suspended (by hand or as leeches).
    pub suspended: i64,
    /// The deck's own new-card limit (`null`: the global one applies).
    pub new_per_day: Option<i64>,
    /// The deck's own review limit (`null`: the global one applies).
    pub review_cap: Option<i64>,
}

/// Deck metadata by id.
pub fn get(conn: &Connection, id: &str) -> Result<Option<DeckMeta>> {
    Ok(conn
        .query_row(
            "SELECT id, name, source FROM decks WHERE id = ?1",
            [id],
            |r| {
                Ok(DeckMeta {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    source: r.get(2)?,
                })
            },
        )
        .optional()?)
}

/// Inserts or updates a deck's metadata.
pub fn upsert(conn: &Connection, meta: &DeckMeta, now_ms: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO decks(id, name, source, imported_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, source = excluded.source,
             imported_at = excluded.imported_at",
        (&meta.id, &meta.name, &meta.source, now_ms),
    )?;
    Ok(())
}

/// Counts `n` new cards (no due date, not suspended, not retired) into the
/// deck's `deck_counts`, without reading the deck.
pub fn count_new(conn: &Connection, deck_id: &str, n: usize) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO deck_counts(deck_id, due, suspended, n) VALUES (?1, '', 0, ?2)
         ON CONFLICT(deck_id, due, suspended) DO UPDATE SET n = n + excluded.n",
        (deck_id, n as i64),
    )?;
    Ok(())
}

/// Every deck with its counts for `today`, ordered by id. Reads the
/// trigger-maintained `deck_counts` (a few rows per deck), not the cards.
pub fn summaries(conn: &Connection, today: NaiveDate) -> Result<Vec<DeckSummary>> {
    let today = today.format("%Y-%m-%d").to_string();
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.name, d.source,
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id AND k.due = ''), 0),
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id AND k.due != ''
                      AND k.due <= ?1 AND k.suspended = 0), 0),
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id AND k.due != ''), 0),
            (SELECT COUNT(*) FROM cards c WHERE c.deck_id = d.id AND c.retired = 1),
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id), 0),
            COALESCE((SELECT SUM(n) FROM deck_counts k WHERE k.deck_id = d.id AND k.suspended = 1), 0),
            (SELECT value FROM deck_config o WHERE o.deck_id = d.id AND o.key = 'new_per_day'),
            (SELECT value FROM deck_config o WHERE o.deck_id = d.id AND o.key = 'review_cap')
         FROM decks d ORDER BY d.id",
    )?;
    let rows = stmt.query_map([today], |r| {
        Ok(DeckSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            source: r.get(2)?,
            new: r.get(3)?,
            due: r.get(4)?,
            learned: r.get(5)?,
            retired: r.get(6)?,
            total: r.get(7)?,
            suspended: r.get(8)?,
            new_per_day: r.get(9)?,
            review_cap: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The settings a deck may have of its own (`recall config --deck`).
pub const OWN_SETTINGS: [&str; 2] = ["new_per_day", "review_cap"];

/// Every deck's own limits (decks without any are left out).
pub fn own_limits(conn: &Connection) -> Result<HashMap<String, DeckLimits>> {
    let mut stmt = conn.prepare_cached("SELECT deck_id, key, value FROM deck_config")?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<String, DeckLimits> = HashMap::new();
    while let Some(r) = rows.next()? {
        let value = usize::try_from(r.get::<_, i64>(2)?).unwrap_or(0);
        let limits = out.entry(r.get(0)?).or_default();
        match r.get::<_, String>(1)?.as_str() {
            "new_per_day" => limits.new_per_day = Some(value),
            "review_cap" => limits.review_cap = Some(value),
            _ => {}
        }
    }
    Ok(out)
}

/// Sets (`Some`) or drops (`None`: the global setting applies) a deck's own
/// value of `key`, one of [`OWN_SETTINGS`].
pub fn set_own(conn: &Connection, deck_id: &str, key: &str, value: Option<i64>) -> Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO deck_config(deck_id, key, value) VALUES (?1, ?2, ?3)
             ON CONFLICT(deck_id, key) DO UPDATE SET value = excluded.value",
            (deck_id, key, v),
        )?,
        None => conn.execute(
            "DELETE FROM deck_config WHERE deck_id = ?1 AND key = ?2",
            (deck_id, key),
        )?,
    };
    Ok(())
}

/// What [`delete`] removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deleted {
    pub cards: usize,
    pub answers: usize,
}

/// Deletes a deck with its cards, their states, claims and answers, and
/// its rows in the summary tables, in one transaction.
///
/// Foreign keys are off while it runs: the review log has no index on its
/// card (answers write less without one), so SQLite's check of the log for
/// each deleted card would read the whole log once per card. The rows that
/// point at the deck's cards are deleted here instead, each table in one
/// pass; the cards go first, so the log's trigger finds no deck to count
/// down in `daily`, whose rows for the deck go at the end.
pub fn delete(conn: &mut Connection, deck_id: &str) -> Result<Deleted> {
    conn.pragma_update(None, "foreign_keys", false)?;
    let result = delete_in_tx(conn, deck_id);
    conn.pragma_update(None, "foreign_keys", true)?;
    result
}

fn delete_in_tx(conn: &mut Connection, deck_id: &str) -> Result<Deleted> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS doomed(id INTEGER PRIMARY KEY); DELETE FROM temp.doomed;",
    )?;
    let cards = tx.execute(
        "INSERT INTO temp.doomed SELECT id FROM cards WHERE deck_id = ?1",
        [deck_id],
    )?;
    tx.execute("DELETE FROM cards WHERE deck_id = ?1", [deck_id])?;
    tx.execute(
        "DELETE FROM card_state WHERE card_id IN (SELECT id FROM temp.doomed)",
        [],
    )?;
    tx.execute(
        "DELETE FROM claims WHERE card_id IN (SELECT id FROM temp.doomed)",
        [],
    )?;
    let answers = tx.execute(
        "DELETE FROM revlog WHERE card_id IN (SELECT id FROM temp.doomed)",
        [],
    )?;
    for table in ["deck_counts", "daily", "deck_config", "deck_scheduler"] {
        tx.execute(
            &format!("DELETE FROM {table} WHERE deck_id = ?1"),
            [deck_id],
        )?;
    }
    tx.execute("DELETE FROM decks WHERE id = ?1", [deck_id])?;
    tx.execute("DELETE FROM temp.doomed", [])?;
    // a database whose last deck went is not new: no sample deck for it
    tx.execute(
        "INSERT OR IGNORE INTO config(key, value) VALUES ('sample_deck_offered', '1')",
        [],
    )?;
    tx.commit()?;
    Ok(Deleted { cards, answers })
}
