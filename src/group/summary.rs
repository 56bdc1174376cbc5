//! The progress summary a member shares with a study group: its JSON
//! format (`recall group progress` writes it, `recall group report` reads
//! it), the hashes that tell deck versions and card versions apart, and the
//! reader that checks a file from someone else. Pure: bytes in, values out.
//!
//! Format 1 (the README's *Study groups* section documents every field):
//!
//! ```json
//! {
//!   "format": 1,
//!   "kind": "recall-group-progress",
//!   "date": "2026-03-03",
//!   "member": { "id": "m-5f0c1a9e2b7d4c38", "name": null },
//!   "deck": { "id": "demo", "name": "Demo deck", "hash": "9c1f…" },
//!   "scheduler": "sm2",
//!   "cards": [
//!     { "id": "q2", "hash": "04b2…", "source": "I.(2)", "reps": 2, "lapses": 0,
//!       "interval": 6, "ef": 2600, "retrievability": null, "last_grade": 5,
//!       "days_since": 1,
//!       "items": [ { "item": "red", "attempts": 2, "misses": 0 } ] }
//!   ]
//! }
//! ```
//!
//! Readers ignore fields they do not know; a change that older readers
//! would misread gets a new `format` number.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::deckfile::{self, valid_id};
use crate::error::{Error, Result};
use crate::model::{CardContent, Deck};

/// The summary format this recall writes and reads.
pub const FORMAT: i64 = 1;
/// The `kind` field: what the file is, for a person who opens it.
pub const KIND: &str = "recall-group-progress";
/// The scheduler whose state this recall's summaries carry.
pub const SCHEDULER: &str = "sm2";
/// The schedulers a summary may name: SM-2, and FSRS (its summaries fill
/// `retrievability`; `ef` holds SM-2's state put aside, and other tools'
/// summaries may leave it null). The report's
/// rule reads only what both have (interval, last grade, lapses).
pub const SCHEDULERS: [&str; 2] = ["sm2", "fsrs"];
/// Largest summary file read (a 100,000-card deck's summary is ~20 MB).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Most cards in one summary.
pub const MAX_CARDS: usize = 200_000;
/// Longest member name.
pub const MAX_NAME_CHARS: usize = 60;

/// A member's progress on one deck.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub format: i64,
    pub kind: String,
    /// The study day the summary was made (`YYYY-MM-DD`).
    pub date: String,
    pub member: Member,
    pub deck: DeckRef,
    /// `sm2` (this recall), or `fsrs`: see [`SCHEDULERS`].
    pub scheduler: String,
    /// The deck's active cards, in deck order.
    pub cards: Vec<CardProgress>,
}

/// Who made the summary: a random id kept in the member's database (so a
/// newer summary replaces the older one), and a name only if they gave one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub name: Option<String>,
}

/// Which deck, and which version of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckRef {
    pub id: String,
    pub name: String,
    /// [`deck_hash`] of the deck as the member's database holds it.
    pub hash: String,
}

/// One card's progress.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardProgress {
    /// The card id of the deck file.
    pub id: String,
    /// [`card_hash`]: the same hash means the same question and answer.
    pub hash: String,
    /// The card's locator in the document (`II.(1)`), possibly empty.
    #[serde(default)]
    pub source: String,
    /// Successful repetitions in a row (SM-2's n).
    pub reps: u32,
    /// Times the card was forgotten after it had been learned.
    pub lapses: u32,
    /// Days until the next review (0 for a new card).
    pub interval: u32,
    /// SM-2 E-Factor in thousandths; null under a scheduler without one.
    pub ef: Option<u32>,
    /// Probability of recall today (0..1) under a scheduler that models
    /// it (FSRS); null under SM-2.
    #[serde(default)]
    pub retrievability: Option<f64>,
    /// The grade of the last scheduled review; null for a new card.
    pub last_grade: Option<u8>,
    /// Days from the last scheduled review to the summary's date.
    pub days_since: Option<u32>,
    /// List and outline cards: every item with its typed-answer record.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemProgress>,
}

/// How often one list item was typed for and missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemProgress {
    pub item: String,
    /// Typed answers to the card that were graded item by item.
    pub attempts: u32,
    /// Of those, the answers that missed this item (not fully found).
    pub misses: u32,
}

impl Summary {
    /// The name to show for the member: the name given, else the id.
    pub fn label(&self) -> &str {
        self.member.name.as_deref().unwrap_or(&self.member.id)
    }

    /// Reviews done, all cards: progress only grows, so of two summaries
    /// of one member the one with more is the newer.
    pub fn total_reps(&self) -> u64 {
        self.cards
            .iter()
            .map(|c| u64::from(c.reps) + u64::from(c.lapses))
            .sum()
    }

    /// The summary as JSON (pretty, one field a line: diffs stay small in
    /// a group's git repository).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What identifies a card's question and answer: kind, front, back, items
/// and their order flag. The locator, source sentence and tags are left
/// out: moving a card or fixing its context keeps what it asks. 16 hex
/// digits (64 bits).
pub fn card_hash(c: &CardContent) -> String {
    let mut h = Sha256::new();
    for part in [c.kind.as_str(), &c.front, &c.back] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    for item in &c.items {
        h.update(item.as_bytes());
        h.update([0x1f]);
    }
    h.update([u8::from(c.ordered)]);
    hex(&h.finalize()[..8])
}

/// The deck file's content hash: SHA-256 of the deck as `recall export`
/// writes it, so a deck file and a database that imported it agree
/// however the file was laid out.
pub fn deck_hash(deck: &Deck) -> String {
    hex(&Sha256::digest(deckfile::to_toml(deck).as_bytes()))
}

/// A problem with a summary file: where, and what.
fn bad(path: &Path, msg: impl Into<String>) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        msg: msg.into(),
    }
}

/// serde_json's message without its " at line L column C" tail.
fn bare(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn json_error(path: &Path, e: &serde_json::Error) -> Error {
    use serde_json::error::Category;
    let msg = match e.classify() {
        Category::Eof => "the file ends early (a truncated summary?)".to_string(),
        Category::Syntax => format!("not valid JSON: {}", bare(e)),
        Category::Data => bare(e),
        Category::Io => bare(e),
    };
    Error::Parse {
        path: path.to_path_buf(),
        line: e.line().max(1),
        col: e.column().max(1),
        msg,
    }
}

/// The fields read before the rest, so a file of another format version
/// is named as such instead of failing on a field it lacks.
#[derive(Deserialize)]
struct Probe {
    format: Option<serde_json::Value>,
    kind: Option<serde_json::Value>,
}

/// Checks the `format` and `kind` fields.
fn probe_format(
    path: &Path,
    format: Option<&serde_json::Value>,
    kind: Option<&serde_json::Value>,
) -> Result<()> {
    match format {
        None => {
            return Err(bad(
                path,
                "not a progress summary (no \"format\" field; members make one with `recall group progress`)",
            ))
        }
        Some(serde_json::Value::Number(n)) if n.as_i64() == Some(FORMAT) => {}
        Some(other) => {
            return Err(bad(
                path,
                format!(
                    "progress summary format {other}; this recall reads format {FORMAT} \
                     (the member's recall and yours differ: use the same version)"
                ),
            ))
        }
    }
    match kind {
        Some(serde_json::Value::String(k)) if k == KIND => Ok(()),
        other => {
            let k = other.map_or("none".to_string(), |v| v.to_string());
            Err(bad(
                path,
                format!("not a progress summary (kind {k}, expected \"{KIND}\")"),
            ))
        }
    }
}

/// Reads and checks a summary file's bytes. Every error names the file
/// (and line and column, for JSON errors).
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Summary> {
    let text = deckfile::utf8_text(path, bytes)?;
    let start = text.trim_start();
    if start.is_empty() {
        return Err(bad(path, "empty file, not a progress summary"));
    }
    if !start.starts_with('{') {
        let (line, col) = deckfile::line_col(text, text.len() - start.len());
        return Err(Error::Parse {
            path: path.to_path_buf(),
            line,
            col,
            msg: "not a progress summary (expected a JSON object from `recall group progress`)"
                .into(),
        });
    }
    // One parse in the usual case; when it fails, the format and kind
    // fields are read alone, so that a file of another format version or
    // kind is named as such rather than by the field it lacks.
    let summary: Summary = match serde_json::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            let probe: Probe = serde_json::from_str(text).map_err(|e| json_error(path, &e))?;
            probe_format(path, probe.format.as_ref(), probe.kind.as_ref())?;
            return Err(json_error(path, &e));
        }
    };
    probe_format(
        path,
        Some(&serde_json::Value::from(summary.format)),
        Some(&serde_json::Value::from(summary.kind.as_str())),
    )?;
    check(&summary).map_err(|msg| bad(path, msg))?;
    Ok(summary)
}

/// Reads a summary file (at most [`MAX_FILE_BYTES`]).
pub fn read(path: &Path) -> Result<Summary> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(bad(
            path,
            format!(
                "larger than {} MiB: not a progress summary recall made",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    parse(path, &bytes)
}

/// Whether `s` may be shown as one line of text: no control characters.
fn one_line(s: &str) -> bool {
    !s.chars().any(char::is_control)
}

/// The checks serde's types cannot make: ids, ranges, uniqueness.
fn check(s: &Summary) -> std::result::Result<(), String> {
    if !SCHEDULERS.contains(&s.scheduler.as_str()) {
        return Err(format!(
            "scheduler {}: this recall reads summaries of \"sm2\" and \"fsrs\"",
            serde_json::Value::String(s.scheduler.chars().take(40).collect())
        ));
    }
    if NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").is_err() || s.date.len() != 10 {
        return Err(format!("date \"{}\" is not a day (YYYY-MM-DD)", s.date));
    }
    if !valid_id(&s.member.id) {
        return Err("member id is not an id (letters, digits, - _ . :)".into());
    }
    if let Some(name) = &s.member.name {
        if name.trim().is_empty() || name.chars().count() > MAX_NAME_CHARS || !one_line(name) {
            return Err(format!(
                "member name must be 1-{MAX_NAME_CHARS} characters on one line"
            ));
        }
    }
    if !valid_id(&s.deck.id) {
        return Err("deck id is not an id (letters, digits, - _ . :)".into());
    }
    let long = |t: &str| t.len() > deckfile::MAX_FIELD_LEN;
    if long(&s.deck.name) || long(&s.deck.hash) {
        return Err("deck name or hash too long".into());
    }
    if s.cards.len() > MAX_CARDS {
        return Err(format!("more than {MAX_CARDS} cards"));
    }
    let mut seen = HashSet::with_capacity(s.cards.len());
    for c in &s.cards {
        if !valid_id(&c.id) {
            return Err(format!(
                "card {}: not a card id",
                serde_json::Value::String(c.id.chars().take(40).collect())
            ));
        }
        if !seen.insert(c.id.as_str()) {
            return Err(format!("card '{}' is listed twice", c.id));
        }
        let at = |msg: String| format!("card '{}': {msg}", c.id);
        if c.hash.is_empty() || c.hash.len() > 64 || !c.hash.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(at("hash is not hexadecimal".into()));
        }
        if long(&c.source) {
            return Err(at("source too long".into()));
        }
        if let Some(ef) = c.ef {
            if !(1300..=1_000_000).contains(&ef) {
                return Err(at(format!("ef {ef} is outside 1300..1000000")));
            }
        }
        if let Some(r) = c.retrievability {
            if !(0.0..=1.0).contains(&r) {
                return Err(at(format!("retrievability {r} is outside 0..1")));
            }
        }
        if let Some(g) = c.last_grade {
            if g > 5 {
                return Err(at(format!("last_grade {g} is not a grade 0-5")));
            }
        }
        if c.interval > 1_000_000 || c.reps > 1_000_000 || c.lapses > 1_000_000 {
            return Err(at("reps, lapses or interval beyond a million".into()));
        }
        if c.days_since.is_some_and(|d| d > 1_000_000) {
            return Err(at("days_since beyond a million".into()));
        }
        if c.items.len() > deckfile::MAX_ITEMS {
            return Err(at(format!("more than {} items", deckfile::MAX_ITEMS)));
        }
        for it in &c.items {
            if it.item.is_empty() || long(&it.item) {
                return Err(at("an item is empty or too long".into()));
            }
            if it.misses > it.attempts {
                return Err(at(format!(
                    "item '{}': {} misses in {} attempts",
                    it.item.chars().take(40).collect::<String>(),
                    it.misses,
                    it.attempts
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CardKind;

    fn card(front: &str) -> CardContent {
        CardContent {
            id: "a".into(),
            kind: CardKind::Basic,
            front: front.into(),
            back: "b".into(),
            items: vec![],
            ordered: false,
            source: "I".into(),
            context: String::new(),
            tags: vec![],
        }
    }

    pub(crate) fn sample() -> Summary {
        Summary {
            format: FORMAT,
            kind: KIND.into(),
            date: "2026-03-03".into(),
            member: Member {
                id: "m-1".into(),
                name: None,
            },
            deck: DeckRef {
                id: "d".into(),
                name: "D".into(),
                hash: "00".into(),
            },
            scheduler: SCHEDULER.into(),
            cards: vec![CardProgress {
                id: "a".into(),
                hash: "0123456789abcdef".into(),
                source: "I".into(),
                reps: 2,
                lapses: 0,
                interval: 6,
                ef: Some(2600),
                retrievability: None,
                last_grade: Some(5),
                days_since: Some(1),
                items: vec![ItemProgress {
                    item: "x".into(),
                    attempts: 2,
                    misses: 1,
                }],
            }],
        }
    }

    #[test]
    fn card_hash_follows_what_is_asked_not_where() {
        let a = card("Q?");
        let mut moved = a.clone();
        moved.source = "II".into();
        moved.context = "a sentence".into();
        assert_eq!(card_hash(&a), card_hash(&moved));
        assert_ne!(card_hash(&a), card_hash(&card("Q!")));
        let mut list = a.clone();
        list.items = vec!["ab".into(), "c".into()];
        let mut other = a.clone();
        other.items = vec!["a".into(), "bc".into()];
        assert_ne!(card_hash(&list), card_hash(&other));
        assert_eq!(card_hash(&a).len(), 16);
    }

    #[test]
    fn round_trips_and_checks() {
        let s = sample();
        let back = parse(Path::new("s.json"), s.to_json().as_bytes()).unwrap();
        assert_eq!(back, s);
        let mut bad_misses = sample();
        bad_misses.cards[0].items[0].misses = 3;
        let err = parse(Path::new("s.json"), bad_misses.to_json().as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "s.json: card 'a': item 'x': 3 misses in 2 attempts"
        );
    }

    #[test]
    fn another_format_is_named() {
        let text = sample().to_json().replace("\"format\": 1", "\"format\": 2");
        let err = parse(Path::new("s.json"), text.as_bytes()).unwrap_err();
        assert!(err.to_string().contains("format 2"), "{err}");
        let err = parse(Path::new("s.json"), b"{\"cards\": []}").unwrap_err();
        assert!(err.to_string().contains("no \"format\""), "{err}");
    }

    #[test]
    fn truncated_json_names_the_place() {
        let text = sample().to_json();
        let err = parse(Path::new("s.json"), &text.as_bytes()[..text.len() / 2]).unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("s.json:"), "{msg}");
        assert!(msg.contains("ends early"), "{msg}");
    }
}
