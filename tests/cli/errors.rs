//! Bad input: one clear line naming the file and place, a non-zero exit, and
//! no change to the database.

use crate::common::{Recall, THREE_CARDS};

/// Runs `args`, expects failure with one stderr line containing `needle`,
/// and checks the database did not change.
fn refused(r: &Recall, args: &[&str], needle: &str) {
    let before = r.db_digest();
    let out = r.cmd().args(args).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{args:?} should fail");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(
        err.contains(needle),
        "{args:?}: expected '{needle}' in: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(r.db_digest(), before, "{args:?} changed the database");
}

fn seeded() -> Recall {
    let r = Recall::with_demo();
    r.ok(&["answer", "q1", "4"]);
    r
}

#[test]
fn malformed_deck_files_name_file_line_and_column() {
    let r = seeded();
    let cases: &[(&str, String, &str)] = &[
        (
            "bad-toml.toml",
            "format = 1\n[deck\nid = 1\n".into(),
            "bad-toml.toml:2:",
        ),
        (
            "missing.toml",
            THREE_CARDS.replace("kind = \"basic\"\n", ""),
            "missing field `kind`",
        ),
        (
            "dup.toml",
            THREE_CARDS.replace("id = \"q2\"", "id = \"q1\""),
            "dup.toml:14:6: duplicate card id 'q1'",
        ),
        (
            "empty-front.toml",
            THREE_CARDS.replace("What is the capital of France?", " "),
            "empty-front.toml:10:9: card 'q1': front is empty",
        ),
        (
            "format.toml",
            THREE_CARDS.replace("format = 1", "format = 2"),
            "format.toml:1:10: unknown deck format 2",
        ),
        (
            "kind.toml",
            THREE_CARDS.replace("kind = \"basic\"", "kind = \"essay\""),
            "unknown kind 'essay'",
        ),
        (
            "types.toml",
            THREE_CARDS.replace("ordered = false", "ordered = \"no\""),
            "types.toml:",
        ),
        ("empty.toml", String::new(), "missing field `format`"),
    ];
    for (name, text, needle) in cases {
        let f = r.write(name, text);
        refused(&r, &["import", f.to_str().unwrap()], needle);
        refused(&r, &["import", "--dry-run", f.to_str().unwrap()], needle);
    }
}

#[test]
fn invalid_utf8_and_nul_bytes_are_refused() {
    let r = seeded();
    let mut bytes = THREE_CARDS.as_bytes().to_vec();
    bytes.splice(40..40, [0xffu8, 0xfe]);
    let f = r.write("latin1.toml", bytes);
    refused(&r, &["import", f.to_str().unwrap()], "not valid UTF-8");
    let f = r.write("nul.toml", b"format = 1\0\n");
    refused(&r, &["import", f.to_str().unwrap()], "nul.toml:1:");
}

#[test]
fn missing_file_and_unknown_things() {
    let r = seeded();
    refused(&r, &["import", "nope.toml"], "nope.toml");
    refused(
        &r,
        &["answer", "no-such-card", "4"],
        "no card 'no-such-card'",
    );
    refused(&r, &["export", "no-deck"], "no deck 'no-deck'");
    refused(&r, &["cards", "no-deck"], "no deck 'no-deck'");
    let out = r.cmd().args(["answer", "q1", "6"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "clap usage error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("0..=5"));
}

#[test]
fn bad_now_is_refused() {
    let r = seeded();
    let before = r.db_digest();
    let out = r.at("yesterday").args(["decks"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("RFC 3339"));
    assert_eq!(r.db_digest(), before);
}

#[test]
fn a_deck_id_taken_by_another_deck_is_refused() {
    let r = seeded();
    let other = "format = 1\n[deck]\nid = \"demo\"\nname = \"Something else\"\n[[cards]]\nid = \"z\"\nkind = \"basic\"\nfront = \"Q?\"\nback = \"A\"\n";
    let f = r.write("other.toml", other);
    refused(
        &r,
        &["import", f.to_str().unwrap()],
        "already used by a different deck",
    );
}

#[test]
fn not_a_database_is_refused_and_left_alone() {
    let r = Recall::new();
    std::fs::write(
        &r.db,
        b"this is not sqlite, just some text that is long enough to be a header",
    )
    .unwrap();
    let before = std::fs::read(&r.db).unwrap();
    let out = r.cmd().args(["decks"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a recall database"), "{err}");
    assert_eq!(std::fs::read(&r.db).unwrap(), before);
}
