//! Which scheduler each deck uses (SM-2 by default, or FSRS), its FSRS
//! settings, the FSRS columns of card states, and switching a deck from one
//! scheduler to the other without losing progress.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};
use crate::fsrs_scheduler::{self, DayReview, FsrsCard, Memory, Start};
use crate::model::Grade;
use crate::scheduler::CardState;
use crate::storage::cards::{day_str, parse_day};

/// A deck's scheduler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Sm2,
    Fsrs,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Sm2 => "sm2",
            Kind::Fsrs => "fsrs",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sm2" | "sm-2" => Some(Kind::Sm2),
            "fsrs" => Some(Kind::Fsrs),
            _ => None,
        }
    }
}

/// A deck's scheduling settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub kind: Kind,
    /// FSRS's desired retention (0.70–0.99).
    pub retention: f64,
    /// Fitted FSRS parameters (`None`: the crate's defaults).
    pub params: Option<Vec<f32>>,
    /// Reviews the parameters were fitted on, and when (unix ms).
    pub fitted_reviews: Option<i64>,
    pub fitted_at: Option<i64>,
    /// The largest review-log id when the deck last switched scheduler.
    pub since_revlog: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            kind: Kind::Sm2,
            retention: fsrs_scheduler::DEFAULT_RETENTION,
            params: None,
            fitted_reviews: None,
            fitted_at: None,
            since_revlog: 0,
        }
    }
}

impl Settings {
    /// The FSRS model with this deck's parameters.
    pub fn model(&self) -> fsrs::FSRS {
        fsrs_scheduler::model(self.params.as_deref())
    }

    /// The forgetting curve's decay of this deck's parameters.
    pub fn decay(&self) -> f32 {
        fsrs_scheduler::decay(self.params.as_deref())
    }
}

/// A deck's settings (SM-2's defaults when it has none stored).
pub fn get(conn: &Connection, deck_id: &str) -> Result<Settings> {
    let mut stmt = conn.prepare_cached(
        "SELECT scheduler, retention, params, fitted_reviews, fitted_at, since_revlog
         FROM deck_scheduler WHERE deck_id = ?1",
    )?;
    let row = stmt
        .query_row([deck_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, f64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })
        .optional()?;
    let Some((kind, retention, params, fitted_reviews, fitted_at, since_revlog)) = row else {
        return Ok(Settings::default());
    };
    Ok(Settings {
        kind: Kind::parse(&kind).unwrap_or(Kind::Sm2),
        retention,
        params: params.and_then(|p| serde_json::from_str::<Vec<f32>>(&p).ok()),
        fitted_reviews,
        fitted_at,
        since_revlog,
    })
}

fn ensure_row(conn: &Connection, deck_id: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO deck_scheduler(deck_id) VALUES (?1) ON CONFLICT(deck_id) DO NOTHING",
        [deck_id],
    )?;
    Ok(())
}

/// Parses and checks a desired retention ("0.85" or "85%").
pub fn parse_retention(value: &str) -> Result<f64> {
    let t = value.trim();
    let v = match t.strip_suffix('%') {
        Some(p) => p.trim().parse::<f64>().map(|x| x / 100.0),
        None => t.parse::<f64>(),
    }
    .map_err(|_| Error::Invalid(format!("retention: '{value}' is not a number (e.g. 0.90)")))?;
    let (lo, hi) = (fsrs_scheduler::MIN_RETENTION, fsrs_scheduler::MAX_RETENTION);
    if !(lo..=hi).contains(&v) {
        return Err(Error::Invalid(format!(
            "retention: {v} is out of range ({lo:.2}..={hi:.2}); 0.90 means 90% recall at the due date"
        )));
    }
    Ok(v)
}

/// Sets a deck's desired retention. Due dates already given stay; each
/// card's next interval uses the new retention.
pub fn set_retention(conn: &Connection, deck_id: &str, retention: f64) -> Result<()> {
    ensure_row(conn, deck_id)?;
    conn.execute(
        "UPDATE deck_scheduler SET retention = ?2 WHERE deck_id = ?1",
        (deck_id, retention),
    )?;
    Ok(())
}

/// Stores fitted parameters (`None`: back to the crate's defaults).
pub fn set_params(
    conn: &Connection,
    deck_id: &str,
    params: Option<&[f32]>,
    reviews: Option<i64>,
    at_ms: Option<i64>,
) -> Result<()> {
    ensure_row(conn, deck_id)?;
    let json = params.map(|p| serde_json::to_string(p).unwrap_or_else(|_| "[]".into()));
    conn.execute(
        "UPDATE deck_scheduler SET params = ?2, fitted_reviews = ?3, fitted_at = ?4 WHERE deck_id = ?1",
        (deck_id, json, reviews, at_ms),
    )?;
    Ok(())
}

/// The FSRS columns of one card's state.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FsrsColumns {
    pub stability: Option<f64>,
    pub difficulty: Option<f64>,
    pub sm2_interval: Option<i64>,
    pub sm2_due: Option<NaiveDate>,
}

impl FsrsColumns {
    pub fn memory(&self) -> Option<Memory> {
        Some(Memory {
            stability: self.stability?,
            difficulty: self.difficulty?,
        })
    }

    /// The card as the FSRS scheduler takes it. A card without SM-2
    /// columns (not yet answered on the FSRS deck) has SM-2's state live.
    pub fn card(&self, live: CardState) -> FsrsCard {
        let (sm2_interval, sm2_due) = match self.sm2_interval {
            Some(iv) => (iv, self.sm2_due),
            None => (live.interval, live.due),
        };
        FsrsCard {
            live,
            sm2_interval,
            sm2_due,
            memory: self.memory(),
        }
    }

    /// The columns that hold `card`.
    pub fn of(card: &FsrsCard) -> FsrsColumns {
        FsrsColumns {
            stability: card.memory.map(|m| m.stability),
            difficulty: card.memory.map(|m| m.difficulty),
            sm2_interval: Some(card.sm2_interval),
            sm2_due: card.sm2_due,
        }
    }
}

/// A card's FSRS columns.
pub fn columns(conn: &Connection, rowid: i64) -> Result<FsrsColumns> {
    let mut stmt = conn.prepare_cached(
        "SELECT stability, difficulty, sm2_interval, sm2_due FROM card_state WHERE card_id = ?1",
    )?;
    Ok(stmt
        .query_row([rowid], |r| {
            let due: Option<String> = r.get(3)?;
            Ok(FsrsColumns {
                stability: r.get(0)?,
                difficulty: r.get(1)?,
                sm2_interval: r.get(2)?,
                sm2_due: due.as_deref().map(parse_day).transpose()?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

/// Writes a card's FSRS columns.
pub fn set_columns(conn: &Connection, rowid: i64, c: &FsrsColumns) -> Result<()> {
    conn.prepare_cached(
        "UPDATE card_state SET stability = ?2, difficulty = ?3, sm2_interval = ?4, sm2_due = ?5
         WHERE card_id = ?1",
    )?
    .execute((
        rowid,
        c.stability,
        c.difficulty,
        c.sm2_interval,
        c.sm2_due.map(day_str),
    ))?;
    Ok(())
}

/// The memory (stability, difficulty) of every card of a deck that has one.
pub fn memories(conn: &Connection, deck_id: Option<&str>) -> Result<HashMap<i64, Memory>> {
    let mut stmt = conn.prepare(
        "SELECT card_id, stability, difficulty FROM card_state
         WHERE stability IS NOT NULL AND difficulty IS NOT NULL AND (?1 IS NULL OR deck_id = ?1)",
    )?;
    let rows = stmt.query_map([deck_id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Memory {
                stability: r.get(1)?,
                difficulty: r.get(2)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a switch did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SwitchReport {
    /// Cards whose memory came from their whole review log.
    pub from_log: usize,
    /// Cards whose log is incomplete or empty: memory from their SM-2 state
    /// (then the reviews logged after it).
    pub from_sm2: usize,
    /// Cards new to recall's schedule that got a due date from an imported history.
    pub scheduled: usize,
}

/// One card's scheduled reviews from the log, oldest first, and whether
/// the log starts with the card's first review.
#[derive(Debug, Clone, Default)]
pub struct LoggedHistory {
    pub start: Option<Start>,
    pub reviews: Vec<DayReview>,
}

/// The scheduled reviews (kind `review`, recall's and imported ones) of
/// every card of a deck, one per study day, oldest first.
pub fn histories(conn: &Connection, deck_id: &str) -> Result<HashMap<i64, LoggedHistory>> {
    let mut stmt = conn.prepare(
        "SELECT r.card_id, r.day, r.grade, r.due_before, r.ef_before, r.interval_before
         FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE c.deck_id = ?1 AND r.kind = 'review'
         ORDER BY r.card_id, r.day, r.reviewed_at, r.id",
    )?;
    let mut out: HashMap<i64, LoggedHistory> = HashMap::new();
    let mut rows = stmt.query([deck_id])?;
    while let Some(r) = rows.next()? {
        let card: i64 = r.get(0)?;
        let day: String = r.get(1)?;
        let day = parse_day(&day)?;
        let grade = Grade::new(r.get(2)?).unwrap_or(Grade::MIN);
        let h = out.entry(card).or_default();
        if h.start.is_none() {
            let due_before: Option<String> = r.get(3)?;
            h.start = Some(match due_before {
                None => Start::New,
                Some(_) => Start::Sm2 {
                    ef: r.get(4)?,
                    interval: r.get(5)?,
                },
            });
        }
        if h.reviews.last().is_some_and(|l| l.day >= day) {
            continue;
        }
        h.reviews.push(DayReview {
            day,
            rating: fsrs_scheduler::rating_for(grade),
        });
    }
    Ok(out)
}

/// Gives every card of an FSRS deck its memory from the review log (from
/// its SM-2 state where the log is incomplete). With `switching`, the
/// SM-2 interval and due are first put aside (the deck comes from SM-2).
/// Due dates stay; a card new to recall's schedule whose log holds reviews
/// (an imported history) gets one from its memory.
pub fn memories_from_log(
    conn: &Connection,
    deck_id: &str,
    settings: &Settings,
    switching: bool,
) -> Result<SwitchReport> {
    let fsrs = settings.model();
    let logs = histories(conn, deck_id)?;
    let mut report = SwitchReport::default();
    let cards: Vec<(i64, CardState, FsrsColumns)> = {
        let mut stmt = conn.prepare(
            "SELECT card_id, ef, reps, interval, due, lapses, stability, difficulty, sm2_interval, sm2_due
             FROM card_state WHERE deck_id = ?1",
        )?;
        let rows = stmt.query_map([deck_id], |r| {
            let due: Option<String> = r.get(4)?;
            let sm2_due: Option<String> = r.get(9)?;
            Ok((
                r.get(0)?,
                CardState {
                    ef: r.get(1)?,
                    reps: r.get(2)?,
                    interval: r.get(3)?,
                    due: due.as_deref().map(parse_day).transpose()?,
                    lapses: r.get(5)?,
                },
                FsrsColumns {
                    stability: r.get(6)?,
                    difficulty: r.get(7)?,
                    sm2_interval: r.get(8)?,
                    sm2_due: sm2_due.as_deref().map(parse_day).transpose()?,
                },
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for (rowid, mut live, mut cols) in cards {
        // coming from SM-2, or a card FSRS has not scheduled yet: the live
        // state is SM-2's, put it aside before FSRS may change it
        if switching || cols.sm2_interval.is_none() {
            cols.sm2_interval = Some(live.interval);
            cols.sm2_due = live.due;
        }
        let memory = match logs.get(&rowid) {
            Some(h) if !h.reviews.is_empty() => {
                match h.start {
                    Some(Start::Sm2 { .. }) => report.from_sm2 += 1,
                    _ => report.from_log += 1,
                }
                fsrs_scheduler::memory_from_history(
                    &fsrs,
                    h.start.unwrap_or(Start::New),
                    &h.reviews,
                )
            }
            _ if live.due.is_some() => {
                report.from_sm2 += 1;
                fsrs_scheduler::sm2_memory(&fsrs, live.ef, live.interval)
            }
            _ => None,
        };
        cols.stability = memory.map(|m| m.stability);
        cols.difficulty = memory.map(|m| m.difficulty);
        if let (None, Some(m), Some(last)) = (
            live.due,
            memory,
            logs.get(&rowid).and_then(|h| h.reviews.last()),
        ) {
            live.interval = fsrs_scheduler::interval_for(&fsrs, m, settings.retention);
            live.due = last
                .day
                .checked_add_days(chrono::Days::new(live.interval.unsigned_abs()));
            crate::storage::cards::set_state(conn, rowid, &live)?;
            report.scheduled += 1;
        }
        set_columns(conn, rowid, &cols)?;
    }
    // the memories now come from the log, not from the answers' own rows
    ensure_row(conn, deck_id)?;
    conn.execute(
        "UPDATE deck_scheduler SET since_revlog = ?2 WHERE deck_id = ?1",
        (deck_id, max_revlog(conn)?),
    )?;
    Ok(report)
}

/// The decks that use FSRS, by id.
pub fn fsrs_decks(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT s.deck_id FROM deck_scheduler s JOIN decks d ON d.id = s.deck_id
         WHERE s.scheduler = 'fsrs' ORDER BY s.deck_id",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn max_revlog(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COALESCE(MAX(id), 0) FROM revlog", [], |r| r.get(0))?)
}

/// Switches a deck to `kind` in one transaction. To FSRS: memories from the
/// review log, SM-2's interval and due put aside, due dates kept. Back to
/// SM-2: SM-2's interval and due return (the E-Factor, repetitions and
/// lapses were kept up to date by every FSRS answer). Returns `None` when
/// the deck already uses `kind`.
pub fn switch(conn: &mut Connection, deck_id: &str, kind: Kind) -> Result<Option<SwitchReport>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut settings = get(&tx, deck_id)?;
    if settings.kind == kind {
        return Ok(None);
    }
    ensure_row(&tx, deck_id)?;
    let report = match kind {
        Kind::Fsrs => {
            settings.kind = Kind::Fsrs;
            memories_from_log(&tx, deck_id, &settings, true)?
        }
        Kind::Sm2 => {
            tx.execute(
                "UPDATE card_state SET interval = sm2_interval, due = sm2_due
                 WHERE deck_id = ?1 AND sm2_interval IS NOT NULL
                   AND (interval != sm2_interval OR due IS NOT sm2_due)",
                [deck_id],
            )?;
            tx.execute(
                "UPDATE card_state SET stability = NULL, difficulty = NULL, sm2_interval = NULL,
                     sm2_due = NULL
                 WHERE deck_id = ?1 AND (stability IS NOT NULL OR sm2_interval IS NOT NULL)",
                [deck_id],
            )?;
            SwitchReport::default()
        }
    };
    tx.execute(
        "UPDATE deck_scheduler SET scheduler = ?2, since_revlog = ?3 WHERE deck_id = ?1",
        (deck_id, kind.as_str(), max_revlog(&tx)?),
    )?;
    tx.commit()?;
    Ok(Some(report))
}
