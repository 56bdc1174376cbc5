//! Crashes, concurrency and database safety, through the real binary.
//!
//! The crash tests kill `recall` with SIGKILL at random moments, then check
//! that SQLite's integrity check passes, that every answer the program had
//! confirmed (printed) is in the review log, and that every card's state
//! matches its last logged answer. RECALL_CRASH_KILLS sets the number of
//! kills (default 30; 200 or more for a full run).

use std::io::Write;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use rand::{rngs::StdRng, Rng, SeedableRng};

use crate::common::{scalar, Recall};

fn kills() -> usize {
    std::env::var("RECALL_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30)
}

fn deck(id: &str, n: usize) -> String {
    let mut s = format!("format = 1\n[deck]\nid = \"{id}\"\nname = \"Deck {id}\"\n");
    for i in 0..n {
        s.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nkind = \"basic\"\nfront = \"Question {i} of {id}?\"\nback = \"answer {i}\"\n"
        ));
    }
    s
}

fn bin() -> StdCommand {
    StdCommand::new(env!("CARGO_BIN_EXE_recall"))
}

fn env(cmd: &mut StdCommand, r: &Recall, now: &str) {
    cmd.env("RECALL_DB", &r.db)
        .env("RECALL_NOW", now)
        .env("NO_COLOR", "1");
}

fn logged(r: &Recall) -> Vec<(String, String)> {
    r.sql()
        .prepare(
            "SELECT c.key, r.kind FROM revlog r JOIN cards c ON c.id = r.card_id ORDER BY r.id",
        )
        .unwrap()
        .query_map([], |x| Ok((x.get(0)?, x.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn assert_consistent(r: &Recall) {
    let ok: String = r.scalar("PRAGMA integrity_check");
    assert_eq!(ok, "ok");
    let out = r.cmd().arg("check").output().unwrap();
    assert!(
        out.status.success(),
        "recall check: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn killed_study_sessions_lose_no_confirmed_answer() {
    let r = Recall::new();
    let f = r.write("big.toml", deck("crash", 2000));
    r.ok(&["import", f.to_str().unwrap()]);
    let mut rng = StdRng::seed_from_u64(7);
    let mut confirmed: Vec<String> = Vec::new();
    let n = kills();
    for k in 0..n {
        // a new study day every 10 kills keeps reviews and new cards mixed
        let now = format!("2026-03-{:02}T09:00:00+00:00", 1 + k / 10);
        let mut cmd = bin();
        env(&mut cmd, &r, &now);
        let mut child = cmd
            .args(["study", "--reveal", "--new", "200"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // answer as fast as the program reads: reveal, grade 4 or 2
        let script: String = (0..400)
            .map(|i| if i % 7 == 0 { "\n2\n" } else { "\n4\n" })
            .collect();
        let _ = stdin.write_all(script.as_bytes());
        std::thread::sleep(Duration::from_millis(rng.gen_range(5..80)));
        let _ = child.kill(); // SIGKILL
        let out = child.wait_with_output().unwrap();
        drop(stdin);
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some(rest) = line.split("saved ").nth(1) {
                if let Some((id, _)) = rest.split_once(':') {
                    confirmed.push(id.to_string());
                }
            }
        }
        assert_consistent(&r);
    }
    let log = logged(&r);
    // every confirmed answer is logged, in order; at most one unconfirmed
    // answer per kill can be logged as well (committed, not yet printed)
    let log_ids: Vec<&str> = log.iter().map(|(k, _)| k.as_str()).collect();
    let mut it = log_ids.iter();
    for c in &confirmed {
        assert!(
            it.any(|x| x == c),
            "confirmed answer {c} missing from the log"
        );
    }
    assert!(log.len() >= confirmed.len());
    assert!(
        log.len() <= confirmed.len() + n,
        "{} logged, {} confirmed",
        log.len(),
        confirmed.len()
    );
    assert!(
        !confirmed.is_empty(),
        "no answer was confirmed: the test did not test"
    );
    eprintln!(
        "crash test: {n} kills, {} confirmed answers verified, {} logged",
        confirmed.len(),
        log.len()
    );
}

#[test]
fn killed_imports_are_all_or_nothing() {
    let r = Recall::new();
    r.ok(&["decks"]);
    let f = r.write("big.toml", deck("bulk", 20_000));
    let mut rng = StdRng::seed_from_u64(11);
    let n = (kills() / 3).max(5);
    for _ in 0..n {
        let mut cmd = bin();
        env(&mut cmd, &r, "2026-03-01T09:00:00Z");
        let mut child = cmd
            .args(["import", f.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.gen_range(1..300)));
        let _ = child.kill();
        let _ = child.wait().unwrap();
        let cards: i64 = r.scalar("SELECT COUNT(*) FROM cards");
        assert!(
            cards == 0 || cards == 20_000,
            "half an import: {cards} cards"
        );
        assert_consistent(&r);
        if cards == 20_000 {
            break;
        }
    }
    r.ok(&["import", f.to_str().unwrap()]);
    let cards: i64 = r.scalar("SELECT COUNT(*) FROM cards");
    assert_eq!(cards, 20_000);
}

#[test]
fn concurrent_sessions_and_readers_lose_nothing() {
    let r = Recall::new();
    for id in ["a", "b"] {
        let f = r.write(&format!("{id}.toml"), deck(id, 1000));
        r.ok(&["import", f.to_str().unwrap()]);
    }
    let spawn_study = |deck: &str| {
        let mut cmd = bin();
        env(&mut cmd, &r, "2026-03-01T09:00:00Z");
        let mut child = cmd
            .args(["study", deck, "--reveal", "--new", "2000"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            let script = "\n5\n".repeat(1000);
            let _ = stdin.write_all(script.as_bytes());
        });
        child
    };
    let a = spawn_study("a");
    let b = spawn_study("b");
    // a reader meanwhile
    let mut reader_errors = String::new();
    for _ in 0..40 {
        let mut cmd = bin();
        env(&mut cmd, &r, "2026-03-01T09:00:00Z");
        let out = cmd.args(["decks", "--json"]).output().unwrap();
        if !out.status.success() {
            reader_errors.push_str(&String::from_utf8_lossy(&out.stderr));
        }
    }
    let a = a.wait_with_output().unwrap();
    let b = b.wait_with_output().unwrap();
    assert!(a.status.success(), "{}", String::from_utf8_lossy(&a.stderr));
    assert!(b.status.success(), "{}", String::from_utf8_lossy(&b.stderr));
    assert!(reader_errors.is_empty(), "{reader_errors}");
    for err in [&a.stderr, &b.stderr] {
        assert!(!String::from_utf8_lossy(err).contains("locked"));
    }
    let log = logged(&r);
    let saved =
        |o: &std::process::Output| String::from_utf8_lossy(&o.stdout).matches("saved ").count();
    let tail = |o: &std::process::Output| {
        let t = String::from_utf8_lossy(&o.stdout).to_string();
        t.chars()
            .rev()
            .take(600)
            .collect::<String>()
            .chars()
            .rev()
            .collect::<String>()
    };
    assert_eq!(
        log.len(),
        2000,
        "a saved {}, b saved {}; a ends: {} | b ends: {}",
        saved(&a),
        saved(&b),
        tail(&a),
        tail(&b)
    );
    assert_consistent(&r);
}

#[test]
fn two_sessions_on_one_deck_never_show_the_same_card() {
    let r = Recall::new();
    let f = r.write("one.toml", deck("one", 200));
    r.ok(&["import", f.to_str().unwrap()]);
    let run = || {
        let mut cmd = bin();
        env(&mut cmd, &r, "2026-03-01T09:00:00Z");
        let mut child = cmd
            .args(["study", "--reveal", "--new", "200"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            let _ = stdin.write_all("\n5\n".repeat(200).as_bytes());
        });
        child
    };
    let (a, b) = (run(), run());
    let a = a.wait_with_output().unwrap();
    let b = b.wait_with_output().unwrap();
    assert!(a.status.success() && b.status.success());
    let log = logged(&r);
    let mut keys: Vec<&str> = log.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), log.len(), "a card was answered twice");
    assert!(log.iter().all(|(_, kind)| kind == "review"));
    assert_eq!(log.len(), 200);
}

#[test]
fn backup_and_check() {
    let r = Recall::new();
    let f = r.write("d.toml", deck("d", 5));
    r.ok(&["import", f.to_str().unwrap()]);
    r.ok(&["answer", "c1", "4"]);
    let copy = r.path("copy.db");
    r.ok(&["backup", copy.to_str().unwrap()]);
    assert_eq!(crate::common::digest(&copy), r.db_digest());
    let out = r
        .cmd()
        .args(["backup", copy.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a backup never overwrites");
    assert!(r.ok(&["check"]).starts_with("ok"));
    // break a card's state behind recall's back: check finds it
    r.sql()
        .execute(
            "UPDATE card_state SET ef = 1400 WHERE ef = 2500 AND reps = 1",
            [],
        )
        .unwrap();
    let out = r.cmd().arg("check").output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("d/c1 does not match"));
}

#[test]
fn migration_keeps_a_backup_of_the_old_database() {
    let r = Recall::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.db");
    std::fs::copy(&fixture, &r.db).unwrap();
    r.ok(&["decks"]);
    let bak = r.path("recall.db.v1.bak");
    assert!(bak.exists());
    let v: i64 = scalar(&bak, "PRAGMA user_version");
    assert_eq!(v, 1);
}

#[test]
fn read_only_database_is_reported_not_panicked() {
    let r = Recall::new();
    let f = r.write("d.toml", deck("d", 3));
    r.ok(&["import", f.to_str().unwrap()]);
    let before = r.db_digest();
    let mut perms = std::fs::metadata(&r.db).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&r.db, perms).unwrap();
    let out = r.cmd().args(["answer", "c1", "4"]).output().unwrap();
    // root may still write a read-only file; either the answer is recorded
    // whole, or recall says why in one line and changes nothing
    if out.status.success() {
        std::fs::set_permissions(&r.db, {
            let mut p = std::fs::metadata(&r.db).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            p.set_readonly(false);
            p
        })
        .unwrap();
        assert_eq!(r.card("c1")["reps"], 1);
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!err.contains("panicked"));
        assert_eq!(r.db_digest(), before);
    }
}
