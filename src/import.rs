//! Merging a deck file into the database by card id.
//!
//! * a new id is added as a new card;
//! * a known id whose text changed is updated and keeps its state and history;
//! * a known id, unchanged, stays as it is (its position may move);
//! * an id missing from the file is retired: kept with its history, not shown;
//! * a retired id that comes back is revived with its old state;
//! * a new id whose card matches a card that vanished from the file (same
//!   kind, nearly the same answer) is *relinked*: it takes over that card's
//!   state, because the id changed only because the text moved.
//!
//! [`plan`] is pure; [`apply`] writes the plan in one transaction.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{CardContent, Deck};
use crate::storage::{cards, cards::DeckCard, decks};

/// Similarity (0..1, normalised Levenshtein on the folded answer) at or above
/// which a vanished card and a new one are taken to be the same card.
pub const RELINK_SIMILARITY: f64 = 0.85;

/// What an import does, card by card.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Plan {
    pub deck_is_new: bool,
    /// Incoming index.
    pub added: Vec<usize>,
    /// Incoming index, existing row id.
    pub updated: Vec<(usize, i64)>,
    /// Incoming index, existing row id (content identical; position may move).
    pub unchanged: Vec<(usize, i64)>,
    /// Incoming index, existing row id, the id the card had before.
    pub relinked: Vec<(usize, i64, String)>,
    /// Incoming ids that were retired and come back (also in updated/unchanged).
    pub revived: Vec<String>,
    /// Existing row id and id of active cards missing from the file.
    pub retired: Vec<(i64, String)>,
}

/// Counts and ids of a plan, for the report and `--json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Report {
    pub deck: String,
    pub dry_run: bool,
    pub deck_is_new: bool,
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: usize,
    pub relinked: Vec<(String, String)>,
    pub revived: Vec<String>,
    pub retired: Vec<String>,
}

impl Plan {
    /// Whether applying the plan changes any card.
    pub fn changes_cards(&self) -> bool {
        !(self.added.is_empty()
            && self.updated.is_empty()
            && self.relinked.is_empty()
            && self.retired.is_empty()
            && self.revived.is_empty())
    }

    /// The report for this plan.
    pub fn report(&self, deck: &Deck, dry_run: bool) -> Report {
        let id = |i: usize| deck.cards[i].id.clone();
        Report {
            deck: deck.meta.id.clone(),
            dry_run,
            deck_is_new: self.deck_is_new,
            added: self.added.iter().map(|&i| id(i)).collect(),
            updated: self.updated.iter().map(|&(i, _)| id(i)).collect(),
            unchanged: self.unchanged.len(),
            relinked: self
                .relinked
                .iter()
                .map(|(i, _, old)| (old.clone(), id(*i)))
                .collect(),
            revived: self.revived.clone(),
            retired: self.retired.iter().map(|(_, k)| k.clone()).collect(),
        }
    }
}

fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn same_card(a: &CardContent, b: &CardContent) -> bool {
    if a.kind != b.kind {
        return false;
    }
    let (x, y) = (fold(&a.answer_text()), fold(&b.answer_text()));
    if x.is_empty() || y.is_empty() {
        return false;
    }
    x == y || strsim::normalized_levenshtein(&x, &y) >= RELINK_SIMILARITY
}

/// Plans the merge of `incoming` into the deck's `existing` cards (pure).
pub fn plan(existing: &[DeckCard], incoming: &Deck, deck_exists: bool) -> Plan {
    let mut p = Plan {
        deck_is_new: !deck_exists,
        ..Plan::default()
    };
    let by_key: HashMap<&str, &DeckCard> = existing
        .iter()
        .map(|c| (c.content.id.as_str(), c))
        .collect();
    let incoming_keys: HashSet<&str> = incoming.cards.iter().map(|c| c.id.as_str()).collect();
    // Cards that vanish from the file: candidates for relinking, else retired.
    let mut vanished: Vec<&DeckCard> = existing
        .iter()
        .filter(|c| !incoming_keys.contains(c.content.id.as_str()))
        .collect();
    for (i, card) in incoming.cards.iter().enumerate() {
        match by_key.get(card.id.as_str()) {
            Some(old) => {
                if old.retired {
                    p.revived.push(card.id.clone());
                }
                if old.content == *card {
                    p.unchanged.push((i, old.rowid));
                } else {
                    p.updated.push((i, old.rowid));
                }
            }
            None => {
                // Prefer an active vanished card, then a retired one.
                let pos = vanished
                    .iter()
                    .position(|o| !o.retired && same_card(&o.content, card))
                    .or_else(|| vanished.iter().position(|o| same_card(&o.content, card)));
                match pos {
                    Some(j) => {
                        let old = vanished.remove(j);
                        if old.retired {
                            p.revived.push(card.id.clone());
                        }
                        p.relinked.push((i, old.rowid, old.content.id.clone()));
                    }
                    None => p.added.push(i),
                }
            }
        }
    }
    p.retired = vanished
        .into_iter()
        .filter(|c| !c.retired)
        .map(|c| (c.rowid, c.content.id.clone()))
        .collect();
    p
}

/// Refuses a file whose deck id is already taken by what looks like another
/// deck: a different name and not one card id in common.
pub fn check_conflict(conn: &Connection, incoming: &Deck, existing: &[DeckCard]) -> Result<()> {
    let Some(meta) = decks::get(conn, &incoming.meta.id)? else {
        return Ok(());
    };
    if meta.name == incoming.meta.name || existing.is_empty() {
        return Ok(());
    }
    let keys: HashSet<&str> = existing.iter().map(|c| c.content.id.as_str()).collect();
    if incoming.cards.iter().any(|c| keys.contains(c.id.as_str())) {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "deck id '{}' is already used by a different deck ('{}', {} cards, none shared with '{}'); \
         give this deck another id in its [deck] table",
        meta.id,
        meta.name,
        existing.len(),
        incoming.meta.name
    )))
}

/// Plans and (unless `dry_run`) applies the import of `deck`, all or nothing.
pub fn import_deck(
    conn: &mut Connection,
    deck: &Deck,
    now_ms: i64,
    dry_run: bool,
) -> Result<Report> {
    let mut reports = import_decks(conn, std::slice::from_ref(deck), now_ms, dry_run)?;
    Ok(reports.remove(0))
}

/// Imports several decks in one transaction: all of them or none.
pub fn import_decks(
    conn: &mut Connection,
    decks_in: &[Deck],
    now_ms: i64,
    dry_run: bool,
) -> Result<Vec<Report>> {
    // A large import touches every page of the card tables and indexes
    // several times; with the usual 16 MB cache SQLite spills pages to the
    // WAL mid-way and writes them again. Room for the whole import, then
    // back to the usual size.
    let cards: usize = decks_in.iter().map(|d| d.cards.len()).sum();
    let big = cards > 20_000;
    if big {
        conn.pragma_update(
            None,
            "cache_size",
            -(cards as i64 / 2).clamp(16_000, 256_000),
        )?;
    }
    let result = import_in_tx(conn, decks_in, now_ms, dry_run, None);
    if big {
        conn.pragma_update(None, "cache_size", crate::storage::CACHE_SIZE)?;
    }
    result
}

/// Work done inside an import's transaction after its cards are in.
pub type AfterImport<'a> = dyn FnMut(&Connection) -> Result<()> + 'a;

/// [`import_decks`], then `then` inside the same transaction (an imported
/// review history goes in with its cards: all or nothing). In a dry run
/// `then` runs too, and is rolled back with the rest.
pub fn import_decks_then(
    conn: &mut Connection,
    decks_in: &[Deck],
    now_ms: i64,
    dry_run: bool,
    then: &mut AfterImport<'_>,
) -> Result<Vec<Report>> {
    import_in_tx(conn, decks_in, now_ms, dry_run, Some(then))
}

fn import_in_tx(
    conn: &mut Connection,
    decks_in: &[Deck],
    now_ms: i64,
    dry_run: bool,
    then: Option<&mut AfterImport<'_>>,
) -> Result<Vec<Report>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut reports = Vec::with_capacity(decks_in.len());
    for deck in decks_in {
        let existing = cards::deck_contents(&tx, &deck.meta.id)?;
        check_conflict(&tx, deck, &existing)?;
        let deck_exists = decks::get(&tx, &deck.meta.id)?.is_some();
        let p = plan(&existing, deck, deck_exists);
        reports.push(p.report(deck, dry_run));
        if !dry_run {
            apply(&tx, deck, &p, &existing, now_ms)?;
        }
    }
    if let Some(then) = then {
        if dry_run {
            // what follows needs the cards: apply them, to be rolled back
            for deck in decks_in {
                let existing = cards::deck_contents(&tx, &deck.meta.id)?;
                let deck_exists = decks::get(&tx, &deck.meta.id)?.is_some();
                let p = plan(&existing, deck, deck_exists);
                apply(&tx, deck, &p, &existing, now_ms)?;
            }
        }
        then(&tx)?;
    }
    if !dry_run {
        tx.commit()?;
    } // a dry run drops the transaction: nothing was written
    Ok(reports)
}

/// Writes a plan. Call inside a transaction.
pub fn apply(
    conn: &Connection,
    deck: &Deck,
    p: &Plan,
    existing: &[DeckCard],
    now_ms: i64,
) -> Result<()> {
    let meta_changed = decks::get(conn, &deck.meta.id)?.as_ref() != Some(&deck.meta);
    if meta_changed || p.changes_cards() || p.deck_is_new {
        decks::upsert(conn, &deck.meta, now_ms)?;
    }
    let old_ord: HashMap<i64, (i64, bool)> = existing
        .iter()
        .map(|c| (c.rowid, (c.ord, c.retired)))
        .collect();
    // Relinked ids may collide with keys still held by other rows mid-way:
    // free them first by giving relinked rows a temporary key.
    for (_, rowid, _) in &p.relinked {
        conn.execute(
            "UPDATE cards SET key = '~relink~' || id WHERE id = ?1",
            [rowid],
        )?;
    }
    let new: Vec<(i64, &CardContent)> = p
        .added
        .iter()
        .map(|&i| (i as i64, &deck.cards[i]))
        .collect();
    cards::insert_new(conn, &deck.meta.id, &new, now_ms)?;
    // new states are counted here, at once, not by a trigger per row
    decks::count_new(conn, &deck.meta.id, new.len())?;
    for &(i, rowid) in &p.updated {
        cards::update_content(conn, rowid, i as i64, &deck.cards[i], now_ms)?;
    }
    for (i, rowid, _) in &p.relinked {
        cards::update_content(conn, *rowid, *i as i64, &deck.cards[*i], now_ms)?;
    }
    for &(i, rowid) in &p.unchanged {
        if old_ord.get(&rowid) != Some(&(i as i64, false)) {
            cards::set_ord(conn, rowid, i as i64)?;
        }
    }
    for (rowid, _) in &p.retired {
        cards::retire(conn, *rowid, now_ms)?;
    }
    Ok(())
}

/// The bundled sample deck, imported by the first `recall study`.
pub const BUNDLED_DECK: &str = include_str!("../decks/seed.toml");

/// Imports the bundled sample deck if the database has no deck at all.
pub fn ensure_bundled_deck(
    store: &mut crate::storage::Store,
    now: crate::clock::Now,
) -> Result<bool> {
    let any: bool = store
        .conn
        .query_row("SELECT EXISTS(SELECT 1 FROM decks)", [], |r| r.get(0))?;
    if any {
        return Ok(false);
    }
    let deck = crate::deckfile::parse(
        std::path::Path::new("decks/seed.toml"),
        BUNDLED_DECK.as_bytes(),
    )?;
    import_deck(&mut store.conn, &deck, now.unix_ms(), false)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CardKind, DeckMeta};

    fn card(id: &str, back: &str) -> CardContent {
        CardContent {
            id: id.into(),
            kind: CardKind::Basic,
            front: format!("Question {id}?"),
            back: back.into(),
            items: vec![],
            ordered: false,
            source: String::new(),
            context: String::new(),
            tags: vec![],
        }
    }

    fn stored(rowid: i64, c: CardContent, retired: bool) -> DeckCard {
        DeckCard {
            rowid,
            ord: rowid,
            retired,
            content: c,
        }
    }

    fn deck(cards: Vec<CardContent>) -> Deck {
        Deck {
            meta: DeckMeta {
                id: "d".into(),
                name: "D".into(),
                source: None,
            },
            cards,
        }
    }

    #[test]
    fn classifies_every_card() {
        let existing = vec![
            stored(1, card("a", "alpha"), false),
            stored(2, card("b", "beta"), false),
            stored(3, card("c", "gamma"), false),
            stored(4, card("r", "retired one"), true),
        ];
        let mut b2 = card("b", "beta");
        b2.front = "Edited?".into();
        let incoming = deck(vec![
            card("a", "alpha"),
            b2,
            card("r", "retired one"),
            card("n", "something entirely new"),
        ]);
        let p = plan(&existing, &incoming, true);
        assert_eq!(p.unchanged, vec![(0, 1), (2, 4)]);
        assert_eq!(p.updated, vec![(1, 2)]);
        assert_eq!(p.added, vec![3]);
        assert_eq!(p.revived, vec!["r".to_string()]);
        assert_eq!(p.retired, vec![(3, "c".to_string())]);
    }

    #[test]
    fn moved_card_is_relinked_by_content() {
        let existing = vec![stored(1, card("old-id", "The Moral Law"), false)];
        let incoming = deck(vec![card("new-id", "the moral law")]);
        let p = plan(&existing, &incoming, true);
        assert_eq!(p.relinked, vec![(0, 1, "old-id".to_string())]);
        assert!(p.added.is_empty() && p.retired.is_empty());
    }

    #[test]
    fn different_answer_is_not_relinked() {
        let existing = vec![stored(1, card("old", "Heaven"), false)];
        let incoming = deck(vec![card("new", "Earth and sky")]);
        let p = plan(&existing, &incoming, true);
        assert!(p.relinked.is_empty());
        assert_eq!(p.added, vec![0]);
        assert_eq!(p.retired.len(), 1);
    }

    #[test]
    fn same_file_twice_changes_nothing() {
        let existing = vec![stored(0, card("a", "x"), false)];
        let p = plan(&existing, &deck(vec![card("a", "x")]), true);
        assert!(!p.changes_cards());
    }

    fn many(n: usize) -> Deck {
        deck(
            (0..n)
                .map(|i| card(&format!("c{i}"), &format!("answer {i}")))
                .collect(),
        )
    }

    fn states_of(conn: &Connection) -> (i64, i64) {
        conn.query_row(
            "SELECT (SELECT COUNT(*) FROM cards), (SELECT COUNT(*) FROM card_state)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
    }

    #[test]
    fn every_imported_card_gets_a_state_in_batches() {
        let mut store = crate::storage::Store::open_in_memory().unwrap();
        let r = import_deck(&mut store.conn, &many(150), 0, false).unwrap();
        assert_eq!(r.added.len(), 150);
        assert_eq!(states_of(&store.conn), (150, 150));
        // a second deck lands after the first
        let mut other = many(70);
        other.meta.id = "e".into();
        import_deck(&mut store.conn, &other, 0, false).unwrap();
        assert_eq!(states_of(&store.conn), (220, 220));
    }

    #[test]
    fn states_are_found_even_when_sqlite_picks_random_row_ids() {
        let mut store = crate::storage::Store::open_in_memory().unwrap();
        import_deck(&mut store.conn, &many(1), 0, false).unwrap();
        // at the largest row id SQLite stops counting up and picks ids at random
        store
            .conn
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 UPDATE cards SET id = 9223372036854775807;
                 UPDATE card_state SET card_id = 9223372036854775807;
                 PRAGMA foreign_keys = ON;",
            )
            .unwrap();
        let r = import_deck(&mut store.conn, &many(100), 0, false).unwrap();
        assert_eq!(r.added.len(), 99);
        assert_eq!(states_of(&store.conn), (100, 100));
    }

    #[test]
    fn due_counts_stay_exact_through_adds_retirements_and_revivals() {
        let mut store = crate::storage::Store::open_in_memory().unwrap();
        let conn = &mut store.conn;
        import_deck(conn, &many(120), 0, false).unwrap();
        // drop the first 20 cards, add 30 new ones
        let mut next = many(150);
        next.cards.drain(..20);
        import_deck(conn, &next, 0, false).unwrap();
        // and back: 20 revived, 30 retired
        import_deck(conn, &many(120), 0, false).unwrap();
        assert_eq!(crate::storage::check(conn).unwrap(), Vec::<String>::new());
        let new: i64 = conn
            .query_row(
                "SELECT SUM(n) FROM deck_counts WHERE deck_id = 'd' AND due = ''",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(new, 120);
    }
}
