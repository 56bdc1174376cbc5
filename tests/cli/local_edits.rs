//! A member's local edits and the group's deck file: the three-way rule of
//! `src/import.rs`, one test per case, through the real binary.

use crate::common::{Recall, THREE_CARDS};

/// Edits card `id` with `sed -i EXPR` as the editor.
fn edit(r: &Recall, id: &str, expr: &str) {
    let editor = r.script("sed-editor", &format!("sed -i '{expr}' \"$1\""));
    r.cmd()
        .env("EDITOR", &editor)
        .args(["edit", id])
        .assert()
        .success();
}

/// The demo deck file with `from` replaced by `to`, written as `name`.
fn file(r: &Recall, name: &str, changes: &[(&str, &str)]) -> String {
    let mut text = THREE_CARDS.to_string();
    for (from, to) in changes {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    r.write(name, text).to_str().unwrap().to_string()
}

fn import(r: &Recall, path: &str, more: &[&str]) -> String {
    let mut args = vec!["import", path];
    args.extend_from_slice(more);
    r.ok(&args)
}

const Q3: &str = "[[cards]]\nid = \"q3\"\nkind = \"cloze\"\nfront = \"Water boils at ___ degrees Celsius.\"\nback = \"100\"\n";

/// A demo database whose q1 was answered and then edited to "Paris, France".
fn edited() -> (Recall, String) {
    let r = Recall::new();
    let original = file(&r, "demo.toml", &[]);
    import(&r, &original, &[]);
    r.ok(&["answer", "q1", "4"]);
    edit(&r, "q1", "s/^back = .*/back = \"Paris, France\"/");
    assert_eq!(r.card("q1")["edited"], true);
    (r, original)
}

fn state(r: &Recall, id: &str) -> (serde_json::Value, serde_json::Value, serde_json::Value) {
    let c = r.card(id);
    (c["ef"].clone(), c["reps"].clone(), c["due"].clone())
}

#[test]
fn edit_then_unchanged_file_keeps_the_local_text() {
    let (r, original) = edited();
    let before = r.db_digest();
    let out = import(&r, &original, &[]);
    assert!(
        out.contains("2 unchanged, 0 relinked, 0 retired, 0 revived; 1 local edit kept"),
        "{out}"
    );
    assert!(
        out.contains("local edit kept (the file has not changed these cards): q1"),
        "{out}"
    );
    assert_eq!(r.card("q1")["back"], "Paris, France");
    assert_eq!(
        r.db_digest(),
        before,
        "importing the same file changes nothing"
    );
    // `recall export` writes the local text
    let exported = r.ok(&["export", "demo"]);
    assert!(exported.contains("back = \"Paris, France\""), "{exported}");
    // and a tag is a local edit too
    r.ok(&["tag", "q2", "+art"]);
    import(&r, &original, &[]);
    assert_eq!(r.card("q2")["tags"], serde_json::json!(["art"]));
}

#[test]
fn edit_then_changed_file_is_a_conflict_that_keeps_mine_until_a_side_is_picked() {
    let (r, _) = edited();
    let progress = state(&r, "q1");
    let v2 = file(
        &r,
        "v2.toml",
        &[
            ("back = \"Paris\"", "back = \"Paris (France)\""),
            (
                "Name the three primary colours.",
                "Name the three primary colours of paint.",
            ),
        ],
    );
    // a dry run tells and changes nothing
    let before = r.db_digest();
    let out = import(&r, &v2, &["--dry-run"]);
    assert!(out.contains("conflict: q1"), "{out}");
    assert_eq!(r.db_digest(), before);
    // the conflict is reported, at every import, and mine stays
    for round in 0..2 {
        let out = import(&r, &v2, &[]);
        // (q2, not edited here, follows the file the first time)
        let updated = if round == 0 { "1 updated" } else { "0 updated" };
        assert!(
            out.contains(updated) && out.contains("; 1 conflict"),
            "{out}"
        );
        assert!(
            out.contains(
                "conflict: q1: the file changed this card since your edit; kept your text; \
                 `--theirs=q1` takes the file's, `--mine=q1` keeps yours"
            ),
            "{out}"
        );
        assert_eq!(r.card("q1")["back"], "Paris, France");
        assert_eq!(
            r.card("q2")["front"],
            "Name the three primary colours of paint."
        );
    }
    let json: serde_json::Value = serde_json::from_str(&import(&r, &v2, &["--json"])).unwrap();
    assert_eq!(
        json["conflicts"],
        serde_json::json!([{"card": "q1", "file": "changed", "kept": "mine", "resolved": false}])
    );
    // --theirs takes the file's card; progress stays
    let out = import(&r, &v2, &["--theirs=q1"]);
    assert!(out.contains("conflict: q1: the file changed this card since your edit; took the file's card (--theirs)"), "{out}");
    let q1 = r.card("q1");
    assert_eq!(
        (q1["back"].as_str(), q1["edited"].as_bool()),
        (Some("Paris (France)"), Some(false))
    );
    assert_eq!(state(&r, "q1"), progress);
    let out = import(&r, &v2, &[]);
    assert!(
        out.contains("0 updated, 3 unchanged") && !out.contains("conflict"),
        "{out}"
    );
}

#[test]
fn mine_keeps_the_local_text_and_stops_asking_until_the_file_changes_again() {
    let (r, _) = edited();
    let v2 = file(
        &r,
        "v2.toml",
        &[("back = \"Paris\"", "back = \"Paris (France)\"")],
    );
    let out = import(&r, &v2, &["--mine"]);
    assert!(
        out.contains(
            "conflict: q1: the file changed this card since your edit; kept your text (--mine)"
        ),
        "{out}"
    );
    assert_eq!(r.card("q1")["back"], "Paris, France");
    let out = import(&r, &v2, &[]);
    assert!(
        out.contains("1 local edit kept") && !out.contains("conflict"),
        "{out}"
    );
    let v3 = file(
        &r,
        "v3.toml",
        &[("back = \"Paris\"", "back = \"Paris, on the Seine\"")],
    );
    let out = import(&r, &v3, &[]);
    assert!(out.contains("; 1 conflict"), "{out}");
    assert_eq!(r.card("q1")["back"], "Paris, France");
}

#[test]
fn edit_then_card_removed_from_the_file_is_a_conflict_too() {
    let r = Recall::with_demo();
    edit(&r, "q3", "s/^back = .*/back = \"100 (at sea level)\"/");
    let without = file(&r, "without-q3.toml", &[(Q3, "")]);
    for _ in 0..2 {
        let out = import(&r, &without, &[]);
        assert!(
            out.contains("0 retired") && out.contains("; 1 conflict"),
            "{out}"
        );
        assert!(
            out.contains("conflict: q3: the file no longer has this card; kept your text; `--theirs=q3` takes the file's (retires it)"),
            "{out}"
        );
        assert_eq!(r.card("q3")["retired"], false);
        assert!(r.ok(&["export", "demo"]).contains("100 (at sea level)"));
    }
    let json: serde_json::Value = serde_json::from_str(&import(&r, &without, &["--json"])).unwrap();
    assert_eq!(json["conflicts"][0]["file"], "removed");
    // --theirs retires it (history kept), as the file says
    let out = import(&r, &without, &["--theirs"]);
    assert!(
        out.contains("conflict: q3: the file no longer has this card; retired it (--theirs)"),
        "{out}"
    );
    assert_eq!(r.card("q3")["retired"], true);
    assert!(!r.ok(&["export", "demo"]).contains("q3"));
}

#[test]
fn mine_keeps_a_removed_card_and_its_return_is_a_conflict() {
    let r = Recall::with_demo();
    edit(&r, "q3", "s/^back = .*/back = \"100 (at sea level)\"/");
    let without = file(&r, "without-q3.toml", &[(Q3, "")]);
    import(&r, &without, &["--mine=demo/q3"]);
    let out = import(&r, &without, &[]);
    assert!(
        out.contains("1 local edit kept") && !out.contains("conflict"),
        "{out}"
    );
    assert_eq!(r.card("q3")["retired"], false);
    // the file brings the card back: it differs from the local text
    let original = file(&r, "demo2.toml", &[]);
    let out = import(&r, &original, &[]);
    assert!(
        out.contains("conflict: q3: the file changed this card"),
        "{out}"
    );
    assert_eq!(r.card("q3")["back"], "100 (at sea level)");
}

#[test]
fn a_file_that_takes_the_edit_ends_it() {
    let (r, _) = edited();
    let adopted = file(
        &r,
        "adopted.toml",
        &[("back = \"Paris\"", "back = \"Paris, France\"")],
    );
    let out = import(&r, &adopted, &[]);
    assert!(out.contains("1 local edit now in the file"), "{out}");
    assert!(
        out.contains("local edit now in the file (no longer local): q1"),
        "{out}"
    );
    assert_eq!(r.card("q1")["edited"], false);
    // from now on the file's changes come in as usual
    let later = file(
        &r,
        "later.toml",
        &[("back = \"Paris\"", "back = \"Paris, FR\"")],
    );
    let out = import(&r, &later, &[]);
    assert!(
        out.contains("1 updated") && !out.contains("conflict"),
        "{out}"
    );
    assert_eq!(r.card("q1")["back"], "Paris, FR");
}

#[test]
fn an_edit_back_to_the_file_text_is_no_local_edit() {
    let (r, _) = edited();
    edit(&r, "q1", "s/^back = .*/back = \"Paris\"/");
    assert_eq!(r.card("q1")["edited"], false);
}

#[test]
fn sides_for_cards_without_a_conflict_are_refused() {
    let (r, _) = edited();
    let v2 = file(
        &r,
        "v2.toml",
        &[("back = \"Paris\"", "back = \"Paris (France)\"")],
    );
    let before = r.db_digest();
    for (args, needle) in [
        (&["--theirs=q2"][..], "--theirs=q2: card 'q2' has no conflict in this import (conflicts: q1); nothing was imported"),
        (&["--mine", "--theirs"], "--mine and --theirs cannot both take every conflict"),
        (&["--mine=q1", "--theirs=q1"], "card 'q1' is given to both --mine and --theirs"),
    ] {
        let mut a = vec!["import", v2.as_str()];
        a.extend_from_slice(args);
        let out = r.cmd().args(&a).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(r.db_digest(), before, "{args:?}");
    }
}
