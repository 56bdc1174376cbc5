//! Progress you can see: the numbers behind `recall stats`.
//!
//! Definitions (also in the README):
//! * new: never studied; learning: studied, interval ≤ 1 day (first day or
//!   after a lapse); young: interval 2–20 days; mature: interval ≥ 21 days.
//! * true retention: share of scheduled reviews of learned cards (not new
//!   cards, not drill answers) graded 3 or better, over the last 30 days;
//!   young/mature by the interval before the answer.
//! * streak: consecutive study days with at least one answer, up to today
//!   (or yesterday, if nothing was studied yet today).

pub mod charts;
pub mod collect;
pub mod fsrs;

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::cli::StatsArgs;
use crate::clock::Now;
use crate::error::{Error, Result};
use crate::output::{self, say};
use crate::storage::{config, decks, Store};

/// A share with its parts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Ratio {
    pub passed: i64,
    pub total: i64,
    /// passed / total, or null with no reviews.
    pub share: Option<f64>,
}

impl Ratio {
    pub fn new(passed: i64, total: i64) -> Ratio {
        Ratio {
            passed,
            total,
            share: (total > 0).then(|| passed as f64 / total as f64),
        }
    }
}

/// Cards by state (active cards only).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct States {
    pub new: i64,
    pub learning: i64,
    pub young: i64,
    pub mature: i64,
    pub suspended: i64,
    pub leeches: i64,
}

/// Today's work.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Today {
    /// Cards given their scheduled repetition today.
    pub done: i64,
    /// Cards still due today.
    pub due: i64,
    /// New cards that may still be introduced today.
    pub new_left: i64,
    /// Seconds spent answering today.
    pub seconds: i64,
}

/// A list item often missed in typed answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeakItem {
    pub deck: String,
    pub card: String,
    pub item: String,
    pub misses: i64,
    pub attempts: i64,
    pub source: String,
}

/// A hard card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HardCard {
    pub deck: String,
    pub card: String,
    pub front: String,
    pub ef: i64,
    pub lapses: i64,
    pub source: String,
}

/// Everything `recall stats` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub day: String,
    pub deck: Option<String>,
    pub today: Today,
    pub streak: i64,
    pub states: States,
    pub retention: RetentionSplit,
    /// Mean E-Factor of studied cards, in thousandths.
    pub average_ef: Option<i64>,
    /// Seconds spent answering over the last 30 days.
    pub seconds_30d: i64,
    /// Cards due on each of the next 30 days (index 0: today, overdue included).
    pub forecast: Vec<i64>,
    /// Answers per day over the last 365 days, oldest first.
    pub heatmap: Vec<DayCount>,
    /// Active studied cards by interval.
    pub intervals: Vec<Bucket>,
    pub weak_items: Vec<WeakItem>,
    pub hardest: Vec<HardCard>,
    /// Decks that use FSRS: predicted retention and each card's
    /// retrievability today (absent when no deck uses FSRS).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fsrs: Vec<fsrs::FsrsDeck>,
}

/// Retention over the last 30 days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct RetentionSplit {
    pub young: Ratio,
    pub mature: Ratio,
    pub all: Ratio,
}

/// Answers on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayCount {
    pub day: String,
    pub count: i64,
}

/// A histogram bucket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bucket {
    pub label: String,
    pub count: i64,
}

/// `recall stats`.
pub fn command(db: &Path, now: Now, args: &StatsArgs, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(db)?;
    if let Some(d) = &args.deck {
        if decks::get(&store.conn, d)?.is_none() {
            return Err(Error::NotFound(format!(
                "no deck '{d}' (see `recall decks`)"
            )));
        }
    }
    let today = now.study_day(config::get(&store.conn, "rollover_hour")? as u32);
    let new_per_day = config::get(&store.conn, "new_per_day")?;
    let stats = collect::collect(&store.conn, args.deck.as_deref(), today, new_per_day)?;
    if let Some(path) = &args.svg {
        output::write_atomically(path, charts::svg(&stats).as_bytes())?;
    }
    if args.json {
        return output::print_json(out, &stats);
    }
    let width = args
        .width
        .unwrap_or_else(output::terminal_width)
        .clamp(40, 200);
    out.write_all(charts::text(&stats, width, args.ascii).as_bytes())
        .map_err(output::out_err)?;
    out.write_all(fsrs::text(&stats.fsrs).as_bytes())
        .map_err(output::out_err)?;
    if let Some(path) = &args.svg {
        say!(out, "charts written to {}", path.display());
    }
    Ok(())
}
