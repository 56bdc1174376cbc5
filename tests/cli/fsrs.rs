//! FSRS beside SM-2 (issue 15), through the real binary: the per-deck
//! choice, answers that equal the fsrs crate's own results, switching both
//! ways without loss, `recall optimize`, stats and JSON, Anki history.

use std::io::{Read, Write};

use fsrs::{FSRSItem, FSRSReview, FSRS};
use recall::evaluation;
use recall::model::Grade;
use recall::scheduler::{self, CardState};

use crate::common::{demo_as, Recall};

fn at(day: &str) -> String {
    format!("{day}T09:00:00+00:00")
}

fn answer(r: &Recall, day: &str, card: &str, grade: u8) -> String {
    let out = r
        .at(&at(day))
        .args(["answer", card, &grade.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "answer {card} {grade} on {day}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn fails(r: &Recall, args: &[&str]) -> String {
    let out = r.cmd().args(args).output().unwrap();
    assert!(!out.status.success(), "recall {args:?} should fail");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    err
}

fn f(v: &serde_json::Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// The SM-2 columns of every card state and every log row, for comparisons.
fn sm2_rows(r: &Recall, deck: &str) -> Vec<String> {
    let c = r.sql();
    let mut out = Vec::new();
    for sql in [
        "SELECT c.key, s.ef, s.reps, s.interval, s.due, s.lapses FROM card_state s
         JOIN cards c ON c.id = s.card_id WHERE c.deck_id = ?1 ORDER BY c.key",
        "SELECT c.key, r.day, r.grade, r.kind, r.ef_after, r.reps_after, r.interval_after,
                r.due_after, r.lapses_after FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE c.deck_id = ?1 ORDER BY r.id",
    ] {
        let mut stmt = c.prepare(sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([deck], |row| {
                let mut line = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = row.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap();
        out.extend(rows.map(Result::unwrap));
    }
    out
}

fn rating(q: u8) -> u32 {
    recall::fsrs_scheduler::rating_for(Grade::new(q).unwrap())
}

fn days_between(a: &str, b: &str) -> u32 {
    let p = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    (p(b) - p(a)).num_days() as u32
}

/// Answers on an FSRS deck give the memory and interval the fsrs crate
/// computes for the same history (to 1e-6), review after review, each on
/// the due date recall gave (and once late).
#[test]
fn fsrs_answers_equal_the_crates_own_results() {
    let r = Recall::with_demo();
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    let fsrs = FSRS::default();
    let grades = [4u8, 3, 5, 1, 2, 4, 4, 5];
    let mut day = "2026-03-01".to_string();
    let mut reviews: Vec<FSRSReview> = Vec::new();
    let mut last: Option<String> = None;
    for (i, q) in grades.into_iter().enumerate() {
        let out = answer(&r, &day, "q1", q);
        assert!(out.starts_with("review demo/q1"), "{out}");
        reviews.push(FSRSReview {
            rating: rating(q),
            delta_t: last.as_deref().map_or(0, |l| days_between(l, &day)),
        });
        let expected = fsrs
            .memory_state(
                FSRSItem {
                    reviews: reviews.clone(),
                },
                None,
            )
            .unwrap();
        let card = r.card("q1");
        assert!(
            (f(&card["stability"]) - f64::from(expected.stability)).abs() < 1e-6,
            "review {i}: {card} vs {expected:?}"
        );
        assert!((f(&card["difficulty"]) - f64::from(expected.difficulty)).abs() < 1e-6);
        let interval = fsrs.next_interval(Some(expected.stability), 0.9, 3);
        assert_eq!(
            card["interval"].as_i64().unwrap(),
            (interval.round() as i64).max(1),
            "review {i}"
        );
        last = Some(day.clone());
        let due = card["due"].as_str().unwrap().to_string();
        // the fifth review comes three days late
        day = if i == 4 {
            let d = chrono::NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap();
            (d + chrono::Days::new(3)).to_string()
        } else {
            due
        };
    }
    // every row says FSRS decided it, and the database checks out
    let schedulers: Vec<String> = r
        .sql()
        .prepare("SELECT DISTINCT scheduler FROM revlog")
        .unwrap()
        .query_map([], |x| x.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(schedulers, ["fsrs"]);
    assert!(r.ok(&["check"]).starts_with("ok"));
}

/// A deck with an SM-2 history switches to FSRS with the memory the crate
/// computes from that history; the due dates stay.
#[test]
fn switching_to_fsrs_takes_memories_from_the_review_log() {
    let r = Recall::with_demo();
    answer(&r, "2026-03-01", "q1", 5);
    answer(&r, "2026-03-02", "q1", 4);
    answer(&r, "2026-03-08", "q1", 3);
    answer(&r, "2026-03-01", "q2", 2);
    let before = r.card("q1");
    let out = r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    assert!(out.contains("now uses FSRS"), "{out}");
    assert!(out.contains("2 card(s) from their review log"), "{out}");
    let after = r.card("q1");
    assert_eq!(after["due"], before["due"], "due dates are kept");
    let expected = FSRS::default()
        .memory_state(
            FSRSItem {
                reviews: vec![
                    FSRSReview {
                        rating: 4,
                        delta_t: 0,
                    },
                    FSRSReview {
                        rating: 3,
                        delta_t: 1,
                    },
                    FSRSReview {
                        rating: 2,
                        delta_t: 6,
                    },
                ],
            },
            None,
        )
        .unwrap();
    assert!((f(&after["stability"]) - f64::from(expected.stability)).abs() < 1e-6);
    assert!((f(&after["difficulty"]) - f64::from(expected.difficulty)).abs() < 1e-6);
    // a new card has no memory yet
    assert!(r.card("q3").get("stability").is_none());
    assert!(r.ok(&["check"]).starts_with("ok"));
}

/// SM-2 → FSRS → SM-2 with no answer between: every table as it was,
/// but for the deck's scheduler row.
#[test]
fn switching_there_and_back_changes_nothing() {
    let r = Recall::with_demo();
    answer(&r, "2026-03-01", "q1", 5);
    answer(&r, "2026-03-01", "q2", 1);
    answer(&r, "2026-03-02", "q1", 3);
    let before = r.db_digest();
    let sm2 = sm2_rows(&r, "demo");
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    assert_ne!(r.db_digest(), before, "the FSRS memories were written");
    r.ok(&["config", "--deck", "demo", "scheduler", "sm2"]);
    assert_eq!(r.db_digest(), before);
    assert_eq!(sm2_rows(&r, "demo"), sm2);
    let out = r.ok(&["config", "--deck", "demo", "scheduler", "sm2"]);
    assert!(out.contains("already uses sm2"), "{out}");
}

/// Answers under FSRS move the SM-2 state on by SM-2's own rule, so
/// switching back finds exactly what SM-2 would have made of those grades.
#[test]
fn switching_back_keeps_the_progress_made_under_fsrs() {
    let r = Recall::with_demo();
    answer(&r, "2026-03-01", "q1", 4);
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    let mut sm2 = scheduler::review(
        &CardState::NEW,
        Grade::new(4).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
    );
    for q in [5u8, 3, 1, 4] {
        let due = r.card("q1")["due"].as_str().unwrap().to_string();
        answer(&r, &due, "q1", q);
        let day = chrono::NaiveDate::parse_from_str(&due, "%Y-%m-%d").unwrap();
        sm2 = scheduler::review(&sm2, Grade::new(q).unwrap(), day);
    }
    assert!(r.ok(&["check"]).starts_with("ok"));
    let out = r.ok(&["config", "--deck", "demo", "scheduler", "sm2"]);
    assert!(out.contains("SM-2 again"), "{out}");
    let c = r.card("q1");
    assert_eq!(c["ef"].as_i64().unwrap(), sm2.ef);
    assert_eq!(c["reps"].as_i64().unwrap(), sm2.reps);
    assert_eq!(c["interval"].as_i64().unwrap(), sm2.interval);
    assert_eq!(c["lapses"].as_i64().unwrap(), sm2.lapses);
    assert_eq!(
        c["due"].as_str().unwrap(),
        sm2.due.unwrap().format("%Y-%m-%d").to_string()
    );
    assert!(c.get("stability").is_none(), "{c}");
    assert!(r.ok(&["check"]).starts_with("ok"));
    // and FSRS again: memories from the whole log, SM-2's and FSRS's answers
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    assert!(r.card("q1")["stability"].as_f64().is_some());
    assert!(r.ok(&["check"]).starts_with("ok"));
}

/// A deck on SM-2 is byte-for-byte unaffected by another deck on FSRS:
/// the same script gives the same states and log rows as in a database
/// without FSRS, and the README's SM-2 numbers.
#[test]
fn an_sm2_deck_is_unaffected_by_an_fsrs_deck() {
    let plain = Recall::with_demo();
    let mixed = Recall::with_demo();
    let other = mixed.write("other.toml", demo_as("other", "Other deck"));
    mixed.ok(&["import", other.to_str().unwrap()]);
    mixed.ok(&["config", "--deck", "other", "scheduler", "fsrs"]);
    for r in [&plain, &mixed] {
        answer(r, "2026-03-01", "demo/q1", 5);
        answer(r, "2026-03-01", "demo/q2", 2);
        answer(r, "2026-03-01", "demo/q2", 4);
        answer(r, "2026-03-02", "demo/q1", 4);
        answer(r, "2026-03-08", "demo/q1", 3);
    }
    answer(&mixed, "2026-03-01", "other/q1", 4);
    assert_eq!(sm2_rows(&plain, "demo"), sm2_rows(&mixed, "demo"));
    let c = mixed
        .cards()
        .into_iter()
        .find(|c| c["deck"] == "demo" && c["id"] == "q1")
        .unwrap();
    // SM2.md: (2600, 2, 6) graded 3 → (2460, 3, 16)
    assert_eq!(
        (c["ef"].as_i64(), c["reps"].as_i64(), c["interval"].as_i64()),
        (Some(2460), Some(3), Some(16))
    );
    assert!(c.get("stability").is_none());
    let decided: Vec<String> = mixed
        .sql()
        .prepare(
            "SELECT c.deck_id || ':' || r.scheduler FROM revlog r JOIN cards c ON c.id = r.card_id
             GROUP BY 1 ORDER BY 1",
        )
        .unwrap()
        .query_map([], |x| x.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(decided, ["demo:sm2", "other:fsrs"]);
}

#[test]
fn undo_restores_an_fsrs_answer_and_refuses_across_a_switch() {
    let r = Recall::with_demo();
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    answer(&r, "2026-03-01", "q1", 4);
    let first = r.card("q1");
    answer(&r, "2026-03-01", "q2", 4);
    let before = r.db_digest();
    let due = first["due"].as_str().unwrap().to_string();
    answer(&r, &due, "q1", 1);
    r.at(&at(&due)).args(["undo"]).assert().success();
    assert_eq!(r.db_digest(), before);
    assert_eq!(r.card("q1"), first);
    // an SM-2 answer is not undone while the deck uses FSRS
    r.ok(&["config", "--deck", "demo", "scheduler", "sm2"]);
    answer(&r, &due, "q1", 4);
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    let before = r.db_digest();
    let out = r.at(&at(&due)).args(["undo"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("scheduled by sm2") && err.contains("scheduler sm2"),
        "{err}"
    );
    assert_eq!(r.db_digest(), before);
}

#[test]
fn bad_scheduler_settings_are_refused_and_change_nothing() {
    let r = Recall::with_demo();
    let before = r.db_digest();
    let err = fails(&r, &["config", "--deck", "demo", "scheduler", "sm3"]);
    assert!(err.contains("'sm3' is not one of sm2, fsrs"), "{err}");
    let err = fails(&r, &["config", "--deck", "demo", "retention", "0.5"]);
    assert!(err.contains("out of range (0.70..=0.99)"), "{err}");
    let err = fails(&r, &["config", "--deck", "demo", "retention", "lots"]);
    assert!(err.contains("not a number"), "{err}");
    let err = fails(&r, &["config", "--deck", "nope", "scheduler", "fsrs"]);
    assert!(err.contains("no deck 'nope'"), "{err}");
    let err = fails(&r, &["config", "--deck", "demo", "ease", "3"]);
    assert!(
        err.contains("known: new_per_day, review_cap, scheduler, retention, params"),
        "{err}"
    );
    let err = fails(&r, &["config", "--deck", "demo", "params", "[1, 2]"]);
    assert!(err.contains("recall optimize demo"), "{err}");
    assert_eq!(r.db_digest(), before);
    let rows: i64 = r.scalar("SELECT COUNT(*) FROM deck_scheduler");
    assert_eq!(rows, 0, "no deck setting was stored");
    // a good one: shown back, and used by the next interval
    r.ok(&["config", "--deck", "demo", "retention", "85%"]);
    assert_eq!(
        r.ok(&["config", "--deck", "demo", "retention"]).trim(),
        "0.85"
    );
    let all = r.ok(&["config", "--deck", "demo"]);
    assert!(
        all.contains("scheduler  sm2") && all.contains("0.85"),
        "{all}"
    );
}

#[test]
fn a_lower_retention_gives_longer_intervals() {
    let intervals: Vec<i64> = ["0.80", "0.95"]
        .iter()
        .map(|ret| {
            let r = Recall::with_demo();
            r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
            r.ok(&["config", "--deck", "demo", "retention", ret]);
            answer(&r, "2026-03-01", "q1", 4);
            let due = r.card("q1")["due"].as_str().unwrap().to_string();
            answer(&r, &due, "q1", 4);
            r.card("q1")["interval"].as_i64().unwrap()
        })
        .collect();
    assert!(intervals[0] > intervals[1], "{intervals:?}");
}

/// The interactive session on an FSRS deck: the grade line says how grades
/// map to FSRS's ratings, the previews are FSRS's intervals.
#[test]
fn the_session_shows_the_fsrs_grade_line_and_intervals() {
    let r = Recall::with_demo();
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    let out = r
        .cmd()
        .args(["study", "demo"])
        .write_stdin("paris\n4\nq\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("0-2 → Again (wrong) | 3 → Hard | 4 → Good | 5 → Easy"),
        "{text}"
    );
    let fsrs = FSRS::default();
    let next = fsrs.next_states(None, 0.9, 0).unwrap();
    let d = |s: f32| (s.round() as i64).max(1);
    let again = d(next.again.interval);
    let expected = recall::session::terminal::interval_groups(&[
        again,
        again,
        again,
        d(next.hard.interval),
        d(next.good.interval),
        d(next.easy.interval),
    ]);
    assert!(text.contains(&expected), "{expected} in {text}");
    assert_eq!(
        r.card("q1")["interval"].as_i64(),
        Some(d(next.good.interval))
    );
}

/// Cards with history in the log: `cards --json` and `stats` show FSRS's
/// view; SM-2 decks' outputs carry none of it.
#[test]
fn stats_and_cards_show_retrievability_for_fsrs_decks_only() {
    let r = Recall::with_demo();
    answer(&r, "2026-03-01", "q1", 4);
    answer(&r, "2026-03-01", "q2", 4);
    let json = r.ok(&["stats", "--json"]);
    assert!(!json.contains("\"fsrs\""), "{json}");
    assert!(!r.ok(&["cards", "--json"]).contains("retrievability"));
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    // ten days later: retrievability below 1, as the crate's forgetting curve says
    let later = at("2026-03-11");
    let out = r.at(&later).args(["cards", "--json"]).output().unwrap();
    let cards: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let q1 = cards.iter().find(|c| c["id"] == "q1").unwrap();
    let s = f(&q1["stability"]);
    let expected = fsrs::current_retrievability(
        fsrs::MemoryState {
            stability: s as f32,
            difficulty: 5.0,
        },
        10.0,
        fsrs::DEFAULT_PARAMETERS[20],
    );
    assert!((f(&q1["retrievability"]) - f64::from(expected)).abs() < 1e-6);
    assert!(cards
        .iter()
        .find(|c| c["id"] == "q3")
        .unwrap()
        .get("retrievability")
        .is_none());
    let out = r
        .at(&later)
        .args(["stats", "demo", "--json"])
        .output()
        .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let deck = &stats["fsrs"][0];
    assert_eq!(deck["deck"], "demo");
    assert_eq!(deck["cards"].as_array().unwrap().len(), 2);
    let mean =
        (f(&deck["cards"][0]["retrievability"]) + f(&deck["cards"][1]["retrievability"])) / 2.0;
    assert!((f(&deck["predicted_retention"]) - mean).abs() < 1e-9);
    let out = r.at(&later).args(["stats", "demo"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("FSRS, deck demo (desired retention 90%): predicted retention today"),
        "{text}"
    );
    assert!(text.contains("q1") && text.contains("stability"), "{text}");
}

/// Writes a generated log (a learner who forgets fast) into the database
/// as SM-2-era answers to 300 cards.
fn generated_log(r: &Recall) {
    let mut toml = String::from("format = 1\n[deck]\nid = \"gen\"\nname = \"Generated\"\n");
    for i in 1..=300 {
        toml.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nkind = \"basic\"\nfront = \"Question {i}?\"\nback = \"{i}\"\n"
        ));
    }
    let deck = r.write("gen.toml", toml);
    r.ok(&["import", deck.to_str().unwrap()]);
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let log =
        evaluation::generated_histories(&evaluation::forgetful_parameters(), 300, 8, start, 11);
    let mut c = r.sql();
    let tx = c.transaction().unwrap();
    for h in &log {
        let key = format!("c{}", h.card);
        let rowid: i64 = tx
            .query_row("SELECT id FROM cards WHERE key = ?1", [&key], |x| x.get(0))
            .unwrap();
        for (i, rv) in h.reviews.iter().enumerate() {
            let grade = recall::fsrs_scheduler::grade_for(rv.rating).value();
            let due_before = (i > 0).then(|| rv.day.to_string());
            tx.execute(
                "INSERT INTO revlog(card_id, reviewed_at, day, grade, kind, ef_before, reps_before,
                     interval_before, due_before, lapses_before, ef_after, reps_after,
                     interval_after, due_after, lapses_after)
                 VALUES (?1, ?2, ?3, ?4, 'review', 2500, 0, 0, ?5, 0, 2500, 0, 1, ?3, 0)",
                rusqlite::params![
                    rowid,
                    rv.day
                        .and_hms_opt(9, 0, 0)
                        .unwrap()
                        .and_utc()
                        .timestamp_millis(),
                    rv.day.to_string(),
                    grade,
                    due_before
                ],
            )
            .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn loss(out: &str, label: &str) -> f64 {
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with(label))
        .unwrap_or_else(|| panic!("no '{label}' line in {out}"));
    line.split("log loss ")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// `recall optimize` on a generated log of known shape: it lowers the log
/// loss, stores the parameters, and recomputes the memories.
#[test]
fn optimize_fits_a_generated_log_and_lowers_its_log_loss() {
    let r = Recall::new();
    generated_log(&r);
    r.ok(&["config", "--deck", "gen", "scheduler", "fsrs"]);
    let s_default = f(&r.card("c1")["stability"]);
    let before = r.db_digest();
    let dry = r.ok(&["optimize", "gen", "--dry-run"]);
    assert!(dry.contains("dry run"), "{dry}");
    assert_eq!(r.db_digest(), before);
    let out = r.ok(&["optimize"]);
    assert!(
        out.contains("deck 'gen': fitted FSRS on 2100 review(s) of 300 card(s)"),
        "{out}"
    );
    let (b, a) = (loss(&out, "before"), loss(&out, "after"));
    assert!(a < b - 0.01, "{out}");
    assert!(out.contains("stored for deck 'gen'"), "{out}");
    let params: Vec<f32> =
        serde_json::from_str(r.ok(&["config", "--deck", "gen", "params"]).trim()).unwrap();
    assert_eq!(params.len(), 21);
    assert!(FSRS::new(&params).is_ok());
    assert_ne!(
        f(&r.card("c1")["stability"]),
        s_default,
        "memories recomputed"
    );
    assert!(r
        .ok(&["config", "--deck", "gen"])
        .contains("fitted by `recall optimize` on 2100 reviews"));
    // fitted again on the same log: nothing better, the parameters stay
    let again = r.ok(&["optimize", "gen"]);
    assert!(again.contains("before (fitted earlier)"), "{again}");
    // back to the defaults
    r.ok(&["config", "--deck", "gen", "params", "default"]);
    assert_eq!(
        r.ok(&["config", "--deck", "gen", "params"]).trim(),
        "default"
    );
    assert!((f(&r.card("c1")["stability"]) - s_default).abs() < 1e-9);
}

#[test]
fn optimize_refuses_below_the_crates_minimum() {
    let r = Recall::with_demo();
    answer(&r, "2026-03-01", "q1", 4);
    answer(&r, "2026-03-02", "q1", 4);
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    let before = r.db_digest();
    let err = fails(&r, &["optimize", "demo"]);
    assert!(
        err.contains("deck 'demo': 1 review(s) that follow an earlier review of the same card; the fsrs optimizer needs at least 8"),
        "{err}"
    );
    assert_eq!(r.db_digest(), before);
    let r = Recall::with_demo();
    let err = fails(&r, &["optimize"]);
    assert!(err.contains("no deck uses FSRS"), "{err}");
    let err = fails(&r, &["optimize", "nope"]);
    assert!(err.contains("no deck 'nope'"), "{err}");
}

/// An exported package with a review history written into its collection,
/// as Anki keeps one: (card ordinal in the deck, ease, type, ivl, lastIvl,
/// factor, day offset from 2025-01-01, seconds into the day).
fn package_with_history(r: &Recall, reviews: &[AnkiRow]) -> std::path::PathBuf {
    let src = Recall::with_demo();
    let apkg = src.path("demo.apkg");
    src.ok(&["export", "demo", "-o", apkg.to_str().unwrap()]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&apkg).unwrap()).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        entries.push((e.name().to_string(), bytes));
    }
    let col = r.path("collection.anki2");
    let bytes = &entries
        .iter()
        .find(|(n, _)| n == "collection.anki2")
        .unwrap()
        .1;
    std::fs::write(&col, bytes).unwrap();
    {
        let c = rusqlite::Connection::open(&col).unwrap();
        let ids: Vec<i64> = c
            .prepare("SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.id, c.ord")
            .unwrap()
            .query_map([], |x| x.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        for &(card, ease, typ, ivl, last, factor, day, secs) in reviews {
            let ms = (start + chrono::Days::new(day))
                .and_hms_opt(9, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp_millis()
                + secs * 1000;
            c.execute(
                "INSERT INTO revlog(id, cid, usn, ease, ivl, lastIvl, factor, time, type)
                 VALUES (?1, ?2, -1, ?3, ?4, ?5, ?6, 8000, ?7)",
                rusqlite::params![ms, ids[card], ease, ivl, last, factor, typ],
            )
            .unwrap();
        }
    }
    let out = r.path("history.apkg");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&out).unwrap());
    for (name, bytes) in &entries {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        if name == "collection.anki2" {
            w.write_all(&std::fs::read(&col).unwrap()).unwrap();
        } else {
            w.write_all(bytes).unwrap();
        }
    }
    w.finish().unwrap();
    out
}

/// (card ordinal in the deck, ease, type, ivl, lastIvl, factor, day offset
/// from 2025-01-01, seconds into the day)
type AnkiRow = (usize, i64, i64, i64, i64, i64, u64, i64);

const HISTORY: &[AnkiRow] = &[
    // card 0: learning on day 0 (Again, then Good), reviews on days 1, 4, 14
    (0, 1, 0, -600, 0, 0, 0, 0),
    (0, 3, 0, 1, -600, 2500, 0, 300),
    (0, 3, 1, 3, 1, 2500, 1, 0),
    (0, 4, 1, 10, 3, 2650, 4, 0),
    (0, 1, 1, 1, 10, 2450, 14, 0),
    // card 2: one learning review, then one review
    (2, 3, 0, 1, 0, 0, 0, 60),
    (2, 2, 1, 2, 1, 2500, 1, 60),
];

/// `recall import --with-history` brings an Anki revlog in: on an SM-2 deck
/// it is kept but changes no state; on an FSRS deck each card's memory is
/// the crate's for that history (ease 1-4 as FSRS's ratings).
#[test]
fn anki_history_is_imported_and_feeds_fsrs_only() {
    let r = Recall::new();
    let apkg = package_with_history(&r, HISTORY);
    let out = r
        .at(&at("2025-02-01"))
        .args(["import", apkg.to_str().unwrap(), "--with-history"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("review history: 7 review(s) added"), "{text}");
    let deck: String = r.scalar("SELECT id FROM decks");
    // SM-2: every card still new, the log holds the reviews
    for c in r.cards() {
        assert!(c["due"].is_null(), "{c}");
    }
    let rows: i64 = r.scalar("SELECT COUNT(*) FROM revlog WHERE scheduler = 'anki'");
    assert_eq!(rows, 7);
    let scheduled: i64 = r.scalar("SELECT COUNT(*) FROM revlog WHERE kind = 'review'");
    assert_eq!(scheduled, 6, "the same-day learning step is a drill");
    assert!(r
        .at(&at("2025-02-01"))
        .args(["check"])
        .output()
        .unwrap()
        .status
        .success());
    // the same package again adds nothing
    let before = r.db_digest();
    let again = r
        .at(&at("2025-02-01"))
        .args(["import", apkg.to_str().unwrap(), "--with-history"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("0 review(s) added, 7 already in the log")
    );
    assert_eq!(r.db_digest(), before);
    // FSRS: memories from the history, the cards scheduled from it
    r.at(&at("2025-02-01"))
        .args(["config", "--deck", &deck, "scheduler", "fsrs"])
        .assert()
        .success();
    let fsrs = FSRS::default();
    let expected = fsrs
        .memory_state(
            FSRSItem {
                reviews: vec![
                    FSRSReview {
                        rating: 1,
                        delta_t: 0,
                    },
                    FSRSReview {
                        rating: 3,
                        delta_t: 1,
                    },
                    FSRSReview {
                        rating: 4,
                        delta_t: 3,
                    },
                    FSRSReview {
                        rating: 1,
                        delta_t: 10,
                    },
                ],
            },
            None,
        )
        .unwrap();
    let cards = r.cards();
    let first = cards
        .iter()
        .find(|c| c["front"].as_str().unwrap().contains("France"))
        .unwrap();
    assert!(
        (f(&first["stability"]) - f64::from(expected.stability)).abs() < 1e-6,
        "{first}"
    );
    let interval = (fsrs.next_interval(Some(expected.stability), 0.9, 3).round() as i64).max(1);
    assert_eq!(first["interval"].as_i64(), Some(interval));
    let due =
        chrono::NaiveDate::from_ymd_opt(2025, 1, 15).unwrap() + chrono::Days::new(interval as u64);
    assert_eq!(first["due"].as_str(), Some(due.to_string().as_str()));
    // a history is needed for --with-history
    let toml = r.write("d.toml", crate::common::THREE_CARDS);
    let err = fails(&r, &["import", toml.to_str().unwrap(), "--with-history"]);
    assert!(
        err.contains("--with-history needs an Anki package"),
        "{err}"
    );
    // and back to SM-2: the cards are new again, as SM-2 never scheduled them
    r.ok(&["config", "--deck", &deck, "scheduler", "sm2"]);
    assert!(r.cards().iter().all(|c| c["due"].is_null()));
    assert!(r.ok(&["check"]).starts_with("ok"));
}

/// A history imported into a deck that already uses FSRS schedules its
/// cards; SM-2's state (new) is still there when the deck switches back.
#[test]
fn anki_history_into_an_fsrs_deck_keeps_the_sm2_state_aside() {
    let r = Recall::new();
    let apkg = package_with_history(&r, HISTORY);
    let now = at("2025-02-01");
    r.at(&now)
        .args(["import", apkg.to_str().unwrap()])
        .assert()
        .success();
    let deck: String = r.scalar("SELECT id FROM decks");
    r.at(&now)
        .args(["config", "--deck", &deck, "scheduler", "fsrs"])
        .assert()
        .success();
    let out = r
        .at(&now)
        .args(["import", apkg.to_str().unwrap(), "--with-history"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("7 review(s) added; FSRS memories of 2 card(s) recomputed"),
        "{text}"
    );
    let scheduled = r.cards().iter().filter(|c| !c["due"].is_null()).count();
    assert_eq!(scheduled, 2);
    r.at(&now)
        .args(["config", "--deck", &deck, "scheduler", "sm2"])
        .assert()
        .success();
    assert!(r.cards().iter().all(|c| c["due"].is_null()));
}
