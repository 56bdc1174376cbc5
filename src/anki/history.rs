//! An Anki package's review history (`recall import --with-history`): the
//! collection's revlog, brought into recall's review log so that FSRS can
//! be fitted to years of reviews.
//!
//! * Anki's ease 1–4 (Again, Hard, Good, Easy) are FSRS's ratings; the log
//!   stores them as the grades that map back to them (1, 3, 4, 5).
//! * Rows are marked `scheduler = 'anki'`: Anki decided them, recall did
//!   not. They change no SM-2 state; on a deck that uses FSRS every card's
//!   memory is recomputed from its log, and a card recall had not scheduled
//!   yet is scheduled from it.
//! * A card's first Anki review of a study day is its scheduled review
//!   (`kind = 'review'`); later ones that day (learning steps) are logged as
//!   drill answers, as recall logs its own same-day repeats.
//! * Manual reschedules (Anki's type 4, ease 0) are skipped. The before and
//!   after columns hold Anki's ease factor (permille, as recall's E-Factor)
//!   and intervals; `due_before` is empty for a learning review (the card
//!   was new to long-term review), which tells FSRS where a history starts.
//! * Importing the same package again adds nothing: a review already
//!   logged (same card, same moment) is skipped.

use std::collections::HashMap;

use chrono::{DateTime, Days};
use rusqlite::{Connection, OptionalExtension};

use crate::clock::Now;
use crate::error::Result;
use crate::fsrs_scheduler::grade_for;
use crate::model::Deck;
use crate::storage::cards::day_str;
use crate::storage::deck_scheduler::{self, Kind};

/// One review from an Anki revlog, tied to an incoming card by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnkiReview {
    /// Index of the deck in the import, and of the card in that deck.
    pub deck: usize,
    pub card: usize,
    /// Anki's revlog id: the review's time, unix ms.
    pub at_ms: i64,
    /// 1 Again, 2 Hard, 3 Good, 4 Easy.
    pub ease: u32,
    /// Interval after and before, days (Anki's negative seconds: 0).
    pub ivl: i64,
    pub last_ivl: i64,
    /// Ease factor in permille (0 for learning cards).
    pub factor: i64,
    /// Anki's review type: 0 learn, 1 review, 2 relearn, 3 filtered.
    pub kind: i64,
    pub taken_ms: i64,
}

/// Reads the revlog of an Anki collection for the cards in `cards` (Anki
/// card id → (deck index, card index)). Errors are the caller's to name.
pub fn read(
    conn: &Connection,
    cards: &HashMap<i64, (usize, usize)>,
) -> rusqlite::Result<Vec<AnkiReview>> {
    let mut stmt = conn.prepare(
        "SELECT id, cid, ease, ivl, lastIvl, factor, type, time FROM revlog
         WHERE ease BETWEEN 1 AND 4 AND type BETWEEN 0 AND 3 ORDER BY cid, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, i64>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at_ms, cid, ease, ivl, last_ivl, factor, kind, taken_ms) = row?;
        let Some(&(deck, card)) = cards.get(&cid) else {
            continue;
        };
        // a package is a stranger's file: a review dated outside 1990-2200
        // is no review (and would strain date arithmetic)
        if !(631_152_000_000..7_258_118_400_000).contains(&at_ms) {
            continue;
        }
        out.push(AnkiReview {
            deck,
            card,
            at_ms,
            ease: ease.clamp(1, 4) as u32,
            ivl: ivl.max(0),
            last_ivl: last_ivl.max(0),
            factor,
            kind,
            taken_ms: taken_ms.clamp(0, 3_600_000),
        });
    }
    Ok(out)
}

/// What writing a history did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written {
    pub added: usize,
    /// Already in the log (an earlier import of the same package).
    pub known: usize,
    /// Cards of FSRS decks whose memory was recomputed.
    pub fsrs_cards: usize,
}

/// Writes the reviews into the log (inside the import's transaction, after
/// its cards are in), then recomputes the memories of the FSRS decks.
pub fn write(
    conn: &Connection,
    decks: &[Deck],
    reviews: &[AnkiReview],
    now: Now,
    rollover_hour: u32,
) -> Result<Written> {
    let mut written = Written::default();
    let mut rowids: HashMap<(usize, usize), Option<i64>> = HashMap::new();
    let mut touched: Vec<usize> = Vec::new();
    for r in reviews {
        let rowid = match rowids.get(&(r.deck, r.card)) {
            Some(id) => *id,
            None => {
                let id = decks.get(r.deck).and_then(|d| {
                    d.cards
                        .get(r.card)
                        .map(|c| (d.meta.id.as_str(), c.id.as_str()))
                });
                let found = match id {
                    Some((deck, key)) => conn
                        .prepare_cached("SELECT id FROM cards WHERE deck_id = ?1 AND key = ?2")?
                        .query_row((deck, key), |x| x.get::<_, i64>(0))
                        .optional()?,
                    None => None,
                };
                rowids.insert((r.deck, r.card), found);
                found
            }
        };
        let Some(rowid) = rowid else { continue };
        let known = conn
            .prepare_cached(
                "SELECT 1 FROM revlog WHERE card_id = ?1 AND reviewed_at = ?2 AND scheduler = 'anki'",
            )?
            .query_row((rowid, r.at_ms), |_| Ok(()))
            .optional()?
            .is_some();
        if known {
            written.known += 1;
            continue;
        }
        let Some(at) = DateTime::from_timestamp_millis(r.at_ms) else {
            continue;
        };
        let day = Now {
            at: at.with_timezone(now.at.offset()),
        }
        .study_day(rollover_hour);
        let scheduled_before = conn
            .prepare_cached(
                "SELECT 1 FROM revlog WHERE day = ?1 AND card_id = ?2 AND kind = 'review'",
            )?
            .query_row((day_str(day), rowid), |_| Ok(()))
            .optional()?
            .is_some();
        let kind = if scheduled_before { "drill" } else { "review" };
        let ef = if r.factor > 0 { r.factor } else { 2500 };
        let due_before = (r.kind != 0 && r.last_ivl > 0).then(|| day_str(day));
        let due_after = day
            .checked_add_days(Days::new(r.ivl.unsigned_abs()))
            .map(day_str);
        conn.prepare_cached(
            "INSERT INTO revlog(card_id, reviewed_at, day, grade, kind,
                ef_before, reps_before, interval_before, due_before, lapses_before,
                ef_after, reps_after, interval_after, due_after, lapses_after,
                taken_ms, scheduler)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, ?7, ?8, 0, ?6, 0, ?9, ?10, 0, ?11, 'anki')",
        )?
        .execute(rusqlite::params![
            rowid,
            r.at_ms,
            day_str(day),
            grade_for(r.ease).value(),
            kind,
            ef,
            r.last_ivl,
            due_before,
            r.ivl,
            due_after,
            r.taken_ms,
        ])?;
        written.added += 1;
        if !touched.contains(&r.deck) {
            touched.push(r.deck);
        }
    }
    for i in touched {
        let Some(deck) = decks.get(i) else { continue };
        let settings = deck_scheduler::get(conn, &deck.meta.id)?;
        if settings.kind == Kind::Fsrs {
            let r = deck_scheduler::memories_from_log(conn, &deck.meta.id, &settings, false)?;
            written.fsrs_cards += r.from_log + r.from_sm2;
        }
    }
    Ok(written)
}
