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
    // one pass over the card states: states, intervals, mean EF, due today
    // (`+retired` keeps SQLite from walking an index and looking up every row:
    // a plain scan of the table is many times faster here)
    let mut states = States::default();
    // (ef, -lapses, card row id) of the hardest cards seen so far
    let mut hard: Vec<(i64, i64, i64)> = Vec::new();
    let (mut ef_sum, mut studied, mut due_today) = (0i64, 0i64, 0i64);
    let mut intervals: Vec<Bucket> = BUCKETS
        .iter()
        .map(|(l, _, _)| Bucket {
            label: (*l).to_string(),
            count: 0,
        })
        .collect();
    {
        // stream the rows and count here: cheaper than SQLite's sort for GROUP BY
        let mut stmt = conn.prepare_cached(
            "SELECT interval, due IS NULL, ef, suspended, leech,
                    due IS NOT NULL AND due <= ?2 AND suspended = 0, lapses, card_id
             FROM card_state WHERE +retired = 0 AND (?1 IS NULL OR deck_id = ?1)",
        )?;
        let mut rows = stmt.query((deck, &t))?;
        let mut by_interval: HashMap<i64, i64> = HashMap::new();
        while let Some(r) = rows.next()? {
            let (ivl, new): (i64, bool) = (r.get(0)?, r.get(1)?);
            let (ef, lapses, id): (i64, i64, i64) = (r.get(2)?, r.get(6)?, r.get(7)?);
            if !new && (ef < 2500 || lapses > 0) {
                hard.push((ef, -lapses, id));
                if hard.len() > 64 {
                    hard.sort_unstable();
                    hard.truncate(10);
                }
            }
            states.suspended += r.get::<_, i64>(3)?;
            states.leeches += r.get::<_, i64>(4)?;
            due_today += r.get::<_, i64>(5)?;
            if new {
                states.new += 1;
                continue;
            }
            studied += 1;
            ef_sum += r.get::<_, i64>(2)?;
            *by_interval.entry(ivl).or_default() += 1;
        }
        for (ivl, n) in by_interval {
            match ivl {
                i64::MIN..=1 => states.learning += n,
                2..=20 => states.young += n,
                _ => states.mature += n,
            }
            if let Some(k) = BUCKETS
                .iter()
                .position(|(_, lo, hi)| ivl >= *lo && ivl <= *hi)
            {
                intervals[k].count += n;
            }
        }
    }
    let average_ef = (studied > 0).then(|| (ef_sum as f64 / studied as f64).round() as i64);
    // today's scheduled repetitions (a range of the log by day)
    let (done, introduced) = conn.query_row(
        "SELECT COUNT(DISTINCT CASE WHEN kind = 'review' THEN card_id END),
                COUNT(DISTINCT CASE WHEN kind = 'review' AND due_before IS NULL THEN card_id END)
         FROM revlog WHERE day = ?2
           AND (?1 IS NULL OR card_id IN (SELECT id FROM cards WHERE deck_id = ?1))",
        (deck, &t),
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )?;
    // per-day answers and time, from the daily summary
    let year_ago = minus(today, 364);
    let month_ago = minus(today, 30);
    let mut per_day: HashMap<String, (i64, i64)> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT day, SUM(answers), SUM(taken_ms) FROM daily
             WHERE day >= ?2 AND day <= ?3 AND (?1 IS NULL OR deck_id = ?1) GROUP BY day",
        )?;
        let rows = stmt.query_map((deck, day_str(year_ago), &t), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })?;
        for row in rows {
            let (d, n, ms) = row?;
            per_day.insert(d, (n, ms));
        }
    }
    let seconds_today = per_day.get(&t).map_or(0, |x| x.1) / 1000;
    let month_s = day_str(month_ago);
    let seconds_30d = per_day
        .iter()
        .filter(|(d, _)| d.as_str() > month_s.as_str())
        .map(|(_, x)| x.1)
        .sum::<i64>()
        / 1000;
    let heatmap: Vec<DayCount> = (0..365)
        .map(|k| {
            let d = day_str(plus(year_ago, k));
            let count = per_day.get(&d).map_or(0, |x| x.0);
            DayCount { day: d, count }
        })
        .collect();
    // streak: from the daily summary, newest day first
    let streak = {
        let mut stmt = conn.prepare_cached(
            "SELECT day FROM daily WHERE day <= ?2 AND answers > 0 AND (?1 IS NULL OR deck_id = ?1)
             GROUP BY day ORDER BY day DESC",
        )?;
        let mut rows = stmt.query((deck, &t))?;
        let mut expect = today;
        let mut n = 0;
        let mut first = true;
        while let Some(r) = rows.next()? {
            let day: String = r.get(0)?;
            if first && day != day_str(today) {
                expect = minus(today, 1); // nothing yet today: the streak may run to yesterday
            }
            first = false;
            if day != day_str(expect) {
                break;
            }
            n += 1;
            expect = minus(expect, 1);
        }
        n
    };
    // retention over 30 days (a range of the log by day)
    let mut retention = RetentionSplit::default();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT interval_before >= ?4, COUNT(*), COALESCE(SUM(grade >= 3), 0) FROM revlog
             WHERE day > ?2 AND day <= ?3 AND kind = 'review' AND due_before IS NOT NULL
               AND reps_before > 0
               AND (?1 IS NULL OR card_id IN (SELECT id FROM cards WHERE deck_id = ?1))
             GROUP BY 1",
        )?;
        let rows = stmt.query_map((deck, &month_s, &t, MATURE), |r| {
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
    // forecast, from the per-deck due counts
    let mut forecast = vec![0i64; 30];
    {
        let mut stmt = conn.prepare_cached(
            "SELECT due, SUM(n) FROM deck_counts
             WHERE due != '' AND due <= ?2 AND suspended = 0 AND (?1 IS NULL OR deck_id = ?1)
             GROUP BY due",
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
        hardest: hardest(conn, hard)?,
        fsrs: super::fsrs::collect(conn, deck, today)?,
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

/// Studied cards with the lowest E-Factor, then the most lapses: the ten
/// found during the scan of card states, with their text.
fn hardest(conn: &Connection, mut found: Vec<(i64, i64, i64)>) -> Result<Vec<HardCard>> {
    found.sort_unstable();
    found.truncate(10);
    let mut stmt = conn.prepare_cached(
        "SELECT c.deck_id, c.key, c.front, s.ef, s.lapses, c.source FROM cards c
         JOIN card_state s ON s.card_id = c.id WHERE c.id = ?1",
    )?;
    let mut out = Vec::with_capacity(found.len());
    for (_, _, id) in found {
        out.push(stmt.query_row([id], |r| {
            Ok(HardCard {
                deck: r.get(0)?,
                card: r.get(1)?,
                front: r.get(2)?,
                ef: r.get(3)?,
                lapses: r.get(4)?,
                source: r.get(5)?,
            })
        })?);
    }
    Ok(out)
}
