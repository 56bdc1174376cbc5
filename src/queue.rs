//! Today's study queue. Pure: candidates and today's log facts in, order out.
//!
//! Order: (1) unfinished final-drill cards from earlier today (their last
//! answer today was below 4), (2) due reviews, most overdue first, up to the
//! review cap less the reviews done today, (3) new cards in deck order, up
//! to the new-card limit less the cards already introduced today.
//!
//! Both limits hold over all decks (the global settings), and a deck may
//! have its own on top ([`DeckLimits`]): a card is taken only while both
//! its deck's budget and the global one last. The queue counts what each
//! limit held back, so the session can say which one stopped it.
//!
//! Siblings are buried: cards of one deck made from the same source sentence
//! or list (the same `context`) form a *family*, and at most one card of a
//! family is shown on a study day. A family member answered earlier today
//! keeps the rest of its family away until tomorrow; otherwise the first
//! member in the order above is shown and the others wait (like Anki's
//! sibling burying). Cards without a source sentence have no family.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use chrono::NaiveDate;

use crate::scheduler::{CardState, DRILL_BELOW};
use crate::storage::reviews::TodayFact;

/// A card that might be studied today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub rowid: i64,
    pub deck_id: String,
    pub ord: i64,
    pub state: CardState,
    /// The card's family ([`family`]); `None` for a card alone.
    pub family: Option<u64>,
}

/// The family of a card of deck `deck_id` whose source sentence is
/// `context`: a hash of the deck and the sentence with case and spacing
/// folded; `None` when there is no source sentence.
pub fn family(deck_id: &str, context: &str) -> Option<u64> {
    let folded = context
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ");
    if folded.is_empty() {
        return None;
    }
    let mut h = rustc_hash::FxHasher::default();
    deck_id.hash(&mut h);
    folded.hash(&mut h);
    Some(h.finish())
}

/// Limits for one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub new_per_day: usize,
    pub review_cap: usize,
}

/// A deck's own limits, on top of the global ones (`None`: only the
/// global limit applies).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeckLimits {
    pub new_per_day: Option<usize>,
    pub review_cap: Option<usize>,
}

/// The global limits and every deck's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayLimits {
    pub global: Limits,
    /// Decks with a limit of their own.
    pub decks: HashMap<String, DeckLimits>,
}

impl DayLimits {
    /// Global limits only.
    pub fn global(global: Limits) -> DayLimits {
        DayLimits {
            global,
            decks: HashMap::new(),
        }
    }
}

/// A budget that counts down as cards are taken: the global one and one
/// per deck with a limit of its own.
struct Budget<'a> {
    left: usize,
    deck_left: HashMap<&'a str, usize>,
}

impl<'a> Budget<'a> {
    fn new(
        limit: usize,
        deck_limits: impl Iterator<Item = (&'a str, usize)>,
        done: &HashMap<&'a str, usize>,
    ) -> Budget<'a> {
        let total: usize = done.values().sum();
        Budget {
            left: limit.saturating_sub(total),
            deck_left: deck_limits
                .map(|(d, l)| (d, l.saturating_sub(done.get(d).copied().unwrap_or(0))))
                .collect(),
        }
    }

    /// Which limit stops a card of `deck` now, if any.
    fn stop(&self, deck: &str) -> Option<Stop> {
        if self.left == 0 {
            Some(Stop::Global)
        } else if self.deck_left.get(deck) == Some(&0) {
            Some(Stop::Deck)
        } else {
            None
        }
    }

    fn take(&mut self, deck: &str) {
        self.left -= 1;
        if let Some(n) = self.deck_left.get_mut(deck) {
            *n -= 1;
        }
    }
}

enum Stop {
    Global,
    Deck,
}

/// Where a queued card comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Drill,
    Review,
    New,
}

/// Today's queue and why it holds what it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Queue {
    /// Card row ids in order, with where each comes from.
    pub cards: Vec<(i64, Source)>,
    /// New cards introduced today already (all decks).
    pub introduced: usize,
    /// New cards left in today's budget before this queue.
    pub new_left: usize,
    /// New cards (not buried) held back by the new-card budget (at least
    /// this many: candidates are read in bounded batches).
    pub new_held: usize,
    /// Due or new cards held back until tomorrow because a sibling is shown
    /// or was answered today.
    pub buried: usize,
    /// Due reviews left out by the review cap.
    pub reviews_held: usize,
    /// Reviews done today already (all decks).
    pub reviewed: usize,
    /// Reviews left in today's budget before this queue.
    pub reviews_left: usize,
    /// New cards held back by a deck's own new-card limit, per deck.
    pub new_held_by_deck: BTreeMap<String, usize>,
    /// Due reviews held back by a deck's own review limit, per deck.
    pub reviews_held_by_deck: BTreeMap<String, usize>,
}

impl Queue {
    /// New cards in the queue.
    pub fn new_taken(&self) -> usize {
        self.cards.iter().filter(|c| c.1 == Source::New).count()
    }

    /// Reviews in the queue.
    pub fn reviews_taken(&self) -> usize {
        self.cards.iter().filter(|c| c.1 == Source::Review).count()
    }
}

/// Builds today's queue from candidates (any order), today's log facts,
/// the families of the cards answered today and the day's limits.
pub fn build(
    candidates: &[Candidate],
    facts: &HashMap<i64, TodayFact>,
    answered_families: &HashSet<u64>,
    today: NaiveDate,
    limits: &DayLimits,
) -> Queue {
    let mut drill: Vec<&Candidate> = Vec::new();
    let mut due: Vec<&Candidate> = Vec::new();
    let mut new: Vec<&Candidate> = Vec::new();
    for c in candidates {
        match facts.get(&c.rowid) {
            Some(f) if f.last_grade < DRILL_BELOW => drill.push(c),
            Some(_) => {} // done for today
            None if c.state.is_new() => new.push(c),
            None if c.state.is_due(today) => due.push(c),
            None => {}
        }
    }
    let key = |c: &&Candidate| (c.deck_id.clone(), c.ord, c.rowid);
    drill.sort_by_key(key);
    due.sort_by_key(|c| (c.state.due, c.deck_id.clone(), c.ord, c.rowid));
    new.sort_by_key(key);
    // what today's log already took from each budget
    let mut introduced: HashMap<&str, usize> = HashMap::new();
    let mut reviewed: HashMap<&str, usize> = HashMap::new();
    for f in facts.values() {
        if f.introduced {
            *introduced.entry(&f.deck_id).or_default() += 1;
        }
        if f.reviewed {
            *reviewed.entry(&f.deck_id).or_default() += 1;
        }
    }
    let own = |pick: fn(&DeckLimits) -> Option<usize>| {
        limits
            .decks
            .iter()
            .filter_map(move |(d, l)| pick(l).map(|n| (d.as_str(), n)))
    };
    let mut new_budget = Budget::new(
        limits.global.new_per_day,
        own(|l| l.new_per_day),
        &introduced,
    );
    let mut review_budget = Budget::new(limits.global.review_cap, own(|l| l.review_cap), &reviewed);
    let mut q = Queue {
        introduced: introduced.values().sum(),
        new_left: new_budget.left,
        reviewed: reviewed.values().sum(),
        reviews_left: review_budget.left,
        ..Queue::default()
    };
    let mut shown: HashSet<u64> = answered_families.clone();
    for c in drill {
        // answered today already: its family is taken by itself
        shown.extend(c.family);
        q.cards.push((c.rowid, Source::Drill));
    }
    // whether a card's family is free, taking it if so
    let free = |shown: &mut HashSet<u64>, c: &Candidate| c.family.is_none_or(|f| shown.insert(f));
    for c in due {
        match review_budget.stop(&c.deck_id) {
            Some(Stop::Global) => q.reviews_held += 1,
            Some(Stop::Deck) => *q.reviews_held_by_deck.entry(c.deck_id.clone()).or_default() += 1,
            None if free(&mut shown, c) => {
                q.cards.push((c.rowid, Source::Review));
                review_budget.take(&c.deck_id);
            }
            None => q.buried += 1,
        }
    }
    for c in new {
        // counted as held when free, without taking the family
        let unburied = |shown: &HashSet<u64>| c.family.is_none_or(|f| !shown.contains(&f));
        match new_budget.stop(&c.deck_id) {
            Some(Stop::Global) => q.new_held += usize::from(unburied(&shown)),
            Some(Stop::Deck) => {
                if unburied(&shown) {
                    *q.new_held_by_deck.entry(c.deck_id.clone()).or_default() += 1;
                }
            }
            None if free(&mut shown, c) => {
                q.cards.push((c.rowid, Source::New));
                new_budget.take(&c.deck_id);
            }
            None => q.buried += 1,
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 1).unwrap() + Days::new(n)
    }

    fn cand(rowid: i64, deck: &str, ord: i64, due: Option<u64>) -> Candidate {
        Candidate {
            rowid,
            deck_id: deck.into(),
            ord,
            family: None,
            state: CardState {
                due: due.map(day),
                reps: if due.is_some() { 1 } else { 0 },
                interval: if due.is_some() { 1 } else { 0 },
                ..CardState::NEW
            },
        }
    }

    fn l() -> DayLimits {
        DayLimits::global(Limits {
            new_per_day: 20,
            review_cap: 200,
        })
    }

    fn fact(deck: &str, last_grade: u8, introduced: bool) -> TodayFact {
        TodayFact {
            last_grade,
            introduced,
            reviewed: !introduced,
            deck_id: deck.into(),
        }
    }

    #[test]
    fn drill_then_most_overdue_then_new_in_deck_order() {
        let cands = vec![
            cand(1, "a", 5, None),
            cand(2, "a", 1, None),
            cand(3, "a", 2, Some(9)),
            cand(4, "a", 3, Some(7)),
            cand(5, "a", 4, Some(11)), // not yet due
            cand(6, "a", 0, Some(12)), // answered today, graded 2
        ];
        let facts = HashMap::from([(6, fact("a", 2, false))]);
        let q = build(&cands, &facts, &HashSet::new(), day(10), &l()).cards;
        assert_eq!(
            q,
            vec![
                (6, Source::Drill),
                (4, Source::Review),
                (3, Source::Review),
                (2, Source::New),
                (1, Source::New)
            ]
        );
    }

    #[test]
    fn new_cards_introduced_today_count_against_the_limit() {
        let cands: Vec<Candidate> = (0..10).map(|i| cand(i, "a", i, None)).collect();
        let mut facts = HashMap::new();
        facts.insert(100, fact("a", 5, true));
        facts.insert(101, fact("b", 4, true));
        let q = build(
            &cands,
            &facts,
            &HashSet::new(),
            day(0),
            &DayLimits::global(Limits {
                new_per_day: 3,
                review_cap: 10,
            }),
        );
        assert_eq!(q.cards, vec![(0, Source::New)]);
        assert_eq!((q.introduced, q.new_left, q.new_held), (2, 1, 9));
    }

    #[test]
    fn review_cap_applies() {
        let cands: Vec<Candidate> = (0..10).map(|i| cand(i, "a", i, Some(i as u64))).collect();
        let q = build(
            &cands,
            &HashMap::new(),
            &HashSet::new(),
            day(20),
            &DayLimits::global(Limits {
                new_per_day: 0,
                review_cap: 3,
            }),
        );
        assert_eq!(
            q.cards.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        assert_eq!(q.reviews_held, 7);
    }

    #[test]
    fn a_deck_limit_caps_its_deck_and_the_global_limit_all() {
        // decks a (limit 1 new, 1 review) and b (no limit of its own)
        let mut cands: Vec<Candidate> = (0..4).map(|i| cand(i, "a", i, None)).collect();
        cands.extend((4..8).map(|i| cand(i, "b", i, None)));
        cands.extend((8..11).map(|i| cand(i, "a", i, Some(5))));
        cands.push(cand(11, "b", 11, Some(5)));
        let limits = DayLimits {
            global: Limits {
                new_per_day: 4,
                review_cap: 10,
            },
            decks: HashMap::from([(
                "a".to_string(),
                DeckLimits {
                    new_per_day: Some(1),
                    review_cap: Some(1),
                },
            )]),
        };
        let q = build(&cands, &HashMap::new(), &HashSet::new(), day(10), &limits);
        let ids: Vec<i64> = q.cards.iter().map(|c| c.0).collect();
        // reviews: one of a, b's; new: one of a, then b's up to the global 4
        assert_eq!(ids, vec![8, 11, 0, 4, 5, 6]);
        assert_eq!(q.reviews_held_by_deck, BTreeMap::from([("a".into(), 2)]));
        assert_eq!(q.new_held_by_deck, BTreeMap::from([("a".into(), 3)]));
        assert_eq!((q.new_held, q.reviews_held), (1, 0));
        // what today's log holds counts against both budgets
        let facts = HashMap::from([(20, fact("a", 5, true)), (21, fact("a", 5, false))]);
        let q = build(&cands, &facts, &HashSet::new(), day(10), &limits);
        let ids: Vec<i64> = q.cards.iter().map(|c| c.0).collect();
        assert_eq!(ids, vec![11, 4, 5, 6]);
        assert_eq!(
            (q.introduced, q.reviewed, q.new_left, q.reviews_left),
            (1, 1, 3, 9)
        );
    }

    #[test]
    fn cards_done_today_do_not_come_back() {
        let cands = vec![cand(1, "a", 0, Some(11))];
        let facts = HashMap::from([(1, fact("a", 4, true))]);
        assert!(build(&cands, &facts, &HashSet::new(), day(10), &l())
            .cards
            .is_empty());
    }

    #[test]
    fn one_card_of_a_family_a_day() {
        let fam = family("a", "From five aspects: A, B, C, D and E.");
        assert_eq!(fam, family("a", "from five  aspects: a, b, c, d and e."));
        assert_ne!(fam, family("b", "From five aspects: A, B, C, D and E."));
        assert_eq!(family("a", "  "), None);
        // a due sibling, four new siblings, a card alone
        let mut cands: Vec<Candidate> = (0..5).map(|i| cand(i, "a", i, None)).collect();
        cands[0].state = cand(0, "a", 0, Some(9)).state;
        for c in &mut cands {
            c.family = fam;
        }
        cands.push(cand(9, "a", 9, None));
        let q = build(&cands, &HashMap::new(), &HashSet::new(), day(10), &l());
        assert_eq!(q.cards, vec![(0, Source::Review), (9, Source::New)]);
        assert_eq!(q.buried, 4);
        // a sibling answered earlier today keeps the whole family away
        let q = build(
            &cands,
            &HashMap::new(),
            &fam.into_iter().collect(),
            day(10),
            &l(),
        );
        assert_eq!(q.cards, vec![(9, Source::New)]);
    }
}
