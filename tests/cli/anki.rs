//! Anki interoperability, checked against Anki's own backend (the `anki`
//! Python package) and genanki. `.ci/run` installs both in a virtual
//! environment and points RECALL_TEST_PYTHON at it; without them these
//! tests are skipped locally (and fail under CI=true).

use std::path::{Path, PathBuf};
use std::process::Command as StdCommand;

use serde_json::Value;

use crate::common::{Recall, THREE_CARDS};

fn python() -> Option<PathBuf> {
    let candidates: Vec<PathBuf> = std::env::var_os("RECALL_TEST_PYTHON")
        .map(PathBuf::from)
        .into_iter()
        .chain([PathBuf::from("python3")])
        .collect();
    for p in candidates {
        let ok = StdCommand::new(&p)
            .args(["-c", "import anki.collection, genanki"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return Some(p);
        }
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the anki interop tests need Python with `anki` and `genanki` (set RECALL_TEST_PYTHON)"
        );
    }
    eprintln!("skipping: no Python with `anki` and `genanki` (set RECALL_TEST_PYTHON)");
    None
}

fn anki(py: &Path, args: &[&str]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/anki/interop.py");
    let out = StdCommand::new(py)
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "interop.py {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json from interop.py")
}

const LIST_DECK: &str = r#"
[[cards]]
id = "q4"
kind = "outline"
front = "Name the parts, in order."
back = ""
items = ["first part", "second <part>", "third & last"]
ordered = true
source = "II.(1)"
"#;

fn seeded(r: &Recall) -> PathBuf {
    let deck = r.write("demo.toml", format!("{THREE_CARDS}{LIST_DECK}"));
    r.ok(&["import", deck.to_str().unwrap()]);
    deck
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

#[test]
fn anki_imports_our_apkg_with_fields_deck_and_guids() {
    let Some(py) = python() else { return };
    let r = Recall::new();
    seeded(&r);
    let pkg = r.path("demo.apkg");
    r.ok(&[
        "export",
        "demo",
        "--format",
        "apkg",
        "-o",
        pkg.to_str().unwrap(),
    ]);
    let got = anki(&py, &["import", pkg.to_str().unwrap()]);
    assert_eq!(got["note_count"], 4);
    assert_eq!(got["card_count"], 4);
    assert_eq!(got["new"], 4);
    let notes = got["notes"].as_array().unwrap();
    assert!(notes.iter().all(|n| s(&n["deck"]) == "Demo deck"), "{got}");
    let by_front = |f: &str| {
        notes
            .iter()
            .find(|n| s(&n["fields"][0]).contains(f))
            .unwrap_or_else(|| panic!("{f}: {got}"))
    };
    let q1 = by_front("capital of France");
    assert_eq!(s(&q1["notetype"]), "recall Basic");
    assert_eq!(s(&q1["fields"][1]), "Paris");
    assert_eq!(s(&q1["guid"]), recall::anki::guid_for("demo", "q1"));
    let q3 = by_front("Water boils");
    assert_eq!(s(&q3["notetype"]), "recall Cloze");
    assert_eq!(
        s(&q3["fields"][0]),
        "Water boils at {{c1::100}} degrees Celsius."
    );
    let q4 = by_front("Name the parts");
    assert_eq!(
        s(&q4["fields"][1]),
        "<ol><li>first part</li><li>second &lt;part&gt;</li><li>third &amp; last</li></ol>"
    );
    assert_eq!(
        s(&q4["fields"][2]),
        "II.(1)",
        "the source locator is a field"
    );
}

#[test]
fn a_second_edited_export_updates_rather_than_duplicates() {
    let Some(py) = python() else { return };
    let r = Recall::new();
    let deck = seeded(&r);
    let first = r.path("v1.apkg");
    r.ok(&["export", "demo", "-o", first.to_str().unwrap()]);
    let text = std::fs::read_to_string(&deck)
        .unwrap()
        .replace("capital of France", "capital city of France");
    let deck = r.write("demo.toml", text);
    r.ok(&["import", deck.to_str().unwrap()]);
    let second = r.path("v2.apkg");
    r.at("2026-03-02T09:00:00Z")
        .args(["export", "demo", "-o", second.to_str().unwrap()])
        .assert()
        .success();
    let got = anki(
        &py,
        &["import", first.to_str().unwrap(), second.to_str().unwrap()],
    );
    assert_eq!(got["note_count"], 4, "no duplicates: {got}");
    assert_eq!(got["new"], 0, "{got}");
    assert!(got["updated"].as_u64().unwrap() >= 1, "{got}");
    assert!(got["notes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| s(&n["fields"][0]).contains("capital city")));
}

#[test]
fn anki_imports_our_csv() {
    let Some(py) = python() else { return };
    let r = Recall::new();
    seeded(&r);
    let csv = r.path("demo.csv");
    r.ok(&["export", "demo", "-o", csv.to_str().unwrap()]);
    let text = std::fs::read_to_string(&csv).unwrap();
    for h in [
        "#separator:tab",
        "#html:true",
        "#notetype:Basic",
        "#deck:Demo deck",
        "#guid column:1",
    ] {
        assert!(text.contains(h), "missing {h}");
    }
    let got = anki(&py, &["csv", csv.to_str().unwrap()]);
    assert_eq!(got["note_count"], 4, "{got}");
    let notes = got["notes"].as_array().unwrap();
    assert!(notes.iter().all(|n| s(&n["deck"]) == "Demo deck"));
    assert!(notes
        .iter()
        .any(|n| s(&n["guid"]) == recall::anki::guid_for("demo", "q2")));
    // and back into recall: same text
    let r2 = Recall::new();
    r2.ok(&["import", csv.to_str().unwrap()]);
    let cards = r2.cards();
    assert!(cards
        .iter()
        .any(|c| c["front"] == "Name the three primary colours."
            && c["items"] == serde_json::json!(["red", "yellow", "blue"])));
}

fn texts(r: &Recall) -> Vec<(String, String, Vec<String>, String, String)> {
    let mut v: Vec<_> = r
        .cards()
        .into_iter()
        .map(|c| {
            (
                s(&c["front"]).to_string(),
                s(&c["back"]).to_string(),
                c["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|x| s(x).to_string())
                    .collect(),
                s(&c["source"]).to_string(),
                s(&c["kind"]).to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

/// Deck `demo` exported by recall, imported into Anki and exported again
/// by Anki in the `mode` layout: the package a member sends back.
fn sent_round(py: &Path, r: &Recall, mode: &str) -> PathBuf {
    let ours = r.path("ours.apkg");
    if !ours.exists() {
        r.ok(&["export", "demo", "-o", ours.to_str().unwrap()]);
    }
    let theirs = r.path(&format!("anki-{mode}.apkg"));
    anki(
        py,
        &[
            "export",
            ours.to_str().unwrap(),
            theirs.to_str().unwrap(),
            mode,
        ],
    );
    theirs
}

#[test]
fn round_trip_through_anki_keeps_every_card_in_both_layouts() {
    let Some(py) = python() else { return };
    let r = Recall::new();
    seeded(&r);
    for mode in ["legacy", "modern"] {
        let theirs = sent_round(&py, &r, mode);
        let back = Recall::new();
        back.ok(&["import", theirs.to_str().unwrap()]);
        assert_eq!(texts(&back), texts(&r), "{mode} layout");
    }
}

#[test]
fn we_import_what_anki_and_genanki_write() {
    let Some(py) = python() else { return };
    let r = Recall::new();
    for mode in ["legacy", "modern"] {
        let pkg = r.path(&format!("stock-{mode}.apkg"));
        anki(&py, &["stock", pkg.to_str().unwrap(), mode]);
        let db = Recall::new();
        let out = db.ok(&["import", pkg.to_str().unwrap()]);
        assert!(out.contains("5 added"), "{mode}: {out}");
        assert!(out.contains("media file(s) skipped"), "{out}");
        let t: Vec<(String, String)> = texts(&db).into_iter().map(|x| (x.0, x.1)).collect();
        for pair in [
            ("Capital of France?", "Paris"),
            ("Largest ocean", "Pacific"),
            ("Pacific", "Largest ocean"),
            ("___ is the capital of Australia.", "Canberra"),
            ("Canberra is the capital of ___ (country).", "Australia"),
        ] {
            assert!(
                t.contains(&(pair.0.to_string(), pair.1.to_string())),
                "{mode}: {pair:?} in {t:?}"
            );
        }
        assert_eq!(
            db.ok(&["decks", "--json"])
                .matches("anki-stock-geography")
                .count(),
            1
        );
    }
    let pkg = r.path("genanki.apkg");
    anki(&py, &["genanki", pkg.to_str().unwrap()]);
    r.ok(&["import", pkg.to_str().unwrap()]);
    let t: Vec<(String, String)> = texts(&r).into_iter().map(|x| (x.0, x.1)).collect();
    assert_eq!(t.len(), 5, "{t:?}");
    assert!(t.contains(&("Hund".into(), "dog".into())));
    assert!(t.contains(&("Rust was first released in ___.".into(), "2015".into())));
}

#[test]
fn reimporting_an_updated_package_keeps_progress() {
    let Some(py) = python() else { return };
    let r = Recall::new();
    let pkg = r.path("stock.apkg");
    anki(&py, &["stock", pkg.to_str().unwrap(), "modern"]);
    r.ok(&["import", pkg.to_str().unwrap()]);
    let id = r
        .cards()
        .into_iter()
        .find(|c| c["front"] == "Largest ocean")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    r.ok(&["answer", &id, "5"]);
    // the same notes again (same GUIDs): nothing added, progress kept
    let pkg2 = r.path("stock2.apkg");
    anki(
        &py,
        &[
            "export",
            pkg.to_str().unwrap(),
            pkg2.to_str().unwrap(),
            "legacy",
        ],
    );
    let out = r.ok(&["import", pkg2.to_str().unwrap()]);
    assert!(out.contains("0 added"), "{out}");
    assert_eq!(r.card(&id)["reps"], 1);
}

#[test]
fn our_package_sent_round_through_anki_comes_back_under_our_ids() {
    let Some(py) = python() else { return };
    let r = Recall::new();
    seeded(&r);
    for mode in ["legacy", "modern"] {
        let theirs = sent_round(&py, &r, mode);
        let out = r.ok(&["import", theirs.to_str().unwrap(), "--dry-run", "--json"]);
        let report: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(report["deck"], "demo", "{mode}: {out}");
        for key in ["added", "relinked", "retired"] {
            assert_eq!(report[key], serde_json::json!([]), "{mode} {key}: {out}");
        }
    }
}

#[test]
fn tags_go_through_anki_and_come_back() {
    let Some(py) = python() else { return };
    let r = Recall::new();
    seeded(&r);
    r.ok(&["tag", "q1", "+geo", "+capitals::europe"]);
    for mode in ["legacy", "modern"] {
        let theirs = sent_round(&py, &r, mode);
        let back = Recall::new();
        back.ok(&["import", theirs.to_str().unwrap()]);
        let q1 = back
            .cards()
            .into_iter()
            .find(|c| c["front"] == "What is the capital of France?")
            .expect("q1 came back");
        let mut tags: Vec<String> = q1["tags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| s(t).to_string())
            .collect();
        tags.sort();
        assert_eq!(tags, ["capitals::europe", "geo"], "{mode}");
    }
}
