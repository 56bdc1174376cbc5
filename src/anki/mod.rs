//! Anki interoperability: `.apkg` packages (legacy `collection.anki2` /
//! `collection.anki21` and current zstd-compressed `collection.anki21b`) and
//! Anki's CSV text import format, both ways.
//!
//! Packages are zip files from strangers: [`package`] reads them with hard
//! limits (entry count, sizes, compression ratio, no `..` or absolute
//! names) and never writes anything to disk; collections are opened in
//! memory. Only [`package::write`]'s caller writes the output file.

pub mod csv;
pub mod export;
pub mod history;
pub mod html;
pub mod import;
pub mod package;
pub mod proto;

use sha2::{Digest, Sha256};

/// A stable Anki note GUID for a recall card: exporting again gives the same
/// GUID, so Anki updates the note instead of adding a duplicate.
pub fn guid_for(deck_id: &str, card_id: &str) -> String {
    let mut h = Sha256::new();
    h.update(b"recall-guid\0");
    h.update(deck_id.as_bytes());
    h.update(b"/");
    h.update(card_id.as_bytes());
    let d = h.finalize();
    // 10 characters of Anki's base-91 alphabet, like Anki's own GUIDs
    // no '#' (a CSV line starting with it is a header) and no quotes
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!$%&()*+,-./:;<=>?@[]^_`{|}~";
    let mut n = u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
    let mut out = String::new();
    for _ in 0..10 {
        let base = ALPHABET.len() as u64;
        out.push(ALPHABET[(n % base) as usize] as char);
        n /= base;
    }
    out
}

/// The tag recall puts on exported notes to remember a card's kind.
pub fn kind_tag(kind: crate::model::CardKind) -> String {
    format!("recall::{}", kind.as_str())
}

/// A note's tags for a card: its kind (`recall::list`) and the card's own
/// tags, separated by spaces (Anki's tags hold no space).
pub fn note_tags(card: &crate::model::CardContent) -> String {
    let mut out = kind_tag(card.kind);
    for t in &card.tags {
        out.push(' ');
        out.push_str(t);
    }
    out
}

/// Takes a note's tags into a card: the kind tag restores its kind (see
/// [`apply_kind_tag`]), every other tag becomes one of the card's tags.
pub fn apply_tags(card: &mut crate::model::CardContent, tags: &str) {
    apply_kind_tag(card, tags);
    card.tags = user_tags(tags);
}

/// A note's tags but recall's own (`recall::…`), in order, once each.
pub fn user_tags(tags: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags.split_whitespace() {
        if !t.starts_with("recall::") && !out.iter().any(|x| x == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// Restores a card's kind from its note's tags, when the content allows it.
pub fn apply_kind_tag(card: &mut crate::model::CardContent, tags: &str) {
    use crate::model::CardKind;
    let tagged = tags
        .split_whitespace()
        .find_map(|t| t.strip_prefix("recall::"))
        .and_then(CardKind::parse);
    match tagged {
        Some(k @ (CardKind::List | CardKind::Outline)) if !card.items.is_empty() => card.kind = k,
        Some(CardKind::Cloze) if card.front.contains("___") => card.kind = CardKind::Cloze,
        Some(CardKind::Basic) if card.items.is_empty() => card.kind = CardKind::Basic,
        _ => {}
    }
}

/// A stable 62-bit positive id from a name (Anki ids for notetypes, decks).
pub fn stable_id(name: &str) -> i64 {
    let d = Sha256::digest(name.as_bytes());
    let n = i64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]]);
    // keep it in the range of millisecond timestamps Anki uses, positive
    1_000_000_000_000 + (n & 0x0000_7FFF_FFFF_FFFF) % 1_000_000_000_000
}

/// A recall card id for an Anki card: from its note GUID and card ordinal.
pub fn card_id_for(guid: &str, ord: i64) -> String {
    let d = Sha256::digest(guid.as_bytes());
    let hex: String = d[..6].iter().map(|b| format!("{b:02x}")).collect();
    if ord == 0 {
        format!("anki-{hex}")
    } else {
        format!("anki-{hex}-{}", ord + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_and_distinct() {
        assert_eq!(guid_for("d", "c1"), guid_for("d", "c1"));
        assert_ne!(guid_for("d", "c1"), guid_for("d", "c2"));
        assert_ne!(guid_for("d", "c1"), guid_for("e", "c1"));
        assert_eq!(guid_for("d", "c1").len(), 10);
    }

    #[test]
    fn card_ids_are_valid_recall_ids() {
        assert!(crate::deckfile::valid_id(&card_id_for("a$b%c", 0)));
        assert!(card_id_for("x", 1).ends_with("-2"));
    }
}
