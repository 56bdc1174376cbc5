//! Mutation fuzzing of everything that reads untrusted input, on stable
//! Rust (cargo-fuzz needs nightly, which this toolchain cannot fetch).
//!
//! Each target mutates seed inputs (bit flips, token insertions, deletions,
//! duplications, truncation, splicing) and fails on a panic or on an input
//! that takes longer than [`SLOW`]. By default each target runs for a
//! moment (CI); for a real run:
//!
//! ```sh
//! RECALL_FUZZ_SECS=600 cargo test --release --test fuzz -- --nocapture --test-threads 2
//! ```
//!
//! Findings are kept as regression inputs in `tests/fuzz_regressions/`
//! (run first by every target).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use rand::{rngs::StdRng, Rng, SeedableRng};

/// An input slower than this is a hang.
const SLOW: Duration = Duration::from_secs(5);

const TOKENS: &[&[u8]] = &[
    b"[[cards]]\n",
    b"[deck]\n",
    b"format = 1\n",
    b"id = \"x\"\n",
    b"kind = \"list\"\n",
    b"items = [\"a\", \"b\"]\n",
    b"\"",
    b"'''",
    b"\n",
    b"\\u{0}",
    b"(1) ",
    b"(2) ",
    b"First, ",
    b"Second, ",
    b", ",
    b"; ",
    b" and ",
    b" or ",
    b": ",
    b"{{c1::",
    b"}}",
    b"::",
    b"\x1f",
    b"<li>",
    b"</li>",
    b"<ul>",
    b"&amp;",
    b"&#x1F600;",
    b"30%",
    b"2016",
    b"\xff",
    b"\xe2\x80\x99",
    b"# ",
    b"#separator:tab\n",
    b"#guid column:1\n",
    b"\t",
    b"___",
    b"It ",
    b"These are: ",
    b"{\"item\": \"x\", \"attempts\": 3, \"misses\": 1}",
    b"\"last_grade\": 5",
    b"null",
    b"\\u0000",
    b"\\ud800",
    b"4294967295",
    b"1e999",
];

fn seconds() -> u64 {
    std::env::var("RECALL_FUZZ_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}

fn mutate(rng: &mut StdRng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    for _ in 0..rng.gen_range(1..6) {
        let len = input.len();
        match rng.gen_range(0..7) {
            0 if len > 0 => {
                let i = rng.gen_range(0..len);
                input[i] ^= 1 << rng.gen_range(0..8);
            }
            1 => {
                let t = TOKENS[rng.gen_range(0..TOKENS.len())];
                let i = rng.gen_range(0..=len);
                input.splice(i..i, t.iter().copied());
            }
            2 if len > 0 => {
                let a = rng.gen_range(0..len);
                let b = (a + rng.gen_range(0..64)).min(len);
                input.drain(a..b);
            }
            3 if len > 0 => {
                let a = rng.gen_range(0..len);
                let b = (a + rng.gen_range(0..128)).min(len);
                let chunk: Vec<u8> = input[a..b].to_vec();
                let i = rng.gen_range(0..=input.len());
                input.splice(i..i, chunk);
            }
            4 if len > 0 => input.truncate(rng.gen_range(0..len)),
            5 => {
                let other = &seeds[rng.gen_range(0..seeds.len())];
                if !other.is_empty() {
                    let a = rng.gen_range(0..other.len());
                    let i = rng.gen_range(0..=input.len());
                    input.splice(i..i, other[a..].iter().take(200).copied());
                }
            }
            _ => {
                let i = rng.gen_range(0..=len);
                input.insert(i, rng.gen());
            }
        }
    }
    input.truncate(1 << 20);
}

/// Runs `target` on the seeds, the regression inputs, then mutants until
/// the time is up. Returns the number of inputs tried.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, target: impl Fn(&[u8])) -> u64 {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(name);
    let mut corpus = seeds.clone();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            corpus.push(std::fs::read(e.path()).unwrap());
        }
    }
    let run = |input: &[u8]| {
        let start = Instant::now();
        let r = catch_unwind(AssertUnwindSafe(|| target(input)));
        let took = start.elapsed();
        if r.is_err() || took > SLOW {
            let _ = std::fs::create_dir_all(std::env::temp_dir().join("recall-fuzz"));
            let p = std::env::temp_dir()
                .join("recall-fuzz")
                .join(format!("{name}-{}", input.len()));
            let _ = std::fs::write(&p, input);
            panic!(
                "{name}: {} on an input saved to {}",
                if r.is_err() { "panic" } else { "hang" },
                p.display()
            );
        }
    };
    for s in &corpus {
        run(s);
    }
    let seed = std::env::var("RECALL_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut rng = StdRng::seed_from_u64(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds());
    let mut n = 0u64;
    while Instant::now() < deadline {
        let mut input = corpus[rng.gen_range(0..corpus.len())].clone();
        mutate(&mut rng, &corpus, &mut input);
        run(&input);
        n += 1;
        // keep some mutants as new starting points
        if n % 64 == 0 && corpus.len() < 512 {
            corpus.push(input);
        }
    }
    eprintln!(
        "fuzz {name}: {n} inputs in {} s, no panic or hang",
        seconds()
    );
    n
}

const DECK: &str = include_str!("../decks/seed.toml");
const DOC: &str = include_str!("../decks/sources/000_e83d40c0b69a7c7e.txt");

#[test]
fn fuzz_deck_file_parser() {
    let seeds = vec![
        DECK.as_bytes()[..6000].to_vec(),
        b"format = 1\n[deck]\nid = \"d\"\nname = \"n\"\n".to_vec(),
    ];
    fuzz("deckfile", seeds, |b| {
        if let Ok(d) = recall::deckfile::parse(Path::new("f.toml"), b) {
            // whatever parses, writes and parses back the same
            let again = recall::deckfile::parse(
                Path::new("f.toml"),
                recall::deckfile::to_toml(&d).as_bytes(),
            );
            assert_eq!(again.ok().as_ref(), Some(&d));
        }
    });
}

#[test]
fn fuzz_document_builder() {
    let seeds = vec![
        DOC.as_bytes()[..4000].to_vec(),
        b"Title\n\n1. A colony has three castes: queens, workers and drones.\n\n(1) One; (2) Two.\n".to_vec(),
    ];
    fuzz("builder", seeds, |b| {
        if let Ok(text) = recall::builder::decode_document(Path::new("d.txt"), b) {
            if let Ok(built) = recall::builder::build_deck(&text, &Default::default()) {
                let toml = recall::deckfile::to_toml(&built.deck);
                assert!(
                    recall::deckfile::parse(Path::new("x"), toml.as_bytes()).is_ok(),
                    "{toml}"
                );
            }
        }
    });
}

#[test]
fn fuzz_answer_grader() {
    let seeds = vec![
        b"politics, security, economy\x1fpolitics; securty".to_vec(),
        b"30%\x1f30 percent".to_vec(),
        b"lasting peace\x1fopenness and tolerance\x1fpeace, openness".to_vec(),
    ];
    fuzz("grader", seeds, |b| {
        let s = String::from_utf8_lossy(b);
        let mut parts: Vec<String> = s.split('\u{1f}').map(str::to_string).collect();
        let typed = parts.pop().unwrap_or_default();
        let ordered = b.len() % 2 == 0;
        let a = recall::grading::assess(&typed, &parts, ordered, &typed);
        assert!(a.grade.value() <= 5);
        assert!((0.0..=1.0).contains(&a.recall), "{a:?}");
    });
}

fn sample_package() -> Vec<u8> {
    let deck = recall::deckfile::parse(Path::new("x"), DECK.as_bytes()).unwrap();
    let mut small = deck.clone();
    small.cards.truncate(12);
    recall::anki::export::apkg(&small, 1_700_000_000_000).unwrap()
}

#[test]
fn fuzz_package_reader() {
    let pkg = sample_package();
    let col = recall::anki::package::read(Path::new("p"), &pkg)
        .unwrap()
        .bytes;
    fuzz("package", vec![pkg], |b| {
        if let Ok(c) = recall::anki::package::read(Path::new("p.apkg"), b) {
            let _ = recall::anki::import::read(Path::new("p.apkg"), &c);
        }
    });
    // structure-aware: a valid zip around a mutated collection
    fuzz("collection", vec![col], |b| {
        let c = recall::anki::package::Collection {
            layout: recall::anki::package::Layout::Legacy,
            bytes: b.to_vec(),
            media_files: 0,
        };
        let _ = recall::anki::import::read(Path::new("c.apkg"), &c);
    });
}

#[test]
fn fuzz_csv_reader() {
    let deck = recall::deckfile::parse(Path::new("x"), DECK.as_bytes()).unwrap();
    let csv = recall::anki::csv::export(&deck);
    let seeds = vec![
        csv.as_bytes()[..3000].to_vec(),
        b"front,back\n\"a,b\",c\n{{c1::x}},\n".to_vec(),
    ];
    fuzz("csv", seeds, |b| {
        let _ = recall::anki::csv::import(Path::new("f.csv"), b);
        let _ = recall::anki::csv::import(Path::new("f.tsv"), b);
    });
}

#[test]
fn fuzz_group_summary_reader() {
    use recall::group::{html, merge, summary, svg, table};
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_group");
    let mut seeds = vec![
        std::fs::read(corpus.join("same-member-new.json")).unwrap(),
        std::fs::read(corpus.join("misses-exceed.json")).unwrap(),
    ];
    seeds.push(
        br#"{"format":1,"kind":"recall-group-progress","date":"2026-01-01","member":{"id":"m","name":"<&>"},"deck":{"id":"d","name":"D","hash":"0"},"scheduler":"sm2","cards":[{"id":"a","hash":"0f","source":"II.(1)","reps":0,"lapses":0,"interval":0,"ef":null,"last_grade":null,"days_since":null}]}"#
            .to_vec(),
    );
    fuzz("group_summary", seeds, |b| {
        if let Ok(s) = summary::parse(Path::new("s.json"), b) {
            // whatever reads, writes and reads back the same, merges with
            // itself, and renders to well-formed SVG and HTML
            let again = summary::parse(Path::new("s.json"), s.to_json().as_bytes());
            assert_eq!(again.ok().as_ref(), Some(&s));
            let inputs = vec![
                merge::Input {
                    file: "a".into(),
                    summary: s.clone(),
                },
                merge::Input {
                    file: "b".into(),
                    summary: s,
                },
            ];
            let r = merge::merge(inputs, None, merge::Rule::default()).expect("merges");
            assert_eq!(r.members.len(), 1);
            let _ = table::text(&r, 80, false);
            roxmltree::Document::parse(&svg::svg(&r)).expect("well-formed SVG");
            let page = html::html(&r).replace("<!DOCTYPE html>", "");
            roxmltree::Document::parse(&page).expect("well-formed HTML");
        }
    });
}

#[test]
fn fuzz_harness_reports_a_panic_in_a_worker_thread() {
    // the builder works on several threads: their panics must reach the harness
    let r = catch_unwind(|| {
        fuzz("selftest", vec![b"x".to_vec()], |_| {
            std::thread::scope(|s| {
                let h = s.spawn(|| panic!("boom"));
                h.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            })
        })
    });
    assert!(r.is_err());
}
