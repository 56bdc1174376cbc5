//! Import, export, answer, cards, decks: the core through the real binary.

use crate::common::{demo_as, Recall, THREE_CARDS};

fn state(r: &Recall, id: &str) -> (i64, i64, i64, Option<String>, i64) {
    let c = r.card(id);
    (
        c["ef"].as_i64().unwrap(),
        c["reps"].as_i64().unwrap(),
        c["interval"].as_i64().unwrap(),
        c["due"].as_str().map(str::to_string),
        c["lapses"].as_i64().unwrap(),
    )
}

#[test]
fn three_card_script_matches_sm2() {
    // The script from the README: import, answer on chosen days, inspect.
    let r = Recall::with_demo();
    let day1 = "2026-03-01T09:00:00+00:00";
    r.at(day1).args(["answer", "q1", "5"]).assert().success();
    r.at(day1).args(["answer", "q2", "4"]).assert().success();
    r.at(day1).args(["answer", "q3", "2"]).assert().success();
    assert_eq!(state(&r, "q1"), (2600, 1, 1, Some("2026-03-02".into()), 0));
    assert_eq!(state(&r, "q2"), (2500, 1, 1, Some("2026-03-02".into()), 0));
    assert_eq!(state(&r, "q3"), (2500, 0, 1, Some("2026-03-02".into()), 0));
    let day2 = "2026-03-02T09:00:00+00:00";
    r.at(day2).args(["answer", "q1", "4"]).assert().success();
    r.at(day2).args(["answer", "q2", "3"]).assert().success();
    assert_eq!(state(&r, "q1"), (2600, 2, 6, Some("2026-03-08".into()), 0));
    assert_eq!(state(&r, "q2"), (2360, 2, 6, Some("2026-03-08".into()), 0));
    let day8 = "2026-03-08T09:00:00+00:00";
    r.at(day8).args(["answer", "q1", "3"]).assert().success();
    // ⌈6 × 2.6⌉ = 16, EF 2600 − 140
    assert_eq!(state(&r, "q1"), (2460, 3, 16, Some("2026-03-24".into()), 0));
    let day24 = "2026-03-24T09:00:00+00:00";
    r.at(day24).args(["answer", "q1", "1"]).assert().success();
    assert_eq!(state(&r, "q1"), (2460, 0, 1, Some("2026-03-25".into()), 1));
}

#[test]
fn second_answer_of_the_day_is_a_drill_and_changes_nothing() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "2"]);
    let before = state(&r, "q1");
    let out = r.ok(&["answer", "q1", "5"]);
    assert!(out.starts_with("drill"), "{out}");
    assert_eq!(state(&r, "q1"), before);
    let kinds: Vec<String> = r
        .sql()
        .prepare("SELECT kind FROM revlog ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(kinds, ["review", "drill"]);
}

#[test]
fn rollover_hour_puts_late_night_on_the_day_before() {
    let r = Recall::with_demo();
    r.at("2026-03-01T23:00:00+00:00")
        .args(["answer", "q1", "5"])
        .assert()
        .success();
    // 02:00 the next night is still study day 2026-03-01: a drill answer
    let out = r
        .at("2026-03-02T02:00:00+00:00")
        .args(["answer", "q1", "5"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("drill"));
    // after 04:00 it is due (interval 1)
    let out = r
        .at("2026-03-02T04:30:00+00:00")
        .args(["answer", "q1", "5"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("review"));
}

#[test]
fn a_card_not_yet_due_is_refused_with_its_date() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "5"]);
    let out = r
        .at("2026-03-05T09:00:00+00:00")
        .args(["answer", "q1", "5"])
        .output()
        .unwrap();
    // due 2026-03-02: overdue is fine
    assert!(out.status.success());
    let out = r
        .at("2026-03-06T09:00:00+00:00")
        .args(["answer", "q1", "5"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not due until 2026-03-11"), "{err}");
}

#[test]
fn reimporting_the_same_file_changes_nothing() {
    let r = Recall::new();
    let deck = r.write("demo.toml", THREE_CARDS);
    let first = r.ok(&["import", deck.to_str().unwrap()]);
    assert!(first.contains("3 added"), "{first}");
    let digest = r.db_digest();
    let second = r.ok(&["import", deck.to_str().unwrap()]);
    assert!(
        second.contains("0 added, 0 updated, 3 unchanged"),
        "{second}"
    );
    assert_eq!(r.db_digest(), digest);
}

#[test]
fn dry_run_reports_and_changes_nothing() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "5"]);
    let digest = r.db_digest();
    let edited = THREE_CARDS
        .replace("capital of France", "capital city of France")
        .replace("[[cards]]\nid = \"q3\"", "[[cards]]\nid = \"q4\"")
        .replace("back = \"100\"", "back = \"one hundred and no more\"");
    let f = r.write("edited.toml", edited);
    let out = r.ok(&["import", "--dry-run", "--json", f.to_str().unwrap()]);
    let rep: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(rep["updated"], serde_json::json!(["q1"]));
    assert_eq!(rep["added"], serde_json::json!(["q4"]));
    assert_eq!(rep["retired"], serde_json::json!(["q3"]));
    assert_eq!(rep["unchanged"], 1);
    assert_eq!(r.db_digest(), digest);
}

#[test]
fn update_keeps_state_and_history_retire_and_revive() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "5"]);
    r.ok(&["answer", "q3", "4"]);
    let q1 = state(&r, "q1");
    // edit q1's text, drop q3
    let without_q3 = THREE_CARDS
        .split("[[cards]]\nid = \"q3\"")
        .next()
        .unwrap()
        .to_string();
    let edited = without_q3.replace("capital of France", "capital city of France");
    let f = r.write("edited.toml", &edited);
    let out = r.ok(&["import", f.to_str().unwrap()]);
    assert!(
        out.contains("1 updated") && out.contains("1 retired"),
        "{out}"
    );
    assert_eq!(state(&r, "q1"), q1);
    assert_eq!(r.card("q1")["front"], "What is the capital city of France?");
    assert_eq!(r.card("q3")["retired"], true);
    let log: i64 = r.scalar("SELECT COUNT(*) FROM revlog");
    assert_eq!(log, 2, "history is kept for updated and retired cards");
    // retired cards are not shown by default nor exported
    let active = r.ok(&["cards", "--json"]);
    assert!(!active.contains("\"q3\""));
    // q3 comes back with its old state
    let q3_state_before = (2500, 1, 1, Some("2026-03-02".to_string()), 0);
    let out = r.ok(&["import", r.path("demo.toml").to_str().unwrap()]);
    assert!(out.contains("1 revived"), "{out}");
    assert_eq!(state(&r, "q3"), q3_state_before);
    assert_eq!(r.card("q3")["retired"], false);
}

#[test]
fn moved_card_with_new_id_is_relinked() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "5"]);
    let f = r.write(
        "moved.toml",
        THREE_CARDS.replace("id = \"q1\"", "id = \"q1-moved\""),
    );
    let out = r.ok(&["import", f.to_str().unwrap()]);
    assert!(out.contains("relinked: q1 -> q1-moved"), "{out}");
    assert_eq!(state(&r, "q1-moved").1, 1, "progress followed the card");
}

#[test]
fn export_then_import_round_trips_exactly() {
    let r = Recall::with_demo();
    let exported = r.ok(&["export", "demo"]);
    let again = recall::deckfile::parse(std::path::Path::new("x"), exported.as_bytes()).unwrap();
    let orig = recall::deckfile::parse(std::path::Path::new("x"), THREE_CARDS.as_bytes()).unwrap();
    assert_eq!(again, orig, "same ids, order and text");
    // exporting to a file and importing it back changes nothing
    let out = r.path("out.toml");
    r.ok(&["export", "demo", "-o", out.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), exported);
    let rep = r.ok(&["import", out.to_str().unwrap()]);
    assert!(rep.contains("3 unchanged"), "{rep}");
}

#[test]
fn decks_and_cards_json_fields() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "5"]);
    let decks: serde_json::Value = serde_json::from_str(&r.ok(&["decks", "--json"])).unwrap();
    assert_eq!(decks[0]["id"], "demo");
    assert_eq!(decks[0]["new"], 2);
    assert_eq!(decks[0]["due"], 0);
    assert_eq!(decks[0]["learned"], 1);
    let due_next_day: serde_json::Value = serde_json::from_str(
        &String::from_utf8(
            r.at("2026-03-02T09:00:00Z")
                .args(["decks", "--json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(due_next_day[0]["due"], 1);
    let c = r.card("q2");
    for field in [
        "id", "deck", "kind", "front", "ef", "reps", "interval", "due", "lapses", "retired",
    ] {
        assert!(c.get(field).is_some(), "missing {field}");
    }
    assert_eq!(c["due"], serde_json::Value::Null);
    assert_eq!(c["kind"], "list");
}

#[test]
fn clashing_ids_need_the_deck_prefix() {
    let r = Recall::new();
    let a = r.write("a.toml", THREE_CARDS);
    let b = r.write("b.toml", demo_as("other", "Other"));
    r.ok(&["import", a.to_str().unwrap()]);
    r.ok(&["import", b.to_str().unwrap()]);
    let out = r.cmd().args(["answer", "q1", "4"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("DECK_ID/q1"));
    r.ok(&["answer", "other/q1", "4"]);
    assert_eq!(r.cards().iter().filter(|c| c["reps"] == 1).count(), 1);
}

#[test]
fn config_values_are_checked() {
    let r = Recall::new();
    r.ok(&["config", "new_per_day", "5"]);
    assert_eq!(r.ok(&["config", "new_per_day"]).trim(), "5");
    let out = r
        .cmd()
        .args(["config", "rollover_hour", "25"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = r.cmd().args(["config", "colour", "1"]).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown setting"));
}

#[test]
fn completions_and_help() {
    let r = Recall::new();
    let bash = r.ok(&["completions", "bash"]);
    assert!(bash.contains("recall") && bash.contains("import"));
    let help = r.ok(&["--help"]);
    for cmd in [
        "study",
        "build",
        "import",
        "export",
        "decks",
        "cards",
        "answer",
        "completions",
    ] {
        assert!(help.contains(cmd), "help lacks {cmd}");
    }
    let study_help = r.ok(&["study", "--help"]);
    assert!(study_help.contains("not a terminal"), "{study_help}");
}
