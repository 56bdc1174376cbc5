//! `recall stats` on a database with a review history of known shape: each
//! number checked, charts snapshotted at a fixed width, the SVG parsed back.

use crate::common::Recall;

const TODAY: &str = "2026-06-15";

/// Ten cards: c0, c1 new; c2, c3 learning (interval 1); c4-c6 young
/// (interval 5); c7-c9 mature (interval 30); c9 a suspended leech.
fn history() -> Recall {
    let r = Recall::new();
    let mut deck = String::from("format = 1\n[deck]\nid = \"h\"\nname = \"History\"\n");
    for i in 0..10 {
        if i == 4 {
            deck.push_str("[[cards]]\nid = \"c4\"\nkind = \"list\"\nfront = \"Name the colours.\"\nitems = [\"red\", \"blue\", \"green\"]\nsource = \"II.(3)\"\n");
        } else {
            deck.push_str(&format!("[[cards]]\nid = \"c{i}\"\nkind = \"basic\"\nfront = \"Question {i}?\"\nback = \"A{i}\"\nsource = \"s{i}\"\n"));
        }
    }
    let f = r.write("h.toml", deck);
    r.ok(&["import", f.to_str().unwrap()]);
    let c = r.sql();
    let set = |key: &str, ef: i64, reps: i64, ivl: i64, due: &str, lapses: i64| {
        c.execute(
            "UPDATE card_state SET ef = ?2, reps = ?3, interval = ?4, due = ?5, lapses = ?6
             WHERE card_id = (SELECT id FROM cards WHERE key = ?1)",
            rusqlite::params![key, ef, reps, ivl, due, lapses],
        )
        .unwrap();
    };
    set("c2", 2500, 1, 1, "2026-06-15", 0); // due today
    set("c3", 2360, 0, 1, "2026-06-16", 1);
    set("c4", 2200, 2, 5, "2026-06-16", 0);
    set("c5", 2500, 2, 5, "2026-06-17", 0);
    set("c6", 2600, 3, 5, "2026-06-17", 0);
    set("c7", 2500, 4, 30, "2026-06-25", 0);
    set("c8", 1300, 5, 30, "2026-07-30", 3);
    set("c9", 1500, 4, 30, "2026-06-20", 8);
    c.execute("UPDATE card_state SET leech = 1, suspended = 1 WHERE card_id = (SELECT id FROM cards WHERE key = 'c9')", []).unwrap();
    // answers: (card, day, grade, kind, due_before, reps_before, interval_before, taken_ms, detail)
    let log = |key: &str,
               day: &str,
               grade: i64,
               kind: &str,
               due_before: Option<&str>,
               reps: i64,
               ivl: i64,
               ms: i64,
               detail: Option<&str>| {
        c.execute(
            "INSERT INTO revlog(card_id, reviewed_at, day, grade, kind, ef_before, reps_before,
                 interval_before, due_before, lapses_before, ef_after, reps_after, interval_after,
                 due_after, lapses_after, taken_ms, detail)
             VALUES ((SELECT id FROM cards WHERE key = ?1), 0, ?2, ?3, ?4, 2500, ?6, ?7, ?5, 0,
                     2500, ?6, ?7, ?5, 0, ?8, ?9)",
            rusqlite::params![key, day, grade, kind, due_before, reps, ivl, ms, detail],
        )
        .unwrap();
    };
    // today: c3 introduced today? no: c1 is new; c4 and c6 reviewed today, c6 drilled
    log(
        "c4",
        TODAY,
        4,
        "review",
        Some("2026-06-15"),
        2,
        6,
        6000,
        Some(
            r#"[{"expected":"red","credit":1.0,"typo":false},{"expected":"blue","credit":0.0,"typo":false},{"expected":"green","credit":1.0,"typo":false}]"#,
        ),
    );
    log(
        "c6",
        TODAY,
        2,
        "review",
        Some("2026-06-15"),
        3,
        6,
        4000,
        None,
    );
    log(
        "c6",
        TODAY,
        4,
        "drill",
        Some("2026-06-16"),
        0,
        1,
        2000,
        None,
    );
    log("c2", TODAY, 4, "review", None, 0, 0, 3000, None); // introduced today
                                                           // yesterday and the day before: a 3-day streak
    log(
        "c7",
        "2026-06-14",
        5,
        "review",
        Some("2026-06-14"),
        3,
        25,
        5000,
        None,
    );
    log(
        "c8",
        "2026-06-13",
        1,
        "review",
        Some("2026-06-13"),
        4,
        40,
        5000,
        None,
    );
    log(
        "c4",
        "2026-06-13",
        3,
        "review",
        Some("2026-06-13"),
        1,
        1,
        5000,
        Some(
            r#"[{"expected":"red","credit":1.0,"typo":false},{"expected":"blue","credit":0.5,"typo":false},{"expected":"green","credit":0.0,"typo":false}]"#,
        ),
    );
    // a gap on the 12th, older history
    log(
        "c5",
        "2026-06-10",
        4,
        "review",
        Some("2026-06-10"),
        1,
        1,
        5000,
        None,
    );
    log(
        "c9",
        "2026-05-01",
        0,
        "review",
        Some("2026-05-01"),
        3,
        30,
        5000,
        None,
    );
    // older than 30 days: not in retention, still in the heatmap
    log(
        "c8",
        "2026-04-01",
        5,
        "review",
        Some("2026-04-01"),
        3,
        20,
        5000,
        None,
    );
    r
}

fn stats_json(r: &Recall) -> serde_json::Value {
    let out = r
        .at(&format!("{TODAY}T20:00:00Z"))
        .args(["stats", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn every_number_matches_the_history() {
    let r = history();
    let s = stats_json(&r);
    assert_eq!(s["day"], TODAY);
    // today: c4, c6, c2 had their scheduled repetition; c2 was new
    assert_eq!(s["today"]["done"], 3);
    assert_eq!(
        s["today"]["due"], 1,
        "c2's state says due today (set by hand)"
    );
    assert_eq!(
        s["today"]["new_left"], 2,
        "20 per day - 1 introduced, but only 2 new cards"
    );
    assert_eq!(s["today"]["seconds"], 15);
    assert_eq!(s["streak"], 3);
    let st = &s["states"];
    assert_eq!(
        (
            st["new"].as_i64(),
            st["learning"].as_i64(),
            st["young"].as_i64(),
            st["mature"].as_i64()
        ),
        (Some(2), Some(2), Some(3), Some(3))
    );
    assert_eq!(st["suspended"], 1);
    assert_eq!(st["leeches"], 1);
    // retention over 30 days, learned cards' scheduled reviews only:
    // young (interval before < 21): c4 4, c6 2, c4 3, c5 4 -> 3/4; mature: c7 5, c8 1 -> 1/2
    // (c9's lapse on 2026-05-01 is more than 30 days ago)
    assert_eq!(s["retention"]["young"]["passed"], 3);
    assert_eq!(s["retention"]["young"]["total"], 4);
    assert_eq!(s["retention"]["mature"]["passed"], 1);
    assert_eq!(s["retention"]["mature"]["total"], 2);
    assert_eq!(s["retention"]["all"]["total"], 6);
    // mean EF of the 8 studied cards
    let efs = [2500, 2360, 2200, 2500, 2600, 2500, 1300, 1500];
    assert_eq!(
        s["average_ef"],
        (efs.iter().sum::<i64>() as f64 / 8.0).round() as i64
    );
    assert_eq!(
        s["seconds_30d"],
        15 + 5 + 5 + 5 + 5,
        "today, the 14th, two on the 13th, the 10th"
    );
    // forecast: today c2; +1 c3, c4; +2 c5, c6; +10 c7; c9 suspended; c8 beyond 30 days
    let f: Vec<i64> = s["forecast"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap())
        .collect();
    assert_eq!(f.len(), 30);
    assert_eq!(&f[..3], &[1, 2, 2]);
    assert_eq!(f[10], 1);
    assert_eq!(f.iter().sum::<i64>(), 6);
    // heatmap: 365 days ending today
    let h = s["heatmap"].as_array().unwrap();
    assert_eq!(h.len(), 365);
    assert_eq!(h[364]["day"], TODAY);
    assert_eq!(h[364]["count"], 4);
    assert_eq!(h[362]["count"], 2);
    assert_eq!(
        h.iter().map(|d| d["count"].as_i64().unwrap()).sum::<i64>(),
        10
    );
    // intervals: 2 at 1 day, 3 at 4-7 days, 3 at 2-4 weeks... (30 days = "2-4w")
    let iv: Vec<(String, i64)> = s["intervals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["label"].as_str().unwrap().to_string(),
                b["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(iv[0], ("1d".into(), 2));
    assert_eq!(iv[2], ("4-7d".into(), 3));
    assert_eq!(iv[4], ("2-4w".into(), 3));
    // weak items: "blue" missed twice in two attempts, "green" once
    let w = s["weak_items"].as_array().unwrap();
    assert_eq!(w[0]["item"], "blue");
    assert_eq!(w[0]["misses"], 2);
    assert_eq!(w[0]["source"], "II.(3)");
    assert_eq!(w[1]["item"], "green");
    // hardest: lowest EF first
    let hard: Vec<&str> = s["hardest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["card"].as_str().unwrap())
        .collect();
    assert_eq!(&hard[..3], &["c8", "c9", "c4"]);
}

#[test]
fn deck_filter_and_unknown_deck() {
    let r = history();
    let out = r
        .at(&format!("{TODAY}T20:00:00Z"))
        .args(["stats", "nope"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let out = r
        .at(&format!("{TODAY}T20:00:00Z"))
        .args(["stats", "h", "--json"])
        .output()
        .unwrap();
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["deck"], "h");
    assert_eq!(s["today"]["done"], 3);
}

#[test]
fn charts_render_at_a_fixed_width() {
    let r = history();
    let run = |args: &[&str]| {
        let out = r
            .at(&format!("{TODAY}T20:00:00Z"))
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let unicode = run(&["stats", "--width", "80"]);
    let ascii = run(&["stats", "--width", "60", "--ascii"]);
    assert!(ascii.is_ascii(), "--ascii output is plain ASCII");
    assert!(
        unicode.lines().all(|l| l.chars().count() <= 80),
        "{unicode}"
    );
    assert!(ascii.lines().all(|l| l.chars().count() <= 60), "{ascii}");
    insta::assert_snapshot!("stats_unicode_80", unicode);
    insta::assert_snapshot!("stats_ascii_60", ascii);
}

/// `recall stats --svg` of the history, read back.
fn history_svg() -> String {
    let r = history();
    let svg = r.path("stats.svg");
    r.at(&format!("{TODAY}T20:00:00Z"))
        .args(["stats", "--svg", svg.to_str().unwrap()])
        .assert()
        .success();
    std::fs::read_to_string(&svg).unwrap()
}

#[test]
fn svg_is_valid_and_holds_the_charts() {
    let text = history_svg();
    let doc = roxmltree::Document::parse(&text).expect("well-formed SVG");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let group = |id: &str| {
        root.children()
            .find(|n| n.attribute("id") == Some(id))
            .unwrap_or_else(|| panic!("no {id}"))
    };
    let rects = |id: &str| {
        group(id)
            .children()
            .filter(|n| n.tag_name().name() == "rect")
            .count()
    };
    assert_eq!(rects("forecast"), 30);
    assert_eq!(rects("heatmap"), 365);
    assert_eq!(rects("intervals"), 9);
}

#[test]
fn leeches_are_suspended_listed_and_unsuspended() {
    let r = Recall::new();
    let f = r.write("d.toml", crate::common::THREE_CARDS);
    r.ok(&["import", f.to_str().unwrap()]);
    r.ok(&["config", "leech_lapses", "2"]);
    // learn q1, then fail it twice (a lapse each time)
    let days = ["2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04"];
    let grades = ["5", "1", "5", "1"];
    for (d, g) in days.iter().zip(grades) {
        r.at(&format!("{d}T09:00:00Z"))
            .args(["answer", "q1", g])
            .assert()
            .success();
    }
    let c = r.card("q1");
    assert_eq!(c["lapses"], 2);
    assert_eq!(c["leech"], true);
    assert_eq!(c["suspended"], true);
    let leeches = r.ok(&["cards", "--leeches", "--json"]);
    assert!(leeches.contains("\"q1\"") && !leeches.contains("\"q2\""));
    // not shown in study
    let out = r
        .at("2026-03-05T09:00:00Z")
        .args(["study", "--reveal"])
        .write_stdin("\n5\n\n5\n")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("capital of France"));
    r.ok(&["unsuspend", "q1"]);
    assert_eq!(r.card("q1")["suspended"], false);
}

#[test]
fn text_charts_carry_labels_scales_and_whole_words() {
    let r = Recall::new();
    let deck = r.write(
        "long.toml",
        r#"format = 1
[deck]
id = "long"
name = "Long"
[[cards]]
id = "wordy"
kind = "basic"
front = "Which general wrote that all warfare is based on deception, and that a commander must appear weak when strong?"
back = "Sun Tzu"
"#,
    );
    r.ok(&["import", deck.to_str().unwrap()]);
    r.at("2026-03-01T09:00:00Z")
        .args(["answer", "wordy", "5"])
        .assert()
        .success();
    r.at("2026-03-02T09:00:00Z")
        .args(["answer", "wordy", "3"])
        .assert()
        .success();
    let out = r
        .at("2026-03-02T20:00:00Z")
        .args(["stats", "--width", "60"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.chars().count() <= 60), "{text}");
    // heatmap: weekday names, month names, a legend
    for day in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
        assert!(text.lines().any(|l| l.starts_with(day)), "{day}: {text}");
    }
    assert!(text.contains("Mar"), "{text}");
    assert!(text.contains("less") && text.contains("more"), "{text}");
    // forecast: a scale and day labels
    assert!(
        text.contains("    1 │") && text.contains("    0 │"),
        "{text}"
    );
    assert!(text.contains("today") && text.contains("+14"), "{text}");
    // the hardest card is cut after a whole word
    let line = text
        .lines()
        .find(|l| l.contains("[wordy"))
        .unwrap_or_else(|| panic!("{text}"));
    let shown = line
        .split("lapses 0  ")
        .nth(1)
        .unwrap()
        .split('…')
        .next()
        .unwrap();
    let front = "Which general wrote that all warfare is based on deception, and that a commander must appear weak when strong?";
    assert!(
        front.starts_with(shown) && front[shown.len()..].starts_with(' '),
        "{line}"
    );
}

#[test]
fn svg_renders_with_axes_labels_and_a_legend() {
    let text = history_svg();
    // it renders: a broken image fails here
    let tree = resvg::usvg::Tree::from_str(&text, &resvg::usvg::Options::default())
        .expect("the SVG parses");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    let px = |x: u32, y: u32| pixmap.pixel(x, y).unwrap();
    let painted = |x0: u32, y0: u32, x1: u32, y1: u32| {
        (x0..x1)
            .flat_map(|x| (y0..y1).map(move |y| (x, y)))
            .filter(|&(x, y)| {
                let p = px(x, y);
                (p.red(), p.green(), p.blue()) != (255, 255, 255)
            })
            .count()
    };
    // the forecast's axes and bars, the heatmap's cells, the interval bars
    assert!(painted(60, 60, 860, 200) > 500, "forecast is blank");
    assert!(painted(60, 270, 880, 380) > 5000, "heatmap is blank");
    assert!(painted(70, 430, 700, 600) > 1000, "intervals are blank");
    // a 1-pixel line at x = 70 is shared by pixels 69 and 70
    let y_axis = px(69, 150).red().min(px(70, 150).red());
    assert!(y_axis < 200, "the forecast's y axis is drawn");
    // titles, tick labels, month and weekday labels, legend
    let doc = roxmltree::Document::parse(&text).unwrap();
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    for want in [
        "Cards due on each of the next 30 days",
        "Answers per day, last year",
        "Intervals of studied cards",
        "today",
        "+28",
        "days from today",
        "cards",
        "0",
        "Mon",
        "Sun",
        "Jun",
        "less",
        "more",
    ] {
        assert!(texts.iter().any(|t| t == want), "no '{want}' in {texts:?}");
    }
    let lines = doc.descendants().filter(|n| n.has_tag_name("line")).count();
    assert!(lines >= 4, "axes and ticks");
}
