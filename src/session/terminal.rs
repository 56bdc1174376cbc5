//! The only module that touches the terminal. Draws cards with `console`
//! styles (off when `NO_COLOR` is set or output is not a terminal) and reads
//! input with `dialoguer` on a terminal, or one line per prompt from a pipe.

use std::io::{BufRead, IsTerminal, Write};

use console::style;

use crate::error::{Error, Result};
use crate::grading::{ItemResult, AIDED_MAX};
use crate::model::Grade;
use crate::output::out_err;
use crate::session::prompter::{
    parse_answer, parse_grade, AnswerInput, CardView, GradeInput, Prompter, RevealView,
};

/// "0-2 → 1d | 3-5 → 6d": grades grouped by the interval they give.
pub fn interval_groups(p: &[i64; 6]) -> String {
    let mut parts = Vec::new();
    let mut start = 0;
    for q in 1..=6 {
        if q == 6 || p[q] != p[start] {
            let grades = if q - 1 == start {
                format!("{start}")
            } else {
                format!("{start}-{}", q - 1)
            };
            parts.push(format!("{grades} → {}d", p[start]));
            start = q;
        }
    }
    parts.join(" | ")
}

/// One list item's line after an answer: ✓ found, ~ typo, ½ partly,
/// ✗ missed; ordered lists add where an out-of-place item was typed.
/// Returns how it looks, its mark and its text.
fn item_line(item: &ItemResult) -> (Look, &'static str, String) {
    let mut notes: Vec<String> = Vec::new();
    let mark = if item.credit >= 1.0 && !item.typo {
        "✓"
    } else if item.credit >= 1.0 {
        notes.push("typo".into());
        "~"
    } else if item.credit > 0.0 {
        notes.push("partly".into());
        "½"
    } else {
        notes.push("missed".into());
        "✗"
    };
    if item.short_name {
        notes.push("family name only".into());
    }
    let mark = match (item.out_of_place, item.typed_rank) {
        (true, Some(rank)) => {
            notes.push(format!("out of place: typed {}", ordinal(rank)));
            "↕"
        }
        _ => mark,
    };
    let text = if notes.is_empty() {
        item.expected.clone()
    } else {
        format!("{} ({})", item.expected, notes.join("; "))
    };
    let look = match mark {
        "✓" | "~" => Look::Good,
        "✗" => Look::Bad,
        _ => Look::Partly,
    };
    (look, mark, text)
}

/// 1st, 2nd, 3rd, 4th, … 11th, 12th, 13th, 21st.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Where input comes from.
enum Input {
    /// A terminal: dialoguer prompts.
    Tty,
    /// A pipe or file: one line per prompt; EOF quits.
    Lines(Box<dyn BufRead>),
}

/// A prompter on standard input and the given output.
pub struct StdioPrompter<'a> {
    input: Input,
    out: &'a mut dyn Write,
    /// Columns to wrap text at: the terminal's width when output goes to a
    /// terminal; `None` (no wrapping) for a pipe or a file.
    width: Option<usize>,
}

/// Picks terminal or line mode from whether stdin is a terminal, and
/// wraps text to the terminal's width when stdout is one.
pub fn for_stdio(out: &mut dyn Write) -> StdioPrompter<'_> {
    let input = if std::io::stdin().is_terminal() {
        Input::Tty
    } else {
        Input::Lines(Box::new(std::io::BufReader::new(std::io::stdin())))
    };
    let width = std::io::stdout()
        .is_terminal()
        .then(crate::output::terminal_width);
    StdioPrompter { input, out, width }
}

/// A prompter reading lines from `reader` (tests, scripts).
pub fn for_lines<'a>(reader: Box<dyn BufRead>, out: &'a mut dyn Write) -> StdioPrompter<'a> {
    StdioPrompter {
        input: Input::Lines(reader),
        out,
        width: None,
    }
}

/// A line's look on screen.
#[derive(Clone, Copy)]
enum Look {
    Plain,
    Bold,
    Dim,
    Header,
    Good,
    Partly,
    Bad,
}

fn styled(text: &str, look: Look) -> String {
    let s = style(text);
    match look {
        Look::Plain => text.to_string(),
        Look::Bold => s.bold().to_string(),
        Look::Dim => s.dim().to_string(),
        Look::Header => s.cyan().to_string(),
        Look::Good => s.green().to_string(),
        Look::Partly => s.yellow().to_string(),
        Look::Bad => s.red().to_string(),
    }
}

impl StdioPrompter<'_> {
    /// The short prompt and the key hints shown above it on a terminal, or
    /// the whole prompt on one line for a pipe (scripts match it).
    fn line_with_hint(&mut self, prompt: &str, hint: &str) -> Result<Option<String>> {
        match self.input {
            Input::Tty => {
                self.write(Look::Dim, "", hint)?;
                self.line(prompt)
            }
            Input::Lines(_) => self.line(&format!("{prompt} {hint}")),
        }
    }

    fn line(&mut self, prompt: &str) -> Result<Option<String>> {
        match &mut self.input {
            Input::Tty => {
                self.out.flush().map_err(out_err)?;
                let r = dialoguer::Input::<String>::new()
                    .with_prompt(prompt)
                    .allow_empty(true)
                    .report(false)
                    .interact_text();
                match r {
                    Ok(s) => {
                        self.report(prompt, &s)?;
                        Ok(Some(s))
                    }
                    Err(dialoguer::Error::IO(e)) if e.kind() == std::io::ErrorKind::Interrupted => {
                        Ok(None)
                    }
                    Err(dialoguer::Error::IO(e)) => Err(Error::io("<terminal>", e)),
                }
            }
            Input::Lines(r) => {
                write!(self.out, "{prompt}: ").map_err(out_err)?;
                self.out.flush().map_err(out_err)?;
                let mut s = String::new();
                let n = r.read_line(&mut s).map_err(|e| Error::io("<stdin>", e))?;
                writeln!(self.out).map_err(out_err)?;
                Ok((n > 0).then(|| s.trim_end_matches(['\n', '\r']).to_string()))
            }
        }
    }

    /// After a terminal prompt: dialoguer cleared only the screen row the
    /// cursor was on, so an answer longer than a row left the prompt's
    /// first rows behind. Clear them too, then show prompt and answer once,
    /// wrapped at words.
    fn report(&mut self, prompt: &str, answer: &str) -> Result<()> {
        let term = console::Term::stdout();
        let cols = usize::from(term.size().1).max(1);
        // dialoguer's simple theme draws "prompt: " before the typed text
        let typed = crate::output::width_of(prompt) + 2 + crate::output::width_of(answer);
        let rows = typed.div_ceil(cols).max(1);
        if rows > 1 {
            term.clear_last_lines(rows - 1).map_err(out_err)?;
        }
        self.write(Look::Plain, &format!("{prompt}: "), answer)
    }

    /// Writes `text` after `prefix`, wrapped at words to the terminal's
    /// width (continuation lines indented under the text), in one look.
    fn write(&mut self, look: Look, prefix: &str, text: &str) -> Result<()> {
        let lines = match self.width {
            Some(w) => crate::output::wrap_lines(prefix, text, w),
            None => vec![format!("{prefix}{text}")],
        };
        for l in lines {
            writeln!(self.out, "{}", styled(&l, look)).map_err(out_err)?;
        }
        Ok(())
    }

    fn say(&mut self, text: &str) -> Result<()> {
        self.write(Look::Plain, "", text)
    }
}

impl Prompter for StdioPrompter<'_> {
    fn show_card(&mut self, v: &CardView<'_>) -> Result<()> {
        let drill = if v.drill { "  final drill" } else { "" };
        self.say("")?;
        self.write(
            Look::Header,
            &format!("[{}/{}] ", v.position, v.total),
            &format!("{}  {}{}", v.deck, v.card.kind.as_str(), drill),
        )?;
        self.write(Look::Bold, "", &v.card.front)?;
        if v.card.items.len() > 1 {
            let hint = format!(
                "({} items{}; separate them with commas)",
                v.card.items.len(),
                if v.card.ordered {
                    ", in order"
                } else {
                    ", any order"
                }
            );
            self.write(Look::Dim, "", &hint)?;
        }
        Ok(())
    }

    fn ask_answer(&mut self, reveal_only: bool) -> Result<AnswerInput> {
        let (prompt, hint) = if reveal_only {
            (
                "Enter to reveal",
                "(u undo, s skip, e source, f fix card, q quit)",
            )
        } else {
            (
                "Your answer",
                "(Enter reveals; u undo, s skip, e source, f fix card, q quit; =e answers \"e\")",
            )
        };
        Ok(match self.line_with_hint(prompt, hint)? {
            Some(l) => parse_answer(&l, reveal_only),
            None => AnswerInput::Quit,
        })
    }

    fn show_reveal(&mut self, v: &RevealView<'_>) -> Result<()> {
        let c = v.card;
        if let Some(a) = v.assessment {
            if c.items.len() > 1 {
                for item in &a.items {
                    let (look, mark, text) = item_line(item);
                    self.write(look, &format!("  {mark} "), &text)?;
                }
                for e in &a.extras {
                    self.write(Look::Bad, "  + ", &format!("{e} (not in the answer)"))?;
                }
                let misplaced: Vec<&str> = a.out_of_place().map(|i| i.expected.as_str()).collect();
                if !misplaced.is_empty() {
                    self.say(&format!(
                        "{}",
                        style(format!(
                            "Order: {} out of place; the right order is the list above.",
                            misplaced.join(", ")
                        ))
                        .yellow()
                    ))?;
                }
                if !c.back.is_empty() {
                    self.write(Look::Bold, "Answer: ", &c.back)?;
                }
            } else {
                let (look, mark) = if a.recall >= 1.0 {
                    (Look::Good, "✓")
                } else {
                    (Look::Bad, "✗")
                };
                let short = if a.items.iter().any(|i| i.short_name) {
                    " (family name only)"
                } else {
                    ""
                };
                self.write(
                    look,
                    &format!("{mark} Answer: "),
                    &format!("{}{short}", c.answer_text()),
                )?;
            }
        } else {
            self.write(Look::Bold, "Answer: ", &c.answer_text())?;
        }
        if !c.source.is_empty() {
            self.write(Look::Dim, "Source: ", &c.source)?;
        }
        if let Some(a) = v.assessment {
            self.say(&format!(
                "Suggested grade: {} ({})",
                style(a.grade).bold(),
                a.grade.meaning()
            ))?;
            if a.aided {
                self.say(&format!(
                    "{}",
                    style(format!(
                        "(at most {AIDED_MAX}: the source, which holds the answer, was shown before you answered)"
                    ))
                    .dim()
                ))?;
            }
        }
        match v.previews {
            Some(p) => {
                let grades = if v.fsrs {
                    crate::fsrs_scheduler::GRADE_LINE
                } else {
                    "0 blackout | 1 wrong, familiar once seen | 2 wrong, easy once seen | 3 hard | 4 hesitated | 5 perfect"
                };
                self.write(Look::Dim, "Grades: ", grades)?;
                self.write(Look::Dim, "Next review in: ", &interval_groups(&p))?;
            }
            None => self.write(
                Look::Dim,
                "",
                "Final drill: grade 4 or 5 ends it; the schedule does not change.",
            )?,
        }
        Ok(())
    }

    fn ask_grade(&mut self, suggested: Option<Grade>) -> Result<GradeInput> {
        let prompt = match suggested {
            Some(g) => format!("Grade 0-5 (Enter = {g})"),
            None => "Grade 0-5".to_string(),
        };
        loop {
            let Some(l) = self.line(&prompt)? else {
                return Ok(GradeInput::Quit);
            };
            match parse_grade(&l) {
                Some(g) => return Ok(g),
                None => self.say("a grade is 0-5 (u undo, f fix card, q quit)")?,
            }
        }
    }

    fn info(&mut self, text: &str) -> Result<()> {
        self.say(text)
    }

    fn edit_mode(&self) -> crate::editor::Mode {
        let tty = matches!(self.input, Input::Tty);
        crate::editor::Mode {
            interactive: tty,
            // lines from a pipe are the session's answers, not the editor's
            inherit_stdin: tty,
        }
    }
}
