//! SM-2 exactly as `SM2.md` pins it. Pure: no clock, no database, no randomness.
//!
//! * E-Factor is an integer in thousandths (2500 = 2.5), floored at 1300, no
//!   upper bound.
//! * On a pass (q ≥ 3) the interval is 1, then 6, then ⌈I × EF⌉ using the EF
//!   *before* this answer's update, in integers: `(I * EF + 999) / 1000`.
//! * On a fail (q < 3) repetitions restart, interval 1, EF unchanged; a lapse
//!   is counted if the card had been learned (reps > 0).
//! * `due` = today + interval; lateness is ignored.
//! * The first answer of a study day is the scheduled repetition; any later
//!   answer that day is a final-drill answer and changes nothing.

use chrono::{Days, NaiveDate};

use crate::model::{Grade, ReviewKind};

/// E-Factor of a new card, in thousandths.
pub const INITIAL_EF: i64 = 2500;
/// Lowest E-Factor, in thousandths.
pub const MIN_EF: i64 = 1300;
/// Interval after the first successful repetition, in days.
pub const FIRST_INTERVAL: i64 = 1;
/// Interval after the second successful repetition, in days.
pub const SECOND_INTERVAL: i64 = 6;
/// A grade below this sends a card to the final drill.
pub const DRILL_BELOW: u8 = 4;
/// Longest interval we store (about 270 years): keeps `today + interval` a valid date.
pub const MAX_INTERVAL: i64 = 100_000;

/// A card's scheduling state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CardState {
    /// E-Factor in thousandths.
    pub ef: i64,
    /// Successful repetitions since the card was last (re)learned.
    pub reps: i64,
    /// Days until the next repetition.
    pub interval: i64,
    /// Study day on which the card is next shown; `None` for a new card.
    pub due: Option<NaiveDate>,
    /// Times graded below 3 after being learned.
    pub lapses: i64,
}

impl CardState {
    /// The state of a card never studied.
    pub const NEW: CardState = CardState {
        ef: INITIAL_EF,
        reps: 0,
        interval: 0,
        due: None,
        lapses: 0,
    };

    /// Whether the card has never been scheduled.
    pub fn is_new(&self) -> bool {
        self.due.is_none()
    }

    /// Whether the card may get its scheduled repetition on `today`.
    pub fn is_due(&self, today: NaiveDate) -> bool {
        self.due.is_none_or(|d| d <= today)
    }
}

/// Change of E-Factor for a passing grade, in thousandths:
/// `0.1 − (5−q)(0.08 + (5−q)·0.02)` → +100, 0, −140 for q = 5, 4, 3.
pub fn ef_delta(q: u8) -> i64 {
    let d = 5 - i64::from(q.min(5));
    100 - d * (80 + d * 20)
}

/// One scheduled repetition (the card is new or due on `today`).
pub fn review(state: &CardState, grade: Grade, today: NaiveDate) -> CardState {
    let q = grade.value();
    let mut next = *state;
    if grade.is_pass() {
        next.interval = match state.reps {
            0 => FIRST_INTERVAL,
            1 => SECOND_INTERVAL,
            _ => ((state.interval * state.ef + 999) / 1000).clamp(1, MAX_INTERVAL),
        };
        next.reps = state.reps + 1;
        next.ef = (state.ef + ef_delta(q)).max(MIN_EF);
    } else {
        next.reps = 0;
        next.interval = FIRST_INTERVAL;
        if state.reps > 0 {
            next.lapses = state.lapses + 1;
        }
    }
    next.due = today.checked_add_days(Days::new(next.interval.unsigned_abs()));
    next
}

/// The outcome of answering a card on a study day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub kind: ReviewKind,
    pub before: CardState,
    pub after: CardState,
}

/// Answers a card: the day's first answer is its scheduled repetition; a card
/// already answered today gets a drill answer (logged, state unchanged).
///
/// Returns `None` when the card is neither due nor answered today (it must
/// wait until its due date).
pub fn answer(
    state: &CardState,
    grade: Grade,
    today: NaiveDate,
    answered_today: bool,
) -> Option<Outcome> {
    if answered_today {
        return Some(Outcome {
            kind: ReviewKind::Drill,
            before: *state,
            after: *state,
        });
    }
    if !state.is_due(today) {
        return None;
    }
    Some(Outcome {
        kind: ReviewKind::Review,
        before: *state,
        after: review(state, grade, today),
    })
}

/// Whether an answer with this grade leaves the card in today's final drill.
pub fn needs_drill(grade: Grade) -> bool {
    grade.value() < DRILL_BELOW
}

/// The interval (days) each grade 0..=5 would give, for previews.
pub fn previews(state: &CardState, today: NaiveDate) -> [i64; 6] {
    let mut out = [0; 6];
    for (q, slot) in out.iter_mut().enumerate() {
        // q is 0..=5 by construction.
        let g = Grade::new(q as u8).unwrap_or(Grade::MIN);
        *slot = review(state, g, today).interval;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(n)
    }

    fn st(ef: i64, reps: i64, interval: i64) -> CardState {
        CardState {
            ef,
            reps,
            interval,
            due: if reps == 0 && interval == 0 {
                None
            } else {
                Some(day(0))
            },
            lapses: 0,
        }
    }

    fn g(q: u8) -> Grade {
        Grade::new(q).unwrap()
    }

    /// Every row of SM2.md's check table, then our own.
    #[test]
    fn sm2_table() {
        // (ef, reps, interval), q, (ef, reps, interval), lapses after
        type Triple = (i64, i64, i64);
        let rows: &[(Triple, u8, Triple, i64)] = &[
            // SM2.md
            ((2500, 0, 0), 5, (2600, 1, 1), 0),
            ((2500, 0, 0), 4, (2500, 1, 1), 0),
            ((2500, 0, 0), 3, (2360, 1, 1), 0),
            ((2500, 0, 0), 2, (2500, 0, 1), 0),
            ((2600, 1, 1), 4, (2600, 2, 6), 0),
            ((2600, 2, 6), 3, (2460, 3, 16), 0),
            ((2300, 3, 12), 5, (2400, 4, 28), 0),
            ((1300, 5, 40), 3, (1300, 6, 52), 0),
            ((2460, 3, 16), 1, (2460, 0, 1), 1),
            // ours: fails on a new card are not lapses
            ((2500, 0, 0), 0, (2500, 0, 1), 0),
            ((2500, 0, 0), 1, (2500, 0, 1), 0),
            // relearning after a lapse starts from interval 1 again
            ((2460, 0, 1), 4, (2460, 1, 1), 0),
            // exact product: no rounding up needed
            ((2500, 2, 6), 4, (2500, 3, 15), 0),
            // rounding up from .2: 7 × 1.3 = 9.1 → 10, floor holds
            ((1300, 3, 7), 3, (1300, 4, 10), 0),
            // floor: 1400 − 140 → 1300
            ((1400, 2, 6), 3, (1300, 3, 9), 0),
            // no upper bound on EF
            ((3000, 4, 30), 5, (3100, 5, 90), 0),
            // a fail at reps 1 is a lapse
            ((2500, 1, 1), 2, (2500, 0, 1), 1),
        ];
        for &((ef, reps, iv), q, (ef2, reps2, iv2), lapses) in rows {
            let after = review(&st(ef, reps, iv), g(q), day(10));
            assert_eq!(
                (after.ef, after.reps, after.interval, after.lapses),
                (ef2, reps2, iv2, lapses),
                "start ({ef}, {reps}, {iv}) q={q}"
            );
            assert_eq!(after.due, Some(day(10 + iv2 as u64)));
        }
    }

    #[test]
    fn ef_deltas_match_the_formula() {
        assert_eq!(ef_delta(5), 100);
        assert_eq!(ef_delta(4), 0);
        assert_eq!(ef_delta(3), -140);
    }

    #[test]
    fn lateness_is_ignored() {
        let s = st(2600, 2, 6);
        let on_time = review(&s, g(4), day(6));
        let late = review(&s, g(4), day(16));
        assert_eq!(on_time.interval, late.interval);
        assert_eq!(late.due, Some(day(16 + 16)));
    }

    #[test]
    fn second_answer_of_the_day_is_a_drill() {
        let s = st(2500, 1, 1);
        let o = answer(&s, g(1), day(1), true).unwrap();
        assert_eq!(o.kind, ReviewKind::Drill);
        assert_eq!(o.after, s);
    }

    #[test]
    fn a_card_not_yet_due_is_refused() {
        let mut s = st(2500, 1, 1);
        s.due = Some(day(5));
        assert!(answer(&s, g(4), day(4), false).is_none());
        assert!(answer(&s, g(4), day(5), false).is_some());
    }

    #[test]
    fn previews_show_every_grade() {
        let p = previews(&st(2600, 2, 6), day(0));
        assert_eq!(p, [1, 1, 1, 16, 16, 16]);
    }

    fn any_state() -> impl Strategy<Value = CardState> {
        (1300i64..4000, 0i64..20, 0i64..5000, 0i64..30).prop_map(|(ef, reps, interval, lapses)| {
            CardState {
                ef,
                reps,
                interval: if reps == 0 {
                    interval.min(1)
                } else {
                    interval.max(1)
                },
                due: Some(day(0)),
                lapses,
            }
        })
    }

    proptest! {
        #[test]
        fn ef_never_below_floor(s in any_state(), q in 0u8..=5) {
            let after = review(&s, g(q), day(100));
            prop_assert!(after.ef >= MIN_EF);
        }

        #[test]
        fn interval_at_least_one(s in any_state(), q in 0u8..=5) {
            let after = review(&s, g(q), day(100));
            prop_assert!(after.interval >= 1);
            prop_assert!(after.due.unwrap() > day(100));
        }

        #[test]
        fn drill_never_changes_state(s in any_state(), q in 0u8..=5) {
            let o = answer(&s, g(q), day(100), true).unwrap();
            prop_assert_eq!(o.after, s);
        }

        #[test]
        fn ef_unchanged_on_fail(s in any_state(), q in 0u8..3) {
            let after = review(&s, g(q), day(100));
            prop_assert_eq!(after.ef, s.ef);
            prop_assert_eq!(after.reps, 0);
        }

        #[test]
        fn long_chains_stay_valid(qs in proptest::collection::vec(0u8..=5, 1..200)) {
            let mut s = CardState::NEW;
            let mut today = day(0);
            for q in qs {
                s = review(&s, g(q), today);
                prop_assert!(s.ef >= MIN_EF && s.interval >= 1);
                today = s.due.unwrap();
            }
        }
    }
}
