//! The session's only port to the user: what it shows and what it asks.

use crate::error::Result;
use crate::grading::Assessment;
use crate::model::{CardContent, Grade};

/// The question side of a card.
pub struct CardView<'a> {
    pub deck: &'a str,
    /// 1-based position of this answer in the session.
    pub position: usize,
    /// Answers so far plus cards still queued.
    pub total: usize,
    pub card: &'a CardContent,
    /// Whether this is a final-drill repeat (the schedule will not change).
    pub drill: bool,
}

/// The answer side, after typing or revealing.
pub struct RevealView<'a> {
    pub card: &'a CardContent,
    pub assessment: Option<&'a Assessment>,
    /// Interval in days each grade 0..=5 would give; `None` for a drill.
    pub previews: Option<[i64; 6]>,
    /// Whether the card's deck uses FSRS (the grade line says how grades map).
    pub fsrs: bool,
}

/// What the user did at the answer prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerInput {
    Typed(String),
    Reveal,
    Undo,
    Skip,
    Explain,
    /// Fix the card in the editor.
    Edit,
    Quit,
}

/// What the user did at the grade prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GradeInput {
    Grade(Grade),
    /// Enter: take the suggested grade.
    Accept,
    Undo,
    /// Fix the card in the editor.
    Edit,
    Quit,
}

/// Shows a session and asks for input. One implementation draws on a
/// terminal or reads lines from a pipe; tests script one.
pub trait Prompter {
    fn show_card(&mut self, view: &CardView<'_>) -> Result<()>;
    fn ask_answer(&mut self, reveal_only: bool) -> Result<AnswerInput>;
    fn show_reveal(&mut self, view: &RevealView<'_>) -> Result<()>;
    fn ask_grade(&mut self, suggested: Option<Grade>) -> Result<GradeInput>;
    fn info(&mut self, text: &str) -> Result<()>;
    /// How the editor runs for the `f` key (a terminal or a script).
    fn edit_mode(&self) -> crate::editor::Mode;
}

/// Parses an answer line: single letters u/s/e/f/q (or `:u` …) are
/// commands; a line starting with `=` is always an answer, so `=e` answers
/// "e".
pub fn parse_answer(line: &str, reveal_only: bool) -> AnswerInput {
    let t = line.trim();
    if let Some(answer) = t.strip_prefix('=').map(str::trim) {
        return if answer.is_empty() || reveal_only {
            AnswerInput::Reveal
        } else {
            AnswerInput::Typed(answer.to_string())
        };
    }
    match t.trim_start_matches(':') {
        "u" | "U" => return AnswerInput::Undo,
        "s" | "S" => return AnswerInput::Skip,
        "e" | "E" => return AnswerInput::Explain,
        "f" | "F" => return AnswerInput::Edit,
        "q" | "Q" => return AnswerInput::Quit,
        _ => {}
    }
    if t.is_empty() || reveal_only {
        AnswerInput::Reveal
    } else {
        AnswerInput::Typed(t.to_string())
    }
}

/// Parses a grade line: empty = accept, 0-5, u, f, q. `None` = not understood.
pub fn parse_grade(line: &str) -> Option<GradeInput> {
    let t = line.trim().trim_start_matches(':');
    match t {
        "" => Some(GradeInput::Accept),
        "u" | "U" => Some(GradeInput::Undo),
        "f" | "F" => Some(GradeInput::Edit),
        "q" | "Q" => Some(GradeInput::Quit),
        _ => t
            .parse::<u8>()
            .ok()
            .and_then(Grade::new)
            .map(GradeInput::Grade),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_and_answers() {
        assert_eq!(parse_answer("u", false), AnswerInput::Undo);
        assert_eq!(parse_answer(":f", false), AnswerInput::Edit);
        assert_eq!(parse_answer("=f", false), AnswerInput::Typed("f".into()));
        assert_eq!(parse_answer("f", true), AnswerInput::Edit);
        assert_eq!(parse_answer(" :q ", false), AnswerInput::Quit);
        assert_eq!(parse_answer("", false), AnswerInput::Reveal);
        assert_eq!(parse_answer("peace", true), AnswerInput::Reveal);
        assert_eq!(
            parse_answer("peace, war", false),
            AnswerInput::Typed("peace, war".into())
        );
    }

    #[test]
    fn an_equals_sign_makes_a_command_letter_an_answer() {
        assert_eq!(parse_answer("e", false), AnswerInput::Explain);
        assert_eq!(parse_answer("=E", false), AnswerInput::Typed("E".into()));
        assert_eq!(parse_answer(" = q ", false), AnswerInput::Typed("q".into()));
        assert_eq!(parse_answer("=", false), AnswerInput::Reveal);
        assert_eq!(parse_answer("=e", true), AnswerInput::Reveal);
    }

    #[test]
    fn grades() {
        assert_eq!(parse_grade(""), Some(GradeInput::Accept));
        assert_eq!(
            parse_grade("4"),
            Some(GradeInput::Grade(Grade::new(4).unwrap()))
        );
        assert_eq!(parse_grade("f"), Some(GradeInput::Edit));
        assert_eq!(parse_grade("6"), None);
        assert_eq!(parse_grade("x"), None);
    }
}
