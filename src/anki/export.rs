//! recall decks as an Anki collection (legacy schema 11, the layout genanki
//! writes and every Anki version imports). Question cards become notes of a
//! "recall Basic" notetype (Front, Back, Source), gap-fill cards notes of a
//! "recall Cloze" notetype (Text, Back Extra, Source); list items become an
//! HTML list. Note GUIDs derive from card ids, so a newer export updates the
//! notes Anki already has.

use rusqlite::{Connection, MAIN_DB};
use serde_json::json;
use sha1::{Digest, Sha1};

use super::html::escape;
use super::{guid_for, stable_id};
use crate::error::{Error, Result};
use crate::model::{CardContent, CardKind, Deck};

/// Notetype ids, fixed so re-exports map onto the same notetypes in Anki.
pub fn basic_model_id() -> i64 {
    stable_id("recall notetype: basic v1")
}

pub fn cloze_model_id() -> i64 {
    stable_id("recall notetype: cloze v1")
}

const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

const CSS: &str = ".card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; }\n.source { color: #888; font-size: 14px; margin-top: 1em; }\n.cloze { font-weight: bold; color: blue; }";

fn field(name: &str, ord: usize) -> serde_json::Value {
    json!({"name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial", "size": 20, "media": []})
}

/// A note type with three fields and one template (Anki's legacy JSON).
fn notetype(
    (id, name, kind): (i64, &str, u8),
    fields: [&str; 3],
    (tmpl, qfmt, afmt): (&str, &str, &str),
    now_s: i64,
    deck_anki_id: i64,
) -> serde_json::Value {
    json!({
        "id": id, "name": name, "type": kind, "mod": now_s, "usn": -1,
        "sortf": 0, "did": deck_anki_id, "tags": [], "vers": [],
        "flds": [field(fields[0], 0), field(fields[1], 1), field(fields[2], 2)],
        "tmpls": [{
            "name": tmpl, "ord": 0, "did": null, "bqfmt": "", "bafmt": "",
            "qfmt": qfmt, "afmt": afmt
        }],
        "css": CSS, "latexPre": "\\documentclass[12pt]{article}\n\\begin{document}\n",
        "latexPost": "\\end{document}", "latexsvg": false, "req": [[0, "any", [0]]]
    })
}

fn models(now_s: i64, deck_anki_id: i64) -> serde_json::Value {
    let basic = notetype(
        (basic_model_id(), "recall Basic", 0),
        ["Front", "Back", "Source"],
        (
            "Card 1",
            "{{Front}}",
            "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}\n\n{{#Source}}<div class=source>{{Source}}</div>{{/Source}}",
        ),
        now_s,
        deck_anki_id,
    );
    let cloze = notetype(
        (cloze_model_id(), "recall Cloze", 1),
        ["Text", "Back Extra", "Source"],
        (
            "Cloze",
            "{{cloze:Text}}",
            "{{cloze:Text}}<br>\n{{Back Extra}}\n\n{{#Source}}<div class=source>{{Source}}</div>{{/Source}}",
        ),
        now_s,
        deck_anki_id,
    );
    json!({ basic_model_id().to_string(): basic, cloze_model_id().to_string(): cloze })
}

fn dconf() -> serde_json::Value {
    json!({"1": {
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true,
        "timer": 0, "replayq": true, "dyn": false,
        "new": {"bury": false, "delays": [1.0, 10.0], "initialFactor": 2500, "ints": [1, 4, 0],
                "order": 1, "perDay": 20},
        "lapse": {"delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0},
        "rev": {"bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200,
                "hardFactor": 1.2}
    }})
}

/// The HTML of a card's answer: its back, then its items as a list.
pub fn answer_html(c: &CardContent) -> String {
    let mut out = escape(&c.back);
    if !c.items.is_empty() {
        let tag = if c.ordered { "ol" } else { "ul" };
        out.push_str(&format!("<{tag}>"));
        for it in &c.items {
            out.push_str(&format!("<li>{}</li>", escape(it)));
        }
        out.push_str(&format!("</{tag}>"));
    }
    out
}

/// The cloze text of a gap-fill card: each `___` becomes `{{c1::answer}}`.
/// `None` when the card has no gap to fill (it is exported as Basic).
pub fn cloze_text(c: &CardContent) -> Option<String> {
    let gaps = c.front.matches("___").count();
    let answers = c.expected_items();
    if c.kind != CardKind::Cloze || gaps == 0 {
        return None;
    }
    // one answer per gap, or the same answer in every gap
    if gaps != answers.len() && answers.len() != 1 {
        return None;
    }
    // An Anki cloze has no notion of answers in order: an ordered card
    // ("Diversity brings ___, which breeds ___, which produces ___") goes
    // as Basic with a numbered list, so it comes back unchanged.
    if c.ordered && answers.len() > 1 {
        return None;
    }
    let mut out = String::new();
    let mut rest = c.front.as_str();
    let mut k = 0;
    while let Some(p) = rest.find("___") {
        out.push_str(&escape(&rest[..p]));
        let a = &answers[if answers.len() == 1 { 0 } else { k }];
        out.push_str(&format!(
            "{{{{c1::{}}}}}",
            escape(a).replace("}}", "} }").replace("::", ": :")
        ));
        rest = &rest[p + 3..];
        k += 1;
    }
    out.push_str(&escape(rest));
    Some(out)
}

/// Anki's checksum of a note's first field: the first 8 hex digits of the
/// SHA-1 of its text, as an integer.
fn checksum(first_field_text: &str) -> i64 {
    let d = Sha1::digest(first_field_text.as_bytes());
    i64::from(u32::from_be_bytes([d[0], d[1], d[2], d[3]]))
}

/// One exported note.
pub struct Note {
    pub guid: String,
    pub cloze: bool,
    pub fields: [String; 3],
    pub tags: String,
}

/// The notes for a deck, in deck order.
pub fn notes(deck: &Deck) -> Vec<Note> {
    deck.cards
        .iter()
        .map(|c| {
            let guid = guid_for(&deck.meta.id, &c.id);
            let source = escape(&c.source);
            let tags = format!(" {} ", super::note_tags(c));
            match cloze_text(c) {
                Some(text) => Note {
                    guid,
                    cloze: true,
                    fields: [text, String::new(), source],
                    tags,
                },
                None => Note {
                    guid,
                    cloze: false,
                    fields: [escape(&c.front), answer_html(c), source],
                    tags,
                },
            }
        })
        .collect()
}

/// Builds a legacy Anki collection holding `deck` and returns its bytes.
pub fn collection(deck: &Deck, now_ms: i64) -> Result<Vec<u8>> {
    let conn = Connection::open_in_memory()?;
    conn.execute_batch(SCHEMA)?;
    let now_s = now_ms / 1000;
    let did = stable_id(&format!("recall deck: {}", deck.meta.id));
    let decks = json!({
        "1": {"id": 1, "name": "Default", "conf": 1, "desc": "", "dyn": 0, "collapsed": false,
              "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0], "timeToday": [0, 0],
              "extendNew": 10, "extendRev": 50, "usn": 0, "mod": now_s},
        did.to_string(): {"id": did, "name": deck.meta.name, "conf": 1,
              "desc": format!("Exported from recall (deck id {}).", deck.meta.id), "dyn": 0,
              "collapsed": false, "newToday": [0, 0], "revToday": [0, 0], "lrnToday": [0, 0],
              "timeToday": [0, 0], "extendNew": 10, "extendRev": 50, "usn": -1, "mod": now_s}
    });
    let conf = json!({"activeDecks": [1], "curDeck": 1, "curModel": basic_model_id().to_string(),
        "nextPos": deck.cards.len() + 1, "sortType": "noteFld", "sortBackwards": false,
        "addToCur": true, "newSpread": 0, "dueCounts": true, "collapseTime": 1200,
        "timeLim": 0, "estTimes": true});
    conn.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        rusqlite::params![
            now_s,
            now_ms,
            conf.to_string(),
            models(now_s, did).to_string(),
            decks.to_string(),
            dconf().to_string()
        ],
    )?;
    let mut note_stmt =
        conn.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?8, ?5, ?6, ?7, 0, '')")?;
    let mut card_stmt = conn.prepare(
        "INSERT INTO cards VALUES (?1, ?2, ?3, 0, ?4, -1, 0, 0, ?5, 0, 0, 0, 0, 0, 0, 0, 0, '')",
    )?;
    for (i, n) in notes(deck).into_iter().enumerate() {
        let id = now_ms + i as i64;
        let mid = if n.cloze {
            cloze_model_id()
        } else {
            basic_model_id()
        };
        let sort = super::html::to_text(&n.fields[0]);
        note_stmt.execute(rusqlite::params![
            id,
            n.guid,
            mid,
            now_s,
            n.fields.join("\u{1f}"),
            sort,
            checksum(&sort),
            n.tags
        ])?;
        card_stmt.execute(rusqlite::params![id, id, did, now_s, i as i64 + 1])?;
    }
    drop(note_stmt);
    drop(card_stmt);
    let data = conn.serialize(MAIN_DB)?;
    Ok(data.to_vec())
}

/// A whole `.apkg` for `deck`.
pub fn apkg(deck: &Deck, now_ms: i64) -> Result<Vec<u8>> {
    if deck.cards.is_empty() {
        return Err(Error::Invalid(format!(
            "deck '{}' has no cards to export",
            deck.meta.id
        )));
    }
    super::package::write(&collection(deck, now_ms)?)
}
