//! What a paper says about itself: who wrote it (a byline, a short name
//! heading over most of the text: "MADISON"), how it is signed (a name on
//! the last line: "PUBLIUS"), and its date ("From the Daily Advertiser.
//! Thursday, November 22, 1787."). Each is asked about the document by its
//! title: "Who wrote “FEDERALIST No. 10”?".

use super::candidate::{prior, Candidate};
use super::document::{BlockKind, Doc};
use super::gaps::MONTHS;
use super::text::{self, fold};
use crate::model::CardKind;

/// A personal name line: one to three capitalised words, letters only.
fn is_name_line(s: &str) -> bool {
    let w: Vec<&str> = s.split_whitespace().collect();
    (1..=3).contains(&w.len())
        && w.iter().all(|x| {
            x.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
                && x.starts_with(char::is_uppercase)
        })
        && super::outline::numbered_label(s).is_none()
}

/// "Thursday, November 22, 1787" in `s`: a month, a day and a year, with
/// the weekday before them if there is one.
fn date_in(s: &str) -> Option<&str> {
    let w = text::words(s);
    for (i, x) in w.iter().enumerate() {
        if !MONTHS.contains(&fold(x.text).as_str()) || !x.text.starts_with(char::is_uppercase) {
            continue;
        }
        let (Some(day), Some(year)) = (w.get(i + 1), w.get(i + 2)) else {
            continue;
        };
        let digits = |t: &str, n: std::ops::RangeInclusive<usize>| {
            n.contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
        };
        if !digits(day.text, 1..=2) || !digits(year.text, 4..=4) {
            continue;
        }
        let start = match i.checked_sub(1).map(|k| &w[k]) {
            Some(d) if fold(d.text).ends_with("day") => d.start,
            _ => x.start,
        };
        return Some(&s[start..year.end]);
    }
    None
}

fn card(doc: &Doc, block: usize, front: String, back: String) -> Candidate {
    Candidate {
        kind: CardKind::Basic,
        front,
        back,
        items: vec![],
        ordered: false,
        block,
        sentence: 0,
        locator: doc.blocks[block].locator.clone(),
        context: doc.blocks[block].text.clone(),
        score: prior::OUTLINE,
        origin: "byline",
    }
}

pub fn extract(doc: &Doc, out: &mut Vec<Candidate>) {
    let Some(title) = doc.title.as_deref() else {
        return;
    };
    if text::word_count(title) > 12 {
        return;
    }
    let n = doc.blocks.len();
    // the byline: a name heading near the top whose section is most of
    // the text
    let mut words_in = vec![0usize; doc.sections.len()];
    for b in &doc.blocks {
        if let Some(w) = words_in.get_mut(b.section) {
            *w += text::word_count(&b.text);
        }
    }
    for (i, b) in doc.blocks.iter().enumerate().take(6) {
        if b.kind == BlockKind::Heading
            && is_name_line(&b.text)
            && words_in.get(b.section).is_some_and(|&w| w * 2 > doc.words)
        {
            out.push(card(
                doc,
                i,
                format!("Who wrote “{title}”?"),
                b.text.clone(),
            ));
            break;
        }
    }
    // the date line: a short line near the top that holds a full date
    for (i, b) in doc.blocks.iter().enumerate().take(6) {
        if b.kind == BlockKind::Title || text::word_count(&b.text) > 10 {
            continue;
        }
        if let Some(d) = date_in(&b.text) {
            out.push(card(
                doc,
                i,
                format!("What is the date of “{title}”?"),
                d.to_string(),
            ));
            break;
        }
    }
    // the signature: a name alone on the last line, after the text
    if let Some(last) = doc.blocks.last() {
        if n > 3 && is_name_line(&last.text) && !last.text.ends_with('.') {
            out.push(card(
                doc,
                n - 1,
                format!("Under what name is “{title}” signed?"),
                last.text.clone(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paper_says_who_wrote_it_how_it_is_signed_and_when() {
        let body = "The violence of faction is the danger. ".repeat(30);
        let text = format!(
            "FEDERALIST No. 10\n\nThe Same Subject Continued\n\nFrom the Daily Advertiser. Thursday, November 22, 1787.\n\nMADISON\n\n{body}\n\n{body}\n\nPUBLIUS\n"
        );
        let doc = super::super::document::parse(&text);
        let mut out = Vec::new();
        extract(&doc, &mut out);
        let got: Vec<(String, String)> = out.into_iter().map(|c| (c.front, c.back)).collect();
        assert!(
            got.contains(&("Who wrote “FEDERALIST No. 10”?".into(), "MADISON".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&(
                "What is the date of “FEDERALIST No. 10”?".into(),
                "Thursday, November 22, 1787".into()
            )),
            "{got:?}"
        );
        assert!(
            got.contains(&(
                "Under what name is “FEDERALIST No. 10” signed?".into(),
                "PUBLIUS".into()
            )),
            "{got:?}"
        );
    }

    #[test]
    fn a_textbook_chapter_has_no_byline() {
        let body = "The Sun is a star made mostly of hydrogen and helium. ".repeat(20);
        let text = format!("The Sun\n\nLearning Objectives\n\n{body}\n\nThe Corona\n\n{body}\n");
        let doc = super::super::document::parse(&text);
        let mut out = Vec::new();
        extract(&doc, &mut out);
        assert!(
            out.is_empty(),
            "{:?}",
            out.iter().map(|c| &c.front).collect::<Vec<_>>()
        );
    }
}
