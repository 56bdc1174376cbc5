//! Typed-answer grading through the real binary: what the screen says about
//! each item and which grade it suggests (scripted sessions and a pty).

use crate::common::Recall;

/// A database holding one deck with `cards` (`[[cards]]` tables).
fn deck(cards: &str) -> Recall {
    let r = Recall::new();
    let file = r.write(
        "d.toml",
        format!("format = 1\n\n[deck]\nid = \"g\"\nname = \"Grading\"\n{cards}"),
    );
    r.ok(&["import", file.to_str().expect("utf-8 path")]);
    r
}

/// One `[[cards]]` table; `items` empty for a one-answer card.
fn card(id: &str, front: &str, back: &str, items: &[&str], ordered: bool) -> String {
    let kind = if items.is_empty() { "cloze" } else { "list" };
    let items = items
        .iter()
        .map(|i| format!("{i:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "\n[[cards]]\nid = \"{id}\"\nkind = \"{kind}\"\nfront = {front:?}\nback = {back:?}\n\
         items = [{items}]\nordered = {ordered}\nsource = \"§{id}\"\ncontext = \"The source of {id} says {back}.\"\n"
    )
}

/// Runs `recall study` on `script` (one line per prompt) and returns stdout.
fn study(r: &Recall, script: &str) -> String {
    let out = r
        .cmd()
        .args(["study"])
        .write_stdin(script)
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{text}");
    text
}

/// (card, suggested grade) of every logged answer, in order.
fn suggested(r: &Recall) -> Vec<(String, Option<i64>)> {
    r.sql()
        .prepare("SELECT c.key, r.suggested FROM revlog r JOIN cards c ON c.id = r.card_id ORDER BY r.id")
        .expect("prepare")
        .query_map([], |x| Ok((x.get(0)?, x.get(1)?)))
        .expect("query")
        .map(Result::unwrap)
        .collect()
}

fn pairs(v: &[(&str, i64)]) -> Vec<(String, Option<i64>)> {
    v.iter().map(|(k, g)| (k.to_string(), Some(*g))).collect()
}

#[test]
fn list_items_that_share_words_are_matched_one_to_one() {
    let r = deck(
        &[
            card(
                "chambers",
                "Name the four chambers of the heart.",
                "",
                &[
                    "left atrium",
                    "right atrium",
                    "left ventricle",
                    "right ventricle",
                ],
                false,
            ),
            card(
                "poles",
                "Name the three poles.",
                "",
                &["north pole", "south pole", "magnetic north"],
                false,
            ),
            card(
                "eras",
                "Name the three periods.",
                "",
                &["pre-war economy", "post-war economy", "pre-war politics"],
                false,
            ),
        ]
        .concat(),
    );
    let text = study(
        &r,
        "left ventricle, right ventricle, left atrium\n\n\
         magnetic north, south pole\n\n\
         post-war economy, pre-war politics\n\nq\n",
    );
    for line in [
        "✓ left atrium\n",
        "✗ right atrium (missed)\n",
        "✓ left ventricle\n",
        "✓ right ventricle\n",
        "✗ north pole (missed)\n",
        "✓ south pole\n",
        "✓ magnetic north\n",
        "✗ pre-war economy (missed)\n",
        "✓ post-war economy\n",
        "✓ pre-war politics\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    assert!(!text.contains("(partly)"), "{text}");
    assert_eq!(
        suggested(&r),
        pairs(&[("chambers", 3), ("poles", 2), ("eras", 2)])
    );
    // stats' "items missed most" gets the same per-item result
    let stats: serde_json::Value =
        serde_json::from_str(&r.ok(&["stats", "--json"])).expect("stats json");
    let mut missed: Vec<&str> = stats["weak_items"]
        .as_array()
        .expect("weak_items")
        .iter()
        .map(|w| w["item"].as_str().expect("item"))
        .collect();
    missed.sort();
    assert_eq!(
        missed,
        vec!["north pole", "pre-war economy", "right atrium"]
    );
}

#[test]
fn the_same_number_in_another_form_is_right() {
    let r = deck(
        &[
            card(
                "century",
                "Darwin lived in the ___ century.",
                "19th",
                &[],
                false,
            ),
            card("fingers", "A hand has ___ fingers.", "five", &[], false),
            card(
                "boil",
                "Water boils at ___ degrees Celsius.",
                "100",
                &[],
                false,
            ),
            card("minute", "A minute has ___ seconds.", "60", &[], false),
            card("share", "The share was ___.", "30%", &[], false),
            card("rate", "The rate was ___.", "30%", &[], false),
            card("age", "The age of majority there is ___.", "21", &[], false),
        ]
        .concat(),
    );
    study(
        &r,
        "19\n\n5\n\none hundred\n\nsixty\n\n30 per cent\n\nthirty percent\n\ntwenty\n\nq\n",
    );
    assert_eq!(
        suggested(&r),
        pairs(&[
            ("century", 5),
            ("fingers", 5),
            ("boil", 5),
            ("minute", 5),
            ("share", 5),
            ("rate", 5),
            // a different number stays wrong
            ("age", 0),
        ])
    );
}

#[test]
fn words_the_question_shows_are_not_demanded() {
    let r = deck(
        &[
            card(
                "valves",
                "The four valves: ___",
                "",
                &[
                    "tricuspid valve",
                    "pulmonary valve",
                    "mitral valve",
                    "aortic valve",
                ],
                false,
            ),
            card(
                "concepts",
                "China rejects western governance ___.",
                "western governance concepts",
                &[],
                false,
            ),
            card(
                "bard",
                "Who wrote Hamlet?",
                "William Shakespeare",
                &[],
                false,
            ),
            card(
                "copy",
                "China rejects western governance ___ (again).",
                "western governance concepts",
                &[],
                false,
            ),
        ]
        .concat(),
    );
    let text = study(
        &r,
        "tricuspid, pulmonary, mitral, aortic\n\nconcepts\n\nShakespeare\n\nwestern governance\n\nq\n",
    );
    assert!(text.contains("✓ tricuspid valve\n"), "{text}");
    assert!(
        text.contains("✓ Answer: William Shakespeare (family name only)"),
        "{text}"
    );
    assert_eq!(
        suggested(&r),
        pairs(&[
            ("valves", 5),
            ("concepts", 5),
            // a family name alone: hard
            ("bard", 3),
            // only the words the question shows: nothing
            ("copy", 0),
        ])
    );
}

#[test]
fn order_mistakes_are_named_and_graded() {
    let stages = ["diversity", "communication", "integration", "progress"];
    let r = deck(
        &[
            card("rotated", "The stages, in order?", "", &stages, true),
            card("swapped", "The stages again, in order?", "", &stages, true),
        ]
        .concat(),
    );
    let text = study(
        &r,
        "progress, diversity, communication, integration\n\n\
         diversity, integration, communication, progress\n\nq\n",
    );
    assert!(
        text.contains("↕ progress (out of place: typed 1st)"),
        "{text}"
    );
    assert!(
        text.contains("Order: progress out of place; the right order is the list above."),
        "{text}"
    );
    assert!(text.contains("✓ diversity\n"), "{text}");
    // one adjacent swap names both of the pair
    assert!(
        text.contains("↕ communication (out of place: typed 3rd)"),
        "{text}"
    );
    assert!(
        text.contains("Order: communication, integration out of place"),
        "{text}"
    );
    assert_eq!(suggested(&r), pairs(&[("rotated", 3), ("swapped", 4)]));
}

// ---- pseudo-terminal ----

fn spawn(r: &Recall) -> rexpect::session::PtySession {
    r.pty(&["study"])
}

#[test]
fn pty_a_command_letter_can_be_typed_as_the_answer() {
    let r = deck(&card("vit", "Tocopherol is vitamin ___.", "E", &[], false));
    let mut p = spawn(&r);
    p.exp_string("Tocopherol is vitamin").unwrap();
    // the help on screen says how to type a command letter as an answer
    p.exp_string("=e answers \"e\")").unwrap();
    p.send_line("=E").unwrap();
    p.exp_string("Answer: E").unwrap();
    p.exp_string("Suggested grade: 5").unwrap();
    p.exp_string("Grade 0-5 (Enter = 5)").unwrap();
    p.send_line("").unwrap();
    p.exp_string(": grade 5; next").unwrap();
    p.exp_string("Session over").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(suggested(&r), pairs(&[("vit", 5)]));
    // and `recall study --help` says it too
    let help = r.ok(&["study", "--help"]);
    assert!(help.contains("=e"), "{help}");
}

#[test]
fn pty_an_answer_after_the_source_is_capped_at_three() {
    let r = deck(&card(
        "boil",
        "Water boils at ___ degrees Celsius.",
        "100",
        &[],
        false,
    ));
    let mut p = spawn(&r);
    p.exp_string("Your answer").unwrap();
    p.send_line("e").unwrap();
    p.exp_string("The source of boil says 100.").unwrap();
    p.exp_string("Your answer").unwrap();
    p.send_line("100").unwrap();
    p.exp_string("Suggested grade: 3").unwrap();
    p.exp_string("(at most 3: the source, which holds the answer, was shown before you answered)")
        .unwrap();
    p.exp_string("Grade 0-5 (Enter = 3)").unwrap();
    p.send_line("").unwrap();
    p.exp_string(": grade 3; next").unwrap();
    p.send_line("q").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(suggested(&r), pairs(&[("boil", 3)]));
}
