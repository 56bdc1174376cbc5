//! Anki's text (CSV/TSV) format, both ways.
//!
//! Export writes the file headers Anki reads (`#separator`, `#html`,
//! `#notetype`, `#deck`, `#guid column`, `#tags column`) and one Basic note
//! per card: Front, Back (list items as an HTML list, the source locator in
//! a `<div class=source>`), tags. Import reads such files, or plain CSV/TSV
//! without headers (front, back[, source]); a field with `{{c1::…}}` makes
//! cloze cards. Ragged rows are refused.

use std::path::Path;

use super::export::answer_html;
use super::html::{blank_cloze, cloze_numbers, cloze_re, split_list, to_text};
use super::{card_id_for, guid_for};
use crate::builder::slug;
use crate::error::{Error, Result};
use crate::model::{CardContent, CardKind, Deck, DeckMeta};

fn clean_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// A deck as an Anki CSV file (tab-separated, HTML fields).
pub fn export(deck: &Deck) -> String {
    let mut out = String::new();
    out.push_str("#separator:tab\n#html:true\n#notetype:Basic\n");
    out.push_str(&format!("#deck:{}\n", clean_field(&deck.meta.name)));
    out.push_str("#guid column:1\n#tags column:4\n");
    for c in &deck.cards {
        let mut back = answer_html(c);
        if !c.source.is_empty() {
            back.push_str(&format!(
                "<div class=source>{}</div>",
                super::html::escape(&c.source)
            ));
        }
        let tags = clean_field(&super::note_tags(c));
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\n",
            guid_for(&deck.meta.id, &c.id),
            clean_field(&super::html::escape(&c.front)),
            clean_field(&back),
            tags
        ));
    }
    out
}

#[derive(Debug, Default)]
struct Headers {
    separator: Option<u8>,
    html: Option<bool>,
    notetype: Option<String>,
    deck: Option<String>,
    guid_col: Option<usize>,
    notetype_col: Option<usize>,
    deck_col: Option<usize>,
    tags_col: Option<usize>,
}

fn separator(v: &str) -> Option<u8> {
    match v.trim().to_ascii_lowercase().as_str() {
        "tab" | "\\t" => Some(b'\t'),
        "comma" | "," => Some(b','),
        "semicolon" | ";" => Some(b';'),
        "space" | " " => Some(b' '),
        "pipe" | "|" => Some(b'|'),
        "colon" | ":" => Some(b':'),
        _ => None,
    }
}

/// Imports an Anki CSV/TSV file (with or without `#` headers) as one deck.
pub fn import(path: &Path, bytes: &[u8]) -> Result<Deck> {
    let bad_at = |line: usize, msg: String| Error::Parse {
        path: path.to_path_buf(),
        line,
        col: 1,
        msg,
    };
    let text = crate::deckfile::utf8_text(path, bytes)?;
    let mut h = Headers::default();
    let mut header_lines = 0;
    for line in text.lines() {
        let Some(rest) = line.strip_prefix('#') else {
            break;
        };
        header_lines += 1;
        let Some((k, v)) = rest.split_once(':') else {
            continue;
        };
        let col = || v.trim().parse::<usize>().ok().filter(|&n| n >= 1);
        match k.trim().to_ascii_lowercase().as_str() {
            "separator" => {
                h.separator = Some(separator(v).ok_or_else(|| {
                    bad_at(header_lines, format!("unknown separator '{}'", v.trim()))
                })?)
            }
            "html" => h.html = Some(v.trim().eq_ignore_ascii_case("true")),
            "notetype" => h.notetype = Some(v.trim().to_string()),
            "deck" => h.deck = Some(v.trim().to_string()),
            "guid column" => h.guid_col = col(),
            "notetype column" => h.notetype_col = col(),
            "deck column" => h.deck_col = col(),
            "tags column" => h.tags_col = col(),
            _ => {}
        }
    }
    let body: String = text
        .lines()
        .skip(header_lines)
        .collect::<Vec<_>>()
        .join("\n");
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let first = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let sep = h
        .separator
        .unwrap_or(if ext == "tsv" || first.contains('\t') {
            b'\t'
        } else if first.contains(';') && !first.contains(',') {
            b';'
        } else {
            b','
        });
    let html = h.html.unwrap_or(false);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(sep)
        .flexible(false)
        .from_reader(body.as_bytes());
    let special: Vec<usize> = [h.guid_col, h.notetype_col, h.deck_col, h.tags_col]
        .into_iter()
        .flatten()
        .collect();
    let deck_name = h.deck.clone().unwrap_or_else(|| {
        path.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Imported".into())
    });
    let mut cards: Vec<CardContent> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (n, rec) in reader.records().enumerate() {
        let line = header_lines + n + 1;
        let rec = rec.map_err(|e| match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len,
                len,
                pos,
            } => bad_at(
                header_lines + pos.as_ref().map_or(line as u64, |p| p.line()) as usize,
                format!("row has {len} fields, the first row has {expected_len} (ragged rows)"),
            ),
            _ => bad_at(line, format!("cannot read row: {e}")),
        })?;
        let get = |col: Option<usize>| col.and_then(|c| rec.get(c - 1)).unwrap_or("");
        let fields: Vec<String> = rec
            .iter()
            .enumerate()
            .filter(|(i, _)| !special.contains(&(i + 1)))
            .map(|(_, f)| f.to_string())
            .collect();
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let notetype = h
            .notetype_col
            .map(|c| get(Some(c)).to_string())
            .or(h.notetype.clone())
            .unwrap_or_default();
        let guid = get(h.guid_col).to_string();
        let as_text = |s: &str| {
            if html {
                to_text(s)
            } else {
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            }
        };
        let key = if guid.is_empty() {
            format!("csv:{}", fields[0])
        } else {
            guid.clone()
        };
        let is_cloze =
            notetype.to_ascii_lowercase().contains("cloze") || cloze_re().is_match(&fields[0]);
        if is_cloze {
            for num in cloze_numbers(&fields[0]) {
                let Some((front, answers)) = blank_cloze(&fields[0], num) else {
                    continue;
                };
                let mut answers: Vec<String> = answers.iter().map(|a| as_text(a)).collect();
                let (back, items) = if answers.len() == 1 {
                    (answers.remove(0), vec![])
                } else {
                    (String::new(), answers)
                };
                let id = card_id_for(&key, num as i64 - 1);
                if seen.insert(id.clone()) {
                    cards.push(CardContent {
                        id,
                        kind: CardKind::Cloze,
                        front: as_text(&front),
                        back,
                        items,
                        ordered: false,
                        source: fields.get(2).map(|s| as_text(s)).unwrap_or_default(),
                        context: String::new(),
                        tags: super::user_tags(get(h.tags_col)),
                    });
                }
            }
            continue;
        }
        let front = as_text(&fields[0]);
        let back_raw = fields.get(1).cloned().unwrap_or_default();
        // our own export puts the source in a div after the answer
        let (back_raw, source) = match back_raw.find("<div class=source>") {
            Some(p) => {
                let src = to_text(&back_raw[p..]);
                (back_raw[..p].to_string(), src)
            }
            None => (
                back_raw,
                fields.get(2).map(|s| as_text(s)).unwrap_or_default(),
            ),
        };
        let (back, items, ordered) = if html {
            split_list(&back_raw)
        } else {
            (as_text(&back_raw), vec![], false)
        };
        if front.is_empty() || (back.is_empty() && items.is_empty()) {
            return Err(bad_at(line, "a card needs a front and a back".into()));
        }
        let kind = if items.is_empty() {
            CardKind::Basic
        } else {
            CardKind::List
        };
        let id = card_id_for(&key, 0);
        if !seen.insert(id.clone()) {
            return Err(bad_at(
                line,
                format!(
                    "duplicate note (same {} as an earlier row)",
                    if guid.is_empty() { "front" } else { "guid" }
                ),
            ));
        }
        let mut card = CardContent {
            id,
            kind,
            front,
            back,
            items,
            ordered,
            source,
            context: String::new(),
            tags: vec![],
        };
        super::apply_tags(&mut card, get(h.tags_col));
        cards.push(card);
    }
    if cards.is_empty() {
        return Err(Error::BadFile {
            path: path.to_path_buf(),
            msg: "no cards in the file".into(),
        });
    }
    Ok(Deck {
        meta: DeckMeta {
            id: slug(&deck_name),
            name: deck_name,
            source: path.file_name().map(|f| f.to_string_lossy().into_owned()),
        },
        cards,
    })
}
