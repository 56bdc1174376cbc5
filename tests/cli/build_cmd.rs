//! `recall build`: the shipped deck, determinism, id stability, bad input.

use std::path::PathBuf;

use crate::common::Recall;

fn seed_doc() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/sources/000_e83d40c0b69a7c7e.txt")
}

fn shipped_deck() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("decks/seed.toml")
}

#[test]
fn shipped_seed_deck_matches_a_fresh_build() {
    let r = Recall::new();
    // build from a copy with the same file name: the name is recorded in the deck
    let doc = r.write(
        "000_e83d40c0b69a7c7e.txt",
        std::fs::read(seed_doc()).unwrap(),
    );
    let out = r.path("seed.toml");
    r.ok(&["build", doc.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let fresh = std::fs::read_to_string(&out).unwrap();
    let shipped = std::fs::read_to_string(shipped_deck()).unwrap();
    assert!(
        fresh == shipped,
        "decks/seed.toml is stale: rebuild it with `recall build decks/sources/000_e83d40c0b69a7c7e.txt -o decks/seed.toml`"
    );
}

#[test]
fn building_twice_is_byte_identical_and_defaults_to_the_stem() {
    let r = Recall::new();
    let doc = r.write("essay.txt", std::fs::read(seed_doc()).unwrap());
    let summary = r.ok(&["build", doc.to_str().unwrap()]);
    assert!(
        summary.starts_with("wrote ") && summary.contains(" list"),
        "{summary}"
    );
    let first = std::fs::read(r.path("essay.toml")).unwrap();
    r.ok(&["build", doc.to_str().unwrap(), "--force"]);
    assert_eq!(std::fs::read(r.path("essay.toml")).unwrap(), first);
}

fn ids_by_source(toml: &str) -> Vec<(String, String)> {
    let deck = recall::deckfile::parse(std::path::Path::new("x"), toml.as_bytes()).unwrap();
    deck.cards.into_iter().map(|c| (c.source, c.id)).collect()
}

#[test]
fn editing_one_paragraph_changes_only_its_card_ids() {
    let r = Recall::new();
    let text = std::fs::read_to_string(seed_doc()).unwrap();
    let a = r.write("a.txt", &text);
    r.ok(&["build", a.to_str().unwrap()]);
    // change a figure and a word in the III.(3) paragraph only
    let marker = "3.69 trillion US dollars";
    assert!(text.contains(marker));
    let edited = text.replace(marker, "3.7 trillion US dollars");
    let b = r.write("b.txt", &edited);
    r.ok(&["build", b.to_str().unwrap()]);
    let before = ids_by_source(&std::fs::read_to_string(r.path("a.toml")).unwrap());
    let after = ids_by_source(&std::fs::read_to_string(r.path("b.toml")).unwrap());
    let outside = |v: &[(String, String)]| -> Vec<String> {
        v.iter()
            .filter(|(s, _)| s != "III.(3)")
            .map(|(_, id)| id.clone())
            .collect()
    };
    assert_eq!(
        outside(&before),
        outside(&after),
        "ids outside III.(3) must not change"
    );
    assert_ne!(before, after, "the edited paragraph's cards changed");
}

#[test]
fn rebuilt_deck_reimports_keeping_progress() {
    let r = Recall::new();
    let text = std::fs::read_to_string(seed_doc()).unwrap();
    let doc = r.write("essay.txt", &text);
    r.ok(&["build", doc.to_str().unwrap(), "--import"]);
    let first = r.cards()[0]["id"].as_str().unwrap().to_string();
    r.ok(&["answer", &first, "5"]);
    let edited = text.replace("3.69 trillion US dollars", "3.7 trillion US dollars");
    let doc = r.write("essay.txt", &edited);
    let out = r.ok(&["build", doc.to_str().unwrap(), "--import", "--force"]);
    assert!(out.contains("unchanged"), "{out}");
    assert_eq!(r.card(&first)["reps"], 1);
}

#[test]
fn bad_documents_are_refused_and_nothing_is_written() {
    let r = Recall::new();
    let dir = r.path("adir");
    std::fs::create_dir(&dir).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (r.path("missing.txt"), "missing.txt"),
        (dir.clone(), "adir"),
        (r.write("latin1.txt", b"Caf\xe9 society.\n"), "not UTF-8"),
        (r.write("binary.txt", b"\x7fELF\x00\x01\x02"), "binary"),
        (r.write("empty.txt", b""), "empty"),
        (r.write("blank.txt", b"  \n\t\n  "), "empty"),
        (r.write("nocards.txt", b"Hello.\n"), "no cards"),
    ];
    for (path, needle) in cases {
        let out = r
            .cmd()
            .args(["build", path.to_str().unwrap(), "-o", "out.toml"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{path:?}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{path:?}: {err}");
        assert!(!r.path("out.toml").exists(), "{path:?} wrote a deck");
    }
}

#[test]
fn verbose_explains_dropped_candidates() {
    let r = Recall::new();
    let doc = r.write("essay.txt", std::fs::read(seed_doc()).unwrap());
    let out = r.ok(&["build", "--verbose", doc.to_str().unwrap()]);
    assert!(out.contains("dropped ["), "{out}");
}
