//! `recall study`: scripted (non-TTY) sessions and a real pseudo-terminal.

use std::path::Path;
use std::process::Command as StdCommand;
use std::time::Duration;

use crate::common::{demo_as, Recall, THREE_CARDS};

fn revlog(r: &Recall) -> Vec<(String, i64, String)> {
    r.sql()
        .prepare("SELECT c.key, r.grade, r.kind FROM revlog r JOIN cards c ON c.id = r.card_id ORDER BY r.id")
        .unwrap()
        .query_map([], |x| Ok((x.get(0)?, x.get(1)?, x.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn bundled() -> recall::model::Deck {
    recall::deckfile::parse(
        Path::new("seed.toml"),
        recall::import::BUNDLED_DECK.as_bytes(),
    )
    .unwrap()
}

/// The bundled deck's cards in the order a first session shows them: deck
/// order, with siblings (same source sentence) of a card shown before
/// waiting for another day.
fn first_day_order() -> Vec<recall::model::CardContent> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let mut seen = std::collections::HashSet::new();
    bundled()
        .cards
        .into_iter()
        .filter(|c| c.context.is_empty() || seen.insert(norm(&c.context)))
        .collect()
}

#[test]
fn scripted_session_with_undo_and_final_drill() {
    let r = Recall::with_demo();
    // q1: reveal, 5 | q2: undo -> q1 again: 4 | q2: 2 (drill) | q3: 5 | q2 drill: 4
    let script = "\n5\nu\n\n4\n\n2\n\n5\n\n4\n";
    let out = r
        .cmd()
        .args(["study"])
        .write_stdin(script)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("undone: grade 5"), "{text}");
    assert!(text.contains("final drill"), "{text}");
    assert!(
        text.contains("Session over: 3 cards studied, 2 of 3 graded 3 or better (66%)"),
        "{text}"
    );
    assert_eq!(
        revlog(&r),
        vec![
            ("q1".into(), 4, "review".into()),
            ("q2".into(), 2, "review".into()),
            ("q3".into(), 5, "review".into()),
            ("q2".into(), 4, "drill".into()),
        ]
    );
    // undo restored q1 exactly before its second answer: reps 1, EF 2500 (grade 4)
    assert_eq!(r.card("q1")["ef"], 2500);
    assert_eq!(r.card("q1")["reps"], 1);
    // the drill did not change q2's schedule
    assert_eq!(r.card("q2")["reps"], 0);
    assert_eq!(r.card("q2")["due"], "2026-03-02");
}

#[test]
fn typed_answers_are_graded_item_by_item() {
    let r = Recall::with_demo();
    // q1 typed right -> suggested 5, accepted; q2 one of three missing -> suggested 2
    let script = "paris\n\nblue, red\n\n100\n\nyellow, red, blue\n\n";
    let out = r
        .cmd()
        .args(["study"])
        .write_stdin(script)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Suggested grade: 5"), "{text}");
    assert!(text.contains("✗ yellow (missed)"), "{text}");
    assert!(text.contains("Suggested grade: 2"), "{text}");
    let log = revlog(&r);
    assert_eq!(log[0], ("q1".into(), 5, "review".into()));
    assert_eq!(log[1], ("q2".into(), 2, "review".into()));
    let suggested: Option<i64> = r.scalar("SELECT suggested FROM revlog ORDER BY id LIMIT 1");
    assert_eq!(suggested, Some(5));
}

#[test]
fn nothing_due_says_when_the_next_card_is() {
    let r = Recall::with_demo();
    r.cmd()
        .args(["study"])
        .write_stdin("\n5\n\n5\n\n5\n")
        .assert()
        .success();
    let out = r.cmd().args(["study"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Nothing to study today (2026-03-01). Next: 3 cards due on 2026-03-02."),
        "{text}"
    );
}

#[test]
fn new_card_limit_counts_cards_introduced_earlier_today() {
    let r = Recall::with_demo();
    r.ok(&["config", "new_per_day", "2"]);
    r.cmd()
        .args(["study"])
        .write_stdin("\n5\nq\n")
        .assert()
        .success();
    // one introduced; one more allowed today
    let out = r
        .cmd()
        .args(["study"])
        .write_stdin("\n5\n\n5\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[1/1]"), "{text}");
    assert_eq!(revlog(&r).len(), 2);
    // --new overrides the setting
    let out = r
        .cmd()
        .args(["study", "--new", "5"])
        .write_stdin("\n5\n")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("[1/1]"));
}

#[test]
fn deck_filter_and_unknown_deck() {
    let r = Recall::new();
    let a = r.write("a.toml", THREE_CARDS);
    let b = r.write("b.toml", demo_as("other", "Other"));
    r.ok(&["import", a.to_str().unwrap()]);
    r.ok(&["import", b.to_str().unwrap()]);
    let out = r
        .cmd()
        .args(["study", "other", "--reveal"])
        .write_stdin("\n5\nq\n")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("[1/3] Other"));
    let out = r.cmd().args(["study", "nope"]).output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn first_run_imports_the_bundled_deck() {
    let r = Recall::new();
    let out = r
        .cmd()
        .args(["study", "--new", "1"])
        .write_stdin("\n5\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Imported the sample deck"), "{text}");
    let first = &bundled().cards[0];
    assert!(
        text.contains(&first.front),
        "first card of the seed deck is shown: {text}"
    );
    assert_eq!(revlog(&r), vec![(first.id.clone(), 5, "review".into())]);
}

// ---- pseudo-terminal ----

fn spawn(r: &Recall, args: &[&str]) -> rexpect::session::PtySession {
    r.pty(args)
}

#[test]
fn pty_first_run_typed_answers_undo_and_quit() {
    let r = Recall::new();
    let cards = first_day_order();
    let answer = |i: usize| cards[i].expected_items().join(", ");
    let mut p = spawn(&r, &["study", "--new", "3"]);
    p.exp_string("Imported the sample deck").unwrap();
    // card 1, typed correctly: suggested 5, accepted with Enter
    p.exp_string("Your answer").unwrap();
    p.send_line(&answer(0)).unwrap();
    p.exp_string("Suggested grade: 5").unwrap();
    p.exp_string("Grade 0-5").unwrap();
    p.send_line("").unwrap();
    p.exp_string(": grade 5; next").unwrap();
    // card 2, typed correctly, graded 4 by hand
    p.exp_string("Your answer").unwrap();
    p.send_line(&answer(1)).unwrap();
    p.exp_string("Grade 0-5").unwrap();
    p.send_line("4").unwrap();
    p.exp_string(": grade 4; next").unwrap();
    // card 3: undo card 2 instead, which comes back
    p.exp_string("Your answer").unwrap();
    p.send_line("u").unwrap();
    p.exp_string("undone: grade 4").unwrap();
    p.exp_string(&cards[1].front[..20]).unwrap();
    p.exp_string("Your answer").unwrap();
    p.send_line(&answer(1)).unwrap();
    p.exp_string("Grade 0-5").unwrap();
    p.send_line("5").unwrap();
    p.exp_string(": grade 5; next").unwrap();
    // card 3: quit
    p.exp_string("Your answer").unwrap();
    p.send_line("q").unwrap();
    p.exp_string("Session over: 2 cards studied").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(
        revlog(&r),
        vec![
            (cards[0].id.clone(), 5, "review".into()),
            (cards[1].id.clone(), 5, "review".into())
        ]
    );
    assert_eq!(r.card(&cards[2].id)["reps"], 0);
}

#[test]
fn pty_session_killed_mid_card_resumes() {
    let r = Recall::new();
    let cards = first_day_order();
    let mut p = spawn(&r, &["study", "--new", "3", "--reveal"]);
    p.exp_string("Enter to reveal").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Grade 0-5").unwrap();
    p.send_line("5").unwrap();
    p.exp_string(": grade 5; next").unwrap();
    // card 2 on screen: kill -9
    p.exp_string("Enter to reveal").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Grade 0-5").unwrap();
    let pid = p.process.child_pid;
    nix_kill(pid.as_raw());
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(revlog(&r), vec![(cards[0].id.clone(), 5, "review".into())]);
    // the next session starts at card 2
    let out = r
        .cmd()
        .args(["study", "--new", "2", "--reveal"])
        .write_stdin("\n4\n\n4\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[1/2]"), "{text}");
    assert!(text.contains(&cards[1].front[..20]), "{text}");
    assert_eq!(revlog(&r).len(), 3);
    let check: String = r.scalar("PRAGMA integrity_check");
    assert_eq!(check, "ok");
}

fn nix_kill(pid: i32) {
    StdCommand::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
}
