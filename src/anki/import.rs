//! Anki collections (from `.apkg`) to recall decks: one recall card per Anki
//! card. Basic-like notetypes are rendered through their card templates
//! (so "Basic (and reversed card)" gives both directions); Cloze notetypes
//! give one gap-fill card per cloze number. HTML is reduced to text, list
//! items become list cards, media is skipped and counted.

use std::collections::BTreeMap;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, MAIN_DB};

use super::html::{blank_cloze, media_count, split_list, to_text};
use super::package::{Collection, Layout};
use super::{card_id_for, proto};
use crate::builder::slug;
use crate::error::{Error, Result};
use crate::model::{CardContent, CardKind, Deck, DeckMeta};

/// A notetype as far as import needs it.
#[derive(Debug, Clone)]
struct Notetype {
    cloze: bool,
    fields: Vec<String>,
    /// (ord, question format, answer format)
    templates: Vec<(i64, String, String)>,
}

/// What an Anki package turned into.
#[derive(Debug, Default)]
pub struct Imported {
    pub decks: Vec<Deck>,
    pub media_skipped: usize,
    pub cards_skipped: usize,
    /// The collection's review history, when asked for.
    pub history: Vec<super::history::AnkiReview>,
}

fn bad(path: &Path, msg: impl Into<String>) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        msg: msg.into(),
    }
}

fn open(path: &Path, c: &Collection) -> Result<Connection> {
    let mut conn = Connection::open_with_flags(":memory:", OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    // Anki's schema 18 indexes names with its own case-insensitive collation.
    conn.create_collation("unicase", |a: &str, b: &str| {
        a.to_lowercase().cmp(&b.to_lowercase())
    })?;
    // A collection saved in WAL mode says so in header bytes 18-19; an
    // in-memory copy has no WAL, so mark it as a rollback-journal file.
    let mut bytes = c.bytes.clone();
    if bytes.len() > 20 && bytes.starts_with(b"SQLite format 3\0") {
        bytes[18] = 1;
        bytes[19] = 1;
    }
    conn.deserialize_read_exact(MAIN_DB, bytes.as_slice(), bytes.len(), true)
        .map_err(|e| {
            bad(
                path,
                format!("the collection is not an SQLite database ({e})"),
            )
        })?;
    let ok: std::result::Result<String, _> = conn.query_row("PRAGMA quick_check", [], |r| r.get(0));
    match ok {
        Ok(s) if s == "ok" => Ok(conn),
        _ => Err(bad(
            path,
            "the collection is not an SQLite database or is corrupted",
        )),
    }
}

fn schema_err(path: &Path, e: impl std::fmt::Display) -> Error {
    bad(path, format!("unexpected collection schema: {e}"))
}

fn legacy_notetypes(path: &Path, conn: &Connection) -> Result<BTreeMap<i64, Notetype>> {
    let models: String = conn
        .query_row("SELECT models FROM col", [], |r| r.get(0))
        .map_err(|e| schema_err(path, e))?;
    let v: serde_json::Value = serde_json::from_str(&models).map_err(|e| schema_err(path, e))?;
    let mut out = BTreeMap::new();
    for (id, m) in v.as_object().into_iter().flatten() {
        let Ok(id) = id.parse::<i64>() else { continue };
        let mut fields: Vec<(i64, String)> = m["flds"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                (
                    f["ord"].as_i64().unwrap_or(0),
                    f["name"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        fields.sort();
        let templates = m["tmpls"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|t| {
                (
                    t["ord"].as_i64().unwrap_or(0),
                    t["qfmt"].as_str().unwrap_or("").to_string(),
                    t["afmt"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        out.insert(
            id,
            Notetype {
                cloze: m["type"].as_i64() == Some(1),
                fields: fields.into_iter().map(|(_, n)| n).collect(),
                templates,
            },
        );
    }
    Ok(out)
}

fn modern_notetypes(path: &Path, conn: &Connection) -> Result<BTreeMap<i64, Notetype>> {
    let mut out = BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT id, config FROM notetypes")
        .map_err(|e| schema_err(path, e))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
        .map_err(|e| schema_err(path, e))?;
    for row in rows {
        let (id, config) = row.map_err(|e| schema_err(path, e))?;
        out.insert(
            id,
            Notetype {
                cloze: proto::uint(&config, 1) == 1,
                fields: Vec::new(),
                templates: Vec::new(),
            },
        );
    }
    let mut stmt = conn
        .prepare("SELECT ntid, name FROM fields ORDER BY ntid, ord")
        .map_err(|e| schema_err(path, e))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .map_err(|e| schema_err(path, e))?;
    for row in rows {
        let (nt, name) = row.map_err(|e| schema_err(path, e))?;
        if let Some(n) = out.get_mut(&nt) {
            n.fields.push(name);
        }
    }
    let mut stmt = conn
        .prepare("SELECT ntid, ord, config FROM templates ORDER BY ntid, ord")
        .map_err(|e| schema_err(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })
        .map_err(|e| schema_err(path, e))?;
    for row in rows {
        let (nt, ord, config) = row.map_err(|e| schema_err(path, e))?;
        if let Some(n) = out.get_mut(&nt) {
            n.templates
                .push((ord, proto::string(&config, 1), proto::string(&config, 2)));
        }
    }
    Ok(out)
}

fn deck_names(path: &Path, conn: &Connection, layout: Layout) -> Result<BTreeMap<i64, String>> {
    let mut out = BTreeMap::new();
    match layout {
        Layout::Legacy => {
            let decks: String = conn
                .query_row("SELECT decks FROM col", [], |r| r.get(0))
                .map_err(|e| schema_err(path, e))?;
            let v: serde_json::Value =
                serde_json::from_str(&decks).map_err(|e| schema_err(path, e))?;
            for (id, d) in v.as_object().into_iter().flatten() {
                if let (Ok(id), Some(name)) = (id.parse::<i64>(), d["name"].as_str()) {
                    out.insert(id, name.to_string());
                }
            }
        }
        Layout::Modern => {
            let mut stmt = conn
                .prepare("SELECT id, name FROM decks")
                .map_err(|e| schema_err(path, e))?;
            let rows = stmt
                .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
                .map_err(|e| schema_err(path, e))?;
            for row in rows {
                let (id, name) = row.map_err(|e| schema_err(path, e))?;
                out.insert(id, name.replace('\u{1f}', "::"));
            }
        }
    }
    Ok(out)
}

/// Renders a card template with a note's fields: `{{Field}}`, `{{text:F}}`,
/// `{{#F}}…{{/F}}`, `{{^F}}…{{/F}}`; `{{type:…}}`, `{{cloze:…}}` and
/// unknown filters render their field; `{{FrontSide}}` renders empty.
pub fn render(template: &str, fields: &[(String, String)]) -> String {
    let get = |name: &str| -> &str {
        let name = name.trim();
        let name = name.rsplit(':').next().unwrap_or(name).trim();
        fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    };
    let mut out = String::new();
    let mut rest = template;
    // a stack of sections: whether output is on
    let mut on: Vec<bool> = Vec::new();
    while let Some(p) = rest.find("{{") {
        if on.iter().all(|&x| x) {
            out.push_str(&rest[..p]);
        }
        let Some(end) = rest[p..].find("}}") else {
            rest = "";
            break;
        };
        let tag = &rest[p + 2..p + end];
        rest = &rest[p + end + 2..];
        if let Some(name) = tag.strip_prefix('#') {
            on.push(!to_text(get(name)).is_empty());
        } else if let Some(name) = tag.strip_prefix('^') {
            on.push(to_text(get(name)).is_empty());
        } else if tag.starts_with('/') {
            on.pop();
        } else if tag.trim() == "FrontSide" || tag.starts_with("type:") {
            // nothing
        } else if on.iter().all(|&x| x) {
            out.push_str(get(tag));
        }
    }
    if on.iter().all(|&x| x) {
        out.push_str(rest);
    }
    out
}

/// The answer part of a rendered back side: after `<hr id=answer>` if present.
fn after_answer_rule(html: &str) -> &str {
    let lower = html.to_ascii_lowercase();
    match lower
        .find("<hr id=answer>")
        .or_else(|| lower.find("<hr id=\"answer\">"))
    {
        Some(p) => html[p..].split_once('>').map_or("", |x| x.1),
        None => html,
    }
}

/// Reads every card of a package's collection into recall decks.
pub fn read(path: &Path, c: &Collection) -> Result<Imported> {
    read_with(path, c, false)
}

/// Reads a collection's decks and, with `history`, its review log.
pub fn read_with(path: &Path, c: &Collection, history: bool) -> Result<Imported> {
    let conn = open(path, c)?;
    let notetypes = match c.layout {
        Layout::Legacy => legacy_notetypes(path, &conn)?,
        Layout::Modern => modern_notetypes(path, &conn)?,
    };
    let deck_names = deck_names(path, &conn, c.layout)?;
    let mut stmt = conn
        .prepare(
            "SELECT n.guid, n.mid, n.flds, c.ord, c.did, n.tags, c.id FROM cards c JOIN notes n ON n.id = c.nid
             ORDER BY c.did, n.id, c.ord",
        )
        .map_err(|e| schema_err(path, e))?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })
        .map_err(|e| schema_err(path, e))?;
    let mut out = Imported {
        media_skipped: c.media_files,
        ..Imported::default()
    };
    let mut by_deck: BTreeMap<String, Vec<CardContent>> = BTreeMap::new();
    // Anki card id → (deck name, index in that deck)
    let mut places: Vec<(i64, String, usize)> = Vec::new();
    for row in rows {
        let (guid, mid, flds, ord, did, tags, cid) = row.map_err(|e| schema_err(path, e))?;
        let Some(nt) = notetypes.get(&mid) else {
            out.cards_skipped += 1;
            continue;
        };
        let values: Vec<&str> = flds.split('\u{1f}').collect();
        let media: usize = values.iter().map(|v| media_count(v)).sum();
        if media > 0 && out.media_skipped == 0 {
            out.media_skipped = media;
        }
        let fields: Vec<(String, String)> = nt
            .fields
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), values.get(i).unwrap_or(&"").to_string()))
            .collect();
        let source = fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("source"))
            .map(|(_, v)| to_text(v))
            .unwrap_or_default();
        let card = if nt.cloze {
            cloze_card(&fields, ord, &guid, source)
        } else {
            template_card(nt, &fields, ord, &guid, source)
        };
        match card {
            Some(mut card) => {
                super::apply_tags(&mut card, &tags);
                let deck = deck_names
                    .get(&did)
                    .cloned()
                    .unwrap_or_else(|| "Imported".into());
                let list = by_deck.entry(deck.clone()).or_default();
                places.push((cid, deck, list.len()));
                list.push(card);
            }
            None => out.cards_skipped += 1,
        }
    }
    if history {
        let index: std::collections::HashMap<&str, usize> = by_deck
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        let cards: std::collections::HashMap<i64, (usize, usize)> = places
            .iter()
            .filter_map(|(cid, deck, i)| Some((*cid, (*index.get(deck.as_str())?, *i))))
            .collect();
        out.history = super::history::read(&conn, &cards)
            .map_err(|e| bad(path, format!("cannot read the review history: {e}")))?;
    }
    for (name, cards) in by_deck {
        let short = name.rsplit("::").next().unwrap_or(&name).to_string();
        out.decks.push(Deck {
            meta: DeckMeta {
                id: slug(&name),
                name: short,
                source: path.file_name().map(|f| f.to_string_lossy().into_owned()),
            },
            cards,
        });
    }
    Ok(out)
}

fn cloze_card(
    fields: &[(String, String)],
    ord: i64,
    guid: &str,
    source: String,
) -> Option<CardContent> {
    let text = &fields.first()?.1;
    let (front, answers) = blank_cloze(text, u32::try_from(ord + 1).ok()?)?;
    let mut answers: Vec<String> = answers.iter().map(|a| to_text(a)).collect();
    let extra = fields.get(1).map(|(_, v)| to_text(v)).unwrap_or_default();
    let (back, items) = if answers.len() == 1 {
        (answers.remove(0), Vec::new())
    } else {
        (String::new(), answers)
    };
    let front = to_text(&front);
    let context = if extra.is_empty() || extra == source {
        String::new()
    } else {
        extra
    };
    (!front.is_empty()).then(|| CardContent {
        id: card_id_for(guid, ord),
        kind: CardKind::Cloze,
        front,
        back,
        items,
        ordered: false,
        source,
        context,
        tags: vec![],
    })
}

fn template_card(
    nt: &Notetype,
    fields: &[(String, String)],
    ord: i64,
    guid: &str,
    source: String,
) -> Option<CardContent> {
    let (_, q, a) = nt.templates.iter().find(|(o, _, _)| *o == ord)?;
    // the Source field is shown after the answer, not inside it
    let strip_source = |t: &str| {
        t.replace("{{#Source}}", "{{#__none}}")
            .replace("{{/Source}}", "{{/__none}}")
            .replace("{{Source}}", "")
    };
    let front = to_text(&render(&strip_source(q), fields));
    let back_html = render(after_answer_rule(&strip_source(a)), fields);
    let (back, items, ordered) = split_list(&back_html);
    if front.is_empty() || (back.is_empty() && items.is_empty()) {
        return None;
    }
    Some(CardContent {
        id: card_id_for(guid, ord),
        kind: if items.is_empty() {
            CardKind::Basic
        } else {
            CardKind::List
        },
        front,
        back,
        items,
        ordered,
        source,
        context: String::new(),
        tags: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn renders_templates() {
        let fields = f(&[("Front", "Q"), ("Back", "A"), ("Add Reverse", "")]);
        assert_eq!(render("{{Front}}", &fields), "Q");
        assert_eq!(
            render("{{FrontSide}}<hr id=answer>{{Back}}", &fields),
            "<hr id=answer>A"
        );
        assert_eq!(
            render("{{#Add Reverse}}{{Back}}{{/Add Reverse}}", &fields),
            ""
        );
        assert_eq!(render("{{^Add Reverse}}no{{/Add Reverse}}", &fields), "no");
        assert_eq!(render("{{text:Front}} {{type:Back}}", &fields), "Q ");
    }

    #[test]
    fn cloze_cards_blank_their_number_only() {
        let fields = f(&[
            ("Text", "{{c1::Paris}} is in {{c2::France::country}}."),
            ("Back Extra", ""),
        ]);
        let c1 = cloze_card(&fields, 0, "g", String::new()).unwrap();
        assert_eq!(c1.front, "___ is in France.");
        assert_eq!(c1.back, "Paris");
        let c2 = cloze_card(&fields, 1, "g", String::new()).unwrap();
        assert_eq!(c2.front, "Paris is in ___ (country).");
        assert_eq!(c2.back, "France");
        assert!(cloze_card(&fields, 2, "g", String::new()).is_none());
    }
}
