//! Document structure: title, sections (ordinal or Markdown headings, short
//! heading lines), numbered points, paragraphs and sentences, each with a
//! locator such as `II.(1)`, `Article 3 ¶2` or `13.(4)`.

use std::sync::OnceLock;

use regex::Regex;

use super::text::{self, fold, sentences, word_count, ORDINALS};
use super::workers;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Heading,
    /// A numbered point: `(1) ...`, `4. ...`, `(a) ...`.
    Point,
    /// A Markdown bullet item.
    Bullet,
    Para,
}

/// One paragraph-level unit of the document.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// Text without its number label.
    pub text: String,
    pub sentences: Vec<String>,
    /// Index into `Doc::sections`.
    pub section: usize,
    /// The point label as written, normalised: `(1)`, `4`, `(a)`.
    pub label: Option<String>,
    /// Label of the numbered paragraph a sub-point sits under (`13`).
    pub parent_label: Option<String>,
    /// Where the block is, for `source` fields.
    pub locator: String,
}

/// A part of the document under one heading (section 0 is before the first).
#[derive(Debug, Clone)]
pub struct Section {
    /// Short label: a Roman numeral for ordinal headings, else the heading.
    pub label: String,
    /// The heading text (empty for section 0).
    pub title: String,
    /// Whether the heading was an ordinal one ("First, ...").
    pub ordinal: bool,
}

/// A parsed document.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: Option<String>,
    pub sections: Vec<Section>,
    pub blocks: Vec<Block>,
    pub words: usize,
}

// The patterns are string literals in this file; unit tests compile every
// one of them, so a bad pattern fails the tests, never a user.
#[allow(clippy::expect_used)]
fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static regex"))
}

fn point_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^(?:\((\d{1,3}|[a-zA-Z]|[ivx]{1,5})\)|(\d{1,3}(?:,\s*\d{1,3})*)\.|(\d{1,3}|[a-z])\))\s+",
    )
}

fn md_heading_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^(#{1,6})\s+(.+?)\s*#*\s*$")
}

fn bullet_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"^[-*+•]\s+")
}

fn inline_marker_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"\s\((\d{1,2})\)\s")
}

/// Roman numeral for 1..=39.
pub fn roman(mut n: usize) -> String {
    let mut s = String::new();
    for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The ordinal word a block starts with ("First," → 1).
pub fn ordinal_start(text: &str) -> Option<usize> {
    let first = text.split([',', ' ']).next()?;
    let f = fold(first);
    ORDINALS
        .iter()
        .position(|o| *o == f)
        .map(|i| i + 1)
        .filter(|_| text[first.len()..].starts_with(','))
}

/// A line of program text ("tkinter.Toplevel(master, class_='ClassName')",
/// "x = 5;"), which is never a heading.
fn looks_like_code(s: &str) -> bool {
    if s.contains(['=', ';', '{', '}']) || s.contains("()") {
        return true;
    }
    // a docstring's quotes or an interpreter prompt
    if s.contains("\"\"\"") || s.contains("'''") || s.trim_start().starts_with(">>>") {
        return true;
    }
    // a call: a name straight before "(" with a dotted or underscored name
    let call = s
        .char_indices()
        .any(|(i, c)| c == '(' && s[..i].ends_with(|p: char| p.is_alphabetic() || p == '_'));
    call && s.contains(['_', '.', '\'', '"'])
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')'])
        .ends_with(['.', '!', '?', ':', ';', ','])
}

/// Raw paragraphs: blank lines separate; headings, bullets and numbered
/// lines start their own paragraph; other lines join the one before.
fn raw_paragraphs(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let t = text::squash(cur);
        if !t.is_empty() {
            out.push(t);
        }
        cur.clear();
    };
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            flush(&mut cur, &mut out);
            continue;
        }
        let starts_own =
            md_heading_re().is_match(l) || bullet_re().is_match(l) || point_re().is_match(l);
        if starts_own {
            flush(&mut cur, &mut out);
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(l);
        if md_heading_re().is_match(l) {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Splits "(2) A? (3) B?" into separate points when the numbers run on.
fn split_inline_points(label: &str, body: &str) -> Vec<(String, String)> {
    let Some(n) = label
        .trim_matches(['(', ')'])
        .parse::<usize>()
        .ok()
        .filter(|_| label.starts_with('('))
    else {
        return vec![(label.to_string(), body.to_string())];
    };
    let mut out = Vec::new();
    let mut cur_label = n;
    let mut rest = body;
    loop {
        let next = inline_marker_re().captures_iter(rest).find(|c| {
            c.get(1).and_then(|m| m.as_str().parse::<usize>().ok()) == Some(cur_label + 1)
        });
        match next {
            Some(c) => {
                let Some(m) = c.get(0) else { break };
                out.push((
                    format!("({cur_label})"),
                    rest[..m.start()].trim().to_string(),
                ));
                rest = &rest[m.end()..];
                cur_label += 1;
            }
            None => {
                out.push((format!("({cur_label})"), rest.trim().to_string()));
                break;
            }
        }
    }
    out
}

/// Pieces of `text` of about `size` bytes, cut just after a "\n" that
/// precedes an empty line, so that no paragraph spans two pieces.
fn pieces(text: &str, size: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while rest.len() > size {
        let mut at = size;
        while !rest.is_char_boundary(at) {
            at += 1;
        }
        match rest[at..].find("\n\n") {
            Some(p) => {
                let (a, b) = rest.split_at(at + p + 1);
                out.push(a);
                rest = b;
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

/// The raw paragraphs with their word counts, on all cores for big texts.
fn counted_paragraphs(text: &str) -> Vec<(String, usize)> {
    let pieces = pieces(text, 4 * 1024);
    let weights: Vec<usize> = pieces.iter().map(|p| p.len()).collect();
    workers::map_ranges(
        &weights,
        || (),
        |(), from, to| {
            pieces[from..to]
                .iter()
                .flat_map(|p| raw_paragraphs(p))
                .map(|p| {
                    let n = word_count(&p);
                    (p, n)
                })
                .collect::<Vec<_>>()
        },
    )
    .into_iter()
    .flatten()
    .collect()
}

/// Adds a paragraph or bullet, which has no label of its own.
fn push_unlabelled(doc: &mut Doc, kind: BlockKind, text: String, section: usize, locator: String) {
    doc.blocks.push(Block {
        kind,
        sentences: Vec::new(),
        text,
        section,
        label: None,
        parent_label: None,
        locator,
    });
}

/// Parses a document into blocks with locators.
pub fn parse(text: &str) -> Doc {
    let (paras, counts): (Vec<String>, Vec<usize>) = counted_paragraphs(text).into_iter().unzip();
    // paragraphs only regroup the text's whitespace-separated words
    let words = counts.iter().sum();
    // Ordinal headings count only when the document has a First and a Second.
    let ordinal_heads: Vec<usize> = paras
        .iter()
        .zip(&counts)
        .filter(|(p, &wc)| wc <= 30 && sentences(p).len() == 1)
        .filter_map(|(p, _)| ordinal_start(p))
        .collect();
    let use_ordinals = ordinal_heads.contains(&1) && ordinal_heads.contains(&2);

    let mut doc = Doc {
        title: None,
        sections: vec![Section {
            label: String::new(),
            title: String::new(),
            ordinal: false,
        }],
        blocks: Vec::new(),
        words,
    };
    let mut para_in_section = 0usize;
    let mut last_top_point: Option<String> = None;
    let mut n_ord = 0;
    // "These are:" and then one short line per item ("HM Revenue &
    // Customs (HMRC)", "Department for Transport (DfT)", …): a run of two
    // or more short lines after a colon is a list, not a run of headings
    let short_line = |k: usize| {
        paras.get(k).zip(counts.get(k)).is_some_and(|(p, &wc)| {
            wc <= 12
                && !ends_sentence(p)
                && !md_heading_re().is_match(p)
                && !looks_like_code(p)
                && !point_re().is_match(p)
                && !bullet_re().is_match(p)
        })
    };
    let mut colon_run = false;
    // inside a program's string block ('"""Return a foobang' … '"""'),
    // which holds no statements of the text
    let mut in_docstring = false;
    for (i, (p, &wc)) in paras.iter().zip(&counts).enumerate() {
        // (the quotes open or close the paragraph: in prose, "the \"\"\"
        // that ends a multiline docstring" is a mention)
        let t = p.trim();
        let edge = |q: &str| t.starts_with(q) || t.ends_with(q);
        let quotes = p.matches("\"\"\"").count() + p.matches("'''").count();
        let toggles = quotes % 2 == 1 && (edge("\"\"\"") || edge("'''"));
        if in_docstring || toggles {
            if toggles {
                in_docstring = !in_docstring;
            }
            continue;
        }
        if i > 0
            && short_line(i)
            && (colon_run || paras[i - 1].trim_end().ends_with(':') && short_line(i + 1))
        {
            colon_run = true;
            let section = doc.sections.len() - 1;
            let sec_label = &doc.sections[section].label;
            let locator = if sec_label.is_empty() {
                format!("¶{}", para_in_section.max(1))
            } else {
                format!("{sec_label}.¶{}", para_in_section.max(1))
            };
            push_unlabelled(&mut doc, BlockKind::Bullet, p.clone(), section, locator);
            continue;
        }
        colon_run = false;
        // Title: a first short line, or a Markdown heading first.
        if i == 0 {
            if let Some(c) = md_heading_re().captures(p) {
                doc.title = Some(c[2].to_string());
                push_simple(&mut doc, BlockKind::Title, c[2].to_string());
                continue;
            }
            if wc <= 30 && (!ends_sentence(p) || sentences(p).len() == 1 && !p.ends_with('.')) {
                doc.title = Some(p.clone());
                push_simple(&mut doc, BlockKind::Title, p.clone());
                continue;
            }
        }
        let heading = if let Some(c) = md_heading_re().captures(p) {
            Some((c[2].to_string(), false))
        } else if use_ordinals && wc <= 30 && sentences(p).len() == 1 && ordinal_start(p).is_some()
        {
            Some((p.clone(), true))
        } else if (wc <= 8 || wc <= 14 && super::outline::numbered_label(p).is_some())
            && (!ends_sentence(p)
                || wc == 2 && p.ends_with('.') && super::outline::numbered_label(p).is_some())
            && !looks_like_code(p)
            && !point_re().is_match(p)
            && !bullet_re().is_match(p)
        {
            Some((p.clone(), false))
        } else {
            None
        };
        if let Some((title, ordinal)) = heading {
            let label = if ordinal {
                n_ord += 1;
                roman(n_ord)
            } else {
                title
                    .trim_end_matches(['.', ':'])
                    .chars()
                    .take(40)
                    .collect()
            };
            doc.sections.push(Section {
                label,
                title: title.clone(),
                ordinal,
            });
            para_in_section = 0;
            last_top_point = None;
            push_simple(&mut doc, BlockKind::Heading, title);
            continue;
        }
        let section = doc.sections.len() - 1;
        let sec_label = doc.sections[section].label.clone();
        let join = |a: &str, b: &str| {
            if a.is_empty() {
                b.to_string()
            } else {
                format!("{a}.{b}")
            }
        };
        if let Some(c) = point_re().captures(p) {
            let whole = c.get(0).map_or(0, |m| m.end());
            let body = p[whole..].to_string();
            let (label, top) = if let Some(m) = c.get(1) {
                (format!("({})", m.as_str()), false)
            } else if let Some(m) = c.get(2) {
                (m.as_str().replace(' ', "").replace(',', "-"), true)
            } else {
                (format!("({})", &c[3]), false)
            };
            if top {
                last_top_point = Some(label.clone());
            }
            let mut parent = if top { None } else { last_top_point.clone() };
            let (mut label, mut body) = (label, body);
            // "13. (1) Which ...": a numbered paragraph that opens a sub-list.
            if top {
                if let Some(c2) = point_re().captures(&body) {
                    if let Some(m) = c2.get(1) {
                        parent = Some(label.clone());
                        let end = c2.get(0).map_or(0, |m| m.end());
                        label = format!("({})", m.as_str());
                        body = body[end..].to_string();
                    }
                }
            }
            for (lab, text) in split_inline_points(&label, &body) {
                let base = match &parent {
                    Some(par) => join(&sec_label, &format!("{par}.{lab}")),
                    None => join(&sec_label, &lab),
                };
                doc.blocks.push(Block {
                    kind: BlockKind::Point,
                    sentences: Vec::new(),
                    text,
                    section,
                    label: Some(lab),
                    parent_label: parent.clone(),
                    locator: base,
                });
            }
            continue;
        }
        if bullet_re().is_match(p) {
            let text = bullet_re().replace(p, "").to_string();
            let locator = join(&sec_label, &format!("¶{}", para_in_section.max(1)));
            push_unlabelled(&mut doc, BlockKind::Bullet, text, section, locator);
            continue;
        }
        para_in_section += 1;
        let locator = if let Some(par) = &last_top_point {
            // an unnumbered paragraph continuing a numbered one
            join(&sec_label, par)
        } else if sec_label.is_empty() {
            format!("¶{para_in_section}")
        } else {
            format!("{sec_label} ¶{para_in_section}")
        };
        push_unlabelled(&mut doc, BlockKind::Para, p.clone(), section, locator);
    }
    split_sentences(&mut doc.blocks);
    doc
}

/// Splits the text of points, bullets and paragraphs into sentences, on all
/// cores (titles and headings are one sentence already).
fn split_sentences(blocks: &mut [Block]) {
    let todo = |b: &Block| !matches!(b.kind, BlockKind::Title | BlockKind::Heading);
    let weights: Vec<usize> = blocks
        .iter()
        .map(|b| if todo(b) { b.text.len() } else { 0 })
        .collect();
    let view: &[Block] = blocks;
    let split = workers::map_ranges(
        &weights,
        || (),
        |(), from, to| {
            view[from..to]
                .iter()
                .map(|b| todo(b).then(|| sentences(&b.text)))
                .collect::<Vec<_>>()
        },
    );
    for (b, s) in blocks.iter_mut().zip(split.into_iter().flatten()) {
        if let Some(s) = s {
            b.sentences = s;
        }
    }
}

fn push_simple(doc: &mut Doc, kind: BlockKind, text: String) {
    let section = doc.sections.len() - 1;
    let locator = match kind {
        BlockKind::Title => "title".to_string(),
        _ => doc.sections[section].label.clone(),
    };
    doc.blocks.push(Block {
        kind,
        sentences: vec![text.clone()],
        text,
        section,
        label: None,
        parent_label: None,
        locator,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cut_only_between_paragraphs() {
        let text = "One line\nstill one.\n\nTwo.\n\n\nThree é.\nThree b.\n\nFour.".repeat(50);
        for size in [1, 7, 30, 100, 5000] {
            let p = pieces(&text, size);
            assert_eq!(p.concat(), text);
            let joined: Vec<String> = p.iter().flat_map(|x| raw_paragraphs(x)).collect();
            assert_eq!(joined, raw_paragraphs(&text), "size {size}");
        }
    }

    const ESSAY: &str = "An Essay on Things (study notes)\n\nIntro text here. More intro.\n\n\
        First, grasp the background of the idea.\n\nBackground paragraph one.\n\n\
        Second, understand the rich connotation\n\nWe act from three aspects: a, b and c.\n\n\
        (1) Politically, we should respect each other.\n\n(2) Economically, we should trade.\n";

    #[test]
    fn finds_title_ordinal_sections_and_points() {
        let d = parse(ESSAY);
        assert_eq!(d.title.as_deref(), Some("An Essay on Things (study notes)"));
        let labels: Vec<&str> = d.sections.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, vec!["", "I", "II"]);
        let locs: Vec<&str> = d.blocks.iter().map(|b| b.locator.as_str()).collect();
        assert_eq!(
            locs,
            vec!["title", "¶1", "I", "I ¶1", "II", "II ¶1", "II.(1)", "II.(2)"]
        );
    }

    #[test]
    fn numbered_paragraphs_and_sub_points() {
        let d = parse("Laying Plans\n\n12. Compare them thus:\n\n13. (1) Which ruler is wise?\n\n(2) Which general is able? (3) Which army is strong?\n\n14. By these three considerations I forecast.\n");
        let locs: Vec<&str> = d.blocks.iter().map(|b| b.locator.as_str()).collect();
        assert_eq!(
            locs,
            vec!["title", "12", "13.(1)", "13.(2)", "13.(3)", "14"]
        );
        assert_eq!(d.blocks[3].text, "Which general is able?");
        assert_eq!(d.blocks[3].parent_label.as_deref(), Some("13"));
    }

    #[test]
    fn capital_letter_labels_are_points() {
        let d = parse("Testing\n\n(ii) The equipment shall consist of the following:\n\n(A) A hydrostatic test pump;\n\n(B) A flexible connection.\n");
        let labels: Vec<Option<&str>> = d.blocks.iter().map(|b| b.label.as_deref()).collect();
        assert_eq!(labels, vec![None, Some("(ii)"), Some("(A)"), Some("(B)")]);
        assert_eq!(d.blocks[2].text, "A hydrostatic test pump;");
    }

    #[test]
    fn markdown_headings_and_short_heading_lines() {
        let d =
            parse("# Rights\n\n## Article 1\n\nAll are free.\n\nArticle 2\n\nEveryone is equal.\n");
        assert_eq!(d.title.as_deref(), Some("Rights"));
        let locs: Vec<&str> = d.blocks.iter().map(|b| b.locator.as_str()).collect();
        assert_eq!(
            locs,
            vec![
                "title",
                "Article 1",
                "Article 1 ¶1",
                "Article 2",
                "Article 2 ¶1"
            ]
        );
    }

    #[test]
    fn a_numbered_heading_may_end_with_a_full_stop() {
        let d = parse("Amendments\n\nAMENDMENT I.\n\nCongress shall make no law.\n\nAMENDMENT II.\n\nArms may be kept.\n\nGo home.\n");
        let heads: Vec<&str> = d.sections.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(heads, vec!["", "AMENDMENT I", "AMENDMENT II"]);
        assert_eq!(
            super::super::outline::numbered_label("AMENDMENT IV."),
            Some("Amendment IV".to_string())
        );
    }

    #[test]
    fn a_code_line_is_no_heading() {
        let d = parse("Names\n\nAvoid clashes, e.g.:\n\ntkinter.Toplevel(master, class_='ClassName')\n\nSection 3(a)\n\nMore text here.\n");
        let heads: Vec<&str> = d
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(heads, vec!["Section 3(a)"]);
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let d = parse("Title\n\nThis sentence is\nwrapped over lines.\n");
        assert_eq!(d.blocks[1].text, "This sentence is wrapped over lines.");
    }
}
