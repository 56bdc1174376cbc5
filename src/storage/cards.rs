//! Card rows and their scheduling state.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::error::{Error, Result};
use crate::model::{CardContent, CardKind};
use crate::scheduler::CardState;

/// A card as stored: content, place, and scheduling state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCard {
    /// Local row id (never leaves the database).
    pub rowid: i64,
    pub deck_id: String,
    pub ord: i64,
    pub retired: bool,
    pub content: CardContent,
    pub state: CardState,
    /// Flagged as a leech (failed again and again).
    pub leech: bool,
    /// Suspended: not shown until `recall unsuspend`.
    pub suspended: bool,
    /// Edited locally (`recall edit`, `recall tag`): differs from its deck file.
    pub local_edit: bool,
}

/// Columns selected by every card query, in `row_to_card` order.
pub const CARD_COLUMNS: &str = "c.id, c.deck_id, c.ord, c.retired, c.key, c.kind, c.front, c.back,
    c.items, c.ordered, c.source, c.context, c.tags,
    s.ef, s.reps, s.interval, s.due, s.lapses, s.leech, s.suspended, c.base IS NOT NULL";

/// How many columns [`CARD_COLUMNS`] selects.
pub const CARD_COLUMN_COUNT: usize = 21;

/// Formats a study day as stored (`YYYY-MM-DD`).
pub fn day_str(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Parses a stored study day.
pub fn parse_day(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn json_list(s: &str) -> rusqlite::Result<Vec<String>> {
    if s == "[]" {
        return Ok(Vec::new());
    }
    serde_json::from_str(s).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// Maps a row selected with [`CARD_COLUMNS`].
pub fn row_to_card(r: &Row<'_>) -> rusqlite::Result<StoredCard> {
    let kind: String = r.get(5)?;
    let due: Option<String> = r.get(16)?;
    Ok(StoredCard {
        rowid: r.get(0)?,
        deck_id: r.get(1)?,
        ord: r.get(2)?,
        retired: r.get(3)?,
        content: CardContent {
            id: r.get(4)?,
            kind: CardKind::parse(&kind).unwrap_or(CardKind::Basic),
            front: r.get(6)?,
            back: r.get(7)?,
            items: json_list(&r.get::<_, String>(8)?)?,
            ordered: r.get(9)?,
            source: r.get(10)?,
            context: r.get(11)?,
            tags: json_list(&r.get::<_, String>(12)?)?,
        },
        state: CardState {
            ef: r.get(13)?,
            reps: r.get(14)?,
            interval: r.get(15)?,
            due: due.as_deref().map(parse_day).transpose()?,
            lapses: r.get(17)?,
        },
        leech: r.get(18)?,
        suspended: r.get(19)?,
        local_edit: r.get(20)?,
    })
}

/// All cards of a deck (retired too), in deck order.
pub fn deck_cards(conn: &Connection, deck_id: &str) -> Result<Vec<StoredCard>> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM cards c JOIN card_state s ON s.card_id = c.id
         WHERE c.deck_id = ?1"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([deck_id], row_to_card)?;
    let mut out: Vec<StoredCard> = rows.collect::<rusqlite::Result<_>>()?;
    // sorting here is cheaper than SQLite's sorter for a whole deck
    out.sort_unstable_by_key(|c| (c.retired, c.ord, c.rowid));
    Ok(out)
}

/// A card's content and place, without its scheduling state: what an
/// import compares a deck file with.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckCard {
    pub rowid: i64,
    pub ord: i64,
    pub retired: bool,
    pub content: CardContent,
    /// Set when the card was edited locally: the deck file's version the
    /// local text was made from.
    pub base: Option<Base>,
}

/// The deck file's version of a locally edited card (the `base` column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// The card as the deck file had it when the member edited it.
    Card(CardContent),
    /// The deck file no longer has the card; the member kept it.
    Absent,
}

impl Base {
    /// The column's text: '' for [`Base::Absent`], else the card as JSON.
    pub fn to_column(&self) -> String {
        match self {
            Base::Absent => String::new(),
            // (strings and lists cannot fail to encode; "null" would be
            // refused when read back, never taken for Absent)
            Base::Card(c) => serde_json::to_string(c).unwrap_or_else(|_| "null".into()),
        }
    }

    /// Reads the column (NULL: no local edit).
    pub fn from_column(text: Option<&str>) -> rusqlite::Result<Option<Base>> {
        match text {
            None => Ok(None),
            Some("") => Ok(Some(Base::Absent)),
            Some(json) => serde_json::from_str(json)
                .map(|c| Some(Base::Card(c)))
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                }),
        }
    }
}

/// Columns [`row_to_deck_card`] maps, from the cards table alone.
const DECK_CARD_COLUMNS: &str =
    "id, ord, retired, key, kind, front, back, items, ordered, source, context, tags, base";

fn row_to_deck_card(r: &Row<'_>) -> rusqlite::Result<DeckCard> {
    let kind = r.get_ref(4)?.as_str()?;
    Ok(DeckCard {
        rowid: r.get(0)?,
        ord: r.get(1)?,
        retired: r.get(2)?,
        content: CardContent {
            id: r.get(3)?,
            kind: CardKind::parse(kind).unwrap_or(CardKind::Basic),
            front: r.get(5)?,
            back: r.get(6)?,
            items: json_list(r.get_ref(7)?.as_str()?)?,
            ordered: r.get(8)?,
            source: r.get(9)?,
            context: r.get(10)?,
            tags: json_list(r.get_ref(11)?.as_str()?)?,
        },
        base: Base::from_column(r.get_ref(12)?.as_str_or_null()?)?,
    })
}

/// The content of every card of a deck (retired too), in deck order. Reads
/// the cards table alone: re-importing a large deck reads each card once.
pub fn deck_contents(conn: &Connection, deck_id: &str) -> Result<Vec<DeckCard>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {DECK_CARD_COLUMNS} FROM cards WHERE deck_id = ?1"
    ))?;
    let rows = stmt.query_map([deck_id], row_to_deck_card)?;
    let mut out: Vec<DeckCard> = rows.collect::<rusqlite::Result<_>>()?;
    out.sort_unstable_by_key(|c| (c.retired, c.ord, c.rowid));
    Ok(out)
}

/// One card's content and local-edit base, by row id.
pub fn deck_card(conn: &Connection, rowid: i64) -> Result<DeckCard> {
    conn.prepare_cached(&format!(
        "SELECT {DECK_CARD_COLUMNS} FROM cards WHERE id = ?1"
    ))?
    .query_row([rowid], row_to_deck_card)
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("no card with row id {rowid}")))
}

/// Cards for `recall cards`: all decks or one, active first, in deck order.
pub fn list(conn: &Connection, deck: Option<&str>) -> Result<Vec<StoredCard>> {
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM cards c JOIN card_state s ON s.card_id = c.id
         WHERE (?1 IS NULL OR c.deck_id = ?1) ORDER BY c.deck_id, c.retired, c.ord, c.id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([deck], row_to_card)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One card by local row id.
pub fn by_rowid(conn: &Connection, rowid: i64) -> Result<StoredCard> {
    // on every answer: a cached statement, not a fresh parse
    static SQL: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let sql = SQL.get_or_init(|| {
        format!("SELECT {CARD_COLUMNS} FROM cards c JOIN card_state s ON s.card_id = c.id WHERE c.id = ?1")
    });
    conn.prepare_cached(sql)?
        .query_row([rowid], row_to_card)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no card with row id {rowid}")))
}

/// Finds a card by `CARD_ID` or `DECK_ID/CARD_ID`.
pub fn find(conn: &Connection, spec: &str) -> Result<StoredCard> {
    let (deck, key) = match spec.split_once('/') {
        Some((d, k)) => (Some(d), k),
        None => (None, spec),
    };
    let sql = format!(
        "SELECT {CARD_COLUMNS} FROM cards c JOIN card_state s ON s.card_id = c.id
         WHERE c.key = ?1 AND (?2 IS NULL OR c.deck_id = ?2) ORDER BY c.deck_id"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let found: Vec<StoredCard> = stmt
        .query_map((key, deck), row_to_card)?
        .collect::<rusqlite::Result<_>>()?;
    match found.len() {
        0 => Err(Error::NotFound(format!(
            "no card '{spec}' (see `recall cards` for ids)"
        ))),
        1 => found
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound(format!("no card '{spec}'"))),
        _ => {
            let decks: Vec<String> = found.iter().map(|c| c.deck_id.clone()).collect();
            Err(Error::Invalid(format!(
                "card id '{spec}' is in several decks ({}); write DECK_ID/{spec}",
                decks.join(", ")
            )))
        }
    }
}

/// Finds every card of `specs` (see [`find`]), in order, without
/// duplicates; the first that is unknown or ambiguous is the error.
pub fn find_all(conn: &Connection, specs: &[String]) -> Result<Vec<StoredCard>> {
    let mut out: Vec<StoredCard> = Vec::with_capacity(specs.len());
    for spec in specs {
        let card = find(conn, spec)?;
        if !out.iter().any(|c| c.rowid == card.rowid) {
            out.push(card);
        }
    }
    Ok(out)
}

/// Suspends (`true`) or lifts the suspension of (`false`) a card. Lifting
/// keeps the leech flag, for the record; a suspension by hand names no
/// answer, so undoing an answer never lifts it.
pub fn set_suspended(conn: &Connection, rowid: i64, suspended: bool) -> Result<()> {
    conn.prepare_cached(
        "UPDATE card_state SET suspended = ?2, suspended_by = NULL WHERE card_id = ?1",
    )?
    .execute((rowid, suspended))?;
    Ok(())
}

/// What [`edit_content`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edited {
    /// The new text equals the old: nothing was written.
    Unchanged,
    /// The card now differs from its deck file (a local edit).
    Local,
    /// The card is back to its deck file's text: no local edit any more.
    AsInFile,
}

/// Replaces a card's content by a local edit, keeping its id, place and
/// state, and remembers the deck file's version (`base`) so that imports
/// keep the edit (see `src/import.rs`). Call inside a transaction.
pub fn edit_content(
    conn: &Connection,
    rowid: i64,
    new: &CardContent,
    now_ms: i64,
) -> Result<Edited> {
    let old = deck_card(conn, rowid)?;
    if old.content == *new {
        return Ok(Edited::Unchanged);
    }
    let (base, outcome) = match old.base {
        None => (Some(Base::Card(old.content.clone())), Edited::Local),
        Some(Base::Card(b)) if b == *new => (None, Edited::AsInFile),
        kept => (kept, Edited::Local),
    };
    update_content(conn, rowid, old.ord, new, now_ms)?;
    set_base(conn, rowid, base.as_ref())?;
    if old.retired {
        // (update_content revives; an edit does not)
        retire(conn, rowid, now_ms)?;
    }
    Ok(outcome)
}

/// Writes a card's `base` (None: no local edit).
pub fn set_base(conn: &Connection, rowid: i64, base: Option<&Base>) -> Result<()> {
    conn.prepare_cached("UPDATE cards SET base = ?2 WHERE id = ?1")?
        .execute((rowid, base.map(Base::to_column)))?;
    Ok(())
}

/// Writes a card's scheduling state.
pub fn set_state(conn: &Connection, rowid: i64, s: &CardState) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE card_state SET ef = ?2, reps = ?3, interval = ?4, due = ?5, lapses = ?6
         WHERE card_id = ?1",
    )?;
    stmt.execute((
        rowid,
        s.ef,
        s.reps,
        s.interval,
        s.due.map(day_str),
        s.lapses,
    ))?;
    Ok(())
}

/// Rows per multi-row INSERT in [`insert_new`]: one statement per 64 cards
/// instead of per card (12 values a row, far below SQLite's limit).
const INSERT_BATCH: usize = 64;

/// Inserts new cards (`(ord, content)`) with fresh scheduling states.
/// Call inside a transaction; the caller counts them into `deck_counts`
/// ([`crate::storage::decks::count_new`]).
pub fn insert_new(
    conn: &Connection,
    deck_id: &str,
    new: &[(i64, &CardContent)],
    now_ms: i64,
) -> Result<()> {
    if new.is_empty() {
        return Ok(());
    }
    let before: i64 = conn.query_row("SELECT COALESCE(MAX(id), 0) FROM cards", [], |r| r.get(0))?;
    for chunk in new.chunks(INSERT_BATCH) {
        let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)";
        let sql = format!(
            "INSERT INTO cards(deck_id, key, ord, kind, front, back, items, ordered, source,
                 context, tags, retired, added_at, modified_at) VALUES {}",
            vec![row; chunk.len()].join(", ")
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let mut k = 1;
        for (ord, c) in chunk {
            let items = to_json(&c.items);
            let tags = to_json(&c.tags);
            let values: [&dyn rusqlite::ToSql; 13] = [
                &deck_id,
                &c.id,
                ord,
                &c.kind.as_str(),
                &c.front,
                &c.back,
                &items,
                &c.ordered,
                &c.source,
                &c.context,
                &tags,
                &now_ms,
                &now_ms,
            ];
            for v in values {
                stmt.raw_bind_parameter(k, v)?;
                k += 1;
            }
        }
        stmt.raw_execute()?;
    }
    // New rows get ids above the old maximum (SQLite picks max + 1), so
    // the states go in with one statement over that range. Should SQLite
    // ever have chosen other ids, the whole deck is searched instead.
    let last = conn.last_insert_rowid();
    // (OR IGNORE: a row in the range that has a state keeps it, and the
    // count tells that the ids were not the expected ones)
    let made = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO card_state(card_id, deck_id)
             SELECT id, deck_id FROM cards WHERE id BETWEEN ?2 AND ?3 AND +deck_id = ?1",
        )?
        .execute((deck_id, before.saturating_add(1), last))?;
    // The search index likewise, in one statement (there is no insert
    // trigger: a trigger's one index insert per card made a 100,000-card
    // import a third slower).
    if made == new.len() {
        conn.prepare_cached(
            "INSERT INTO cards_fts(rowid, front, back, items, context)
             SELECT id, front, back, items, context FROM cards
             WHERE id BETWEEN ?2 AND ?3 AND +deck_id = ?1",
        )?
        .execute((deck_id, before.saturating_add(1), last))?;
    } else {
        add_missing_states(conn, deck_id)?;
        let mut stmt = conn.prepare_cached(
            "INSERT INTO cards_fts(rowid, front, back, items, context)
             SELECT id, front, back, items, context FROM cards WHERE deck_id = ?1 AND key = ?2",
        )?;
        for (_, c) in new {
            stmt.execute((deck_id, &c.id))?;
        }
    }
    Ok(())
}

/// Gives every card of the deck that has no scheduling state a new one.
fn add_missing_states(conn: &Connection, deck_id: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO card_state(card_id, deck_id)
         SELECT c.id, c.deck_id FROM cards c
         WHERE c.deck_id = ?1
           AND NOT EXISTS (SELECT 1 FROM card_state s WHERE s.card_id = c.id)",
        [deck_id],
    )?;
    Ok(())
}

/// Replaces a card's content (and key, for relinked cards) keeping its state.
pub fn update_content(
    conn: &Connection,
    rowid: i64,
    ord: i64,
    c: &CardContent,
    now_ms: i64,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE cards SET key = ?2, ord = ?3, kind = ?4, front = ?5, back = ?6, items = ?7,
             ordered = ?8, source = ?9, context = ?10, tags = ?11, retired = 0, modified_at = ?12
         WHERE id = ?1",
    )?;
    stmt.execute(rusqlite::params![
        rowid,
        c.id,
        ord,
        c.kind.as_str(),
        c.front,
        c.back,
        to_json(&c.items),
        c.ordered,
        c.source,
        c.context,
        to_json(&c.tags),
        now_ms,
    ])?;
    Ok(())
}

/// Gives a card a new id (a relinked card that keeps its local text).
pub fn set_key(conn: &Connection, rowid: i64, key: &str) -> Result<()> {
    conn.prepare_cached("UPDATE cards SET key = ?2, retired = 0 WHERE id = ?1")?
        .execute((rowid, key))?;
    Ok(())
}

/// Moves an unchanged card to a new position and makes sure it is active.
pub fn set_ord(conn: &Connection, rowid: i64, ord: i64) -> Result<()> {
    conn.prepare_cached("UPDATE cards SET ord = ?2, retired = 0 WHERE id = ?1")?
        .execute((rowid, ord))?;
    Ok(())
}

/// Retires a card: kept with its history, no longer shown or exported.
pub fn retire(conn: &Connection, rowid: i64, now_ms: i64) -> Result<()> {
    conn.prepare_cached("UPDATE cards SET retired = 1, modified_at = ?2 WHERE id = ?1")?
        .execute((rowid, now_ms))?;
    Ok(())
}

fn to_json(v: &[String]) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "[]".into())
}
