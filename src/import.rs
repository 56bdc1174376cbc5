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
//! **Local edits** (`recall edit`, `recall tag`) are merged three ways, as
//! version control merges a file: the card's `base` is the file's version
//! the member edited, "mine" the local text, "theirs" the file's card now
//! (ids aside, so a relinked card counts as the same card).
//!
//! * theirs = base: the file has not changed the card: mine stays (*kept*);
//! * theirs = mine: the file now has the member's text: the edit is no
//!   longer local (*in the file*);
//! * otherwise the file changed or removed the card too: a *conflict*.
//!   Mine stays and the conflict is reported at every import until the
//!   member picks a side: `--theirs` takes the file's card (or retires a
//!   removed one), `--mine` keeps the local text and takes the file's
//!   version as the new base (no more reports until the file changes the
//!   card again).
//!
//! [`plan`] is pure; [`apply`] writes the plan in one transaction.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::model::{CardContent, Deck};
use crate::storage::{
    cards,
    cards::{Base, DeckCard},
    decks,
};

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
    /// Locally edited cards (in none of the lists above but `relinked`).
    pub local: Vec<Local>,
}

/// Which side of a conflict a card takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The local text (`recall edit`).
    Mine,
    /// The deck file's card.
    Theirs,
}

/// Cards an option names: none, every conflict, or these ids (`ID` or
/// `DECK/ID`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Pick {
    #[default]
    None,
    All,
    Cards(Vec<String>),
}

impl Pick {
    fn picks(&self, deck: &str, id: &str) -> bool {
        match self {
            Pick::None => false,
            Pick::All => true,
            Pick::Cards(names) => names
                .iter()
                .any(|n| n == id || n.split_once('/') == Some((deck, id))),
        }
    }
}

/// How an import settles conflicts: `--mine`, `--theirs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resolve {
    pub mine: Pick,
    pub theirs: Pick,
}

impl Resolve {
    /// The side picked for card `id` of `deck`, if any.
    fn side(&self, deck: &str, id: &str) -> Option<Side> {
        if self.theirs.picks(deck, id) {
            Some(Side::Theirs)
        } else if self.mine.picks(deck, id) {
            Some(Side::Mine)
        } else {
            None
        }
    }

    /// Every card named on the command line that is not a conflict of
    /// these reports: an error (nothing is imported).
    pub fn check_names(&self, reports: &[Report]) -> Result<()> {
        for (flag, pick) in [("--mine", &self.mine), ("--theirs", &self.theirs)] {
            let Pick::Cards(names) = pick else { continue };
            for name in names {
                let found = reports.iter().any(|r| {
                    r.conflicts.iter().any(|c| {
                        *name == c.card || name.split_once('/') == Some((&r.deck, &c.card))
                    })
                });
                if !found {
                    let all: Vec<&str> = reports
                        .iter()
                        .flat_map(|r| r.conflicts.iter().map(|c| c.card.as_str()))
                        .collect();
                    return Err(Error::Invalid(format!(
                        "{flag}={name}: card '{name}' has no conflict in this import ({}); nothing was imported",
                        if all.is_empty() {
                            "there are no conflicts".to_string()
                        } else {
                            format!("conflicts: {}", all.join(", "))
                        }
                    )));
                }
            }
        }
        Ok(())
    }
}

/// What the file did to a locally edited card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalCase {
    /// The file's card is as it was when the member edited it: the local
    /// text stays.
    Kept,
    /// The file now holds the member's text: the edit is no longer local.
    InFile,
    /// The file changed the card (or removed it) since the edit. `side` is
    /// the side picked on the command line; `None` keeps mine and asks
    /// again at the next import.
    Conflict { removed: bool, side: Option<Side> },
}

/// A locally edited card in an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    /// Incoming index (`None`: the file no longer has the card).
    pub incoming: Option<usize>,
    pub rowid: i64,
    /// The card's id after the import.
    pub id: String,
    pub case: LocalCase,
    /// The base to write, if it changes.
    pub new_base: Option<Option<Base>>,
}

/// What the deck file did to a locally edited card, in a conflict.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum FileChange {
    Changed,
    Removed,
}

/// One conflict, for the report.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ConflictReport {
    pub card: String,
    /// What the file did to the card.
    pub file: FileChange,
    /// The side the card has after the import.
    pub kept: Side,
    /// Whether a side was picked (`--mine`/`--theirs`); unresolved
    /// conflicts keep the local text and come back at the next import.
    pub resolved: bool,
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
    /// Locally edited cards the file has not changed: the local text stays.
    pub local_kept: Vec<String>,
    /// Locally edited cards whose text the file now has.
    pub local_in_file: Vec<String>,
    /// Locally edited cards the file changed or removed too.
    pub conflicts: Vec<ConflictReport>,
}

impl Plan {
    /// Whether applying the plan changes any card.
    pub fn changes_cards(&self) -> bool {
        !(self.added.is_empty()
            && self.updated.is_empty()
            && self.relinked.is_empty()
            && self.retired.is_empty()
            && self.revived.is_empty()
            && self.local.iter().all(|l| !l.writes()))
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
            local_kept: self
                .local
                .iter()
                .filter(|l| l.case == LocalCase::Kept)
                .map(|l| l.id.clone())
                .collect(),
            local_in_file: self
                .local
                .iter()
                .filter(|l| l.case == LocalCase::InFile)
                .map(|l| l.id.clone())
                .collect(),
            conflicts: self
                .local
                .iter()
                .filter_map(|l| match l.case {
                    LocalCase::Conflict { removed, side } => Some(ConflictReport {
                        card: l.id.clone(),
                        file: if removed {
                            FileChange::Removed
                        } else {
                            FileChange::Changed
                        },
                        kept: side.unwrap_or(Side::Mine),
                        resolved: side.is_some(),
                    }),
                    _ => None,
                })
                .collect(),
        }
    }
}

impl Local {
    /// Whether applying it writes to the card (content, base or retired).
    fn writes(&self) -> bool {
        self.new_base.is_some()
            || matches!(
                self.case,
                LocalCase::InFile
                    | LocalCase::Conflict {
                        side: Some(Side::Theirs),
                        ..
                    }
            )
    }

    /// Whether the card takes the file's text.
    fn takes_theirs(&self) -> bool {
        matches!(
            self.case,
            LocalCase::InFile
                | LocalCase::Conflict {
                    side: Some(Side::Theirs),
                    ..
                }
        )
    }
}

/// Whether two cards say the same, ids aside (a relinked card is the same
/// card under a new id).
fn same_text(a: &CardContent, b: &CardContent) -> bool {
    a.kind == b.kind
        && a.front == b.front
        && a.back == b.back
        && a.items == b.items
        && a.ordered == b.ordered
        && a.source == b.source
        && a.context == b.context
        && a.tags == b.tags
}

/// The three-way merge of a locally edited card: `mine` (the local text),
/// `base` (the file's version it was made from), `theirs` (the file's card
/// now, if the file still has it). Returns the case and the base to write.
fn merge_local(
    mine: &CardContent,
    base: &Base,
    theirs: Option<&CardContent>,
    side: Option<Side>,
) -> (LocalCase, Option<Option<Base>>) {
    match (base, theirs) {
        (Base::Card(b), Some(t)) if same_text(b, t) => {
            // keep the base's id in step with a relinked card's
            let new_base = (b.id != t.id).then(|| Some(Base::Card(t.clone())));
            (LocalCase::Kept, new_base)
        }
        (Base::Absent, None) => (LocalCase::Kept, None),
        (_, Some(t)) if same_text(mine, t) => (LocalCase::InFile, Some(None)),
        (_, t) => {
            let case = LocalCase::Conflict {
                removed: t.is_none(),
                side,
            };
            let new_base = match (side, t) {
                (None, _) => None,
                (Some(Side::Theirs), _) => Some(None),
                (Some(Side::Mine), Some(t)) => Some(Some(Base::Card(t.clone()))),
                (Some(Side::Mine), None) => Some(Some(Base::Absent)),
            };
            (case, new_base)
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

/// Plans the merge of `incoming` into the deck's `existing` cards (pure);
/// `resolve` picks sides of conflicts with local edits.
pub fn plan(existing: &[DeckCard], incoming: &Deck, deck_exists: bool, resolve: &Resolve) -> Plan {
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
    let deck = incoming.meta.id.as_str();
    let local = |old: &DeckCard, base: &Base, i: Option<usize>, id: &str| {
        let theirs = i.map(|i| &incoming.cards[i]);
        let (case, new_base) = merge_local(&old.content, base, theirs, resolve.side(deck, id));
        Local {
            incoming: i,
            rowid: old.rowid,
            id: id.to_string(),
            case,
            new_base,
        }
    };
    for (i, card) in incoming.cards.iter().enumerate() {
        match by_key.get(card.id.as_str()) {
            Some(old) => {
                if old.retired {
                    p.revived.push(card.id.clone());
                }
                if let Some(base) = &old.base {
                    p.local.push(local(old, base, Some(i), &card.id));
                } else if old.content == *card {
                    p.unchanged.push((i, old.rowid));
                } else {
                    p.updated.push((i, old.rowid));
                }
            }
            None => {
                // Prefer an active vanished card, then a retired one. A
                // locally edited card is matched by its text or its file's.
                let like = |o: &&DeckCard| {
                    same_card(&o.content, card)
                        || matches!(&o.base, Some(Base::Card(b)) if same_card(b, card))
                };
                let pos = vanished
                    .iter()
                    .position(|o| !o.retired && like(o))
                    .or_else(|| vanished.iter().position(like));
                match pos {
                    Some(j) => {
                        let old = vanished.remove(j);
                        if old.retired {
                            p.revived.push(card.id.clone());
                        }
                        p.relinked.push((i, old.rowid, old.content.id.clone()));
                        if let Some(base) = &old.base {
                            p.local.push(local(old, base, Some(i), &card.id));
                        }
                    }
                    None => p.added.push(i),
                }
            }
        }
    }
    for old in vanished.into_iter().filter(|c| !c.retired) {
        match &old.base {
            Some(base) => p.local.push(local(old, base, None, &old.content.id)),
            None => p.retired.push((old.rowid, old.content.id.clone())),
        }
    }
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
    let mut reports = import_decks(
        conn,
        std::slice::from_ref(deck),
        now_ms,
        dry_run,
        &Resolve::default(),
    )?;
    Ok(reports.remove(0))
}

/// Imports several decks in one transaction: all of them or none.
/// `resolve` picks sides of conflicts with local edits.
pub fn import_decks(
    conn: &mut Connection,
    decks_in: &[Deck],
    now_ms: i64,
    dry_run: bool,
    resolve: &Resolve,
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
    let result = import_in_tx(conn, decks_in, now_ms, dry_run, resolve, None);
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
    resolve: &Resolve,
    then: &mut AfterImport<'_>,
) -> Result<Vec<Report>> {
    import_in_tx(conn, decks_in, now_ms, dry_run, resolve, Some(then))
}

fn import_in_tx(
    conn: &mut Connection,
    decks_in: &[Deck],
    now_ms: i64,
    dry_run: bool,
    resolve: &Resolve,
    then: Option<&mut AfterImport<'_>>,
) -> Result<Vec<Report>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut planned = Vec::with_capacity(decks_in.len());
    for deck in decks_in {
        let existing = cards::deck_contents(&tx, &deck.meta.id)?;
        check_conflict(&tx, deck, &existing)?;
        let deck_exists = decks::get(&tx, &deck.meta.id)?.is_some();
        let p = plan(&existing, deck, deck_exists, resolve);
        planned.push((deck, p, existing));
    }
    let reports: Vec<Report> = planned
        .iter()
        .map(|(deck, p, _)| p.report(deck, dry_run))
        .collect();
    resolve.check_names(&reports)?;
    // what runs after the cards needs them, even in a dry run (which the
    // dropped transaction rolls back)
    if !dry_run || then.is_some() {
        for (deck, p, existing) in &planned {
            apply(&tx, deck, p, existing, now_ms)?;
        }
    }
    if let Some(then) = then {
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
    let local: HashMap<i64, &Local> = p.local.iter().map(|l| (l.rowid, l)).collect();
    for (i, rowid, _) in &p.relinked {
        if local.contains_key(rowid) {
            // the new id now; the text is settled with the local edits below
            cards::set_key(conn, *rowid, &deck.cards[*i].id)?;
        } else {
            cards::update_content(conn, *rowid, *i as i64, &deck.cards[*i], now_ms)?;
        }
    }
    for &(i, rowid) in &p.unchanged {
        if old_ord.get(&rowid) != Some(&(i as i64, false)) {
            cards::set_ord(conn, rowid, i as i64)?;
        }
    }
    for (rowid, _) in &p.retired {
        cards::retire(conn, *rowid, now_ms)?;
    }
    for l in &p.local {
        match l.incoming {
            Some(i) if l.takes_theirs() => {
                cards::update_content(conn, l.rowid, i as i64, &deck.cards[i], now_ms)?
            }
            Some(i) if old_ord.get(&l.rowid) != Some(&(i as i64, false)) => {
                cards::set_ord(conn, l.rowid, i as i64)?
            }
            Some(_) => {}
            None if l.takes_theirs() => cards::retire(conn, l.rowid, now_ms)?,
            None => {}
        }
        if let Some(base) = &l.new_base {
            cards::set_base(conn, l.rowid, base.as_ref())?;
        }
    }
    Ok(())
}

/// The bundled sample deck, imported by the first `recall study`.
pub const BUNDLED_DECK: &str = include_str!("../decks/seed.toml");

/// Imports the bundled sample deck into a new database: one that has no
/// deck and never had one (a database whose decks were all deleted with
/// `recall delete` does not get it back).
pub fn ensure_bundled_deck(
    store: &mut crate::storage::Store,
    now: crate::clock::Now,
) -> Result<bool> {
    let fresh: bool = store.conn.query_row(
        "SELECT NOT EXISTS(SELECT 1 FROM decks)
            AND NOT EXISTS(SELECT 1 FROM config WHERE key = 'sample_deck_offered')",
        [],
        |r| r.get(0),
    )?;
    if !fresh {
        return Ok(false);
    }
    let deck = crate::deckfile::parse(
        std::path::Path::new("decks/seed.toml"),
        BUNDLED_DECK.as_bytes(),
    )?;
    import_deck(&mut store.conn, &deck, now.unix_ms(), false)?;
    store.conn.execute(
        "INSERT OR IGNORE INTO config(key, value) VALUES ('sample_deck_offered', '1')",
        [],
    )?;
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
            base: None,
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
        let p = plan(&existing, &incoming, true, &Resolve::default());
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
        let p = plan(&existing, &incoming, true, &Resolve::default());
        assert_eq!(p.relinked, vec![(0, 1, "old-id".to_string())]);
        assert!(p.added.is_empty() && p.retired.is_empty());
    }

    #[test]
    fn different_answer_is_not_relinked() {
        let existing = vec![stored(1, card("old", "Heaven"), false)];
        let incoming = deck(vec![card("new", "Earth and sky")]);
        let p = plan(&existing, &incoming, true, &Resolve::default());
        assert!(p.relinked.is_empty());
        assert_eq!(p.added, vec![0]);
        assert_eq!(p.retired.len(), 1);
    }

    fn edited(rowid: i64, local: CardContent, base: CardContent) -> DeckCard {
        DeckCard {
            base: Some(Base::Card(base)),
            ..stored(rowid, local, false)
        }
    }

    fn cases(p: &Plan) -> Vec<(Option<usize>, &str, LocalCase)> {
        p.local
            .iter()
            .map(|l| (l.incoming, l.id.as_str(), l.case))
            .collect()
    }

    #[test]
    fn local_edits_merge_three_ways() {
        let existing = vec![
            edited(1, card("a", "mine"), card("a", "file")),
            edited(2, card("b", "mine"), card("b", "file")),
            edited(3, card("c", "mine"), card("c", "file")),
            edited(4, card("d", "mine"), card("d", "file")),
        ];
        // a: file unchanged; b: file took the edit; c: file changed; d: removed
        let incoming = deck(vec![
            card("a", "file"),
            card("b", "mine"),
            card("c", "other"),
        ]);
        let p = plan(&existing, &incoming, true, &Resolve::default());
        let conflict = |removed| LocalCase::Conflict {
            removed,
            side: None,
        };
        assert_eq!(
            cases(&p),
            vec![
                (Some(0), "a", LocalCase::Kept),
                (Some(1), "b", LocalCase::InFile),
                (Some(2), "c", conflict(false)),
                (None, "d", conflict(true)),
            ]
        );
        assert!(p.updated.is_empty() && p.unchanged.is_empty() && p.retired.is_empty());
        // unresolved: nothing but b's base is written
        let writes: Vec<_> = p.local.iter().map(|l| l.new_base.clone()).collect();
        assert_eq!(writes, vec![None, Some(None), None, None]);
        // sides picked
        let r = Resolve {
            mine: Pick::Cards(vec!["c".into()]),
            theirs: Pick::Cards(vec!["d/d".into()]),
        };
        let p = plan(&existing, &incoming, true, &r);
        assert_eq!(
            p.local[2].new_base,
            Some(Some(Base::Card(card("c", "other"))))
        );
        assert!(!p.local[2].takes_theirs());
        assert_eq!(p.local[3].new_base, Some(None));
        assert!(p.local[3].takes_theirs());
    }

    #[test]
    fn a_relinked_card_keeps_its_local_edit() {
        // the file's card moved (new id), its text as the member last saw it
        let mut moved = card("new-id", "The Moral Law");
        moved.source = "2".into();
        let mut base = moved.clone();
        base.id = "old-id".into();
        let existing = vec![edited(1, card("old-id", "The Moral Law, edited"), base)];
        let p = plan(
            &existing,
            &deck(vec![moved.clone()]),
            true,
            &Resolve::default(),
        );
        assert_eq!(p.relinked, vec![(0, 1, "old-id".to_string())]);
        assert_eq!(cases(&p), vec![(Some(0), "new-id", LocalCase::Kept)]);
        // the base follows the new id
        assert_eq!(p.local[0].new_base, Some(Some(Base::Card(moved))));
        assert!(p.added.is_empty() && p.retired.is_empty());
    }

    #[test]
    fn a_card_kept_after_the_file_removed_it_stays_quiet() {
        let existing = vec![DeckCard {
            base: Some(Base::Absent),
            ..stored(1, card("a", "mine"), false)
        }];
        let p = plan(&existing, &deck(vec![]), true, &Resolve::default());
        assert_eq!(cases(&p), vec![(None, "a", LocalCase::Kept)]);
        assert!(!p.changes_cards());
    }

    #[test]
    fn local_edits_survive_an_import_in_the_database() {
        let mut store = crate::storage::Store::open_in_memory().unwrap();
        let conn = &mut store.conn;
        import_deck(conn, &many(3), 0, false).unwrap();
        let rowid: i64 = conn
            .query_row("SELECT id FROM cards WHERE key = 'c1'", [], |r| r.get(0))
            .unwrap();
        let mut mine = card("c1", "my answer");
        mine.front = "Question c1?".into();
        assert_eq!(
            cards::edit_content(conn, rowid, &mine, 5).unwrap(),
            cards::Edited::Local
        );
        let r = import_deck(conn, &many(3), 0, false).unwrap();
        assert_eq!(r.local_kept, ["c1"]);
        assert_eq!(
            cards::deck_card(conn, rowid).unwrap().content.back,
            "my answer"
        );
        let mut changed = many(3);
        changed.cards[1].back = "their answer".into();
        let r = import_deck(conn, &changed, 0, false).unwrap();
        assert_eq!(r.conflicts.len(), 1);
        assert_eq!(
            cards::deck_card(conn, rowid).unwrap().content.back,
            "my answer"
        );
        let r = import_decks(
            conn,
            std::slice::from_ref(&changed),
            0,
            false,
            &Resolve {
                theirs: Pick::All,
                ..Resolve::default()
            },
        )
        .unwrap();
        assert_eq!(r[0].conflicts[0].kept, Side::Theirs);
        let now = cards::deck_card(conn, rowid).unwrap();
        assert_eq!(
            (now.content.back.as_str(), now.base),
            ("their answer", None)
        );
        assert_eq!(crate::storage::check(conn).unwrap(), Vec::<String>::new());
    }

    #[test]
    fn same_file_twice_changes_nothing() {
        let existing = vec![stored(0, card("a", "x"), false)];
        let p = plan(
            &existing,
            &deck(vec![card("a", "x")]),
            true,
            &Resolve::default(),
        );
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
