//! The bad-input corpus (`tests/bad/`, listed in `tests/bad/expected.tsv`)
//! plus generated extremes. Each input: one clear error line, a non-zero
//! exit, the database unchanged, no output file written.

use std::path::Path;

use crate::common::{Recall, THREE_CARDS};

fn check(r: &Recall, cmd: &str, file: &Path, needle: &str) {
    let before = r.db_digest();
    let out_file = r.path("out.toml");
    let mut c = r.cmd();
    match cmd {
        "import" => c.args(["import", file.to_str().unwrap()]),
        "build" => c.args([
            "build",
            file.to_str().unwrap(),
            "-o",
            out_file.to_str().unwrap(),
            "--import",
        ]),
        other => panic!("unknown command {other}"),
    };
    let out = c.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{file:?} was accepted");
    assert_eq!(err.trim_end().lines().count(), 1, "{file:?}: {err}");
    assert!(err.starts_with("recall: "), "{err}");
    assert!(
        err.contains(needle),
        "{file:?}: expected '{needle}' in: {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(r.db_digest(), before, "{file:?} changed the database");
    assert!(!out_file.exists(), "{file:?} wrote a deck");
}

fn seeded() -> Recall {
    let r = Recall::new();
    let f = r.write("demo.toml", THREE_CARDS);
    r.ok(&["import", f.to_str().unwrap()]);
    r.ok(&["answer", "q1", "4"]);
    r
}

#[test]
fn corpus_of_malformed_inputs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let manifest = std::fs::read_to_string(dir.join("expected.tsv")).unwrap();
    let r = seeded();
    let mut n = 0;
    for line in manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let parts: Vec<&str> = line.splitn(3, '\t').collect();
        let [name, cmd, needle] = parts[..] else {
            panic!("bad manifest line {line}")
        };
        check(&r, cmd, &dir.join(name), needle);
        n += 1;
    }
    assert!(n >= 30, "only {n} cases");
    // every file in the corpus is listed
    let listed = manifest.lines().filter(|l| !l.starts_with('#')).count();
    let files = std::fs::read_dir(&dir).unwrap().count() - 1;
    assert_eq!(listed, files, "a file in tests/bad/ is not in expected.tsv");
}

#[test]
fn generated_extremes() {
    let r = seeded();
    // a 10 MB document on one line, with no sentence end
    let line = "word ".repeat(2 * 1024 * 1024);
    let f = r.write("one-line.txt", &line);
    check(&r, "build", &f, "no cards could be made");
    // a 10 MB field
    let f = r.write(
        "huge-field.toml",
        THREE_CARDS.replace("Paris", &"x".repeat(10 * 1024 * 1024)),
    );
    check(&r, "import", &f, "longer than 20000 bytes");
    // deeply nested TOML
    let nested = format!(
        "format = 1\nx = {}1{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let f = r.write("nested.toml", nested);
    check(&r, "import", &f, "nested.toml:");
    // a deck whose id is used by another deck
    let f = r.write(
        "other.toml",
        THREE_CARDS
            .replace("Demo deck", "Another")
            .replace("q1", "z1")
            .replace("q2", "z2")
            .replace("q3", "z3"),
    );
    check(&r, "import", &f, "already used by a different deck");
}

#[test]
fn a_100k_card_deck_imports_in_one_transaction() {
    let r = Recall::new();
    let mut s = String::from("format = 1\n[deck]\nid = \"huge\"\nname = \"Huge\"\n");
    for i in 0..100_000 {
        s.push_str(&format!(
            "[[cards]]\nid = \"c{i}\"\nkind = \"basic\"\nfront = \"Q{i}?\"\nback = \"A{i}\"\n"
        ));
    }
    let f = r.write("huge.toml", s);
    let out = r.ok(&["import", f.to_str().unwrap()]);
    assert!(out.contains("100000 added"), "{out}");
}
