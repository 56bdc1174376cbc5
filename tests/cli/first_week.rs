//! A scripted first week: build a deck from a 600-word document with lists
//! and definitions, import it, study seven days with typed answers (some
//! wrong), and check that no two siblings were shown on one day, that every
//! answer is saved, and that `recall stats --json` agrees with the answers.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{read_until, Recall};
use crate::session::day;

const ANSWER_PROMPT: &str =
    "Your answer (Enter reveals; u undo, s skip, e source, f fix card, q quit; =e answers \"e\"): ";

/// One answer as the script gave it.
#[derive(Debug, Clone)]
struct Given {
    day: String,
    card: i64,
    typed: String,
    grade: i64,
}

/// A card as the database holds it.
struct Card {
    front: String,
    answer: String,
    family: Option<(String, String)>,
}

fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn cards(r: &Recall) -> BTreeMap<i64, Card> {
    let conn = r.sql();
    let mut stmt = conn
        .prepare("SELECT id, deck_id, front, back, items, context FROM cards WHERE retired = 0")
        .unwrap();
    stmt.query_map([], |x| {
        let items: Vec<String> = serde_json::from_str(&x.get::<_, String>(4)?).unwrap();
        let back: String = x.get(3)?;
        let context: String = x.get(5)?;
        let deck: String = x.get(1)?;
        Ok((
            x.get(0)?,
            Card {
                front: x.get(2)?,
                answer: if items.is_empty() {
                    back
                } else {
                    items.join(", ")
                },
                family: (!context.trim().is_empty()).then(|| (deck, fold(&context))),
            },
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The card whose question the screen text ends with.
fn shown_card(screen: &str, cards: &BTreeMap<i64, Card>) -> i64 {
    let last = screen.rsplit_once("\n[").map_or(screen, |x| x.1);
    let question = fold(last.split_once('\n').map_or("", |x| x.1));
    let found: Vec<i64> = cards
        .iter()
        .filter(|(_, c)| question.starts_with(&fold(&c.front)))
        .map(|(id, _)| *id)
        .collect();
    assert!(!found.is_empty(), "no card matches the screen: {screen}");
    // the longest front that matches (one front may begin another)
    *found.iter().max_by_key(|id| cards[id].front.len()).unwrap()
}

/// Studies one day: types the right answer, except the first time each
/// third card is seen (a wrong answer, then the final drill), and accepts
/// the suggested grade. Returns the answers given.
fn study_day(
    r: &Recall,
    now: &str,
    cards: &BTreeMap<i64, Card>,
    seen: &mut BTreeSet<i64>,
) -> Vec<Given> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recall"))
        .arg("study")
        .env("RECALL_DB", &r.db)
        .env("RECALL_NOW", now)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut given = Vec::new();
    let day = now[..10].to_string();
    loop {
        let (screen, end) = read_until(&mut child, &[ANSWER_PROMPT]);
        if end.is_none() {
            assert!(
                screen.contains("Session over") || screen.contains("Nothing to study"),
                "{screen}"
            );
            break;
        }
        let card = shown_card(&screen, cards);
        let first_sight = seen.insert(card);
        let typed = if first_sight && card % 3 == 0 {
            "no idea at all".to_string()
        } else {
            cards[&card].answer.clone()
        };
        let stdin = child.stdin.as_mut().unwrap();
        writeln!(stdin, "{typed}").unwrap();
        let (reveal, _) = read_until(&mut child, &["): "]);
        let grade: i64 = reveal
            .split("Suggested grade: ")
            .nth(1)
            .and_then(|t| t.split_whitespace().next())
            .and_then(|g| g.parse().ok())
            .unwrap_or_else(|| panic!("no suggested grade: {reveal}"));
        writeln!(child.stdin.as_mut().unwrap()).unwrap();
        given.push(Given {
            day: day.clone(),
            card,
            typed,
            grade,
        });
    }
    assert!(child.wait().unwrap().success());
    given
}

#[test]
fn first_week_of_study() {
    let r = Recall::new();
    let doc = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/first_week.md");
    let words = std::fs::read_to_string(&doc)
        .unwrap()
        .split_whitespace()
        .count();
    assert!((600..700).contains(&words), "{words} words");
    r.ok(&[
        "build",
        doc.to_str().unwrap(),
        "-o",
        "water.toml",
        "--import",
    ]);
    // a hand-made family too, so siblings are there whatever the builder makes
    let fam = r.write("fam.toml", crate::session::FAMILY);
    r.ok(&["import", fam.to_str().unwrap()]);
    let cards = cards(&r);
    assert!(cards.len() > 10, "{} cards", cards.len());

    let mut given: Vec<Given> = Vec::new();
    let mut seen = BTreeSet::new();
    for d in 1..=7 {
        given.extend(study_day(&r, &day(d), &cards, &mut seen));
    }
    assert!(given.len() > cards.len(), "{} answers", given.len());

    // no two siblings on one day
    let mut families: BTreeMap<(String, (String, String)), BTreeSet<i64>> = BTreeMap::new();
    for g in &given {
        if let Some(f) = &cards[&g.card].family {
            families
                .entry((g.day.clone(), f.clone()))
                .or_default()
                .insert(g.card);
        }
    }
    for ((d, f), shown) in &families {
        assert_eq!(
            shown.len(),
            1,
            "siblings shown together on {d}: {shown:?} ({})",
            f.1
        );
    }

    // every answer saved, in order, as given
    let conn = r.sql();
    type Logged = (String, i64, Option<String>, i64, String);
    let log: Vec<Logged> = conn
        .prepare("SELECT day, card_id, typed, grade, kind FROM revlog ORDER BY id")
        .unwrap()
        .query_map([], |x| {
            Ok((x.get(0)?, x.get(1)?, x.get(2)?, x.get(3)?, x.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(log.len(), given.len());
    for (g, l) in given.iter().zip(&log) {
        assert_eq!(
            (&g.day, g.card, Some(&g.typed), g.grade),
            (&l.0, l.1, l.2.as_ref(), l.3)
        );
    }
    let check = r.at(&day(7)).arg("check").output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    // stats agree with the answers
    let stats: Value = serde_json::from_str(
        &String::from_utf8(
            r.at(&day(7))
                .args(["stats", "--json"])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(stats["streak"], 7);
    let per_day = |d: &str| given.iter().filter(|g| g.day == d).count() as i64;
    for h in stats["heatmap"].as_array().unwrap() {
        assert_eq!(
            h["count"].as_i64().unwrap(),
            per_day(h["day"].as_str().unwrap()),
            "{h}"
        );
    }
    let today = &day(7)[..10];
    let reviewed_today: BTreeSet<i64> = log
        .iter()
        .filter(|l| l.0 == today && l.4 == "review")
        .map(|l| l.1)
        .collect();
    assert_eq!(stats["today"]["done"], reviewed_today.len() as i64);
    let answered: BTreeSet<i64> = given.iter().map(|g| g.card).collect();
    assert_eq!(
        stats["states"]["new"],
        (cards.len() - answered.len()) as i64
    );
    // retention: scheduled reviews of learned cards (their last scheduled
    // answer, on an earlier day, was graded 3 or better)
    let mut last_grade: BTreeMap<i64, i64> = BTreeMap::new();
    let mut reviews: Vec<&Given> = Vec::new();
    for (g, l) in given.iter().zip(&log) {
        if l.4 == "review" {
            if last_grade.get(&g.card).is_some_and(|&q| q >= 3) {
                reviews.push(g);
            }
            last_grade.insert(g.card, g.grade);
        }
    }
    let passed = reviews.iter().filter(|g| g.grade >= 3).count();
    assert!(!reviews.is_empty());
    assert_eq!(stats["retention"]["all"]["total"], reviews.len() as i64);
    assert_eq!(stats["retention"]["all"]["passed"], passed as i64);
}
