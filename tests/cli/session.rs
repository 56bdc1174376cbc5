//! Sessions that explain themselves, siblings kept apart, and the small
//! command-line promises (the "No card that gives away the next one" issue,
//! points 7-11 and 14-17).

use std::collections::{BTreeMap, BTreeSet};

use crate::common::{demo_as, Recall};

/// Day `n` of March 2026, 09:00 UTC.
pub fn day(n: u32) -> String {
    format!("2026-03-{n:02}T09:00:00+00:00")
}

/// A deck file: a list card and four cloze siblings from one sentence (a
/// family of five), and two cards alone.
pub const FAMILY: &str = r#"format = 1

[deck]
id = "fam"
name = "Family deck"

[[cards]]
id = "list"
kind = "list"
front = "What are the five aspects? (5 items)"
back = ""
items = ["politics", "security", "economy", "culture", "ecology"]
source = "II ¶1"
context = "Promote it from five aspects: politics, security, economy, culture and ecology."

[[cards]]
id = "c-count"
kind = "cloze"
front = "Promote it from ___ aspects: politics, security, economy, culture and ecology."
back = "five"
source = "II ¶1"
context = "Promote it from five aspects: politics, security, economy, culture and ecology."

[[cards]]
id = "c-politics"
kind = "cloze"
front = "Promote it from five aspects: ___, security, economy, culture and ecology."
back = "politics"
source = "II ¶1"
context = "Promote it from five aspects: politics, security, economy, culture and ecology."

[[cards]]
id = "c-security"
kind = "cloze"
front = "Promote it from five aspects: politics, ___, economy, culture and ecology."
back = "security"
source = "II ¶1"
context = "promote it from five aspects:  politics, security, economy, culture and ecology."

[[cards]]
id = "c-ecology"
kind = "cloze"
front = "Promote it from five aspects: politics, security, economy, culture and ___."
back = "ecology"
source = "II ¶1"
context = "Promote it from five aspects: politics, security, economy, culture and ecology."

[[cards]]
id = "alone-1"
kind = "basic"
front = "Capital of France?"
back = "Paris"
source = "I"
context = "Paris is the capital of France."

[[cards]]
id = "alone-2"
kind = "cloze"
front = "Water boils at ___ degrees."
back = "100"
"#;

const FAMILY_IDS: [&str; 5] = ["list", "c-count", "c-politics", "c-security", "c-ecology"];

/// (day, card id) of every answer, in order.
fn answers(r: &Recall) -> Vec<(String, String)> {
    r.sql()
        .prepare("SELECT r.day, c.key FROM revlog r JOIN cards c ON c.id = r.card_id ORDER BY r.id")
        .unwrap()
        .query_map([], |x| Ok((x.get(0)?, x.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// Runs `recall study ARGS` at `now` with a script on standard input.
fn study(r: &Recall, now: &str, args: &[&str], script: &str) -> String {
    let out = r
        .at(now)
        .arg("study")
        .args(args)
        .write_stdin(script.to_string())
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

/// Reveal and grade 5, for every card a session shows.
fn all_fives() -> String {
    "\n5\n".repeat(60)
}

// ---- 7: siblings ----

#[test]
fn siblings_are_buried_one_of_a_family_a_day() {
    let r = Recall::new();
    let deck = r.write("fam.toml", FAMILY);
    r.ok(&["import", deck.to_str().unwrap()]);
    let first = study(&r, &day(1), &["--reveal"], &all_fives());
    // the list card and the two cards alone; the four clozes wait
    assert!(first.contains("[1/3]"), "{first}");
    assert!(!first.contains("___ aspects"), "{first}");
    // a second session the same day: only siblings are left, and it says so
    let again = study(&r, &day(1), &["--reveal"], &all_fives());
    assert!(
        again.contains("4 cards wait until tomorrow: siblings"),
        "{again}"
    );
    for d in 2..=14 {
        study(&r, &day(d), &["--reveal"], &all_fives());
    }
    let mut per_day: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (d, card) in answers(&r) {
        if FAMILY_IDS.contains(&card.as_str()) {
            per_day.entry(d).or_default().insert(card);
        }
    }
    for (d, cards) in &per_day {
        assert_eq!(cards.len(), 1, "siblings shown together on {d}: {cards:?}");
    }
    // every member of the family came in time, one a day
    let seen: BTreeSet<&String> = per_day.values().flatten().collect();
    assert_eq!(seen.len(), 5, "{per_day:?}");
}

// ---- 8, 9: the new-card budget ----

fn two_decks(new_per_day: &str) -> Recall {
    let r = Recall::with_demo();
    r.ok(&["config", "new_per_day", new_per_day]);
    let other = r.write("other.toml", demo_as("other-deck", "Other deck"));
    r.ok(&["import", other.to_str().unwrap()]);
    r
}

#[test]
fn a_spent_new_card_budget_says_why_and_what_to_do() {
    let r = two_decks("3");
    study(&r, &day(1), &["demo"], &all_fives());
    let text = study(&r, &day(1), &["other-deck"], "");
    assert!(
        text.contains(
            "daily new-card limit reached: 3 of 3 new cards today, all decks; \
             `recall study --new 10` for 10 more, or `recall config new_per_day 20`"
        ),
        "{text}"
    );
}

#[test]
fn new_n_means_n_more_in_this_session() {
    let r = two_decks("3");
    study(&r, &day(1), &["demo"], &all_fives());
    let text = study(&r, &day(1), &["other-deck", "--new", "2"], &all_fives());
    assert!(text.contains("[1/2]"), "{text}");
    assert_eq!(answers(&r).len(), 5);
    // and once more: two more again
    let text = study(&r, &day(1), &["--new", "2"], &all_fives());
    assert!(text.contains("[1/1]"), "only one new card is left: {text}");
}

// ---- 10: the summary ----

#[test]
fn the_summary_reads_well() {
    let r = Recall::with_demo();
    let text = study(&r, &day(1), &[], "\n5\nq\n");
    assert!(
        text.contains("Session over: 1 card studied, 1 of 1 graded 3 or better (100%), "),
        "{text}"
    );
    assert!(
        text.contains("Due tomorrow (2026-03-02): 1 card."),
        "{text}"
    );
    assert!(!text.contains("Next due"), "{text}");
    let text = study(&r, &day(1), &[], "q\n");
    assert!(text.contains("Session over: 0 cards studied, 0m"), "{text}");
    assert!(!text.contains("graded"), "{text}");
    // nothing due tomorrow: the next due day, once
    r.ok(&["answer", "q2", "5"]);
    r.ok(&["answer", "q3", "5"]);
    let at = day(2);
    for q in ["q1", "q2", "q3"] {
        r.at(&at).args(["answer", q, "5"]).assert().success();
    }
    let text = study(&r, &day(2), &[], "");
    assert!(
        text.contains("Nothing to study today (2026-03-02). Next: 3 cards due on 2026-03-08."),
        "{text}"
    );
}

// ---- 11: undo after quitting ----

#[test]
fn undo_reaches_back_into_an_earlier_session_of_today() {
    let r = Recall::with_demo();
    study(&r, &day(1), &[], "\n5\nq\n");
    assert_eq!(r.card("q1")["reps"], 1);
    // a new session: u takes back q1's answer, and q1 is shown again
    let text = study(&r, &day(1), &[], "u\n\n3\nq\n");
    assert!(
        text.contains("undone: grade 5 from earlier today"),
        "{text}"
    );
    let after_undo = text.split("undone:").nth(1).unwrap();
    assert!(after_undo.contains("capital of France"), "{text}");
    let log = answers(&r);
    assert_eq!(log, vec![("2026-03-01".into(), "q1".into())]);
    let grade: i64 = r.scalar("SELECT grade FROM revlog");
    assert_eq!(grade, 3);
    // `recall undo` does the same from the command line
    r.ok(&["answer", "q3", "4"]);
    let out = r.ok(&["undo"]);
    assert!(
        out.contains("undone: review answer to demo/q3 (grade 4)"),
        "{out}"
    );
    assert_eq!(r.card("q3")["reps"], 0);
    r.ok(&["undo"]);
    assert_eq!(r.card("q1")["reps"], 0);
    assert!(r.ok(&["undo"]).contains("nothing to undo"));
    // yesterday's answers are not today's to undo
    r.ok(&["answer", "q1", "5"]);
    let out = r.at(&day(2)).arg("undo").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("nothing to undo"));
    assert_eq!(r.card("q1")["reps"], 1);
}

// ---- 14: build and import ----

const DOC: &str = "Solar power\n\nSolar panels turn sunlight into electricity, and the three \
main kinds of panel are monocrystalline, polycrystalline and thin-film. In 2020, solar \
power made about 3 percent of the world's electricity, and the share grows every year as \
panels get cheaper and more efficient.\n";

#[test]
fn build_keeps_an_existing_deck_file_unless_forced() {
    let r = Recall::new();
    let doc = r.write("solar.txt", DOC);
    let edited = r.write("solar.toml", "# my hand-edited deck\n");
    let out = r
        .cmd()
        .args(["build", doc.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("solar.toml: already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&edited).unwrap(),
        "# my hand-edited deck\n"
    );
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("decks/sources/000_e83d40c0b69a7c7e.txt");
    let doc = r.write("solar.txt", std::fs::read(seed).unwrap());
    r.ok(&["build", doc.to_str().unwrap(), "--force"]);
    assert!(std::fs::read_to_string(&edited)
        .unwrap()
        .contains("[[cards]]"));
}

#[test]
fn importing_a_document_points_to_build() {
    let r = Recall::new();
    for name in ["notes.txt", "notes.md", "notes"] {
        let doc = r.write(name, DOC);
        let out = r
            .cmd()
            .args(["import", doc.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(!out.status.success(), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!("`recall build {}`", doc.display())),
            "{name}: {err}"
        );
        assert!(!err.contains("front and a back"), "{err}");
    }
    assert!(!r.db.exists() || r.cards().is_empty());
}

// ---- 15: export ----

#[test]
fn export_refuses_an_extension_it_does_not_write() {
    let r = Recall::with_demo();
    let out = r
        .cmd()
        .args(["export", "demo", "-o", "x.pdf"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("x.pdf") && err.contains("--format"), "{err}");
    assert!(!r.path("x.pdf").exists());
    r.ok(&["export", "demo", "-o", "x.pdf", "--format", "toml"]);
    assert!(std::fs::read_to_string(r.path("x.pdf"))
        .unwrap()
        .contains("[deck]"));
    r.ok(&["export", "demo", "-o", "x.toml"]);
}

// ---- 16: recall's own package comes back under its ids ----

#[test]
fn own_apkg_export_maps_back_to_recall_ids() {
    let r = Recall::new();
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("decks/seed.toml");
    r.ok(&["import", seed.to_str().unwrap()]);
    let deck = r.ok(&["decks", "--json"]);
    let decks: serde_json::Value = serde_json::from_str(&deck).unwrap();
    let id = decks[0]["id"].as_str().unwrap().to_string();
    let first = r.cards()[0]["id"].as_str().unwrap().to_string();
    r.ok(&["answer", &first, "5"]);
    r.ok(&["export", &id, "-o", "round.apkg"]);
    let before = r.db_digest();
    let out = r.ok(&["import", "round.apkg", "--dry-run", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["deck"], id.as_str(), "{out}");
    for key in ["added", "updated", "relinked", "retired"] {
        assert_eq!(report[key], serde_json::json!([]), "{key}: {out}");
    }
    r.ok(&["import", "round.apkg"]);
    assert_eq!(r.db_digest().lines().count(), before.lines().count());
    assert_eq!(r.card(&first)["reps"], 1);
    assert!(r
        .cards()
        .iter()
        .all(|c| !c["id"].as_str().unwrap().starts_with("anki-")));
}

// ---- 17: small things ----

#[test]
fn decks_show_names_in_aligned_columns() {
    let r = Recall::with_demo();
    let long = "a-very-long-deck-id-that-goes-on-and-on-for-more-than-forty-characters";
    let other = r.write("other.toml", demo_as(long, "Long one"));
    r.ok(&["import", other.to_str().unwrap()]);
    let out = r.ok(&["decks"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].contains(long) && lines[1].contains("Long one"),
        "{out}"
    );
    assert!(lines[2].contains("Demo deck"), "{out}");
    let col = |l: &str| l.find(" new").or_else(|| l.find("  3")).unwrap();
    let ends: Vec<usize> = lines.iter().map(|l| l.len()).collect();
    assert!(
        ends.iter().all(|&e| e == ends[0]),
        "columns misaligned:\n{out}"
    );
    assert!(col(lines[0]) > long.len(), "{out}");
    // the session header names the deck
    let text = study(&r, &day(1), &["demo"], "q\n");
    assert!(text.contains("[1/3] Demo deck"), "{text}");
}

#[test]
fn unsuspend_of_a_card_that_is_not_suspended_says_so() {
    let r = Recall::with_demo();
    let before = r.db_digest();
    let out = r.ok(&["unsuspend", "q1"]);
    assert!(out.contains("is not suspended"), "{out}");
    assert_eq!(r.db_digest(), before);
}

#[test]
fn e_factor_is_written_one_way() {
    let r = Recall::with_demo();
    let out = r.ok(&["answer", "q1", "5"]);
    assert!(out.contains("ef=2.60"), "{out}");
    let out = r.ok(&["cards"]);
    assert!(out.contains("ef=2.60"), "{out}");
    assert!(!out.contains("ef=2600"), "{out}");
}

#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    let r = Recall::new();
    let bin = assert_cmd::cargo::cargo_bin("recall");
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' completions bash | head -1 >/dev/null; '{}' completions bash | true",
            bin.display(),
            bin.display()
        ))
        .env("RECALL_DB", &r.db)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn help_lists_global_options_once_and_every_import_format() {
    let r = Recall::new();
    for args in [&["--help"][..], &["study", "--help"], &["import", "--help"]] {
        let out = r.ok(args);
        assert_eq!(out.matches("--db <PATH>").count(), 1, "{args:?}: {out}");
        assert_eq!(out.matches("Global options:").count(), 1, "{args:?}: {out}");
    }
    let out = r.ok(&["import", "--help"]);
    for ext in [".toml", ".apkg", ".colpkg", ".csv", ".tsv", ".txt"] {
        assert!(out.contains(ext), "{ext}: {out}");
    }
}

// ---- 18: the README ----

#[test]
fn readme_command_table_lists_every_command_and_flag() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    assert!(readme.contains("cargo install --path ."), "PATH step");
    assert!(readme.contains("C compiler"), "the C compiler note");
    let r = Recall::new();
    // the subcommands a help text lists under "Commands:"
    let commands = |help: &str| -> Vec<String> {
        let Some(list) = help.split("Commands:").nth(1) else {
            return Vec::new();
        };
        list.split("Options:")
            .next()
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
            .filter_map(|l| l.split_whitespace().next())
            .filter(|c| *c != "help")
            .map(str::to_string)
            .collect()
    };
    // every command, and every subcommand of a command that has them
    let mut all: Vec<Vec<String>> = Vec::new();
    for c in commands(&r.ok(&["--help"])) {
        let subs = commands(&r.ok(&[c.as_str(), "--help"]));
        if subs.is_empty() {
            all.push(vec![c]);
        } else {
            all.extend(subs.into_iter().map(|s| vec![c.clone(), s]));
        }
    }
    assert!(all.len() >= 15, "{all:?}");
    for words in all {
        let name = words.join(" ");
        let row = readme
            .lines()
            .find(|l| {
                l.strip_prefix(&format!("| `recall {name}"))
                    .is_some_and(|rest| rest.starts_with([' ', '`']))
            })
            .unwrap_or_else(|| panic!("no README table row for `recall {name}`"));
        let mut args: Vec<&str> = words.iter().map(String::as_str).collect();
        args.push("--help");
        let sub = r.ok(&args);
        let own = sub.split("Global options:").next().unwrap();
        // option lines: "  -o, --output <FILE>  ..." or "      --new <N>  ..."
        for line in own
            .lines()
            .map(str::trim_start)
            .filter(|l| l.starts_with('-'))
        {
            let names: Vec<&str> = line
                .split_whitespace()
                .map(|w| w.trim_end_matches(','))
                .take_while(|w| {
                    w.starts_with('-')
                        && w.trim_start_matches('-')
                            .chars()
                            .all(|ch| ch.is_ascii_lowercase() || ch == '-')
                })
                .collect();
            if names.is_empty() || names.iter().any(|n| ["--help", "--version"].contains(n)) {
                continue;
            }
            let flag = names.join(" or ");
            assert!(
                names
                    .iter()
                    .any(|n| row.contains(&format!("{n} ")) || row.contains(&format!("{n}]"))),
                "`recall {name}`: {flag} missing from {row}"
            );
        }
    }
}

// ---- 12: screens that fit a terminal ----

const LONG: &str = r#"format = 1

[deck]
id = "long"
name = "Long lines"

[[cards]]
id = "virtues"
kind = "list"
front = "The commander stands for the virtues that every general must cultivate over many long campaigns in distant provinces, according to the opening chapter of the treatise. Name the five virtues."
back = ""
items = ["wisdom", "sincerity", "benevolence", "courage", "strictness"]
source = "I.(9) Laying Plans, the paragraph on the five constant factors"
"#;

/// Runs one card through `recall study` in a pseudo-terminal `cols` wide,
/// typing an answer longer than a line, and returns the screen as a
/// terminal of that width shows it.
fn pty_screen(cols: u16) -> String {
    let r = Recall::new();
    let deck = r.write("long.toml", LONG);
    r.ok(&["import", deck.to_str().unwrap()]);
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!("stty cols {cols} rows 60; exec \"$0\" study"))
        .arg(env!("CARGO_BIN_EXE_recall"))
        .env("RECALL_DB", &r.db)
        .env("RECALL_NOW", day(1))
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .current_dir(r.dir.path());
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    let mut raw = String::new();
    let mut expect = |p: &mut rexpect::session::PtySession, s: &str| {
        raw.push_str(&p.exp_string(s).unwrap());
        raw.push_str(s);
    };
    expect(&mut p, "Your answer");
    p.send_line(
        "wisdom, sincerity, benevolence, courage and strictness, and also a great deal of patience",
    )
    .unwrap();
    expect(&mut p, "Grade 0-5");
    p.send_line("5").unwrap();
    expect(&mut p, "Session over");
    raw.push_str(&p.exp_eof().unwrap());
    // rexpect hands each byte over as one char: turn them back into bytes
    let bytes: Vec<u8> = if raw.chars().all(|c| (c as u32) < 256) {
        raw.chars().map(|c| c as u32 as u8).collect()
    } else {
        raw.into_bytes()
    };
    let mut screen = vt100::Parser::new(200, cols, 0);
    screen.process(&bytes);
    let contents = screen.screen().contents();
    eprintln!("the screen at {cols} columns:\n{contents}");
    contents
}

fn assert_fits(screen: &str, cols: usize) {
    assert_eq!(
        screen.matches("Your answer").count(),
        1,
        "the prompt shows once:\n{screen}"
    );
    let words: BTreeSet<&str> = screen.split_whitespace().collect();
    let deck: toml::Value = toml::from_str(LONG).unwrap();
    let card = &deck["cards"][0];
    let texts = [
        card["front"].as_str().unwrap(),
        card["source"].as_str().unwrap(),
        "wisdom, sincerity, benevolence, courage and strictness, and also a great deal of patience",
        "0 blackout | 1 wrong, familiar once seen | 2 wrong, easy once seen | 3 hard | 4 hesitated | 5 perfect",
    ];
    for text in texts {
        for w in text.split_whitespace() {
            assert!(
                words.contains(w),
                "'{w}' is broken or missing at {cols} columns:\n{screen}"
            );
        }
    }
    assert!(screen.lines().all(|l| l.chars().count() <= cols));
}

#[test]
fn pty_screen_wraps_at_words_at_60_columns() {
    let screen = pty_screen(60);
    assert_fits(&screen, 60);
    // the question takes several rows at this width
    let question_rows = screen
        .lines()
        .skip_while(|l| !l.starts_with("[1/1]"))
        .skip(1)
        .take_while(|l| !l.starts_with('('))
        .count();
    assert!(question_rows >= 3, "{screen}");
}

#[test]
fn pty_screen_wraps_at_words_at_120_columns() {
    let screen = pty_screen(120);
    assert_fits(&screen, 120);
}

// ---- 19: output has one home ----

#[test]
fn session_and_stats_do_not_import_the_command_module() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for dir in ["session", "stats"] {
        for entry in std::fs::read_dir(src.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains("crate::app"),
                "{} imports app.rs (output helpers live in src/output.rs)",
                path.display()
            );
        }
    }
    let output = std::fs::read_to_string(src.join("output.rs")).unwrap();
    for helper in [
        "macro_rules! say",
        "fn out_err",
        "fn write_atomically",
        "fn wrap_lines",
    ] {
        assert!(output.contains(helper), "{helper} is not in src/output.rs");
    }
}

#[test]
fn buried_siblings_do_not_eat_the_new_card_budget() {
    // 30 families of six cards each, in deck order: the first 20 cards read
    // belong to four families, yet 20 new cards from 20 families come
    let mut deck = String::from("format = 1\n[deck]\nid = \"many\"\nname = \"Many\"\n");
    for f in 0..30 {
        for k in 0..6 {
            deck.push_str(&format!(
                "[[cards]]\nid = \"f{f}-{k}\"\nkind = \"basic\"\nfront = \"Family {f}, question {k}?\"\nback = \"a{k}\"\ncontext = \"Sentence number {f}.\"\n"
            ));
        }
    }
    let r = Recall::new();
    let file = r.write("many.toml", deck);
    r.ok(&["import", file.to_str().unwrap()]);
    let text = study(&r, &day(1), &["--reveal"], &all_fives());
    assert!(text.contains("[1/20]"), "{text}");
    let families: BTreeSet<String> = answers(&r)
        .into_iter()
        .map(|(_, id)| id.split('-').next().unwrap().to_string())
        .collect();
    assert_eq!(families.len(), 20, "{families:?}");
}
