//! Gathers [`Stats`] with a handful of aggregate queries (no per-card loops),
//! so it stays fast at 100k cards and a million log rows.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use rusqlite::Connection;

use super::{Bucket, DayCount, HardCard, Ratio, RetentionSplit, States, Stats, Today, WeakItem};
use crate::error::Result;
use crate::storage::cards::day_str;

/// Interval buckets for the histogram: (label, lowest, highest) in days.
pub const BUCKETS: &[(&str, i64, i64)] = &[
    ("1d", 0, 1),
    ("2-3d", 2, 3),
    ("4-7d", 4, 7),
    ("1-2w", 8, 14),
    ("2-4w", 15, 30),
    ("1-2m", 31, 60),
    ("2-4m", 61, 120),
    ("4-12m", 121, 365),
    (">1y", 366, i64::MAX),
];

/// A mature card's interval, in days.
pub const MATURE: i64 = 21;

fn minus(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(n)).unwrap_or(day)
}

fn plus(day: NaiveDate, n: u64) -> NaiveDate {
    day.checked_add_days(Days::new(n)).unwrap_or(day)
}

/// Collects all statistics for `deck` (or every deck) on `today`.
pub fn collect(
    conn: &Connection,
    deck: Option<&str>,
    today: NaiveDate,
    new_per_day: i64,
) -> Result<Stats> {
    let t = day_str(today);
    // cards by state
    let (states, average_ef, due_today) = conn.query_row(
        "SELECT COALESCE(SUM(s.due IS NULL), 0),
                COALESCE(SUM(s.due IS NOT NULL AND s.interval <= 1), 0),
                COALESCE(SUM(s.interval >= 2 AND s.interval < ?3), 0),
                COALESCE(SUM(s.interval >= ?3), 0),
                COALESCE(SUM(s.suspended), 0),
                COALESCE(SUM(s.leech), 0),
                AVG(CASE WHEN s.due IS NOT NULL THEN s.ef END),
                COALESCE(SUM(s.due IS NOT NULL AND s.due <= ?2 AND s.suspended = 0), 0)
         FROM cards c JOIN card_state s ON s.card_id = c.id
         WHERE c.retired = 0 AND (?1 IS NULL OR c.deck_id = ?1)",
        (deck, &t, MATURE),
        |r| {
            Ok((
                States {
                    new: r.get(0)?,
                    learning: r.get(1)?,
                    young: r.get(2)?,
                    mature: r.get(3)?,
                    suspended: r.get(4)?,
                    leeches: r.get(5)?,
                },
                r.get::<_, Option<f64>>(6)?.map(|x| x.round() as i64),
                r.get::<_, i64>(7)?,
            ))
        },
    )?;
    // today's answers and time
    let (done, introduced, seconds_today) = conn.query_row(
        "SELECT COUNT(DISTINCT CASE WHEN r.kind = 'review' THEN r.card_id END),
                COUNT(DISTINCT CASE WHEN r.kind = 'review' AND r.due_before IS NULL THEN r.card_id END),
                COALESCE(SUM(r.taken_ms), 0) / 1000
         FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE r.day = ?2 AND (?1 IS NULL OR c.deck_id = ?1)",
        (deck, &t),
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)),
    )?;
    let month_ago = day_str(minus(today, 30));
    let seconds_30d: i64 = conn.query_row(
        "SELECT COALESCE(SUM(r.taken_ms), 0) / 1000 FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE r.day > ?2 AND r.day <= ?3 AND (?1 IS NULL OR c.deck_id = ?1)",
        (deck, &month_ago, &t),
        |r| r.get(0),
    )?;
    // retention
    let mut retention = RetentionSplit::default();
    {
        let mut stmt = conn.prepare(
            "SELECT r.interval_before >= ?4, COUNT(*), COALESCE(SUM(r.grade >= 3), 0)
             FROM revlog r JOIN cards c ON c.id = r.card_id
             WHERE r.kind = 'review' AND r.due_before IS NOT NULL AND r.reps_before > 0
               AND r.day > ?2 AND r.day <= ?3 AND (?1 IS NULL OR c.deck_id = ?1)
             GROUP BY 1",
        )?;
        let rows = stmt.query_map((deck, &month_ago, &t, MATURE), |r| {
            Ok((
                r.get::<_, bool>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (mature, total, passed) = row?;
            if mature {
                retention.mature = Ratio::new(passed, total);
            } else {
                retention.young = Ratio::new(passed, total);
            }
        }
        retention.all = Ratio::new(
            retention.young.passed + retention.mature.passed,
            retention.young.total + retention.mature.total,
        );
    }
    // streak: walk back day by day (an index lookup each)
    let streak = {
        let mut stmt = conn.prepare_cached(
            "SELECT EXISTS(SELECT 1 FROM revlog r JOIN cards c ON c.id = r.card_id
             WHERE r.day = ?2 AND (?1 IS NULL OR c.deck_id = ?1))",
        )?;
        let mut studied = |d: NaiveDate| -> rusqlite::Result<bool> {
            stmt.query_row((deck, day_str(d)), |r| r.get(0))
        };
        let mut day = if studied(today)? {
            today
        } else {
            minus(today, 1)
        };
        let mut n = 0;
        while n < 36_500 && studied(day)? {
            n += 1;
            day = minus(day, 1);
        }
        n
    };
    // forecast
    let mut forecast = vec![0i64; 30];
    {
        let mut stmt = conn.prepare(
            "SELECT s.due, COUNT(*) FROM cards c JOIN card_state s ON s.card_id = c.id
             WHERE c.retired = 0 AND s.suspended = 0 AND s.due IS NOT NULL AND s.due <= ?2
               AND (?1 IS NULL OR c.deck_id = ?1)
             GROUP BY s.due",
        )?;
        let last = day_str(plus(today, 29));
        let rows = stmt.query_map((deck, &last), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (due, n) = row?;
            let k = NaiveDate::parse_from_str(&due, "%Y-%m-%d")
                .map(|d| (d - today).num_days().max(0))
                .unwrap_or(0);
            if let Some(slot) = forecast.get_mut(k as usize) {
                *slot += n;
            }
        }
    }
    // heatmap over a year
    let year_ago = minus(today, 364);
    let mut per_day: HashMap<String, i64> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT r.day, COUNT(*) FROM revlog r JOIN cards c ON c.id = r.card_id
             WHERE r.day >= ?2 AND r.day <= ?3 AND (?1 IS NULL OR c.deck_id = ?1) GROUP BY r.day",
        )?;
        let rows = stmt.query_map((deck, day_str(year_ago), &t), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?;
        for row in rows {
            let (d, n) = row?;
            per_day.insert(d, n);
        }
    }
    let heatmap = (0..365)
        .map(|k| {
            let d = day_str(plus(year_ago, k));
            let count = per_day.get(&d).copied().unwrap_or(0);
            DayCount { day: d, count }
        })
        .collect();
    // interval histogram
    let mut intervals: Vec<Bucket> = BUCKETS
        .iter()
        .map(|(l, _, _)| Bucket {
            label: (*l).to_string(),
            count: 0,
        })
        .collect();
    {
        let mut stmt = conn.prepare(
            "SELECT s.interval, COUNT(*) FROM cards c JOIN card_state s ON s.card_id = c.id
             WHERE c.retired = 0 AND s.due IS NOT NULL AND (?1 IS NULL OR c.deck_id = ?1)
             GROUP BY s.interval",
        )?;
        let rows = stmt.query_map([deck], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (ivl, n) = row?;
            if let Some(k) = BUCKETS
                .iter()
                .position(|(_, lo, hi)| ivl >= *lo && ivl <= *hi)
            {
                intervals[k].count += n;
            }
        }
    }
    Ok(Stats {
        day: t.clone(),
        deck: deck.map(str::to_string),
        today: Today {
            done,
            due: due_today,
            new_left: (new_per_day - introduced).max(0).min(states.new),
            seconds: seconds_today,
        },
        streak,
        states,
        retention,
        average_ef,
        seconds_30d,
        forecast,
        heatmap,
        intervals,
        weak_items: weak_items(conn, deck)?,
        hardest: hardest(conn, deck)?,
    })
}

/// Most-missed list items, from the per-item results of typed answers.
fn weak_items(conn: &Connection, deck: Option<&str>) -> Result<Vec<WeakItem>> {
    #[derive(serde::Deserialize)]
    struct Item {
        expected: String,
        credit: f64,
    }
    let mut stmt = conn.prepare(
        "SELECT c.deck_id, c.key, c.source, r.detail FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE r.detail IS NOT NULL AND c.retired = 0 AND (?1 IS NULL OR c.deck_id = ?1)
           AND c.kind IN ('list', 'outline')
         ORDER BY r.id DESC LIMIT 20000",
    )?;
    let mut tally: HashMap<(String, String, String), (i64, i64, String)> = HashMap::new();
    let rows = stmt.query_map([deck], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    for row in rows {
        let (d, card, source, detail) = row?;
        let Ok(items) = serde_json::from_str::<Vec<Item>>(&detail) else {
            continue;
        };
        for it in items {
            let e = tally
                .entry((d.clone(), card.clone(), it.expected))
                .or_insert((0, 0, source.clone()));
            e.1 += 1;
            if it.credit < 1.0 {
                e.0 += 1;
            }
        }
    }
    let mut out: Vec<WeakItem> = tally
        .into_iter()
        .filter(|(_, (misses, _, _))| *misses > 0)
        .map(
            |((deck, card, item), (misses, attempts, source))| WeakItem {
                deck,
                card,
                item,
                misses,
                attempts,
                source,
            },
        )
        .collect();
    out.sort_by(|a, b| {
        b.misses
            .cmp(&a.misses)
            .then(a.attempts.cmp(&b.attempts))
            .then(a.card.cmp(&b.card))
            .then(a.item.cmp(&b.item))
    });
    out.truncate(10);
    Ok(out)
}

/// Studied cards with the lowest E-Factor, then the most lapses.
fn hardest(conn: &Connection, deck: Option<&str>) -> Result<Vec<HardCard>> {
    let mut stmt = conn.prepare(
        "SELECT c.deck_id, c.key, c.front, s.ef, s.lapses, c.source FROM cards c
         JOIN card_state s ON s.card_id = c.id
         WHERE c.retired = 0 AND s.due IS NOT NULL AND (s.ef < 2500 OR s.lapses > 0)
           AND (?1 IS NULL OR c.deck_id = ?1)
         ORDER BY s.ef ASC, s.lapses DESC, c.deck_id, c.ord LIMIT 10",
    )?;
    let rows = stmt.query_map([deck], |r| {
        Ok(HardCard {
            deck: r.get(0)?,
            card: r.get(1)?,
            front: r.get(2)?,
            ef: r.get(3)?,
            lapses: r.get(4)?,
            source: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
