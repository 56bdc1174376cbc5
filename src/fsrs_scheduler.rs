//! FSRS beside SM-2: the pure part of scheduling a card of an FSRS deck.
//! No I/O. The model, its intervals and its optimizer are the `fsrs` crate's
//! (fsrs-rs); this module only maps recall's grades and days onto it.
//!
//! * Grades map to FSRS's four ratings: 0–2 → Again, 3 → Hard, 4 → Good,
//!   5 → Easy ([`rating_for`]).
//! * One scheduled repetition per study day, as with SM-2: the day's first
//!   answer to a due card is the review, final-drill answers change nothing.
//!   The days since the last review are whole study days.
//! * The interval is the crate's interval for the desired retention, rounded
//!   to whole days, at least 1 (no fuzz: schedules stay reproducible).
//! * The SM-2 state lives on beside FSRS: every FSRS answer also advances
//!   the card's SM-2 state by SM-2's own rule ([`crate::scheduler::review`]),
//!   so switching a deck back to SM-2 finds the progress made meanwhile.

use chrono::{Days, NaiveDate};
use fsrs::{MemoryState, FSRS};

use crate::model::Grade;
use crate::scheduler::{self, CardState, MAX_INTERVAL};

/// The desired retention of a deck that does not set one.
pub const DEFAULT_RETENTION: f64 = 0.90;
/// The lowest desired retention recall accepts (as Anki).
pub const MIN_RETENTION: f64 = 0.70;
/// The highest desired retention recall accepts (as Anki).
pub const MAX_RETENTION: f64 = 0.99;

/// FSRS's ratings: 1 Again, 2 Hard, 3 Good, 4 Easy.
pub const AGAIN: u32 = 1;
pub const HARD: u32 = 2;
pub const GOOD: u32 = 3;
pub const EASY: u32 = 4;

/// The FSRS rating of an SM-2 grade: 0–2 Again, 3 Hard, 4 Good, 5 Easy.
pub fn rating_for(grade: Grade) -> u32 {
    match grade.value() {
        0..=2 => AGAIN,
        3 => HARD,
        4 => GOOD,
        _ => EASY,
    }
}

/// The grade recall stores for an FSRS rating (Anki's ease 1–4): Again 1,
/// Hard 3, Good 4, Easy 5, so that [`rating_for`] gives the rating back.
pub fn grade_for(rating: u32) -> Grade {
    let q = match rating {
        0 | 1 => 1,
        2 => 3,
        3 => 4,
        _ => 5,
    };
    Grade::new(q).unwrap_or(Grade::MIN)
}

/// One line for the session's grade help.
pub const GRADE_LINE: &str =
    "0-2 → Again (wrong) | 3 → Hard | 4 → Good | 5 → Easy  (FSRS's four ratings)";

/// The model with a deck's parameters (`None` or empty: the crate's defaults).
/// Parameters the crate refuses fall back to the defaults.
pub fn model(params: Option<&[f32]>) -> FSRS {
    params.and_then(|p| FSRS::new(p).ok()).unwrap_or_default()
}

/// The parameters in force: the deck's, or the crate's defaults.
pub fn parameters(params: Option<&[f32]>) -> Vec<f32> {
    match params {
        Some(p) if FSRS::new(p).is_ok() && p.len() == fsrs::DEFAULT_PARAMETERS.len() => p.to_vec(),
        _ => fsrs::DEFAULT_PARAMETERS.to_vec(),
    }
}

/// The forgetting curve's decay (parameter w20) of a parameter set.
pub fn decay(params: Option<&[f32]>) -> f32 {
    parameters(params)[20]
}

/// A card's memory as FSRS sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Memory {
    /// Days until recall probability falls to 90%.
    pub stability: f64,
    /// 1 (easy) to 10 (hard).
    pub difficulty: f64,
}

impl Memory {
    fn to_crate(self) -> MemoryState {
        MemoryState {
            stability: self.stability as f32,
            difficulty: self.difficulty as f32,
        }
    }

    fn from_crate(m: MemoryState) -> Memory {
        Memory {
            stability: f64::from(m.stability),
            difficulty: f64::from(m.difficulty),
        }
    }
}

/// Probability of recalling a card `days_elapsed` days after its last
/// review, given its stability and the parameters' decay (the crate's
/// forgetting curve). Pure; for stats and study-group progress.
pub fn retrievability(stability: f64, days_elapsed: f64, decay: f32) -> f64 {
    if stability <= 0.0 || !stability.is_finite() {
        return 0.0;
    }
    let state = MemoryState {
        stability: stability as f32,
        difficulty: 5.0,
    };
    f64::from(fsrs::current_retrievability(
        state,
        days_elapsed.max(0.0) as f32,
        decay,
    ))
}

/// The state of a card on an FSRS deck: the live schedule (`live.interval`,
/// `live.due` are FSRS's; `ef`, `reps`, `lapses` are SM-2's), SM-2's own
/// interval and due date, and the memory (`None` for a new card).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FsrsCard {
    pub live: CardState,
    pub sm2_interval: i64,
    pub sm2_due: Option<NaiveDate>,
    pub memory: Option<Memory>,
}

impl FsrsCard {
    /// The SM-2 state kept beside FSRS.
    pub fn sm2(&self) -> CardState {
        CardState {
            interval: self.sm2_interval,
            due: self.sm2_due,
            ..self.live
        }
    }

    /// The study day of the last scheduled review: the live due date less
    /// the live interval (`None` for a new card).
    pub fn last_review(&self) -> Option<NaiveDate> {
        let due = self.live.due?;
        due.checked_sub_days(Days::new(self.live.interval.max(0).unsigned_abs()))
    }
}

/// Whole days from `from` to `to` (0 if `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> u32 {
    u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
}

/// An interval in whole days from the crate's fractional one.
pub fn whole_days(interval: f32) -> i64 {
    if !interval.is_finite() {
        return MAX_INTERVAL;
    }
    (interval.round() as i64).clamp(1, MAX_INTERVAL)
}

/// The memory after one review with `rating`, `elapsed` days after the
/// previous one (the crate's `next_states`).
pub fn next_memory(
    fsrs: &FSRS,
    memory: Option<Memory>,
    elapsed: u32,
    rating: u32,
) -> Option<Memory> {
    let next = fsrs
        .next_states(memory.map(Memory::to_crate), 0.9, elapsed)
        .ok()?;
    let item = match rating {
        AGAIN => next.again,
        HARD => next.hard,
        GOOD => next.good,
        _ => next.easy,
    };
    Some(Memory::from_crate(item.memory))
}

/// The interval (whole days) for a memory at the desired retention.
pub fn interval_for(fsrs: &FSRS, memory: Memory, retention: f64) -> i64 {
    whole_days(fsrs.next_interval(Some(memory.stability as f32), retention as f32, GOOD))
}

/// One scheduled repetition of a card of an FSRS deck on `today`.
pub fn review(
    fsrs: &FSRS,
    retention: f64,
    card: &FsrsCard,
    grade: Grade,
    today: NaiveDate,
) -> FsrsCard {
    let elapsed = card
        .last_review()
        .map_or(0, |last| days_between(last, today));
    let rating = rating_for(grade);
    let sm2 = scheduler::review(&card.sm2(), grade, today);
    let memory = next_memory(fsrs, card.memory, elapsed, rating).or(card.memory);
    let interval = memory.map_or(1, |m| interval_for(fsrs, m, retention));
    FsrsCard {
        live: CardState {
            ef: sm2.ef,
            reps: sm2.reps,
            lapses: sm2.lapses,
            interval,
            due: today.checked_add_days(Days::new(interval.unsigned_abs())),
        },
        sm2_interval: sm2.interval,
        sm2_due: sm2.due,
        memory,
    }
}

/// The interval (days) each grade 0..=5 would give, for the session's preview.
pub fn previews(fsrs: &FSRS, retention: f64, card: &FsrsCard, today: NaiveDate) -> [i64; 6] {
    let mut out = [0; 6];
    for (q, slot) in out.iter_mut().enumerate() {
        let g = Grade::new(q as u8).unwrap_or(Grade::MIN);
        *slot = review(fsrs, retention, card, g, today).live.interval;
    }
    out
}

/// One scheduled review in a card's history: its study day and rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayReview {
    pub day: NaiveDate,
    pub rating: u32,
}

/// Where a card's logged history starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Start {
    /// The log starts with the card's first review: it was new.
    New,
    /// The log starts later: the SM-2 state before the first logged review
    /// (E-Factor in thousandths, interval in days), which the crate turns
    /// into a memory with `memory_state_from_sm2` (SM-2 read as 90% recall
    /// at the due date).
    Sm2 { ef: i64, interval: i64 },
}

/// The memory a card's history leaves (the crate's `memory_state` over the
/// reviews, from `start`). `None` when there is nothing to go on.
pub fn memory_from_history(fsrs: &FSRS, start: Start, reviews: &[DayReview]) -> Option<Memory> {
    let mut memory = match start {
        Start::New => None,
        Start::Sm2 { ef, interval } => sm2_memory(fsrs, ef, interval),
    };
    let mut last: Option<NaiveDate> = None;
    for r in reviews {
        let elapsed = last.map_or(0, |l| days_between(l, r.day));
        memory = next_memory(fsrs, memory, elapsed, r.rating).or(memory);
        last = Some(r.day);
    }
    memory
}

/// A memory from an SM-2 state (the crate's `memory_state_from_sm2`, SM-2
/// read as 90% recall at the due date).
pub fn sm2_memory(fsrs: &FSRS, ef: i64, interval: i64) -> Option<Memory> {
    fsrs.memory_state_from_sm2(ef as f32 / 1000.0, interval.max(1) as f32, 0.9)
        .ok()
        .map(Memory::from_crate)
}

/// The crate's items for a history, as its optimizer and evaluation take
/// them: one item per review after the first, holding the reviews up to it
/// (the first with `delta_t` 0, then days since the previous review).
pub fn items(reviews: &[DayReview]) -> Vec<fsrs::FSRSItem> {
    let mut all = Vec::with_capacity(reviews.len());
    let mut last: Option<NaiveDate> = None;
    for r in reviews {
        all.push(fsrs::FSRSReview {
            rating: r.rating,
            delta_t: last.map_or(0, |l| days_between(l, r.day)),
        });
        last = Some(r.day);
    }
    (1..all.len())
        .map(|i| fsrs::FSRSItem {
            reviews: all[..=i].to_vec(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(n)
    }

    fn g(q: u8) -> Grade {
        Grade::new(q).unwrap()
    }

    fn new_card() -> FsrsCard {
        FsrsCard {
            live: CardState::NEW,
            sm2_interval: 0,
            sm2_due: None,
            memory: None,
        }
    }

    #[test]
    fn grades_map_to_ratings_and_back() {
        let ratings: Vec<u32> = (0..=5).map(|q| rating_for(g(q))).collect();
        assert_eq!(ratings, [1, 1, 1, 2, 3, 4]);
        for r in 1..=4 {
            assert_eq!(rating_for(grade_for(r)), r);
        }
    }

    /// Step by step equals the crate's own memory_state over the whole history.
    #[test]
    fn reviews_equal_the_crates_memory_state() {
        let fsrs = FSRS::default();
        let grades = [4u8, 3, 5, 1, 4, 4, 2, 5];
        let mut card = new_card();
        let mut today = day(0);
        let mut history = Vec::new();
        for q in grades {
            card = review(&fsrs, 0.9, &card, g(q), today);
            history.push(DayReview {
                day: today,
                rating: rating_for(g(q)),
            });
            let items = items(&history);
            let expected = match items.last() {
                Some(item) => fsrs.memory_state(item.clone(), None).unwrap(),
                None => fsrs.next_states(None, 0.9, 0).unwrap().good.memory,
            };
            let m = card.memory.unwrap();
            assert!((m.stability - f64::from(expected.stability)).abs() < 1e-6);
            assert!((m.difficulty - f64::from(expected.difficulty)).abs() < 1e-6);
            let iv = fsrs.next_interval(Some(expected.stability), 0.9, 3);
            assert_eq!(card.live.interval, whole_days(iv));
            assert_eq!(
                memory_from_history(&fsrs, Start::New, &history),
                card.memory
            );
            today = card.live.due.unwrap();
        }
    }

    #[test]
    fn the_sm2_state_moves_on_beside_fsrs() {
        let fsrs = FSRS::default();
        let mut card = new_card();
        let mut sm2 = CardState::NEW;
        for (i, q) in [5u8, 4, 3, 1, 4].into_iter().enumerate() {
            let today = day(i as u64 * 3);
            card = review(&fsrs, 0.9, &card, g(q), today);
            sm2 = scheduler::review(&sm2, g(q), today);
            assert_eq!(card.sm2(), sm2);
        }
    }

    #[test]
    fn higher_retention_gives_shorter_intervals() {
        let fsrs = FSRS::default();
        let card = review(&fsrs, 0.9, &new_card(), g(4), day(0));
        let card = review(&fsrs, 0.9, &card, g(4), card.live.due.unwrap());
        let m = card.memory.unwrap();
        assert!(interval_for(&fsrs, m, 0.97) < interval_for(&fsrs, m, 0.9));
        assert!(interval_for(&fsrs, m, 0.8) > interval_for(&fsrs, m, 0.9));
    }

    #[test]
    fn previews_rise_with_the_grade() {
        let fsrs = FSRS::default();
        let card = review(&fsrs, 0.9, &new_card(), g(4), day(0));
        let p = previews(&fsrs, 0.9, &card, card.live.due.unwrap());
        assert_eq!(p[0], p[2], "0-2 are all Again");
        assert!(p[2] <= p[3] && p[3] <= p[4] && p[4] <= p[5], "{p:?}");
    }

    #[test]
    fn retrievability_is_90_percent_at_the_stability() {
        let d = decay(None);
        assert!((retrievability(10.0, 10.0, d) - 0.9).abs() < 1e-5);
        assert!((retrievability(10.0, 0.0, d) - 1.0).abs() < 1e-9);
        assert!(retrievability(10.0, 30.0, d) < 0.9);
        assert_eq!(retrievability(0.0, 3.0, d), 0.0);
    }

    proptest::proptest! {
        /// Any grades on any days (late or on time): intervals stay whole
        /// days ≥ 1, the memory stays finite and in the crate's ranges, and
        /// SM-2's state moves on as SM-2 alone would move it.
        #[test]
        fn long_fsrs_chains_stay_valid(
            steps in proptest::collection::vec((0u8..=5, 0u64..400), 1..120),
            retention in 0.7f64..0.99,
        ) {
            let fsrs = FSRS::default();
            let mut card = new_card();
            let mut sm2 = CardState::NEW;
            let mut today = day(0);
            for (q, late) in steps {
                card = review(&fsrs, retention, &card, g(q), today);
                sm2 = scheduler::review(&sm2, g(q), today);
                let m = card.memory.unwrap();
                proptest::prop_assert!(m.stability.is_finite() && m.stability > 0.0);
                proptest::prop_assert!((1.0..=10.0).contains(&m.difficulty));
                proptest::prop_assert!(card.live.interval >= 1);
                proptest::prop_assert!(card.live.due.unwrap() > today);
                proptest::prop_assert_eq!(card.sm2(), sm2);
                today = card.live.due.unwrap() + Days::new(late % 30);
            }
        }
    }

    #[test]
    fn an_sm2_start_gives_a_memory() {
        let fsrs = FSRS::default();
        let m = memory_from_history(
            &fsrs,
            Start::Sm2 {
                ef: 2500,
                interval: 20,
            },
            &[],
        )
        .unwrap();
        // SM-2 read as 90% recall at the due date: stability = the interval
        assert!((m.stability - 20.0).abs() < 1e-3, "{m:?}");
    }
}
