//! The study session, testable without a terminal.
//!
//! [`Session`] is a pure state machine over card row ids: what to show next,
//! what an answer, a skip or an undo does to the queue. [`driver`] runs it
//! against the store and a [`prompter::Prompter`]; [`terminal`] is the only
//! module that touches the terminal.

pub mod driver;
pub mod prompter;
pub mod terminal;

use std::collections::VecDeque;

use crate::model::{Grade, ReviewKind};
use crate::scheduler::needs_drill;

/// Which line a card was taken from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Main,
    Drill,
}

/// One recorded answer, kept so it can be undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub entry_id: i64,
    pub rowid: i64,
    pub grade: Grade,
    pub kind: ReviewKind,
    from: Line,
}

/// Counts for the end-of-session summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Scheduled repetitions answered.
    pub reviews: usize,
    /// Of those, graded 3 or better.
    pub passed: usize,
    /// Final-drill answers.
    pub drills: usize,
    pub skipped: usize,
}

/// Queue state of a session.
#[derive(Debug, Clone, Default)]
pub struct Session {
    main: VecDeque<i64>,
    drill: VecDeque<i64>,
    done: Vec<Done>,
    pub tally: Tally,
}

impl Session {
    /// A session over today's queue (row ids in order).
    pub fn new(queue: impl IntoIterator<Item = i64>) -> Session {
        Session {
            main: queue.into_iter().collect(),
            ..Session::default()
        }
    }

    /// The card to show now, if any: the main queue first, then the drill.
    pub fn current(&self) -> Option<i64> {
        self.main.front().or(self.drill.front()).copied()
    }

    fn line(&self) -> Line {
        if self.main.is_empty() {
            Line::Drill
        } else {
            Line::Main
        }
    }

    /// Cards still to show, counting drill repeats queued so far.
    pub fn remaining(&self) -> usize {
        self.main.len() + self.drill.len()
    }

    /// Answers shown so far (for the `12/40` progress).
    pub fn answered(&self) -> usize {
        self.done.len()
    }

    /// Records that the current card was answered. A grade below 4 sends the
    /// card to the back of the final drill.
    pub fn answer(&mut self, entry_id: i64, grade: Grade, kind: ReviewKind) {
        let from = self.line();
        let Some(rowid) = self.pop(from) else { return };
        if needs_drill(grade) {
            self.drill.push_back(rowid);
        }
        match kind {
            ReviewKind::Review => {
                self.tally.reviews += 1;
                if grade.is_pass() {
                    self.tally.passed += 1;
                }
            }
            ReviewKind::Drill => self.tally.drills += 1,
        }
        self.done.push(Done {
            entry_id,
            rowid,
            grade,
            kind,
            from,
        });
    }

    fn pop(&mut self, line: Line) -> Option<i64> {
        match line {
            Line::Main => self.main.pop_front(),
            Line::Drill => self.drill.pop_front(),
        }
    }

    /// Skips the current card for this session (it stays due).
    pub fn skip(&mut self) {
        let line = self.line();
        if self.pop(line).is_some() {
            self.tally.skipped += 1;
        }
    }

    /// Takes back the last answer: the card is shown again next. Returns the
    /// answer so the caller can undo it in the store.
    pub fn undo(&mut self) -> Option<Done> {
        let d = self.done.pop()?;
        if needs_drill(d.grade) {
            // the answer queued the card at the back of the drill
            if let Some(pos) = self.drill.iter().rposition(|&r| r == d.rowid) {
                self.drill.remove(pos);
            }
        }
        match d.from {
            Line::Main => self.main.push_front(d.rowid),
            Line::Drill => self.drill.push_front(d.rowid),
        }
        match d.kind {
            ReviewKind::Review => {
                self.tally.reviews -= 1;
                if d.grade.is_pass() {
                    self.tally.passed -= 1;
                }
            }
            ReviewKind::Drill => self.tally.drills -= 1,
        }
        Some(d)
    }

    /// Shows `rowid` next (an answer from an earlier session was undone).
    pub fn requeue(&mut self, rowid: i64) {
        self.main.retain(|&r| r != rowid);
        self.drill.retain(|&r| r != rowid);
        self.main.push_front(rowid);
    }

    /// Passes over the current card without counting it (another session
    /// is showing it).
    pub fn pass(&mut self) {
        let line = self.line();
        self.pop(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(q: u8) -> Grade {
        Grade::new(q).unwrap()
    }

    #[test]
    fn failed_cards_come_back_after_the_others_until_four() {
        let mut s = Session::new([1, 2, 3]);
        s.answer(10, g(2), ReviewKind::Review); // 1 -> drill
        s.answer(11, g(5), ReviewKind::Review); // 2 done
        s.answer(12, g(3), ReviewKind::Review); // 3 -> drill
        assert_eq!(s.current(), Some(1));
        s.answer(13, g(3), ReviewKind::Drill); // 1 again -> back of drill
        assert_eq!(s.current(), Some(3));
        s.answer(14, g(4), ReviewKind::Drill);
        assert_eq!(s.current(), Some(1));
        s.answer(15, g(5), ReviewKind::Drill);
        assert_eq!(s.current(), None);
        assert_eq!(
            s.tally,
            Tally {
                reviews: 3,
                passed: 2,
                drills: 3,
                skipped: 0
            }
        );
    }

    #[test]
    fn undo_restores_the_queue_exactly() {
        let mut s = Session::new([1, 2]);
        s.answer(10, g(1), ReviewKind::Review);
        assert_eq!(s.current(), Some(2));
        let d = s.undo().unwrap();
        assert_eq!((d.entry_id, d.rowid), (10, 1));
        assert_eq!(s.current(), Some(1));
        assert_eq!(s.remaining(), 2);
        assert_eq!(s.tally, Tally::default());
    }

    #[test]
    fn undo_is_repeatable_through_the_session() {
        let mut s = Session::new([1, 2, 3]);
        s.answer(10, g(5), ReviewKind::Review);
        s.answer(11, g(2), ReviewKind::Review);
        s.answer(12, g(4), ReviewKind::Review);
        s.answer(13, g(4), ReviewKind::Drill); // card 2 drilled
        assert_eq!(s.undo().unwrap().entry_id, 13);
        assert_eq!(s.current(), Some(2));
        assert_eq!(s.undo().unwrap().entry_id, 12);
        assert_eq!(s.undo().unwrap().entry_id, 11);
        assert_eq!(s.undo().unwrap().entry_id, 10);
        assert!(s.undo().is_none());
        assert_eq!(s.current(), Some(1));
        assert_eq!(s.remaining(), 3);
    }

    #[test]
    fn skip_drops_the_card_for_this_session() {
        let mut s = Session::new([1, 2]);
        s.skip();
        assert_eq!(s.current(), Some(2));
        assert_eq!(s.tally.skipped, 1);
    }
}
