//! Merging members' summaries into the group's view of the document.
//! Pure: summaries (and the deck file, when given) in, a [`Report`] out.
//!
//! * The deck is the deck file's, or else the deck most summaries are of.
//!   A summary naming another deck id is merged by card id if it shares an
//!   unchanged card with the reference (a renamed deck); else it is of an
//!   unknown deck and skipped (one line says why).
//! * One member, one summary: of two summaries with the same member id the
//!   newer (later date, then more reviews) is kept.
//! * The reference version is the deck file's, or else the version (deck
//!   hash) most members have, the newest of them on a tie. A summary of
//!   another version is merged card by card: a card whose hash differs
//!   from the reference's is left out for that member, and the report says
//!   which.
//! * A member *knows* a card when its interval is at least
//!   [`Rule::min_interval`] days (6: SM-2's second interval, reached after
//!   two successful reviews in a row) and its last scheduled review was
//!   graded [`Rule::min_grade`] (3) or better.

use std::collections::HashMap;

use serde::Serialize;

use super::parts::{part_of, section_of};
use super::summary::{card_hash, deck_hash, CardProgress, Summary};
use crate::model::Deck;

/// When a member counts as knowing a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub min_interval: u32,
    pub min_grade: u8,
}

impl Default for Rule {
    fn default() -> Self {
        Rule {
            min_interval: 6,
            min_grade: 3,
        }
    }
}

impl Rule {
    /// Whether this progress means the member knows the card.
    pub fn knows(&self, c: &CardProgress) -> bool {
        c.interval >= self.min_interval && c.last_grade.is_some_and(|g| g >= self.min_grade)
    }

    /// The rule in words.
    pub fn describe(&self) -> String {
        format!(
            "a member knows a card when its interval is {} days or more and its last review was graded {} or better",
            self.min_interval, self.min_grade
        )
    }
}

/// A card of the reference version.
#[derive(Debug, Clone, PartialEq)]
pub struct RefCard {
    pub id: String,
    pub hash: String,
    pub source: String,
    /// The question, when the deck file is at hand.
    pub front: Option<String>,
    pub items: Vec<String>,
}

/// The version of the deck the report is about.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub deck_id: String,
    pub deck_name: String,
    pub hash: String,
    /// Whether it is a deck file (else one of the summaries).
    pub from_deck_file: bool,
    pub cards: Vec<RefCard>,
}

impl Reference {
    /// The deck file as the reference.
    pub fn from_deck(deck: &Deck) -> Reference {
        Reference {
            deck_id: deck.meta.id.clone(),
            deck_name: deck.meta.name.clone(),
            hash: deck_hash(deck),
            from_deck_file: true,
            cards: deck
                .cards
                .iter()
                .map(|c| RefCard {
                    id: c.id.clone(),
                    hash: card_hash(c),
                    source: c.source.clone(),
                    front: Some(c.front.clone()),
                    items: c.items.clone(),
                })
                .collect(),
        }
    }

    fn from_summary(s: &Summary) -> Reference {
        Reference {
            deck_id: s.deck.id.clone(),
            deck_name: s.deck.name.clone(),
            hash: s.deck.hash.clone(),
            from_deck_file: false,
            cards: s
                .cards
                .iter()
                .map(|c| RefCard {
                    id: c.id.clone(),
                    hash: c.hash.clone(),
                    source: c.source.clone(),
                    front: None,
                    items: c.items.iter().map(|i| i.item.clone()).collect(),
                })
                .collect(),
        }
    }
}

/// A summary read from a file.
#[derive(Debug, Clone)]
pub struct Input {
    pub file: String,
    pub summary: Summary,
}

/// A file left out of the report, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// A member whose summary was merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    /// The name shown: the member's name, else the id (with the id when
    /// two members gave the same name).
    pub label: String,
    pub id: String,
    pub name: Option<String>,
    pub file: String,
    pub date: String,
    /// The deck id the summary names (another id: a renamed deck, merged
    /// by card id).
    pub deck: String,
    /// Whether the summary is of the reference version of the deck.
    pub same_version: bool,
    /// Cards whose question or answer differs from the reference: left out.
    pub cards_differ: Vec<String>,
    /// Reference cards the member's version does not have.
    pub cards_missing: Vec<String>,
    /// The member's cards the reference does not have (ignored).
    pub cards_extra: Vec<String>,
}

/// A list item across the group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemRow {
    pub item: String,
    pub attempts: u64,
    pub misses: u64,
    /// Members who typed an answer to the card at least once.
    pub members_tried: u32,
    /// Members who missed the item at least once.
    pub members_missed: u32,
}

/// One card across the group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CardRow {
    pub id: String,
    pub source: String,
    pub part: String,
    pub front: Option<String>,
    /// Members whose summary has this card in the reference version.
    pub members: u32,
    /// Of those, the members who know it ([`Rule`]).
    pub known: u32,
    /// known / members; null with no members.
    pub share: Option<f64>,
    /// Members who have reviewed it at least once.
    pub seen: u32,
    /// Members who lapsed on it at least once.
    pub lapsed: u32,
    pub lapses: u64,
    /// Mean E-Factor (thousandths) of the members who have reviewed it.
    pub mean_ef: Option<u32>,
    pub items: Vec<ItemRow>,
}

/// A part (or a section) of the document across the group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartRow {
    /// The locator (`III.(2)`), or the section's name.
    pub part: String,
    /// The section it belongs to (itself, for a section row).
    pub section: String,
    pub cards: u32,
    /// Member-card pairs counted (members × cards, less cards left out).
    pub pairs: u64,
    /// Pairs where the member knows the card.
    pub known: u64,
    /// Pairs where the member has reviewed the card.
    pub seen: u64,
    /// known / pairs: on average, the share of the group that knows each
    /// card of the part. Null with no pairs.
    pub mastery: Option<f64>,
    /// seen / pairs.
    pub seen_share: Option<f64>,
    /// The part's items missed by the most members (at most three).
    pub most_missed: Vec<String>,
}

/// A list item the group misses, with its card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MissedItem {
    pub card: String,
    pub source: String,
    pub item: String,
    pub members_missed: u32,
    pub members_tried: u32,
    pub misses: u64,
    pub attempts: u64,
}

/// A card members lapse on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LapsedCard {
    pub card: String,
    pub source: String,
    pub front: Option<String>,
    pub lapsed: u32,
    pub members: u32,
    pub lapses: u64,
}

/// The group report: everything `recall group report` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub format: i64,
    pub kind: &'static str,
    pub deck: ReportDeck,
    pub rule: Rule,
    /// The newest summary's date.
    pub date: String,
    pub members: Vec<MemberRow>,
    pub skipped: Vec<Skipped>,
    /// Top-level sections, in document order.
    pub sections: Vec<PartRow>,
    /// Parts, in document order.
    pub parts: Vec<PartRow>,
    /// Every card of the reference version, in deck order.
    pub cards: Vec<CardRow>,
    /// The items missed by the most members (at most ten).
    pub most_missed: Vec<MissedItem>,
    /// The cards most members lapse on (at most ten).
    pub most_lapsed: Vec<LapsedCard>,
}

/// The deck a report is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportDeck {
    pub id: String,
    pub name: String,
    pub hash: String,
    /// `deck file` or `summaries` (the version most members have).
    pub version_from: &'static str,
}

/// Why no report can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub msg: String,
    pub skipped: Vec<Skipped>,
}

#[derive(Default)]
struct ItemAcc {
    attempts: u64,
    misses: u64,
    tried: u32,
    missed: u32,
}

#[derive(Default)]
struct CardAcc {
    members: u32,
    known: u32,
    seen: u32,
    lapsed: u32,
    lapses: u64,
    ef_sum: u64,
    ef_n: u32,
    items: Vec<ItemAcc>,
}

/// Picks the most frequent key; `None` on a tie for first place.
fn most_common<'a>(keys: impl Iterator<Item = &'a str>) -> (Option<&'a str>, Vec<(&'a str, u32)>) {
    let mut counts: Vec<(&str, u32)> = Vec::new();
    for k in keys {
        match counts.iter_mut().find(|(x, _)| *x == k) {
            Some(e) => e.1 += 1,
            None => counts.push((k, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top = match counts.as_slice() {
        [] => None,
        [(k, _)] => Some(*k),
        [(k, a), (_, b), ..] => (a > b).then_some(*k),
    };
    (top, counts)
}

/// Merges the summaries. Refuses when no summary is left to report on, or
/// when the summaries are of several decks in equal numbers and no deck
/// file says which is meant.
pub fn merge(
    inputs: Vec<Input>,
    reference: Option<Reference>,
    rule: Rule,
) -> Result<Report, Refusal> {
    let mut skipped = Vec::new();
    // 1. the deck
    let deck_id = match &reference {
        Some(r) => r.deck_id.clone(),
        None => {
            let (top, counts) = most_common(inputs.iter().map(|i| i.summary.deck.id.as_str()));
            match top {
                Some(d) => d.to_string(),
                None if counts.is_empty() => {
                    return Err(Refusal {
                        msg: "no progress summary to report on".into(),
                        skipped,
                    })
                }
                None => {
                    let list: Vec<String> =
                        counts.iter().map(|(d, n)| format!("'{d}': {n}")).collect();
                    return Err(Refusal {
                        msg: format!(
                            "the summaries are of several decks ({}); pass --deck-file DECK.toml to say which deck to report on",
                            list.join(", ")
                        ),
                        skipped,
                    });
                }
            }
        }
    };
    let whose = if reference.is_some() {
        "the deck file's"
    } else {
        "the deck most summaries are of"
    };
    let (same, other): (Vec<Input>, Vec<Input>) = inputs
        .into_iter()
        .partition(|i| i.summary.deck.id == deck_id);
    // 2. one summary per member: the newest
    let same = one_per_member(same, &mut skipped);
    // 3. the reference version
    let reference = match reference {
        Some(r) => r,
        None => {
            let mut counts: HashMap<&str, (u32, &str, usize)> = HashMap::new();
            for (k, m) in same.iter().enumerate() {
                let e = counts
                    .entry(m.summary.deck.hash.as_str())
                    .or_insert((0, "", k));
                e.0 += 1;
                if m.summary.date.as_str() > e.1 {
                    e.1 = m.summary.date.as_str();
                    e.2 = k;
                }
            }
            let best = counts
                .values()
                .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.cmp(&a.2)))
                .map(|e| e.2);
            match best {
                Some(k) => Reference::from_summary(&same[k].summary),
                None => {
                    return Err(Refusal {
                        msg: "no progress summary left to report on".into(),
                        skipped,
                    })
                }
            }
        }
    };
    // a summary of another deck id (a renamed deck) is merged by card id
    // when it shares unchanged cards with the reference; else it is of
    // an unknown deck
    let hashes: HashMap<&str, &str> = reference
        .cards
        .iter()
        .map(|c| (c.id.as_str(), c.hash.as_str()))
        .collect();
    let mut members = same;
    for i in other {
        let shared = i
            .summary
            .cards
            .iter()
            .any(|c| hashes.get(c.id.as_str()) == Some(&c.hash.as_str()));
        if shared {
            members.push(i);
        } else {
            skipped.push(Skipped {
                reason: format!(
                    "a summary of deck '{}', not of '{deck_id}' ({whose}), with no card in common",
                    i.summary.deck.id
                ),
                file: i.file,
            });
        }
    }
    let members = one_per_member(members, &mut skipped);
    if members.is_empty() {
        return Err(Refusal {
            msg: "no progress summary left to report on".into(),
            skipped,
        });
    }
    let index: HashMap<&str, usize> = reference
        .cards
        .iter()
        .enumerate()
        .map(|(k, c)| (c.id.as_str(), k))
        .collect();
    // 4. every member's cards into the reference's
    let mut acc: Vec<CardAcc> = reference
        .cards
        .iter()
        .map(|c| CardAcc {
            items: c.items.iter().map(|_| ItemAcc::default()).collect(),
            ..CardAcc::default()
        })
        .collect();
    let mut rows = Vec::with_capacity(members.len());
    let mut has = vec![false; reference.cards.len()];
    for m in &members {
        has.iter_mut().for_each(|h| *h = false);
        let (mut differ, mut extra) = (Vec::new(), Vec::new());
        for c in &m.summary.cards {
            let Some(&k) = index.get(c.id.as_str()) else {
                extra.push(c.id.clone());
                continue;
            };
            has[k] = true;
            let rc = &reference.cards[k];
            if c.hash != rc.hash {
                differ.push(c.id.clone());
                continue;
            }
            let a = &mut acc[k];
            a.members += 1;
            a.known += u32::from(rule.knows(c));
            let seen = c.last_grade.is_some();
            a.seen += u32::from(seen);
            a.lapsed += u32::from(c.lapses > 0);
            a.lapses += u64::from(c.lapses);
            if let (true, Some(ef)) = (seen, c.ef) {
                a.ef_sum += u64::from(ef);
                a.ef_n += 1;
            }
            for it in &c.items {
                if let Some(j) = rc.items.iter().position(|x| *x == it.item) {
                    let ia = &mut a.items[j];
                    ia.attempts += u64::from(it.attempts);
                    ia.misses += u64::from(it.misses);
                    ia.tried += u32::from(it.attempts > 0);
                    ia.missed += u32::from(it.misses > 0);
                }
            }
        }
        let missing: Vec<String> = reference
            .cards
            .iter()
            .zip(&has)
            .filter(|(_, h)| !**h)
            .map(|(c, _)| c.id.clone())
            .collect();
        rows.push(MemberRow {
            label: m.summary.label().to_string(),
            id: m.summary.member.id.clone(),
            name: m.summary.member.name.clone(),
            file: m.file.clone(),
            date: m.summary.date.clone(),
            deck: m.summary.deck.id.clone(),
            same_version: m.summary.deck.hash == reference.hash,
            cards_differ: differ,
            cards_missing: missing,
            cards_extra: extra,
        });
    }
    // two members with one name are told apart by their ids
    let mut names: HashMap<String, u32> = HashMap::new();
    for r in &rows {
        *names.entry(r.label.clone()).or_default() += 1;
    }
    for r in &mut rows {
        if r.name.is_some() && names[&r.label] > 1 {
            r.label = format!("{} ({})", r.label, r.id);
        }
    }
    // 5. cards, parts and sections
    let cards: Vec<CardRow> = reference
        .cards
        .iter()
        .zip(acc)
        .map(|(c, a)| CardRow {
            id: c.id.clone(),
            source: c.source.clone(),
            part: part_of(&c.source).to_string(),
            front: c.front.clone(),
            members: a.members,
            known: a.known,
            share: (a.members > 0).then(|| f64::from(a.known) / f64::from(a.members)),
            seen: a.seen,
            lapsed: a.lapsed,
            lapses: a.lapses,
            mean_ef: (a.ef_n > 0).then(|| (a.ef_sum / u64::from(a.ef_n)) as u32),
            items: c
                .items
                .iter()
                .zip(a.items)
                .map(|(name, i)| ItemRow {
                    item: name.clone(),
                    attempts: i.attempts,
                    misses: i.misses,
                    members_tried: i.tried,
                    members_missed: i.missed,
                })
                .collect(),
        })
        .collect();
    let parts = group_rows(&cards, |c| c.part.clone());
    let sections = group_rows(&cards, |c| section_of(&c.part));
    // 6. items and cards the group misses most
    let mut missed: Vec<(usize, MissedItem)> = Vec::new();
    for (k, c) in cards.iter().enumerate() {
        for i in &c.items {
            if i.members_missed > 0 {
                missed.push((
                    k,
                    MissedItem {
                        card: c.id.clone(),
                        source: c.source.clone(),
                        item: i.item.clone(),
                        members_missed: i.members_missed,
                        members_tried: i.members_tried,
                        misses: i.misses,
                        attempts: i.attempts,
                    },
                ));
            }
        }
    }
    missed.sort_by(|(ka, a), (kb, b)| miss_order(a, b).then(ka.cmp(kb)));
    let mut lapsed: Vec<LapsedCard> = cards
        .iter()
        .filter(|c| c.lapsed > 0)
        .map(|c| LapsedCard {
            card: c.id.clone(),
            source: c.source.clone(),
            front: c.front.clone(),
            lapsed: c.lapsed,
            members: c.members,
            lapses: c.lapses,
        })
        .collect();
    // stable sort: deck order among equals
    lapsed.sort_by(|a, b| b.lapsed.cmp(&a.lapsed).then(b.lapses.cmp(&a.lapses)));
    lapsed.truncate(10);
    let date = members
        .iter()
        .map(|m| m.summary.date.clone())
        .max()
        .unwrap_or_default();
    Ok(Report {
        format: 1,
        kind: "recall-group-report",
        deck: ReportDeck {
            id: reference.deck_id.clone(),
            name: reference.deck_name.clone(),
            hash: reference.hash.clone(),
            version_from: if reference.from_deck_file {
                "deck file"
            } else {
                "summaries"
            },
        },
        rule,
        date,
        members: rows,
        skipped,
        sections,
        parts,
        cards,
        most_missed: missed.into_iter().take(10).map(|(_, m)| m).collect(),
        most_lapsed: lapsed,
    })
}

/// The summaries with one per member id: the newest (later date, then
/// more reviews, then the one given first); the others are named in
/// `skipped`.
fn one_per_member(inputs: Vec<Input>, skipped: &mut Vec<Skipped>) -> Vec<Input> {
    let mut by_member: HashMap<String, usize> = HashMap::new();
    let mut members: Vec<Input> = Vec::with_capacity(inputs.len());
    for i in inputs {
        let Some(&k) = by_member.get(&i.summary.member.id) else {
            by_member.insert(i.summary.member.id.clone(), members.len());
            members.push(i);
            continue;
        };
        let old = &members[k].summary;
        let newer = (i.summary.date.as_str(), i.summary.total_reps())
            > (old.date.as_str(), old.total_reps());
        let drop = if newer {
            std::mem::replace(&mut members[k], i)
        } else {
            i
        };
        let keep = &members[k];
        let reason = if drop.file == keep.file {
            format!(
                "given twice (member {}): counted once",
                keep.summary.member.id
            )
        } else if drop.summary.date < keep.summary.date {
            format!(
                "an older summary of the same member ({}) as {}",
                keep.summary.member.id, keep.file
            )
        } else {
            format!(
                "the same member ({}) and day as {}: only one summary per member counts",
                keep.summary.member.id, keep.file
            )
        };
        skipped.push(Skipped {
            file: drop.file,
            reason,
        });
    }
    members
}

/// Most members missing it first, then most misses, then the highest
/// share of attempts missed.
fn miss_order(a: &MissedItem, b: &MissedItem) -> std::cmp::Ordering {
    b.members_missed
        .cmp(&a.members_missed)
        .then(b.misses.cmp(&a.misses))
        .then(
            (u128::from(b.misses) * u128::from(a.attempts))
                .cmp(&(u128::from(a.misses) * u128::from(b.attempts))),
        )
}

/// Cards grouped by `key`, in the order the keys first appear.
fn group_rows(cards: &[CardRow], key: impl Fn(&CardRow) -> String) -> Vec<PartRow> {
    let mut order: Vec<String> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (k, c) in cards.iter().enumerate() {
        let name = key(c);
        let slot = *at.entry(name.clone()).or_insert_with(|| {
            order.push(name);
            members.push(Vec::new());
            order.len() - 1
        });
        members[slot].push(k);
    }
    order
        .into_iter()
        .zip(members)
        .map(|(name, ks)| {
            let (mut pairs, mut known, mut seen) = (0u64, 0u64, 0u64);
            let mut items: Vec<(usize, MissedItem)> = Vec::new();
            for &k in &ks {
                let c = &cards[k];
                pairs += u64::from(c.members);
                known += u64::from(c.known);
                seen += u64::from(c.seen);
                for i in c.items.iter().filter(|i| i.members_missed > 0) {
                    items.push((
                        k,
                        MissedItem {
                            card: c.id.clone(),
                            source: c.source.clone(),
                            item: i.item.clone(),
                            members_missed: i.members_missed,
                            members_tried: i.members_tried,
                            misses: i.misses,
                            attempts: i.attempts,
                        },
                    ));
                }
            }
            items.sort_by(|(ka, a), (kb, b)| miss_order(a, b).then(ka.cmp(kb)));
            let mut most_missed: Vec<String> = Vec::new();
            for (_, i) in items {
                if most_missed.len() == 3 {
                    break;
                }
                if !most_missed.contains(&i.item) {
                    most_missed.push(i.item);
                }
            }
            let share = |n: u64| (pairs > 0).then(|| n as f64 / pairs as f64);
            PartRow {
                section: section_of(&name),
                part: name,
                cards: ks.len() as u32,
                pairs,
                known,
                seen,
                mastery: share(known),
                seen_share: share(seen),
                most_missed,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::group::summary::{DeckRef, ItemProgress, Member, FORMAT, KIND, SCHEDULER};

    fn progress(id: &str, source: &str, interval: u32, grade: Option<u8>) -> CardProgress {
        CardProgress {
            id: id.into(),
            hash: format!("{:0>16}", id.len()),
            source: source.into(),
            reps: u32::from(grade.is_some()),
            lapses: 0,
            interval,
            ef: Some(2500),
            retrievability: None,
            last_grade: grade,
            days_since: grade.map(|_| 0),
            items: vec![],
        }
    }

    fn summary(member: &str, date: &str, cards: Vec<CardProgress>) -> Input {
        Input {
            file: format!("{member}.json"),
            summary: Summary {
                format: FORMAT,
                kind: KIND.into(),
                date: date.into(),
                member: Member {
                    id: member.into(),
                    name: None,
                },
                deck: DeckRef {
                    id: "d".into(),
                    name: "D".into(),
                    hash: "h1".into(),
                },
                scheduler: SCHEDULER.into(),
                cards,
            },
        }
    }

    #[test]
    fn known_needs_interval_and_grade() {
        let r = Rule::default();
        assert!(r.knows(&progress("a", "", 6, Some(3))));
        assert!(!r.knows(&progress("a", "", 5, Some(5))));
        assert!(!r.knows(&progress("a", "", 6, Some(2))));
        assert!(!r.knows(&progress("a", "", 0, None)));
    }

    #[test]
    fn shares_parts_and_duplicates() {
        let mut list = progress("l", "I.(2)", 1, Some(2));
        list.items = vec![
            ItemProgress {
                item: "x".into(),
                attempts: 2,
                misses: 2,
            },
            ItemProgress {
                item: "y".into(),
                attempts: 2,
                misses: 0,
            },
        ];
        let a = summary(
            "a",
            "2026-03-03",
            vec![progress("k", "I.(1)", 6, Some(4)), list.clone()],
        );
        let mut list_b = list.clone();
        list_b.items[0].misses = 1;
        list_b.items[1].misses = 1;
        let b = summary(
            "b",
            "2026-03-03",
            vec![progress("k", "I.(1)", 1, Some(5)), list_b],
        );
        let mut old_b = summary("b", "2026-03-01", vec![]);
        old_b.file = "b-old.json".into();
        let r = merge(vec![a, old_b, b], None, Rule::default()).unwrap();
        assert_eq!(r.members.len(), 2);
        assert_eq!(r.skipped.len(), 1);
        assert!(r.skipped[0].reason.contains("older"), "{:?}", r.skipped);
        assert_eq!(r.cards[0].known, 1);
        assert_eq!(r.cards[0].share, Some(0.5));
        assert_eq!(r.parts.len(), 2);
        assert_eq!(r.sections.len(), 1);
        assert_eq!(r.sections[0].part, "I");
        assert_eq!(r.sections[0].mastery, Some(0.25));
        // x: both members missed it (3 misses); y: one member
        assert_eq!(r.most_missed[0].item, "x");
        assert_eq!(r.most_missed[0].members_missed, 2);
        assert_eq!(r.most_missed[0].misses, 3);
        assert_eq!(r.parts[1].most_missed, vec!["x", "y"]);
    }

    #[test]
    fn several_decks_in_equal_numbers_are_refused() {
        let a = summary("a", "2026-03-03", vec![]);
        let mut b = summary("b", "2026-03-03", vec![]);
        b.summary.deck.id = "e".into();
        let err = merge(vec![a, b], None, Rule::default()).unwrap_err();
        assert!(err.msg.contains("--deck-file"), "{}", err.msg);
    }
}
