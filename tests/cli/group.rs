//! Study groups (`recall group progress`, `recall group report`): three
//! members study the same deck with scripted typed answers (alice learns
//! part I, bob part II, carol nothing), export their summaries, and every
//! number of the merged report is checked; then versions, duplicates, the
//! hostile-input corpus (`tests/bad_group/`), the SVG (rendered) and the
//! HTML page.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{digest, read_until, Recall};

const ANSWER_PROMPT: &str =
    "Your answer (Enter reveals; u undo, s skip, e source, f fix card, q quit; =e answers \"e\"): ";
const DECK_FILE: &str = include_str!("../fixtures/group_deck.toml");
const DAY1: &str = "2026-03-01T09:00:00Z";
const DAY2: &str = "2026-03-02T09:00:00Z";
const DAY3: &str = "2026-03-03T09:00:00Z";

/// The words on screen that tell each card apart.
const FRONTS: &[(&str, &str)] = &[
    ("i1", "What does the first article protect?"),
    ("i2", "Name the three values of the first part."),
    ("ii1", "Trade between nations builds"),
    ("ii2", "Name the four ways of the second part."),
    ("ii3", "Which city hosts the council?"),
];

/// What a member does when a card is shown: type an answer and give a
/// grade, or quit the session (`None`).
type Plan<'a> = &'a [(&'a str, Option<(&'a str, u8)>)];

/// The card whose question shows last on `screen`.
fn shown(screen: &str) -> &'static str {
    FRONTS
        .iter()
        .filter_map(|(id, front)| screen.rfind(front).map(|at| (at, *id)))
        .max()
        .unwrap_or_else(|| panic!("no card on screen: {screen}"))
        .1
}

/// One study session of deck `civics` on `now`, following `plan`. A card
/// shown a second time (the final drill) ends the session.
fn study(r: &Recall, now: &str, plan: Plan) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
        .args(["study", "civics"])
        .env("RECALL_DB", &r.db)
        .env("RECALL_NOW", now)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // a prompt that never comes (its text changed) fails the test instead of
    // hanging it: the session is killed after two minutes
    let (finished, watch) = std::sync::mpsc::channel::<()>();
    let pid = child.id();
    let watchdog = std::thread::spawn(move || {
        if watch
            .recv_timeout(std::time::Duration::from_secs(120))
            .is_err()
        {
            let _ = Command::new("kill").arg(pid.to_string()).status();
        }
    });
    let mut done: Vec<&str> = Vec::new();
    loop {
        let (screen, prompt) = read_until(&mut child, &[ANSWER_PROMPT]);
        if prompt.is_none() {
            break;
        }
        let card = shown(&screen);
        let step = plan
            .iter()
            .find(|(id, _)| *id == card)
            .unwrap_or_else(|| panic!("{now}: no plan for {card}"))
            .1;
        let stdin = child.stdin.as_mut().unwrap();
        match step {
            Some((typed, grade)) if !done.contains(&card) => {
                writeln!(stdin, "{typed}").unwrap();
                read_until(&mut child, &["): "]);
                writeln!(child.stdin.as_mut().unwrap(), "{grade}").unwrap();
                done.push(card);
            }
            _ => writeln!(stdin, "q").unwrap(),
        }
    }
    let status = child.wait().unwrap();
    let _ = finished.send(());
    let _ = watchdog.join();
    assert!(status.success(), "{now}: the session did not end by itself");
    for (id, step) in plan {
        if step.is_some() {
            assert!(done.contains(id), "{now}: {id} was not shown");
        }
    }
}

/// A member's database after two days of study.
fn member(day1: Plan, day2: Plan) -> Recall {
    let r = Recall::new();
    let deck = r.write("civics.toml", DECK_FILE);
    r.ok(&["import", deck.to_str().unwrap()]);
    study(&r, DAY1, day1);
    study(&r, DAY2, day2);
    r
}

/// alice knows part I: right both days; part II wrong, ii3 learned then
/// forgotten (a lapse).
fn alice() -> Recall {
    member(
        &[
            ("i1", Some(("freedom", 5))),
            ("i2", Some(("fairness, democracy, justice", 5))),
            ("ii1", Some(("peace", 1))),
            ("ii2", Some(("openness", 1))),
            ("ii3", Some(("Geneva", 5))),
        ],
        &[
            ("i1", Some(("freedom", 4))),
            ("i2", Some(("justice, fairness, democracy", 5))),
            ("ii1", Some(("no idea", 2))),
            ("ii2", Some(("openness, trade", 2))),
            ("ii3", Some(("Paris", 1))),
        ],
    )
}

/// bob knows part II; i1 learned then forgotten, i2 half known.
fn bob() -> Recall {
    member(
        &[
            ("i1", Some(("freedom", 5))),
            ("i2", Some(("fairness", 1))),
            ("ii1", Some(("harmony", 5))),
            ("ii2", Some(("openness, tolerance, trade, peace", 5))),
            ("ii3", Some(("Geneva", 5))),
        ],
        &[
            ("i1", Some(("liberty", 1))),
            ("i2", Some(("fairness, justice", 2))),
            ("ii1", Some(("harmony", 5))),
            ("ii2", Some(("peace, trade, tolerance, openness", 4))),
            ("ii3", Some(("Geneva", 4))),
        ],
    )
}

/// carol knows nothing: i1 learned then forgotten, the rest wrong, and
/// she stops before ii3 both days (never sees it).
fn carol() -> Recall {
    member(
        &[
            ("i1", Some(("freedom", 5))),
            ("i2", Some(("democracy", 1))),
            ("ii1", Some(("no idea", 1))),
            ("ii2", Some(("peace", 1))),
            ("ii3", None),
        ],
        &[
            ("i1", Some(("no idea", 0))),
            ("i2", Some(("justice", 1))),
            ("ii1", Some(("no idea", 0))),
            ("ii2", Some(("tolerance, peace", 2))),
            ("ii3", None),
        ],
    )
}

/// Writes `r`'s summary to `dir/<name>.json` on day 3.
fn export(r: &Recall, dir: &Path, name: &str, named: bool) -> PathBuf {
    let file = dir.join(format!("{name}.json"));
    let mut args = vec!["group", "progress", "civics", "-o", file.to_str().unwrap()];
    if named {
        args.extend(["--name", name]);
    }
    let out = r.at(DAY3).args(&args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

/// The three members' summaries in one folder with the deck file.
struct Group {
    folder: tempfile::TempDir,
    members: Vec<Recall>,
}

impl Group {
    fn new() -> Group {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("civics.toml"), DECK_FILE).unwrap();
        let members = vec![alice(), bob(), carol()];
        for (r, name) in members.iter().zip(["alice", "bob", "carol"]) {
            export(r, folder.path(), name, true);
        }
        Group { folder, members }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.folder.path().join(name)
    }

    fn file(&self, name: &str) -> String {
        self.path(name).to_str().unwrap().to_string()
    }

    /// `recall group report ARGS` run in the folder, with no database:
    /// (stdout, stderr, success).
    fn report(&self, args: &[&str]) -> (String, String, bool) {
        let out = Command::new(env!("CARGO_BIN_EXE_recall"))
            .args(["group", "report"])
            .args(args)
            .env("RECALL_DB", self.path("never.db"))
            .env("RECALL_NOW", DAY3)
            .env("NO_COLOR", "1")
            .current_dir(self.folder.path())
            .output()
            .unwrap();
        assert!(
            !self.path("never.db").exists(),
            "the report opened a database"
        );
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
            out.status.success(),
        )
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let (out, err, ok) = self.report(&all);
        assert!(ok, "{err}");
        serde_json::from_str(&out).unwrap()
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn by<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value} in {list}"))
}

#[test]
fn a_summary_holds_progress_and_nothing_else() {
    let r = alice();
    let before = digest(&r.db);
    let dir = tempfile::tempdir().unwrap();
    let file = export(&r, dir.path(), "alice", true);
    let text = std::fs::read_to_string(&file).unwrap();
    let s: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(s["format"], 1);
    assert_eq!(s["kind"], "recall-group-progress");
    assert_eq!(s["date"], "2026-03-03");
    assert_eq!(s["scheduler"], "sm2");
    assert_eq!(s["member"]["name"], "alice");
    let id = s["member"]["id"].as_str().unwrap();
    assert!(id.starts_with("m-") && id.len() == 18, "{id}");
    assert_eq!(s["deck"]["id"], "civics");
    assert_eq!(s["deck"]["name"], "Civics notes");
    assert_eq!(s["deck"]["hash"].as_str().unwrap().len(), 64);
    // every card, in deck order, with its state after two days
    let cards = s["cards"].as_array().unwrap();
    let ids: Vec<&str> = cards.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["i1", "i2", "ii1", "ii2", "ii3"]);
    // (reps, lapses, interval, ef, last grade, days since)
    let state = |c: &Value| {
        (
            c["reps"].as_i64().unwrap(),
            c["lapses"].as_i64().unwrap(),
            c["interval"].as_i64().unwrap(),
            c["ef"].as_i64().unwrap(),
            c["last_grade"].as_i64().unwrap(),
            c["days_since"].as_i64().unwrap(),
        )
    };
    assert_eq!(state(&cards[0]), (2, 0, 6, 2600, 4, 1), "5 then 4");
    assert_eq!(state(&cards[1]), (2, 0, 6, 2700, 5, 1), "5 then 5");
    assert_eq!(state(&cards[2]), (0, 0, 1, 2500, 2, 1), "1 then 2");
    assert_eq!(state(&cards[3]), (0, 0, 1, 2500, 2, 1));
    assert_eq!(state(&cards[4]), (0, 1, 1, 2600, 1, 1), "5 then 1: a lapse");
    for c in cards {
        assert!(c["retrievability"].is_null(), "no FSRS yet");
        assert_eq!(c["source"], source_of(c["id"].as_str().unwrap()));
    }
    // per item: attempts and misses of the typed answers
    let items = |c: &Value| -> Vec<(String, i64, i64)> {
        c["items"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|i| {
                        (
                            i["item"].as_str().unwrap().to_string(),
                            i["attempts"].as_i64().unwrap(),
                            i["misses"].as_i64().unwrap(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let t = |s: &str, a, m| (s.to_string(), a, m);
    assert_eq!(
        items(&cards[1]),
        [
            t("fairness", 2, 0),
            t("democracy", 2, 0),
            t("justice", 2, 0)
        ]
    );
    assert_eq!(
        items(&cards[3]),
        [
            t("openness", 2, 0),
            t("tolerance", 2, 2),
            t("trade", 2, 1),
            t("peace", 2, 2)
        ]
    );
    assert!(items(&cards[0]).is_empty(), "a basic card has no items");
    // no typed answers, no times finer than a day
    for typed in ["Paris", "no idea", "liberty"] {
        assert!(!text.contains(typed), "{typed} leaked into {text}");
    }
    assert!(!text.contains("T09:"), "a time of day leaked");
    fn numbers(v: &Value, out: &mut Vec<f64>) {
        match v {
            Value::Number(n) => out.push(n.as_f64().unwrap()),
            Value::Array(a) => a.iter().for_each(|x| numbers(x, out)),
            Value::Object(o) => o.values().for_each(|x| numbers(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    numbers(&s, &mut all);
    assert!(all.iter().all(|n| *n < 100_000.0), "a timestamp? {all:?}");
    // the member id is made once and kept: a second summary has the same
    let again = export(&r, dir.path(), "alice", false);
    let s2: Value = serde_json::from_str(&std::fs::read_to_string(again).unwrap()).unwrap();
    assert_eq!(s2["member"]["id"], id);
    assert!(s2["member"]["name"].is_null());
    // the progress is unchanged (only the member id was stored)
    let after = digest(&r.db);
    assert_eq!(before, after, "exporting changed the cards or the log");
}

/// The locator the fixture gives a card.
fn source_of(id: &str) -> &'static str {
    match id {
        "i1" => "I.(1)",
        "i2" => "I.(2)",
        "ii1" => "II ¶1",
        "ii2" => "II.(1)",
        _ => "II.(2)",
    }
}

#[test]
fn the_merged_report_has_every_number() {
    let g = Group::new();
    let r = g.json(&[
        "alice.json",
        "bob.json",
        "carol.json",
        "--deck-file",
        "civics.toml",
    ]);
    assert_eq!(r["format"], 1);
    assert_eq!(r["kind"], "recall-group-report");
    assert_eq!(r["deck"]["id"], "civics");
    assert_eq!(r["deck"]["name"], "Civics notes");
    assert_eq!(r["deck"]["version_from"], "deck file");
    assert_eq!(r["date"], "2026-03-03");
    assert_eq!(r["rule"]["min_interval"], 6);
    assert_eq!(r["rule"]["min_grade"], 3);
    assert_eq!(r["skipped"].as_array().unwrap().len(), 0);
    // members: all of the deck file's version
    let members = r["members"].as_array().unwrap();
    let labels: Vec<&str> = members
        .iter()
        .map(|m| m["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["alice", "bob", "carol"]);
    for m in members {
        assert_eq!(m["same_version"], true, "{m}");
        assert_eq!(m["date"], "2026-03-03");
        for k in ["cards_differ", "cards_missing", "cards_extra"] {
            assert_eq!(m[k].as_array().unwrap().len(), 0, "{m}");
        }
    }
    // per card: (members, known, seen, lapsed, lapses, mean ef)
    let card = |id: &str| {
        let c = by(&r["cards"], "id", id);
        (
            c["members"].as_i64().unwrap(),
            c["known"].as_i64().unwrap(),
            c["seen"].as_i64().unwrap(),
            c["lapsed"].as_i64().unwrap(),
            c["lapses"].as_i64().unwrap(),
            c["mean_ef"].as_i64().unwrap(),
        )
    };
    // i1: alice knows it; bob and carol learned it and forgot it
    assert_eq!(card("i1"), (3, 1, 3, 2, 2, 2600));
    // i2: alice knows it; efs 2700, 2500, 2500
    assert_eq!(card("i2"), (3, 1, 3, 0, 0, 2566));
    // ii1, ii2, ii3: bob knows them; carol never saw ii3; alice lapsed on it
    assert_eq!(card("ii1"), (3, 1, 3, 0, 0, 2566));
    assert_eq!(card("ii2"), (3, 1, 3, 0, 0, 2533));
    assert_eq!(card("ii3"), (3, 1, 2, 1, 1, 2600));
    for c in r["cards"].as_array().unwrap() {
        assert!((num(&c["share"]) - 1.0 / 3.0).abs() < 1e-9, "{c}");
        assert_eq!(c["source"], source_of(c["id"].as_str().unwrap()));
        assert!(c["front"].is_string(), "questions come from the deck file");
    }
    // items of i2 and ii2: (attempts, misses, members who tried, who missed)
    let item = |card: &str, item: &str| {
        let i = by(&by(&r["cards"], "id", card)["items"], "item", item);
        (
            i["attempts"].as_i64().unwrap(),
            i["misses"].as_i64().unwrap(),
            i["members_tried"].as_i64().unwrap(),
            i["members_missed"].as_i64().unwrap(),
        )
    };
    assert_eq!(item("i2", "fairness"), (6, 2, 3, 1));
    assert_eq!(item("i2", "democracy"), (6, 3, 3, 2));
    assert_eq!(item("i2", "justice"), (6, 2, 3, 2));
    assert_eq!(item("ii2", "openness"), (6, 2, 3, 1));
    assert_eq!(item("ii2", "tolerance"), (6, 3, 3, 2));
    assert_eq!(item("ii2", "trade"), (6, 3, 3, 2));
    assert_eq!(item("ii2", "peace"), (6, 2, 3, 1));
    // parts, in document order: (cards, pairs, known, seen, most missed)
    let part = |list: &Value, name: &str| {
        let p = by(list, "part", name);
        let missed: Vec<String> = p["most_missed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect();
        (
            p["cards"].as_i64().unwrap(),
            p["pairs"].as_i64().unwrap(),
            p["known"].as_i64().unwrap(),
            p["seen"].as_i64().unwrap(),
            missed,
        )
    };
    let names = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|p| p["part"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&r["parts"]),
        ["I.(1)", "I.(2)", "II ¶1", "II.(1)", "II.(2)"]
    );
    assert_eq!(names(&r["sections"]), ["I", "II"]);
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(part(&r["parts"], "I.(1)"), (1, 3, 1, 3, vec![]));
    assert_eq!(
        part(&r["parts"], "I.(2)"),
        (1, 3, 1, 3, s(&["democracy", "justice", "fairness"]))
    );
    assert_eq!(part(&r["parts"], "II ¶1"), (1, 3, 1, 3, vec![]));
    assert_eq!(
        part(&r["parts"], "II.(1)"),
        (1, 3, 1, 3, s(&["tolerance", "trade", "openness"]))
    );
    assert_eq!(part(&r["parts"], "II.(2)"), (1, 3, 1, 2, vec![]));
    assert_eq!(
        part(&r["sections"], "I"),
        (2, 6, 2, 6, s(&["democracy", "justice", "fairness"]))
    );
    assert_eq!(
        part(&r["sections"], "II"),
        (3, 9, 3, 8, s(&["tolerance", "trade", "openness"]))
    );
    assert!((num(&by(&r["sections"], "part", "II")["seen_share"]) - 8.0 / 9.0).abs() < 1e-9);
    for p in r["parts"].as_array().unwrap() {
        assert!((num(&p["mastery"]) - 1.0 / 3.0).abs() < 1e-9, "{p}");
        assert_eq!(
            p["section"],
            if p["part"].as_str().unwrap().starts_with("II") {
                "II"
            } else {
                "I"
            }
        );
    }
    // the items the group misses most: most members, then most misses
    let missed: Vec<(String, i64, i64)> = r["most_missed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["item"].as_str().unwrap().to_string(),
                m["members_missed"].as_i64().unwrap(),
                m["misses"].as_i64().unwrap(),
            )
        })
        .collect();
    let t = |i: &str, m, n| (i.to_string(), m, n);
    assert_eq!(
        missed,
        [
            t("democracy", 2, 3),
            t("tolerance", 2, 3),
            t("trade", 2, 3),
            t("justice", 2, 2),
            t("fairness", 1, 2),
            t("openness", 1, 2),
            t("peace", 1, 2)
        ]
    );
    assert_eq!(by(&r["most_missed"], "item", "democracy")["card"], "i2");
    assert_eq!(
        by(&r["most_missed"], "item", "democracy")["source"],
        "I.(2)"
    );
    // the cards most members lapse on
    let lapsed: Vec<(String, i64, i64, i64)> = r["most_lapsed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["card"].as_str().unwrap().to_string(),
                c["lapsed"].as_i64().unwrap(),
                c["members"].as_i64().unwrap(),
                c["lapses"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        lapsed,
        [("i1".to_string(), 2, 3, 2), ("ii3".to_string(), 1, 3, 1)]
    );

    // the same merge as a table: the sentence per weak part, bars, lists
    let (text, err, ok) = g.report(&[
        "alice.json",
        "bob.json",
        "carol.json",
        "--deck-file",
        "civics.toml",
        "--width",
        "100",
    ]);
    assert!(ok && err.is_empty(), "{err}");
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    for want in [
        "Group report: Civics notes (civics): 3 members, summaries up to 2026-03-03",
        "Known: interval ≥ 6 days and last grade ≥ 3",
        "part I.(2): 33% of the group knows it; most missed: 'democracy', 'justice', 'fairness'",
        "part II.(1): 33% of the group knows it; most missed: 'tolerance', 'trade', 'openness'",
        "part I.(1): 33% of the group knows it\n",
        "2 of 3 members missed 'democracy' (3 misses in 6 attempts)  [i2 I.(2)]",
        "2 of 3 members, 2 lapses  [i1 I.(1)] What does the first article protect?",
        "Members merged (3):",
    ] {
        assert!(text.contains(want), "no '{want}' in:\n{text}");
    }
    // rows: sections bold-free at the left, parts indented, a bar each
    let row = |label: &str| {
        text.lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("no row {label:?}:\n{text}"))
            .to_string()
    };
    let section_ii = row("II ");
    assert!(
        section_ii.contains("  3  ") && section_ii.contains(" 33%   89%"),
        "{section_ii}"
    );
    let part_ii2 = row("  II.(2)");
    assert!(part_ii2.contains(" 33%   67%"), "{part_ii2}");
    let bar: String = part_ii2
        .chars()
        .filter(|c| *c == '█' || *c == '░')
        .collect();
    let full = bar.chars().filter(|c| *c == '█').count() as f64;
    assert!(
        (full / bar.chars().count() as f64 - 1.0 / 3.0).abs() < 0.05,
        "{part_ii2}"
    );
    // a narrow terminal: every line fits
    let (narrow, _, _) = g.report(&[".", "--deck-file", "civics.toml", "--width", "40"]);
    assert!(narrow.lines().all(|l| l.chars().count() <= 40), "{narrow}");
    assert!(
        narrow.contains("part I.(2): 33% of the group knows it;"),
        "{narrow}"
    );
    // a directory is read as its .json files: the same report
    let from_dir = g.json(&[".", "--deck-file", "civics.toml"]);
    assert_eq!(from_dir["cards"], r["cards"]);
    // a stricter rule: nobody knows anything at 7 days
    let strict = g.json(&[".", "--min-interval", "7"]);
    assert_eq!(strict["rule"]["min_interval"], 7);
    assert!(strict["cards"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["known"] == 0));
    assert_eq!(g.members.len(), 3);
}

#[test]
fn another_deck_version_is_merged_card_by_card() {
    let g = Group::new();
    // the deck file changes: ii2 gets a fifth item, ii4 is added
    let v2 = DECK_FILE.replace(
        r#"items = ["openness", "tolerance", "trade", "peace"]"#,
        r#"items = ["openness", "tolerance", "trade", "peace", "dialogue"]"#,
    ) + "\n[[cards]]\nid = \"ii4\"\nkind = \"basic\"\nfront = \"Who chairs the council?\"\nback = \"the eldest\"\nsource = \"II.(3)\"\n";
    std::fs::write(g.path("civics.toml"), &v2).unwrap();
    // carol imports it (progress kept) and shares a new summary
    let carol = &g.members[2];
    carol.ok(&["import", g.file("civics.toml").as_str()]);
    export(carol, g.folder.path(), "carol", true);
    let r = g.json(&[
        "alice.json",
        "bob.json",
        "carol.json",
        "--deck-file",
        "civics.toml",
    ]);
    let m = |label: &str| by(&r["members"], "label", label).clone();
    for old in ["alice", "bob"] {
        let m = m(old);
        assert_eq!(m["same_version"], false, "{m}");
        assert_eq!(m["cards_differ"], serde_json::json!(["ii2"]), "{m}");
        assert_eq!(m["cards_missing"], serde_json::json!(["ii4"]), "{m}");
    }
    assert_eq!(m("carol")["same_version"], true);
    // ii2 counts carol only (the others' ii2 is another card); ii4 too
    let c = |id: &str| by(&r["cards"], "id", id).clone();
    assert_eq!(
        (c("ii2")["members"].as_i64(), c("ii2")["known"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(c("ii2")["items"].as_array().unwrap().len(), 5);
    assert_eq!(
        by(&c("ii2")["items"], "item", "trade")["misses"],
        2,
        "carol's misses only"
    );
    assert_eq!(by(&c("ii2")["items"], "item", "dialogue")["attempts"], 0);
    assert_eq!(
        (c("ii4")["members"].as_i64(), c("ii4")["seen"].as_i64()),
        (Some(1), Some(0))
    );
    assert_eq!(
        c("i2")["members"],
        3,
        "unchanged cards merge across versions"
    );
    assert_eq!(by(&r["parts"], "part", "II.(1)")["pairs"], 1);
    // the table says which cards differ
    let (text, _, ok) = g.report(&[".", "--deck-file", "civics.toml", "--width", "160"]);
    assert!(ok);
    assert!(
        text.contains(
            "another deck version; 1 card changed since, left out: ii2; 1 card not in it: ii4"
        ),
        "{text}"
    );
    // without the deck file: the version most members have (the old one)
    let r = g.json(&["alice.json", "bob.json", "carol.json"]);
    assert_eq!(r["deck"]["version_from"], "summaries");
    let carol = by(&r["members"], "label", "carol");
    assert_eq!(carol["same_version"], false);
    assert_eq!(carol["cards_differ"], serde_json::json!(["ii2"]));
    assert_eq!(carol["cards_extra"], serde_json::json!(["ii4"]));
    assert_eq!(r["cards"].as_array().unwrap().len(), 5);
    assert_eq!(by(&r["cards"], "id", "ii2")["members"], 2);
    assert!(by(&r["cards"], "id", "i1")["front"].is_null());
    // the deck renamed in the deck file: the summaries still name the old
    // id, and are merged by card id where the card is unchanged
    std::fs::write(
        g.path("civics.toml"),
        v2.replace("id = \"civics\"", "id = \"civics-2\""),
    )
    .unwrap();
    let (out, err, ok) = g.report(&[".", "--deck-file", "civics.toml", "--json"]);
    assert!(ok && err.is_empty(), "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["deck"]["id"], "civics-2");
    assert_eq!(r["members"].as_array().unwrap().len(), 3);
    for m in r["members"].as_array().unwrap() {
        assert_eq!(m["deck"], "civics", "{m}");
        assert_eq!(m["same_version"], false, "{m}");
    }
    assert_eq!(by(&r["cards"], "id", "i1")["members"], 3);
    assert_eq!(by(&r["cards"], "id", "ii2")["members"], 1);
    let (text, _, _) = g.report(&[".", "--deck-file", "civics.toml", "--width", "160"]);
    assert!(
        text.contains("a summary of deck 'civics', merged by card id"),
        "{text}"
    );
}

#[test]
fn one_summary_per_member_and_names_told_apart() {
    let g = Group::new();
    let alice = &g.members[0];
    // an older summary of alice, from day 2
    let old = g.path("alice-old.json");
    alice
        .at(DAY2)
        .args(["group", "progress", "civics", "-o", old.to_str().unwrap()])
        .assert()
        .success();
    let (out, err, ok) = g.report(&[
        "alice-old.json",
        "alice.json",
        "bob.json",
        "bob.json",
        "--json",
    ]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].starts_with("recall: alice-old.json: an older summary of the same member (m-"),
        "{err}"
    );
    assert!(lines[0].ends_with("as alice.json (not merged)"), "{err}");
    assert!(lines[1].contains("bob.json: given twice"), "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    let labels: Vec<&str> = r["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["alice", "bob"]);
    assert_eq!(r["skipped"].as_array().unwrap().len(), 2);
    // two members who chose one name are shown with their ids
    let sam1 = export(&g.members[1], g.folder.path(), "sam", true);
    std::fs::rename(&sam1, g.path("sam1.json")).unwrap();
    export(&g.members[2], g.folder.path(), "sam", true);
    let r = g.json(&["sam1.json", "sam.json"]);
    for m in r["members"].as_array().unwrap() {
        let label = m["label"].as_str().unwrap();
        assert_eq!(label, format!("sam ({})", m["id"].as_str().unwrap()));
    }
}

#[test]
fn progress_refuses_what_would_lose_data() {
    let g = Group::new();
    let alice = &g.members[0];
    let deck_before = std::fs::read(g.path("civics.toml")).unwrap();
    let bob_before = std::fs::read(g.path("bob.json")).unwrap();
    let fail = |args: &[&str], needle: &str| {
        let out = alice.at(DAY3).args(args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(needle),
            "{args:?}: expected '{needle}' in {err}"
        );
    };
    let deck = g.file("civics.toml");
    fail(
        &["group", "progress", "civics", "-o", &deck],
        "civics.toml: exists and is not a progress summary; not overwritten (delete it, or choose another -o FILE)",
    );
    fail(
        &["group", "progress", "civics", "-o", &g.file("bob.json")],
        "bob.json: holds the progress of another member (bob)",
    );
    fail(
        &["group", "progress", "nope", "-o", "x.json"],
        "no deck 'nope' (see `recall decks`)",
    );
    fail(
        &["group", "progress", "civics", "-o", "x.json", "--name", " "],
        "--name: give 1 to 60 characters",
    );
    fail(
        &[
            "group", "progress", "civics", "-o", "x.json", "--name", "a\u{7}b",
        ],
        "--name: give 1 to 60 characters",
    );
    let out = alice
        .at(DAY3)
        .args(["group", "progress", "civics"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--output <FILE>"));
    assert_eq!(std::fs::read(g.path("civics.toml")).unwrap(), deck_before);
    assert_eq!(std::fs::read(g.path("bob.json")).unwrap(), bob_before);
    assert!(!alice.path("x.json").exists());
    // her own summary is replaced
    export(alice, g.folder.path(), "alice", true);
}

#[test]
fn report_refuses_when_nothing_can_be_merged_or_an_input_would_be_overwritten() {
    let g = Group::new();
    let demo = g.path("demo.toml");
    std::fs::write(&demo, crate::common::THREE_CARDS).unwrap();
    // a deck file of another deck: every summary is skipped, no report
    let (out, err, ok) = g.report(&["alice.json", "bob.json", "--deck-file", "demo.toml"]);
    assert!(!ok && out.is_empty());
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0]
            .contains("alice.json: a summary of deck 'civics', not of 'demo' (the deck file's)"),
        "{err}"
    );
    assert_eq!(
        lines[2],
        "recall: no report: no progress summary left to report on"
    );
    // summaries of two decks, one each: which one is meant?
    let other = Recall::new();
    other.ok(&["import", demo.to_str().unwrap()]);
    let f = g.path("demo-member.json");
    other.ok(&["group", "progress", "demo", "-o", f.to_str().unwrap()]);
    let (_, err, ok) = g.report(&["alice.json", "demo-member.json"]);
    assert!(!ok);
    assert_eq!(
        err.trim_end(),
        "recall: no report: the summaries are of several decks ('civics': 1, 'demo': 1); pass --deck-file DECK.toml to say which deck to report on"
    );
    // two of one deck win, the other is named
    let (_, err, ok) = g.report(&["alice.json", "bob.json", "demo-member.json"]);
    assert!(ok);
    assert!(err.contains("demo-member.json: a summary of deck 'demo', not of 'civics' (the deck most summaries are of)"), "{err}");
    // an output over an input is refused before anything is written
    let before = std::fs::read(g.path("alice.json")).unwrap();
    for flag in ["--svg", "--html"] {
        let (_, err, ok) = g.report(&["alice.json", "bob.json", flag, "alice.json"]);
        assert!(!ok);
        assert!(
            err.contains("alice.json: is an input of this report"),
            "{err}"
        );
    }
    let (_, err, ok) = g.report(&[
        "alice.json",
        "--deck-file",
        "civics.toml",
        "--svg",
        "civics.toml",
    ]);
    assert!(!ok && err.contains("is an input"), "{err}");
    assert_eq!(std::fs::read(g.path("alice.json")).unwrap(), before);
    // a missing file is one line; a bad deck file refuses
    let (_, err, ok) = g.report(&["alice.json", "nobody.json"]);
    assert!(ok);
    assert!(
        err.starts_with("recall: nobody.json: No such file or directory"),
        "{err}"
    );
    std::fs::write(g.path("broken.toml"), "format = 1\n[deck\n").unwrap();
    let (_, err, ok) = g.report(&["alice.json", "--deck-file", "broken.toml"]);
    assert!(!ok && err.starts_with("recall: broken.toml:"), "{err}");
}

/// The hostile-input corpus: every file gets one clear line and the
/// report goes on with the good summaries; nothing touches a database.
#[test]
fn hostile_summaries_are_named_and_skipped() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_group");
    let manifest = std::fs::read_to_string(dir.join("expected.tsv")).unwrap();
    let cases: Vec<(String, String)> = manifest
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (f, t) = l.split_once('\t').expect("file<TAB>text");
            (f.to_string(), t.to_string())
        })
        .collect();
    let files = std::fs::read_dir(&dir).unwrap().count() - 1;
    assert_eq!(
        cases.len(),
        files,
        "a file in tests/bad_group/ is not in expected.tsv"
    );
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let g = Group::new();
    for (f, _) in &cases {
        std::fs::copy(dir.join(f), g.path(f)).unwrap();
    }
    // a file too big to be a summary, made here
    let big = std::fs::File::create(g.path("big.json")).unwrap();
    big.set_len(65 * 1024 * 1024).unwrap();
    let mut args: Vec<&str> = vec!["alice.json", "bob.json", "carol.json"];
    args.extend(cases.iter().map(|(f, _)| f.as_str()));
    args.extend(["big.json", "--deck-file", "civics.toml", "--json"]);
    let (out, err, ok) = g.report(&args);
    assert!(ok, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let mut expected = 0;
    for (f, needle) in &cases {
        let mine: Vec<&&str> = lines
            .iter()
            .filter(|l| l.starts_with(&format!("recall: {f}: ")))
            .collect();
        if needle == "(merged)" {
            assert!(mine.is_empty(), "{f}: {mine:?}");
            continue;
        }
        expected += 1;
        assert_eq!(mine.len(), 1, "{f}: {err}");
        assert!(
            mine[0].contains(needle.as_str()),
            "{f}: expected '{needle}' in {}",
            mine[0]
        );
        assert!(mine[0].ends_with("(not merged)"), "{}", mine[0]);
    }
    let big_line = lines
        .iter()
        .find(|l| l.starts_with("recall: big.json: "))
        .unwrap();
    assert!(big_line.contains("larger than 64 MiB"), "{big_line}");
    assert_eq!(lines.len(), expected + 1, "{err}");
    let r: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["skipped"].as_array().unwrap().len(), expected + 1);
    let labels: Vec<&str> = r["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["alice", "bob", "carol", "m-00000000000000aa"]);
    // the good summaries' numbers are untouched by the bad ones
    assert_eq!(by(&r["cards"], "id", "i1")["members"], 3);
    assert_eq!(by(&r["cards"], "id", "i1")["known"], 1);
    // each bad file alone: its line, then the refusal (the older summary
    // of a member is bad only next to the newer one)
    for (f, needle) in cases
        .iter()
        .filter(|(_, n)| n != "(merged)" && !n.contains("same member"))
    {
        let (_, err, ok) = g.report(&[f.as_str(), "--deck-file", "civics.toml"]);
        assert!(!ok, "{f} alone made a report");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{f}: {err}");
        assert!(lines[0].contains(needle.as_str()), "{f}: {err}");
        assert!(lines[1].starts_with("recall: no report: "), "{f}: {err}");
    }
}

#[test]
fn an_fsrs_summary_is_merged_on_interval_and_grade() {
    let g = Group::new();
    // carol's summary as an FSRS recall would write it: no E-Factors,
    // retrievability filled
    let mut s: Value =
        serde_json::from_str(&std::fs::read_to_string(g.path("carol.json")).unwrap()).unwrap();
    s["scheduler"] = "fsrs".into();
    for c in s["cards"].as_array_mut().unwrap() {
        c["ef"] = Value::Null;
        c["retrievability"] = 0.5.into();
    }
    std::fs::write(g.path("carol.json"), serde_json::to_string(&s).unwrap()).unwrap();
    let r = g.json(&[".", "--deck-file", "civics.toml"]);
    assert_eq!(r["skipped"].as_array().unwrap().len(), 0);
    assert_eq!(r["members"].as_array().unwrap().len(), 3);
    let i2 = by(&r["cards"], "id", "i2");
    assert_eq!(
        (i2["members"].as_i64(), i2["known"].as_i64()),
        (Some(3), Some(1))
    );
    // the mean E-Factor is alice's and bob's (2700, 2500)
    assert_eq!(i2["mean_ef"], 2600);
}

#[test]
fn an_fsrs_deck_summary_carries_retrievability() {
    let r = alice();
    let switch = r
        .at(DAY3)
        .args(["config", "--deck", "civics", "scheduler", "fsrs"])
        .output()
        .unwrap();
    assert!(
        switch.status.success(),
        "{}",
        String::from_utf8_lossy(&switch.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let file = export(&r, dir.path(), "alice", true);
    let s: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(s["scheduler"], "fsrs");
    // the same probability `recall cards --json` shows for each card today
    let out = r.at(DAY3).args(["cards", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    let listed = listed
        .as_array()
        .or_else(|| listed["cards"].as_array())
        .unwrap();
    let mut compared = 0;
    for c in s["cards"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let other = listed.iter().find(|x| x["id"] == id).unwrap();
        match (
            c["retrievability"].as_f64(),
            other["retrievability"].as_f64(),
        ) {
            (Some(a), Some(b)) => {
                assert!((0.0..=1.0).contains(&a), "{id}: {a}");
                assert!((a - b).abs() < 1e-6, "{id}: summary {a}, cards {b}");
                compared += 1;
            }
            (None, None) => {}
            (a, b) => panic!("{id}: summary {a:?}, cards {b:?}"),
        }
        // SM-2's state, put aside while the deck is on FSRS, stays in ef
        assert!(c["ef"].as_i64().is_some(), "{id}");
    }
    assert!(compared >= 3, "{compared} cards with a memory");
}

/// Renders an SVG with resvg; returns the pixmap.
fn render(svg: &str) -> resvg::tiny_skia::Pixmap {
    let tree =
        resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).expect("the SVG parses");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
}

#[test]
fn svg_shows_the_parts_coloured_by_mastery() {
    let g = Group::new();
    // bob's second summary, named differently, would double him: instead a
    // fourth member who knows everything of part I makes the colours differ
    let dave = member(
        &[
            ("i1", Some(("freedom", 5))),
            ("i2", Some(("fairness, democracy, justice", 5))),
            ("ii1", None),
            ("ii2", None),
            ("ii3", None),
        ],
        &[
            ("i1", Some(("freedom", 5))),
            ("i2", Some(("fairness, democracy, justice", 5))),
            ("ii1", None),
            ("ii2", None),
            ("ii3", None),
        ],
    );
    export(&dave, g.folder.path(), "dave", true);
    let (_, err, ok) = g.report(&[".", "--deck-file", "civics.toml", "--svg", "report.svg"]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(g.path("report.svg")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let rows: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.attribute("data-part").is_some())
        .collect();
    let names: Vec<&str> = rows
        .iter()
        .map(|n| n.attribute("data-part").unwrap())
        .collect();
    assert_eq!(
        names,
        ["I", "I.(1)", "I.(2)", "II", "II ¶1", "II.(1)", "II.(2)"]
    );
    // part I: alice and dave of 4 know it (50%); part II: bob (25%)
    let fill = |part: &str| {
        let row = rows
            .iter()
            .find(|n| n.attribute("data-part") == Some(part))
            .unwrap();
        let cell = row
            .children()
            .find(|n| n.attribute("class") == Some("cell"))
            .unwrap();
        let title = row
            .children()
            .find(|n| n.has_tag_name("title"))
            .unwrap()
            .text()
            .unwrap()
            .to_string();
        (cell.attribute("fill").unwrap().to_string(), title)
    };
    let (i_fill, i_title) = fill("I");
    let (ii_fill, ii_title) = fill("II");
    assert_eq!(i_fill, "#f7f4e0", "50%: the middle of the scale");
    assert!(
        i_title.starts_with("I: 50% of the group knows it (4 of 8 member-cards)"),
        "{i_title}"
    );
    assert!(
        ii_title.starts_with("II: 25% of the group knows it (3 of 12 member-cards)"),
        "{ii_title}"
    );
    // rendered: rows painted in their colours, the bars in proportion
    let pixmap = render(&text);
    assert!(
        pixmap.width() >= 900 && pixmap.height() >= 250,
        "{}x{}",
        pixmap.width(),
        pixmap.height()
    );
    let px = |x: u32, y: u32| {
        let p = pixmap.pixel(x, y).unwrap();
        format!("#{:02x}{:02x}{:02x}", p.red(), p.green(), p.blue())
    };
    let y_of = |k: usize| (92.0 + k as f64 * 22.0 + 11.0) as u32;
    assert_eq!(px(290, y_of(0)).len(), 7);
    // the cell's middle (away from its text) carries the row's colour
    assert_eq!(px(266, y_of(0)), i_fill, "part I's cell");
    assert_eq!(px(266, y_of(3)), ii_fill, "part II's cell");
    assert_ne!(i_fill, ii_fill);
    // bars: dark up to the share, light after
    assert_eq!(px(330 + 125, y_of(0)), "#555555", "part I's bar at 48%");
    assert_eq!(
        px(330 + 135, y_of(0)),
        "#eeeeee",
        "part I's bar ends at 50%"
    );
    assert_eq!(px(330 + 60, y_of(3)), "#555555", "part II's bar at 23%");
    assert_eq!(
        px(330 + 70, y_of(3)),
        "#eeeeee",
        "part II's bar ends at 25%"
    );
    // not blank: a good share of the image is painted
    let painted = (0..pixmap.width())
        .flat_map(|x| (0..pixmap.height()).map(move |y| (x, y)))
        .filter(|&(x, y)| px(x, y) != "#ffffff")
        .count();
    assert!(painted > 20_000, "{painted} painted pixels");
    // a legend from 0% to 100%
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for want in ["0%", "50%", "100%", "part of the document", "most missed"] {
        assert!(texts.contains(&want), "no {want} in {texts:?}");
    }
}

#[test]
fn html_page_is_self_contained() {
    let g = Group::new();
    // a hostile name cannot inject markup
    let s = std::fs::read_to_string(g.path("carol.json")).unwrap();
    std::fs::write(
        g.path("carol.json"),
        s.replace(
            "\"name\": \"carol\"",
            "\"name\": \"<script>alert(1)</script>\"",
        ),
    )
    .unwrap();
    let (_, err, ok) = g.report(&[".", "--deck-file", "civics.toml", "--html", "report.html"]);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(g.path("report.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        !page.to_lowercase().contains("<script"),
        "a script in the page"
    );
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        !page.contains("http://") && !page.contains("https://") && !page.contains("src="),
        "something fetched"
    );
    assert!(page.contains(
        "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\""
    ));
    // well-formed: rows for every section and part, coloured by mastery
    let markup = page.replace("<!DOCTYPE html>", "");
    let doc = roxmltree::Document::parse(&markup).expect("well-formed markup");
    let rows: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("tr") && n.attribute("data-part").is_some())
        .collect();
    assert_eq!(rows.len(), 7);
    let row = rows
        .iter()
        .find(|n| n.attribute("data-part") == Some("II.(2)"))
        .unwrap();
    let cell = row
        .descendants()
        .find(|n| n.attribute("class") == Some("cell"))
        .unwrap();
    assert_eq!(cell.text(), Some("33%"));
    assert!(
        cell.attribute("style").unwrap().starts_with("background:#"),
        "{cell:?}"
    );
    for want in [
        "part I.(2): 33% of the group knows it; most missed: &#39;democracy&#39;, &#39;justice&#39;, &#39;fairness&#39;",
        "<h2>List items the group misses most</h2>",
        "<h2>Cards most members lapse on</h2>",
        "<summary>Every card (5)</summary>",
        "Which city hosts the council?",
    ] {
        assert!(page.contains(want), "no {want}");
    }
}
