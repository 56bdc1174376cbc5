//! Everyday card management through the real binary: edit (and the
//! session's `f` key), suspend, search, history, delete, tags.

use crate::common::{demo_as, Recall};

/// Runs `args`, expects failure with one stderr line containing `needle`,
/// and checks the database did not change.
fn refused(r: &Recall, cmd: &mut assert_cmd::Command, needle: &str) {
    let before = r.db_digest();
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(needle), "expected '{needle}' in: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(r.db_digest(), before, "the database changed");
}

/// An editor that runs `sed -i EXPR` on the file.
fn sed(r: &Recall, expr: &str) -> String {
    r.script("sed-editor", &format!("sed -i '{expr}' \"$1\""))
}

fn scheduling(card: &serde_json::Value) -> Vec<serde_json::Value> {
    ["ef", "reps", "interval", "due", "lapses"]
        .iter()
        .map(|k| card[*k].clone())
        .collect()
}

// ---- edit ----

#[test]
fn an_edit_is_saved_in_place_and_keeps_progress_and_history() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "4"]);
    let before = r.card("q1");
    let editor = sed(&r, "s/^back = .*/back = \"Paris, France\"/");
    let out = r
        .cmd()
        .env("EDITOR", &editor)
        .args(["edit", "q1"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("saved card 'demo/q1'; its progress is kept"),
        "{text}"
    );
    let after = r.card("q1");
    assert_eq!(after["back"], "Paris, France");
    assert_eq!(after["front"], before["front"]);
    assert_eq!(after["edited"], true);
    assert_eq!(scheduling(&after), scheduling(&before));
    let log: i64 = r.scalar("SELECT COUNT(*) FROM revlog");
    assert_eq!(log, 1);
    assert!(r.ok(&["check"]).starts_with("ok"));
}

#[test]
fn the_editor_sees_the_card_as_a_deck_file_fragment() {
    let r = Recall::with_demo();
    let copy = r.path("seen.toml");
    let editor = r.script("copy-editor", &format!("cp \"$1\" '{}'", copy.display()));
    r.cmd()
        .env("EDITOR", &editor)
        .args(["edit", "demo/q2"])
        .assert()
        .success()
        .stdout(predicates::str::contains("card 'demo/q2' is unchanged"));
    let seen = std::fs::read_to_string(copy).unwrap();
    for line in [
        "id = \"q2\"",
        "kind = \"list\"",
        "front = \"Name the three primary colours.\"",
        "back = \"\"",
        "items = [\"red\", \"yellow\", \"blue\"]",
        "ordered = false",
        "tags = []",
    ] {
        assert!(seen.contains(line), "{line} in:\n{seen}");
    }
    assert!(seen.starts_with("# recall edit: card demo/q2"), "{seen}");
    // $VISUAL wins over $EDITOR
    let visual = r.script("visual-editor", "echo visual >> \"$1\".log; true");
    r.cmd()
        .env("VISUAL", &visual)
        .args(["edit", "q1"])
        .assert()
        .success();
}

#[test]
fn a_bad_edit_off_a_terminal_is_refused_with_the_error_and_changes_nothing() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "4"]);
    let cases = [
        ("s/^front = .*/front = \"  \"/", "card 'q1': front is empty"),
        ("s/^kind = .*/kind = \"essay\"/", "unknown kind 'essay'"),
        (
            "s/^id = .*/id = \"q9\"/",
            "the card id cannot change (it is 'q1', not 'q9')",
        ),
        (
            "s/^back = .*/back = \"unclosed/",
            "card 'demo/q1': edit refused: ",
        ),
        ("s/^tags = .*/colour = \"red\"/", "unknown field `colour`"),
    ];
    for (expr, needle) in cases {
        let editor = sed(&r, expr);
        refused(
            &r,
            r.cmd().env("EDITOR", &editor).args(["edit", "q1"]),
            needle,
        );
    }
    // the error names the place in the file the editor showed
    let editor = sed(&r, "s/^front = .*/front = \"\"/");
    let out = r
        .cmd()
        .env("EDITOR", &editor)
        .args(["edit", "q1"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(".toml:6:9: card 'q1': front is empty; nothing changed"),
        "{err}"
    );
}

#[test]
fn edit_refuses_unknown_cards_failed_editors_and_cancels_on_an_empty_file() {
    let r = Recall::with_demo();
    refused(&r, r.cmd().args(["edit", "nope"]), "no card 'nope'");
    refused(
        &r,
        r.cmd().env("EDITOR", "false").args(["edit", "q1"]),
        "the editor 'false' exited with status 1; nothing changed",
    );
    let empty = r.script("empty-editor", ": > \"$1\"");
    let before = r.db_digest();
    r.cmd()
        .env("EDITOR", &empty)
        .args(["edit", "q1"])
        .assert()
        .success()
        .stdout(predicates::str::contains("cancelled: nothing changed"));
    assert_eq!(r.db_digest(), before);
}

#[test]
fn a_bad_edit_on_a_terminal_reopens_the_editor_with_the_error_on_top() {
    let r = Recall::with_demo();
    let log = r.path("editor.log");
    // first run: empty the front; second run: the error is on top, fix it
    let editor = r.script(
        "retry-editor",
        &format!(
            "if grep -q '^# ERROR' \"$1\"; then
               sed -n 2p \"$1\" >> '{log}'
               sed -i 's/^front = .*/front = \"Capital of France?\"/' \"$1\"
             else
               echo first >> '{log}'
               sed -i 's/^front = .*/front = \"\"/' \"$1\"
             fi",
            log = log.display()
        ),
    );
    let mut p = r.pty_with(&["edit", "q1"], &[("EDITOR", &editor)]);
    p.exp_string("saved card 'demo/q1'").unwrap();
    p.exp_eof().unwrap();
    let log = std::fs::read_to_string(log).unwrap();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines[0], "first");
    assert!(
        lines[1].starts_with("# ERROR: ") && lines[1].contains(":6:9: card 'q1': front is empty"),
        "{log}"
    );
    assert_eq!(r.card("q1")["front"], "Capital of France?");
}

// ---- the session's `f` key ----

#[test]
fn f_in_a_session_fixes_the_card_and_grades_the_answer_against_the_fix() {
    // the card's answer is wrong in the deck: Lyon; the user types Paris
    let r = Recall::new();
    let editor = r.script(
        "fix-editor",
        // reads standard input first: a piped session's lines must not reach it
        "cat > /dev/null; sed -i 's/^back = .*/back = \"Paris\"/' \"$1\"",
    );
    let wrong = r.write(
        "wrong.toml",
        crate::common::THREE_CARDS.replace("back = \"Paris\"", "back = \"Lyon\""),
    );
    r.ok(&["import", wrong.to_str().unwrap()]);
    let out = r
        .cmd()
        .env("EDITOR", &editor)
        .args(["study", "--new", "1"])
        .write_stdin("paris\nf\n\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("f fix card"),
        "the prompt names the key: {text}"
    );
    assert!(text.contains("✗ Answer: Lyon"), "{text}");
    assert!(text.contains("saved card 'demo/q1'"), "{text}");
    assert!(
        text.contains("✓ Answer: Paris"),
        "regraded against the fix: {text}"
    );
    let (grade, suggested, typed): (i64, i64, String) = r
        .sql()
        .query_row("SELECT grade, suggested, typed FROM revlog", [], |x| {
            Ok((x.get(0)?, x.get(1)?, x.get(2)?))
        })
        .unwrap();
    assert_eq!((grade, suggested, typed.as_str()), (5, 5, "paris"));
    assert_eq!(r.card("q1")["back"], "Paris");
}

#[test]
fn f_at_the_answer_prompt_shows_the_fixed_question_and_a_refused_edit_goes_on() {
    let r = Recall::with_demo();
    let editor = sed(
        &r,
        "s/^front = .*/front = \"Which city is the capital of France?\"/",
    );
    let out = r
        .cmd()
        .env("EDITOR", &editor)
        .args(["study", "--new", "1", "--reveal"])
        .write_stdin(":f\n\n5\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Which city is the capital of France?"),
        "{text}"
    );
    assert!(text.contains("grade 5"), "{text}");
    // a bad edit is reported in the session, which goes on
    let bad = sed(&r, "s/^front = .*/front = \"\"/");
    let out = r
        .cmd()
        .env("EDITOR", &bad)
        .args(["study", "--new", "1", "--reveal"])
        .write_stdin("f\n\n5\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("edit refused") && text.contains("front is empty"),
        "{text}"
    );
    assert!(text.contains("Session over: 1 card studied"), "{text}");
    assert_eq!(r.card("q2")["front"], "Name the three primary colours.");
}

#[test]
fn f_in_a_terminal_session_opens_the_editor() {
    let r = Recall::with_demo();
    let editor = sed(&r, "s/^front = .*/front = \"Capital city of France?\"/");
    let mut p = r.pty_with(&["study", "--new", "1"], &[("EDITOR", &editor)]);
    p.exp_string("f fix card").unwrap();
    p.exp_string("Your answer").unwrap();
    p.send_line("f").unwrap();
    p.exp_string("saved card 'demo/q1'").unwrap();
    p.exp_string("Capital city of France?").unwrap();
    p.exp_string("Your answer").unwrap();
    p.send_line("paris").unwrap();
    p.exp_string("Grade 0-5 (Enter = 5)").unwrap();
    p.send_line("").unwrap();
    p.exp_string("Session over").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(r.card("q1")["front"], "Capital city of France?");
    assert_eq!(r.card("q1")["reps"], 1);
}

// ---- suspend ----

#[test]
fn suspended_cards_are_listed_kept_out_of_study_and_come_back() {
    let r = Recall::with_demo();
    let out = r.ok(&["suspend", "q1", "demo/q3"]);
    assert!(out.contains("card 'demo/q1' is suspended"), "{out}");
    assert!(r.ok(&["suspend", "q1"]).contains("suspended already"));
    let listed = r.ok(&["cards", "--suspended"]);
    assert!(
        listed.contains("q1") && listed.contains("q3") && !listed.contains("q2 "),
        "{listed}"
    );
    assert!(listed.contains("[suspended] "), "{listed}");
    let text = r
        .cmd()
        .args(["study", "--reveal"])
        .write_stdin("\n5\n".repeat(5))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("primary colours"), "{text}");
    assert!(
        !text.contains("capital of France") && !text.contains("boils"),
        "{text}"
    );
    let decks = r.ok(&["decks", "--json"]);
    assert!(decks.contains("\"suspended\": 2"), "{decks}");
    assert!(r
        .ok(&["unsuspend", "q1", "q3"])
        .contains("card 'demo/q3' will be shown again"));
    assert_eq!(r.card("q1")["suspended"], false);
    assert!(r
        .ok(&["unsuspend", "q1"])
        .contains("not suspended: nothing to do"));
    assert!(r.ok(&["check"]).starts_with("ok"));
}

#[test]
fn suspend_with_one_unknown_card_changes_nothing() {
    let r = Recall::with_demo();
    refused(
        &r,
        r.cmd().args(["suspend", "q1", "nope"]),
        "no card 'nope'",
    );
    refused(&r, r.cmd().args(["unsuspend", "zzz"]), "no card 'zzz'");
    let out = r.cmd().args(["suspend"]).output().unwrap();
    assert!(!out.status.success());
}

#[test]
fn undoing_an_answer_does_not_lift_a_suspension_by_hand() {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "1"]);
    r.ok(&["suspend", "q1"]);
    r.ok(&["undo"]);
    assert_eq!(r.card("q1")["suspended"], true);
}

// ---- search ----

const SEARCH_DECK: &str = r#"format = 1
[deck]
id = "heart"
name = "The heart"

[[cards]]
id = "valves"
kind = "list"
front = "Name the four valves of the heart."
items = ["tricuspid valve", "pulmonary valve", "mitral valve", "aortic valve"]
context = "The heart has four valves."

[[cards]]
id = "atria"
kind = "basic"
front = "How many atria does the heart have?"
back = "two"
context = "Blood returns through the valves into two atria."

[[cards]]
id = "pump"
kind = "cloze"
front = "The heart pumps about ___ litres a minute."
back = "five"
context = "At rest the organ moves five litres of blood each minute."
"#;

#[test]
fn search_ranks_fronts_and_answers_above_source_sentences() {
    let r = Recall::new();
    let f = r.write("heart.toml", SEARCH_DECK);
    r.ok(&["import", f.to_str().unwrap()]);
    let out = r.ok(&["search", "valve", "--json"]);
    let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
    // "valves" in front, items and context beats "valves" in a context only
    assert_eq!(ids, ["valves", "atria"]);
    assert!(hits[0]["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
    assert_eq!(hits[0]["deck"], "heart");
    assert_eq!(hits[0]["items"][1], "pulmonary valve");
    // stems, prefixes, case, every word required
    for (q, want) in [
        ("LITRE", &["pump"][..]),
        ("pum", &["pump"]),
        ("blood minute", &["pump"]),
        ("heart five", &["pump"]),
        ("\"four valves\"", &["valves"]),
        ("mitral", &["valves"]),
        ("zebra", &[]),
    ] {
        let out = r.ok(&["search", q, "--json"]);
        let hits: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        let ids: Vec<&str> = hits.iter().map(|h| h["id"].as_str().unwrap()).collect();
        assert_eq!(ids, want, "{q}");
    }
    let text = r.ok(&["search", "blood"]);
    assert!(
        text.starts_with("2 cards match 'blood', best first:"),
        "{text}"
    );
    assert!(
        text.contains("heart/pump  The heart pumps about ___ litres a minute."),
        "{text}"
    );
    assert!(
        text.contains("source: At rest the organ moves five litres of «blood»"),
        "{text}"
    );
    assert!(r
        .ok(&["search", "zebra"])
        .contains("no card matches 'zebra'"));
}

#[test]
fn search_follows_edits_imports_deletions_and_the_deck_filter() {
    let r = Recall::with_demo();
    let other = r.write("other.toml", demo_as("other", "Other deck"));
    r.ok(&["import", other.to_str().unwrap()]);
    let ids = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["search"];
        a.extend_from_slice(args);
        a.push("--json");
        let hits: Vec<serde_json::Value> = serde_json::from_str(&r.ok(&a)).unwrap();
        hits.iter()
            .map(|h| {
                format!(
                    "{}/{}",
                    h["deck"].as_str().unwrap(),
                    h["id"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(ids(&["capital"]), ["demo/q1", "other/q1"]);
    assert_eq!(ids(&["capital", "--deck", "other"]), ["other/q1"]);
    // an edit is found by its new words only
    let editor = sed(&r, "s/^back = .*/back = \"Paris on the Seine\"/");
    r.cmd()
        .env("EDITOR", &editor)
        .args(["edit", "demo/q1"])
        .assert()
        .success();
    assert_eq!(ids(&["seine"]), ["demo/q1"]);
    // a retired card is not found; a deleted deck neither
    let two = crate::common::THREE_CARDS.replace(
        "[[cards]]\nid = \"q3\"\nkind = \"cloze\"\nfront = \"Water boils at ___ degrees Celsius.\"\nback = \"100\"\n",
        "",
    );
    let f = r.write("two.toml", two);
    r.ok(&["import", f.to_str().unwrap()]);
    assert_eq!(ids(&["boils"]), ["other/q3"]);
    r.ok(&["delete", "other", "--yes"]);
    assert!(ids(&["capital"]).iter().all(|i| i.starts_with("demo/")));
    assert!(
        r.ok(&["check"]).starts_with("ok"),
        "the index matches the cards"
    );
}

#[test]
fn search_bad_inputs() {
    let r = Recall::with_demo();
    refused(
        &r,
        r.cmd().args(["search", "?!", "--"]),
        "nothing to search for",
    );
    refused(
        &r,
        r.cmd().args(["search", "x", "--deck", "nope"]),
        "no deck 'nope'",
    );
    // FTS5 syntax is only ever text
    r.ok(&["search", "NEAR(capital", "OR", "front:x\""]);
}

// ---- history ----

#[test]
fn history_lists_every_answer_with_what_was_typed_and_each_item() {
    let r = Recall::with_demo();
    // q2 (a list): typed with one item missed, graded as suggested, then a
    // final-drill answer; the next day a review
    let out = r
        .cmd()
        .args(["study", "--new", "3"])
        .write_stdin("paris\n\nred, blue\n3\n100\n\nred, yellow, blue\n\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    r.at("2026-03-02T09:00:00+00:00")
        .args(["answer", "q2", "5"])
        .assert()
        .success();
    let json: serde_json::Value =
        serde_json::from_str(&r.ok(&["history", "q2", "--json"])).unwrap();
    assert_eq!(json["id"], "q2");
    assert_eq!(json["deck"], "demo");
    let a = json["answers"].as_array().unwrap();
    assert_eq!(a.len(), 3, "{json}");
    assert_eq!(a[0]["kind"], "scheduled");
    assert_eq!(a[0]["day"], "2026-03-01");
    assert_eq!(a[0]["typed"], "red, blue");
    assert_eq!(
        (a[0]["grade"].as_i64(), a[0]["suggested"].as_i64()),
        (Some(3), Some(2))
    );
    let items: Vec<(&str, f64)> = a[0]["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["expected"].as_str().unwrap(),
                i["credit"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(items, [("red", 1.0), ("yellow", 0.0), ("blue", 1.0)]);
    assert_eq!(a[0]["before"]["interval"], 0);
    assert_eq!(a[0]["after"]["interval"], 1);
    assert_eq!(a[1]["kind"], "drill");
    assert_eq!(a[1]["before"], a[1]["after"]);
    assert_eq!(a[2]["kind"], "scheduled");
    assert_eq!(a[2]["typed"], serde_json::Value::Null);
    assert_eq!(a[2]["before"]["ef"], a[0]["after"]["ef"]);
    assert_eq!(
        a[2]["after"]["ef"].as_i64().unwrap(),
        a[2]["before"]["ef"].as_i64().unwrap() + 100
    );
    assert!(a[0]["at"].as_str().unwrap().starts_with("2026-03-01T09:00"));
    let text = r.ok(&["history", "q2"]);
    assert!(text.contains("3 answers"), "{text}");
    assert!(text.contains("typed: red, blue"), "{text}");
    assert!(text.contains("items: ✓ red, ✗ yellow, ✓ blue"), "{text}");
    assert!(text.contains("drill"), "{text}");
    assert!(text.contains("interval 1d → 6d, ef "), "{text}");
    assert!(r.ok(&["history", "q3"]).contains("1 answer;"));
    assert!(Recall::with_demo()
        .ok(&["history", "q1"])
        .contains("no answers yet"));
    refused(&r, r.cmd().args(["history", "nope"]), "no card 'nope'");
}

// ---- delete ----

#[test]
fn deleting_a_deck_on_fsrs_leaves_no_scheduler_row_behind() {
    let r = Recall::with_demo();
    r.ok(&["answer", "demo/q1", "4"]);
    r.ok(&["config", "--deck", "demo", "scheduler", "fsrs"]);
    r.ok(&["config", "--deck", "demo", "new_per_day", "2"]);
    // without a key, --deck shows the deck's limits and its scheduler
    let shown = r.ok(&["config", "--deck", "demo"]);
    assert!(
        shown.contains("new_per_day") && shown.contains("scheduler"),
        "{shown}"
    );
    r.ok(&["delete", "demo", "--yes"]);
    let left: i64 = r.scalar("SELECT COUNT(*) FROM deck_scheduler");
    assert_eq!(left, 0);
    let check = r.ok(&["check"]);
    assert!(check.starts_with("ok:"), "{check}");
}

#[test]
fn delete_backs_up_then_removes_the_deck_its_cards_states_and_log() {
    let r = Recall::with_demo();
    let other = r.write("other.toml", demo_as("other", "Other deck"));
    r.ok(&["import", other.to_str().unwrap()]);
    r.ok(&["answer", "demo/q1", "4"]);
    r.ok(&["answer", "other/q1", "5"]);
    r.ok(&["config", "--deck", "demo", "new_per_day", "2"]);
    let out = r.ok(&["delete", "demo", "--yes"]);
    assert!(
        out.contains("deleted deck 'demo' (Demo deck): 3 cards and 1 logged answer"),
        "{out}"
    );
    let backup = out
        .lines()
        .find_map(|l| l.strip_prefix("backup of the database before the deletion: "))
        .and_then(|l| l.split(" (copy it over").next())
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        backup.contains("recall.db.before-delete-demo-20260301-090000"),
        "{backup}"
    );
    // the backup holds the deck as it was
    let kept: i64 = crate::common::scalar(
        std::path::Path::new(backup),
        "SELECT COUNT(*) FROM cards WHERE deck_id = 'demo'",
    );
    assert_eq!(kept, 3);
    // gone from every table; the other deck untouched
    let decks = r.ok(&["decks"]);
    assert!(
        !decks.contains("demo ") && decks.contains("other"),
        "{decks}"
    );
    for (sql, n) in [
        ("SELECT COUNT(*) FROM cards", 3),
        ("SELECT COUNT(*) FROM card_state", 3),
        ("SELECT COUNT(*) FROM revlog", 1),
        ("SELECT COUNT(*) FROM deck_config", 0),
        ("SELECT COUNT(*) FROM deck_counts WHERE deck_id = 'demo'", 0),
        ("SELECT COUNT(*) FROM daily WHERE deck_id = 'demo'", 0),
    ] {
        assert_eq!(r.scalar::<i64>(sql), n, "{sql}");
    }
    assert_eq!(r.card("q1")["deck"], "other");
    assert!(r.ok(&["check"]).starts_with("ok"));
    // the last deck goes too, and `study` does not bring the sample deck back
    r.ok(&["delete", "other", "-y"]);
    let out = r.ok(&["study"]);
    assert!(!out.contains("Imported the sample deck"), "{out}");
    assert!(r.ok(&["decks"]).contains("no decks yet"));
}

#[test]
fn delete_refuses_unknown_decks_and_scripts_without_yes() {
    let r = Recall::with_demo();
    refused(
        &r,
        r.cmd().args(["delete", "nope", "--yes"]),
        "no deck 'nope'",
    );
    refused(
        &r,
        r.cmd().args(["delete", "demo"]),
        "refusing to delete deck 'demo' (Demo deck): 3 cards and 0 logged answers without --yes",
    );
    let backups = std::fs::read_dir(r.dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("before-delete")
        })
        .count();
    assert_eq!(backups, 0, "no backup for a refused delete");
}

#[test]
fn delete_on_a_terminal_asks_first() {
    let r = Recall::with_demo();
    let mut p = r.pty(&["delete", "demo"]);
    p.exp_string("Delete deck 'demo' (Demo deck): 3 cards and 0 logged answers?")
        .unwrap();
    p.send_line("n").unwrap();
    p.exp_string("kept deck 'demo': nothing changed").unwrap();
    p.exp_eof().unwrap();
    assert!(r.ok(&["decks"]).contains("demo"));
    let mut p = r.pty(&["delete", "demo"]);
    p.exp_string("Delete deck 'demo'").unwrap();
    p.send_line("y").unwrap();
    p.exp_string("deleted deck 'demo'").unwrap();
    p.exp_eof().unwrap();
    assert!(r.ok(&["decks"]).contains("no decks yet"));
}

// ---- tags ----

#[test]
fn tags_are_added_removed_listed_and_studied() {
    let r = Recall::with_demo();
    let out = r.ok(&["tag", "q1", "q3", "+bio::cells", "+hard"]);
    assert!(out.contains("demo/q1: tags: bio::cells hard"), "{out}");
    r.ok(&["tag", "-hard", "q3"]);
    assert_eq!(
        r.card("q1")["tags"],
        serde_json::json!(["bio::cells", "hard"])
    );
    assert_eq!(r.card("q3")["tags"], serde_json::json!(["bio::cells"]));
    assert!(r
        .ok(&["tag", "q3", "-nothere"])
        .contains("demo/q3: unchanged"));
    let listed = |t: &str| -> Vec<String> {
        let v: Vec<serde_json::Value> =
            serde_json::from_str(&r.ok(&["cards", "--tag", t, "--json"])).unwrap();
        v.iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(listed("bio"), ["q1", "q3"]);
    assert_eq!(listed("BIO::Cells"), ["q1", "q3"]);
    assert_eq!(listed("hard"), ["q1"]);
    assert!(listed("bi").is_empty());
    // a study session on one tag
    let out = r
        .cmd()
        .args(["study", "--tag", "bio", "--reveal"])
        .write_stdin("\n5\n".repeat(5))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("[1/2]") && text.contains("capital") && text.contains("boils"),
        "{text}"
    );
    assert!(!text.contains("primary colours"), "{text}");
    assert!(text.contains("Session over: 2 cards studied"), "{text}");
    refused(
        &r,
        r.cmd().args(["study", "--tag", "nope"]),
        "no card has tag 'nope'",
    );
}

#[test]
fn tag_bad_inputs_change_nothing() {
    let r = Recall::with_demo();
    refused(
        &r,
        r.cmd().args(["tag", "q1", "nope", "+x"]),
        "no card 'nope'",
    );
    refused(&r, r.cmd().args(["tag", "q1"]), "no tag change given");
    refused(&r, r.cmd().args(["tag", "+x"]), "no card given");
    refused(&r, r.cmd().args(["tag", "q1", "+"]), "a tag is one word");
    refused(
        &r,
        r.cmd().args(["tag", "q1", "+two words"]),
        "a tag is one word",
    );
}

#[test]
fn tags_round_trip_through_deck_files_anki_packages_and_csv() {
    let r = Recall::with_demo();
    r.ok(&["tag", "q1", "+geo", "+capitals::europe"]);
    r.ok(&["tag", "q2", "+art"]);
    for file in ["out.toml", "out.apkg", "out.csv"] {
        r.ok(&["export", "demo", "-o", file]);
        let fresh = Recall::new();
        fresh.ok(&["import", r.path(file).to_str().unwrap()]);
        let mut tags: Vec<Vec<String>> = fresh
            .cards()
            .iter()
            .map(|c| {
                let mut t: Vec<String> = c["tags"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t.as_str().unwrap().to_string())
                    .filter(|t| !t.starts_with("recall::")) // the card kind, in Anki
                    .collect();
                t.sort();
                t
            })
            .collect();
        tags.sort();
        let want: Vec<Vec<String>> = vec![
            vec![],
            vec!["art".into()],
            vec!["capitals::europe".into(), "geo".into()],
        ];
        assert_eq!(tags, want, "{file}");
    }
}

// ---- help ----

#[test]
fn every_new_command_teaches_with_an_example() {
    let r = Recall::new();
    for cmd in [
        "edit",
        "tag",
        "suspend",
        "unsuspend",
        "search",
        "history",
        "delete",
        "config",
        "cards",
        "study",
        "import",
    ] {
        let help = r.ok(&[cmd, "--help"]);
        assert!(help.contains("Examples:"), "{cmd}: {help}");
        assert!(help.contains(&format!("  recall {cmd} ")), "{cmd}: {help}");
    }
    assert!(r
        .ok(&["study", "--help"])
        .contains("f = fix the card in your editor"));
}

#[test]
fn check_finds_a_search_index_out_of_step_with_the_cards() {
    let r = Recall::with_demo();
    assert!(r.ok(&["check"]).starts_with("ok"));
    // a card written behind recall's back is not in the index
    r.sql()
        .execute(
            "INSERT INTO cards(deck_id, key, ord, kind, front, back, added_at, modified_at)
             VALUES ('demo', 'sneaky', 9, 'basic', 'Hidden?', 'yes', 0, 0)",
            [],
        )
        .unwrap();
    let out = r.cmd().arg("check").output().unwrap();
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the search index (cards_fts) does not match the cards"),
        "{text}"
    );
}

#[test]
fn a_deck_deleted_during_a_session_ends_it_calmly() {
    let r = Recall::with_demo();
    let mut p = r.pty(&["study", "--reveal"]);
    p.exp_string("Enter to reveal").unwrap();
    r.ok(&["delete", "demo", "--yes"]);
    p.send_line("").unwrap();
    p.exp_string("Grade 0-5").unwrap();
    p.send_line("5").unwrap();
    p.exp_string("this card was deleted meanwhile").unwrap();
    p.exp_string("Session over: 0 cards studied").unwrap();
    p.exp_eof().unwrap();
    assert!(r.ok(&["check"]).starts_with("ok"));
}

#[test]
fn an_import_while_the_editor_is_open_saves_nothing_and_keeps_the_text() {
    let r = Recall::with_demo();
    let changed = r.write(
        "changed.toml",
        crate::common::THREE_CARDS.replace("back = \"Paris\"", "back = \"Paris (FR)\""),
    );
    // the editor imports the group's new file meanwhile, then saves an edit
    let editor = r.script(
        "busy-editor",
        &format!(
            "'{bin}' import '{file}' > /dev/null && sed -i 's/^back = .*/back = \"Mine\"/' \"$1\"",
            bin = env!("CARGO_BIN_EXE_recall"),
            file = changed.display()
        ),
    );
    let out = r
        .cmd()
        .env("EDITOR", &editor)
        .args(["edit", "q1"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("card 'demo/q1' changed while you edited it (an import or another edit); nothing was saved; your text is in "),
        "{err}"
    );
    let kept = err.trim_end().rsplit("your text is in ").next().unwrap();
    assert!(std::fs::read_to_string(kept)
        .unwrap()
        .contains("back = \"Mine\""));
    std::fs::remove_file(kept).unwrap();
    assert_eq!(r.card("q1")["back"], "Paris (FR)");
    assert_eq!(r.card("q1")["edited"], false);
}
