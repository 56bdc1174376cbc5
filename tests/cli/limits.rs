//! Per-deck limits on top of the global ones: the queue honours both and
//! says which one held cards back.

use crate::common::{demo_as, Recall};

fn day(n: u32) -> String {
    format!("2026-03-{n:02}T09:00:00+00:00")
}

/// The demo deck and a copy of it as deck `other`.
fn two_decks() -> Recall {
    let r = Recall::with_demo();
    let other = r.write("other.toml", demo_as("other", "Other deck"));
    r.ok(&["import", other.to_str().unwrap()]);
    r
}

fn study(r: &Recall, now: &str, args: &[&str]) -> String {
    let out = r
        .at(now)
        .arg("study")
        .arg("--reveal")
        .args(args)
        .write_stdin("\n5\n".repeat(20))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// (deck, card) of the answers on `day`.
fn answered(r: &Recall, day: &str) -> Vec<(String, String)> {
    r.sql()
        .prepare(
            "SELECT c.deck_id, c.key FROM revlog r JOIN cards c ON c.id = r.card_id
             WHERE r.day = ?1 ORDER BY r.id",
        )
        .unwrap()
        .query_map([day], |x| Ok((x.get(0)?, x.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn a_deck_new_card_limit_caps_that_deck_and_says_so() {
    let r = two_decks();
    let out = r.ok(&["config", "--deck", "demo", "new_per_day", "1"]);
    assert_eq!(out.trim(), "new_per_day for deck 'demo' = 1");
    let text = study(&r, &day(1), &[]);
    let per_deck = answered(&r, "2026-03-01");
    assert_eq!(
        per_deck.iter().filter(|(d, _)| d == "demo").count(),
        1,
        "{per_deck:?}"
    );
    assert_eq!(
        per_deck.iter().filter(|(d, _)| d == "other").count(),
        3,
        "{per_deck:?}"
    );
    assert!(
        text.contains(
            "Held back: deck 'demo' new-card limit reached: 1 of 1 new cards today from this deck; \
             `recall study --new 10` for 10 more, or `recall config --deck demo new_per_day 20`."
        ),
        "{text}"
    );
    // the next session has nothing and says why
    let text = study(&r, &day(1), &[]);
    assert!(
        text.contains(
            "Nothing to study today (2026-03-01): deck 'demo' new-card limit reached: 1 of 1"
        ),
        "{text}"
    );
    // studying the deck alone: the same limit
    let text = study(&r, &day(1), &["demo"]);
    assert!(
        text.contains("deck 'demo' new-card limit reached"),
        "{text}"
    );
    // --new N goes past it
    study(&r, &day(1), &["demo", "--new", "1"]);
    assert_eq!(answered(&r, "2026-03-01").len(), 5);
}

#[test]
fn the_global_limit_still_holds_over_all_decks() {
    let r = two_decks();
    r.ok(&["config", "new_per_day", "2"]);
    let out = r.ok(&["config", "--deck", "other", "new_per_day", "5"]);
    assert!(
        out.contains("(the global new_per_day of 2 still applies over all decks)"),
        "{out}"
    );
    let text = study(&r, &day(1), &[]);
    assert_eq!(answered(&r, "2026-03-01").len(), 2);
    assert!(
        text.contains("Held back: daily new-card limit reached: 2 of 2 new cards today, all decks"),
        "{text}"
    );
}

#[test]
fn deck_and_global_review_limits_count_todays_reviews() {
    let r = two_decks();
    for id in ["demo/q1", "demo/q2", "demo/q3", "other/q1"] {
        r.at(&day(1)).args(["answer", id, "5"]).assert().success();
    }
    // day 2: four reviews due, three of them in demo
    r.ok(&["config", "--deck", "demo", "review_cap", "2"]);
    let text = study(&r, &day(2), &["--new", "0"]);
    let done = answered(&r, "2026-03-02");
    assert_eq!(
        done.iter().filter(|(d, _)| d == "demo").count(),
        2,
        "{done:?}"
    );
    assert_eq!(
        done.iter().filter(|(d, _)| d == "other").count(),
        1,
        "{done:?}"
    );
    assert!(
        text.contains(
            "Held back: deck 'demo' review limit reached: 2 of 2 reviews today from this deck; 1 more card is due \
             (`recall config --deck demo review_cap 20` to review them today)."
        ),
        "{text}"
    );
    // the global cap counts reviews given earlier today, by any means
    let r = two_decks();
    for id in ["demo/q1", "demo/q2", "demo/q3"] {
        r.at(&day(1)).args(["answer", id, "5"]).assert().success();
    }
    r.ok(&["config", "review_cap", "2"]);
    r.at(&day(2))
        .args(["answer", "demo/q1", "5"])
        .assert()
        .success();
    let text = study(&r, &day(2), &["demo"]);
    assert_eq!(answered(&r, "2026-03-02").len(), 2, "{text}");
    assert!(
        text.contains(
            "daily review limit reached: 2 of 2 reviews today, all decks; 1 more card is due"
        ),
        "{text}"
    );
}

#[test]
fn deck_limits_show_in_decks_and_config_and_go_back_to_global() {
    let r = two_decks();
    r.ok(&["config", "--deck", "demo", "new_per_day", "5"]);
    r.ok(&["config", "--deck", "demo", "review_cap", "40"]);
    let decks = r.ok(&["decks"]);
    assert!(
        decks.contains("new/day") && decks.contains("reviews"),
        "{decks}"
    );
    let demo = decks.lines().find(|l| l.starts_with("demo ")).unwrap();
    assert!(demo.trim_end().ends_with("5       40"), "{decks}");
    let other = decks.lines().find(|l| l.starts_with("other ")).unwrap();
    assert!(other.trim_end().ends_with("-        -"), "{decks}");
    let json: Vec<serde_json::Value> = serde_json::from_str(&r.ok(&["decks", "--json"])).unwrap();
    assert_eq!(json[0]["new_per_day"], 5);
    assert_eq!(json[0]["review_cap"], 40);
    assert_eq!(json[1]["new_per_day"], serde_json::Value::Null);
    let listing = r.ok(&["config", "--deck", "demo"]);
    assert!(
        listing.contains("new_per_day         5   deck 'demo' (and at most 20 over all decks)"),
        "{listing}"
    );
    assert_eq!(
        r.ok(&["config", "--deck", "demo", "review_cap"]).trim(),
        "40"
    );
    r.ok(&["config", "--deck", "demo", "new_per_day", "global"]);
    assert_eq!(
        r.ok(&["config", "--deck", "demo", "new_per_day"]).trim(),
        "global (20)"
    );
    let json: Vec<serde_json::Value> = serde_json::from_str(&r.ok(&["decks", "--json"])).unwrap();
    assert_eq!(json[0]["new_per_day"], serde_json::Value::Null);
}

#[test]
fn bad_deck_settings_are_refused_and_change_nothing() {
    let r = two_decks();
    for (args, needle) in [
        (
            &["config", "--deck", "nope", "new_per_day", "1"][..],
            "no deck 'nope'",
        ),
        (
            &["config", "--deck", "demo", "rollover_hour", "3"],
            "rollover_hour is not a per-deck setting",
        ),
        (
            &["config", "--deck", "demo", "colour", "3"],
            "unknown setting 'colour'",
        ),
        (
            &["config", "--deck", "demo", "new_per_day", "-1"],
            "new_per_day: -1 is out of range",
        ),
        (
            &["config", "--deck", "demo", "review_cap", "lots"],
            "review_cap: 'lots' is not a whole number",
        ),
    ] {
        let before = r.db_digest();
        let out = r.cmd().args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(r.db_digest(), before);
    }
}

#[test]
fn a_big_deck_with_its_own_review_limit_is_read_by_the_due_index() {
    // 30 cards, 20 of them due on day 2: a deck's limit is found in the due
    // index (the other way, through the deck's cards, is for small decks)
    let r = Recall::new();
    let mut text = String::from("format = 1\n[deck]\nid = \"big\"\nname = \"Big\"\n");
    for i in 0..30 {
        text.push_str(&format!(
            "[[cards]]\nid = \"c{i:02}\"\nkind = \"basic\"\nfront = \"Question {i}?\"\nback = \"answer {i}\"\n"
        ));
    }
    let f = r.write("big.toml", text);
    r.ok(&["import", f.to_str().unwrap()]);
    for i in 0..20 {
        r.at(&day(1))
            .args(["answer", &format!("c{i:02}"), "5"])
            .assert()
            .success();
    }
    r.ok(&["config", "--deck", "big", "review_cap", "2"]);
    r.ok(&["config", "--deck", "big", "new_per_day", "1"]);
    let text = study(&r, &day(2), &[]);
    let done = answered(&r, "2026-03-02");
    let ids: Vec<&str> = done.iter().map(|(_, c)| c.as_str()).collect();
    // the two most overdue (all equally: deck order), then one new card
    assert_eq!(ids, ["c00", "c01", "c20"], "{text}");
    assert!(
        text.contains("2 of 2 reviews today from this deck; 18 more cards are due"),
        "{text}"
    );
    assert!(
        text.contains("deck 'big' new-card limit reached: 1 of 1"),
        "{text}"
    );
}
