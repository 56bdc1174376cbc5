//! The review log: one row per answer, and the questions sessions ask of it.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::{Error, Result};
use crate::fsrs_scheduler;
use crate::model::{Grade, ReviewKind};
use crate::scheduler::{self, CardState, Outcome};
use crate::storage::cards::{self, day_str, parse_day, StoredCard};
use crate::storage::deck_scheduler::{self, FsrsColumns, Kind};

/// One answer, as written to the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub id: i64,
    pub card_rowid: i64,
    pub reviewed_at: i64,
    pub day: NaiveDate,
    pub grade: u8,
    pub kind: ReviewKind,
    pub before: CardState,
    pub after: CardState,
    pub taken_ms: i64,
}

/// Extra facts about an answer, from an interactive session.
#[derive(Debug, Clone, Default)]
pub struct AnswerInfo {
    pub taken_ms: i64,
    pub suggested: Option<u8>,
    pub typed: Option<String>,
    /// JSON with per-item results of a typed answer.
    pub detail: Option<String>,
}

/// Whether the card has any answer logged on `day`.
pub fn answered_on(conn: &Connection, card_rowid: i64, day: NaiveDate) -> Result<bool> {
    let mut stmt =
        conn.prepare_cached("SELECT 1 FROM revlog WHERE day = ?1 AND card_id = ?2 LIMIT 1")?;
    Ok(stmt
        .query_row((day_str(day), card_rowid), |_| Ok(()))
        .optional()?
        .is_some())
}

/// The grade of the card's latest answer on `day`, if any.
pub fn last_grade_on(conn: &Connection, card_rowid: i64, day: NaiveDate) -> Result<Option<u8>> {
    let mut stmt = conn.prepare_cached(
        "SELECT grade FROM revlog WHERE day = ?1 AND card_id = ?2 ORDER BY id DESC LIMIT 1",
    )?;
    Ok(stmt
        .query_row((day_str(day), card_rowid), |r| r.get(0))
        .optional()?)
}

/// Answers a card and logs it, in one write transaction. The card's state is
/// re-read inside the transaction, so two processes never double-schedule.
///
/// Errors if the card is retired, or not due and not yet answered today.
pub fn record_answer(
    conn: &mut Connection,
    card_rowid: i64,
    grade: Grade,
    today: NaiveDate,
    now_ms: i64,
    info: &AnswerInfo,
) -> Result<(StoredCard, LogEntry)> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let card = cards::by_rowid(&tx, card_rowid)?;
    if card.retired {
        return Err(Error::Invalid(format!(
            "card '{}' is retired (no longer in deck '{}')",
            card.content.id, card.deck_id
        )));
    }
    let answered_today = answered_on(&tx, card_rowid, today)?;
    let settings = deck_scheduler::get(&tx, &card.deck_id)?;
    let not_due = || {
        Error::Invalid(format!(
            "card '{}' is not due until {} (today is {})",
            card.content.id,
            card.state.due.map(day_str).unwrap_or_default(),
            day_str(today)
        ))
    };
    let (outcome, fsrs): (Outcome, Option<(FsrsColumns, FsrsColumns)>) = match settings.kind {
        Kind::Sm2 => (
            scheduler::answer(&card.state, grade, today, answered_today).ok_or_else(not_due)?,
            None,
        ),
        Kind::Fsrs => {
            let cols = deck_scheduler::columns(&tx, card_rowid)?;
            let before = cols.card(card.state);
            let after = if answered_today {
                before
            } else if card.state.is_due(today) {
                fsrs_scheduler::review(&settings.model(), settings.retention, &before, grade, today)
            } else {
                return Err(not_due());
            };
            let kind = if answered_today {
                ReviewKind::Drill
            } else {
                ReviewKind::Review
            };
            (
                Outcome {
                    kind,
                    before: before.live,
                    after: after.live,
                },
                Some((FsrsColumns::of(&before), FsrsColumns::of(&after))),
            )
        }
    };
    if outcome.kind == ReviewKind::Review {
        cards::set_state(&tx, card_rowid, &outcome.after)?;
        if let Some((_, after)) = &fsrs {
            deck_scheduler::set_columns(&tx, card_rowid, after)?;
        }
    }
    let (b, a) = (&outcome.before, &outcome.after);
    match &fsrs {
        None => {
            tx.prepare_cached(
                "INSERT INTO revlog(card_id, reviewed_at, day, grade, kind,
            ef_before, reps_before, interval_before, due_before, lapses_before,
            ef_after, reps_after, interval_after, due_after, lapses_after,
            taken_ms, suggested, typed, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
            )?
            .execute(rusqlite::params![
                card_rowid,
                now_ms,
                day_str(today),
                grade.value(),
                outcome.kind.as_str(),
                b.ef,
                b.reps,
                b.interval,
                b.due.map(day_str),
                b.lapses,
                a.ef,
                a.reps,
                a.interval,
                a.due.map(day_str),
                a.lapses,
                info.taken_ms,
                info.suggested,
                info.typed,
                info.detail,
            ])?;
        }
        Some((fb, fa)) => {
            tx.prepare_cached(
                "INSERT INTO revlog(card_id, reviewed_at, day, grade, kind,
            ef_before, reps_before, interval_before, due_before, lapses_before,
            ef_after, reps_after, interval_after, due_after, lapses_after,
            taken_ms, suggested, typed, detail, scheduler,
            stability_before, difficulty_before, sm2_interval_before, sm2_due_before,
            stability_after, difficulty_after, sm2_interval_after, sm2_due_after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
            ?19, 'fsrs', ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
            )?
            .execute(rusqlite::params![
                card_rowid,
                now_ms,
                day_str(today),
                grade.value(),
                outcome.kind.as_str(),
                b.ef,
                b.reps,
                b.interval,
                b.due.map(day_str),
                b.lapses,
                a.ef,
                a.reps,
                a.interval,
                a.due.map(day_str),
                a.lapses,
                info.taken_ms,
                info.suggested,
                info.typed,
                info.detail,
                fb.stability,
                fb.difficulty,
                fb.sm2_interval,
                fb.sm2_due.map(day_str),
                fa.stability,
                fa.difficulty,
                fa.sm2_interval,
                fa.sm2_due.map(day_str),
            ])?;
        }
    }
    let id = tx.last_insert_rowid();
    if outcome.kind == ReviewKind::Review && a.lapses > b.lapses {
        let threshold = crate::storage::config::get(&tx, "leech_lapses")?;
        if is_leech_lapse(a.lapses, threshold) {
            let suspend = crate::storage::config::get(&tx, "leech_suspend")? == 1;
            tx.execute(
                "UPDATE card_state SET leech = 1, suspended = ?2, suspended_by = CASE WHEN ?2 THEN ?3 END
                 WHERE card_id = ?1",
                (card_rowid, suspend, id),
            )?;
        }
    }
    tx.commit()?;
    let entry = LogEntry {
        id,
        card_rowid,
        reviewed_at: now_ms,
        day: today,
        grade: grade.value(),
        kind: outcome.kind,
        before: *b,
        after: *a,
        taken_ms: info.taken_ms,
    };
    let mut card = card;
    card.state = *a;
    Ok((card, entry))
}

/// Whether reaching `lapses` makes a card a leech: at the threshold, then
/// every 4 lapses more (Anki's rule).
pub fn is_leech_lapse(lapses: i64, threshold: i64) -> bool {
    lapses >= threshold && (lapses - threshold) % 4 == 0
}

/// Undoes one logged answer: restores the card's state from the entry's
/// "before" columns and deletes the entry, in one transaction.
pub fn undo(conn: &mut Connection, entry_id: i64) -> Result<LogEntry> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let entry = get(&tx, entry_id)?
        .ok_or_else(|| Error::NotFound(format!("no review log entry {entry_id}")))?;
    let (scheduler, fsrs_before) = fsrs_before(&tx, entry_id)?;
    if entry.kind == ReviewKind::Review {
        let card = cards::by_rowid(&tx, entry.card_rowid)?;
        let deck = deck_scheduler::get(&tx, &card.deck_id)?.kind;
        let decided = match scheduler.as_str() {
            "fsrs" => Kind::Fsrs,
            "sm2" => Kind::Sm2,
            _ => {
                return Err(Error::Invalid(
                    "that review was imported from Anki's history: it cannot be undone".into(),
                ))
            }
        };
        if decided != deck {
            return Err(Error::Invalid(format!(
                "the answer to '{}' was scheduled by {} and deck '{}' now uses {}: \
                 switch back (`recall config --deck {} scheduler {}`) to undo it",
                card.content.id,
                decided.as_str(),
                card.deck_id,
                deck.as_str(),
                card.deck_id,
                decided.as_str()
            )));
        }
        cards::set_state(&tx, entry.card_rowid, &entry.before)?;
        if decided == Kind::Fsrs {
            deck_scheduler::set_columns(&tx, entry.card_rowid, &fsrs_before)?;
        }
        // the answer that made the card a leech is taken back: so is that
        if entry.after.lapses > entry.before.lapses {
            tx.execute(
                "UPDATE card_state SET suspended = 0, suspended_by = NULL,
                     leech = CASE WHEN suspended_by = ?2 THEN 0 ELSE leech END
                 WHERE card_id = ?1 AND suspended_by = ?2",
                (entry.card_rowid, entry_id),
            )?;
        }
    }
    tx.execute("DELETE FROM revlog WHERE id = ?1", [entry_id])?;
    tx.commit()?;
    Ok(entry)
}

/// Which scheduler decided a logged answer, and the FSRS columns before it.
fn fsrs_before(conn: &Connection, id: i64) -> Result<(String, FsrsColumns)> {
    Ok(conn.query_row(
        "SELECT scheduler, stability_before, difficulty_before, sm2_interval_before, sm2_due_before
         FROM revlog WHERE id = ?1",
        [id],
        |r| {
            let due: Option<String> = r.get(4)?;
            Ok((
                r.get(0)?,
                FsrsColumns {
                    stability: r.get(1)?,
                    difficulty: r.get(2)?,
                    sm2_interval: r.get(3)?,
                    sm2_due: due.as_deref().map(parse_day).transpose()?,
                },
            ))
        },
    )?)
}

/// The id of the latest answer logged on `day` (to a card of `deck`, when
/// given).
pub fn last_on(conn: &Connection, day: NaiveDate, deck: Option<&str>) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT r.id FROM revlog r JOIN cards c ON c.id = r.card_id
             WHERE r.day = ?1 AND (?2 IS NULL OR c.deck_id = ?2) AND r.scheduler != 'anki'
             ORDER BY r.id DESC LIMIT 1",
            (day_str(day), deck),
            |r| r.get(0),
        )
        .optional()?)
}

/// One log entry by id.
pub fn get(conn: &Connection, id: i64) -> Result<Option<LogEntry>> {
    Ok(conn
        .query_row(
            "SELECT id, card_id, reviewed_at, day, grade, kind,
                ef_before, reps_before, interval_before, due_before, lapses_before,
                ef_after, reps_after, interval_after, due_after, lapses_after, taken_ms
             FROM revlog WHERE id = ?1",
            [id],
            row_to_entry,
        )
        .optional()?)
}

fn row_to_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<LogEntry> {
    let state = |base: usize| -> rusqlite::Result<CardState> {
        let due: Option<String> = r.get(base + 3)?;
        Ok(CardState {
            ef: r.get(base)?,
            reps: r.get(base + 1)?,
            interval: r.get(base + 2)?,
            due: due.as_deref().map(parse_day).transpose()?,
            lapses: r.get(base + 4)?,
        })
    };
    let kind: String = r.get(5)?;
    Ok(LogEntry {
        id: r.get(0)?,
        card_rowid: r.get(1)?,
        reviewed_at: r.get(2)?,
        day: parse_day(&r.get::<_, String>(3)?)?,
        grade: r.get(4)?,
        kind: ReviewKind::parse(&kind).unwrap_or(ReviewKind::Review),
        before: state(6)?,
        after: state(11)?,
        taken_ms: r.get(16)?,
    })
}

/// What today's log says about each card answered today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodayFact {
    /// The grade of the card's latest answer today.
    pub last_grade: u8,
    /// Whether today's scheduled repetition introduced it (it was new).
    pub introduced: bool,
    /// Whether today's scheduled repetition was a review of a learned card
    /// (what the review limits count).
    pub reviewed: bool,
    /// The card's deck (per-deck limits count by deck).
    pub deck_id: String,
}

/// For each card answered on `day`: its last grade, whether it was new or
/// a review, and its deck.
pub fn today_facts(conn: &Connection, day: NaiveDate) -> Result<HashMap<i64, TodayFact>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.card_id, r.grade, r.kind, r.due_before IS NULL, c.deck_id
         FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE r.day = ?1 ORDER BY r.card_id, r.id",
    )?;
    let mut out: HashMap<i64, TodayFact> = HashMap::new();
    let mut rows = stmt.query([day_str(day)])?;
    while let Some(r) = rows.next()? {
        let card: i64 = r.get(0)?;
        let grade: u8 = r.get(1)?;
        let review = r.get::<_, String>(2)? == "review";
        let was_new: bool = r.get(3)?;
        let fact = match out.entry(card) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(TodayFact {
                last_grade: grade,
                introduced: false,
                reviewed: false,
                deck_id: r.get(4)?,
            }),
        };
        fact.last_grade = grade;
        if review {
            fact.introduced |= was_new;
            fact.reviewed |= !was_new;
        }
    }
    Ok(out)
}

/// A card's scheduling numbers before or after an answer, as
/// `recall history --json` prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StateNumbers {
    /// E-Factor in thousandths.
    pub ef: i64,
    pub reps: i64,
    /// Days.
    pub interval: i64,
    pub lapses: i64,
}

/// One answer, everything the log holds about it (`recall history`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HistoryEntry {
    /// Unix ms.
    pub reviewed_at: i64,
    /// The study day (`YYYY-MM-DD`).
    pub day: String,
    /// `scheduled` (the day's scheduled repetition) or `drill` (a
    /// final-drill answer, which changes nothing).
    pub kind: &'static str,
    pub grade: u8,
    /// The grade the grader suggested for a typed answer.
    pub suggested: Option<u8>,
    pub typed: Option<String>,
    /// Per-item results of a typed answer (`expected`, `credit`, `typo`, …).
    pub items: Option<serde_json::Value>,
    pub before: StateNumbers,
    pub after: StateNumbers,
    pub taken_ms: i64,
}

/// Every answer to a card, oldest first. The log has no index by card (it
/// would cost every answer a random page write), so rather than reading
/// the whole log this walks its (day, card) index: from each study day to
/// the next with one seek (a loose index scan), and within a day straight
/// to the card. A few hundred seeks for a year of study.
pub fn history(conn: &Connection, card_rowid: i64) -> Result<Vec<HistoryEntry>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE days(day) AS (
             SELECT MIN(day) FROM revlog
             UNION ALL
             SELECT (SELECT MIN(day) FROM revlog WHERE day > days.day) FROM days
             WHERE days.day IS NOT NULL)
         SELECT reviewed_at, day, kind, grade, suggested, typed, detail,
             ef_before, reps_before, interval_before, lapses_before,
             ef_after, reps_after, interval_after, lapses_after, taken_ms
         FROM revlog INDEXED BY revlog_day_card
         WHERE day IN (SELECT day FROM days WHERE day IS NOT NULL) AND card_id = ?1
         ORDER BY id",
    )?;
    let rows = stmt.query_map([card_rowid], |r| {
        let numbers = |base: usize| -> rusqlite::Result<StateNumbers> {
            Ok(StateNumbers {
                ef: r.get(base)?,
                reps: r.get(base + 1)?,
                interval: r.get(base + 2)?,
                lapses: r.get(base + 3)?,
            })
        };
        let detail: Option<String> = r.get(6)?;
        Ok(HistoryEntry {
            reviewed_at: r.get(0)?,
            day: r.get(1)?,
            kind: match r.get_ref(2)?.as_str()? {
                "drill" => "drill",
                _ => "scheduled",
            },
            grade: r.get(3)?,
            suggested: r.get(4)?,
            typed: r.get(5)?,
            // a detail that does not read as JSON is left out, not fatal
            items: detail.and_then(|d| serde_json::from_str(&d).ok()),
            before: numbers(7)?,
            after: numbers(11)?,
            taken_ms: r.get(15)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
