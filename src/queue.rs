//! Today's study queue. Pure: candidates and today's log facts in, order out.
//!
//! Order: (1) unfinished final-drill cards from earlier today (their last
//! answer today was below 4), (2) due reviews, most overdue first, up to the
//! review cap, (3) new cards in deck order, up to the new-card limit less the
//! cards already introduced today.

use std::collections::HashMap;

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
}

/// Limits for one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub new_per_day: usize,
    pub review_cap: usize,
}

/// Where a queued card comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Drill,
    Review,
    New,
}

/// Builds today's queue from candidates (any order) and today's log facts.
pub fn build(
    candidates: &[Candidate],
    facts: &HashMap<i64, TodayFact>,
    today: NaiveDate,
    limits: Limits,
) -> Vec<(i64, Source)> {
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
    let introduced = facts.values().filter(|f| f.introduced).count();
    let new_left = limits.new_per_day.saturating_sub(introduced);
    drill
        .into_iter()
        .map(|c| (c.rowid, Source::Drill))
        .chain(
            due.into_iter()
                .take(limits.review_cap)
                .map(|c| (c.rowid, Source::Review)),
        )
        .chain(
            new.into_iter()
                .take(new_left)
                .map(|c| (c.rowid, Source::New)),
        )
        .collect()
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
            state: CardState {
                due: due.map(day),
                reps: if due.is_some() { 1 } else { 0 },
                interval: if due.is_some() { 1 } else { 0 },
                ..CardState::NEW
            },
        }
    }

    const L: Limits = Limits {
        new_per_day: 20,
        review_cap: 200,
    };

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
        let facts = HashMap::from([(
            6,
            TodayFact {
                last_grade: 2,
                introduced: false,
            },
        )]);
        let q = build(&cands, &facts, day(10), L);
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
        facts.insert(
            100,
            TodayFact {
                last_grade: 5,
                introduced: true,
            },
        );
        facts.insert(
            101,
            TodayFact {
                last_grade: 4,
                introduced: true,
            },
        );
        let q = build(
            &cands,
            &facts,
            day(0),
            Limits {
                new_per_day: 3,
                review_cap: 10,
            },
        );
        assert_eq!(q, vec![(0, Source::New)]);
    }

    #[test]
    fn review_cap_applies() {
        let cands: Vec<Candidate> = (0..10).map(|i| cand(i, "a", i, Some(i as u64))).collect();
        let q = build(
            &cands,
            &HashMap::new(),
            day(20),
            Limits {
                new_per_day: 0,
                review_cap: 3,
            },
        );
        assert_eq!(q.iter().map(|x| x.0).collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn cards_done_today_do_not_come_back() {
        let cands = vec![cand(1, "a", 0, Some(11))];
        let facts = HashMap::from([(
            1,
            TodayFact {
                last_grade: 4,
                introduced: true,
            },
        )]);
        assert!(build(&cands, &facts, day(10), L).is_empty());
    }
}
