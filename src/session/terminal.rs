//! The only module that touches the terminal. Draws cards with `console`
//! styles (off when `NO_COLOR` is set or output is not a terminal) and reads
//! input with `dialoguer` on a terminal, or one line per prompt from a pipe.

use std::io::{BufRead, IsTerminal, Write};

use console::style;

use crate::error::{Error, Result};
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
}

/// Picks terminal or line mode from whether stdin is a terminal.
pub fn for_stdio(out: &mut dyn Write) -> StdioPrompter<'_> {
    let input = if std::io::stdin().is_terminal() {
        Input::Tty
    } else {
        Input::Lines(Box::new(std::io::BufReader::new(std::io::stdin())))
    };
    StdioPrompter { input, out }
}

/// A prompter reading lines from `reader` (tests, scripts).
pub fn for_lines<'a>(reader: Box<dyn BufRead>, out: &'a mut dyn Write) -> StdioPrompter<'a> {
    StdioPrompter {
        input: Input::Lines(reader),
        out,
    }
}

impl StdioPrompter<'_> {
    fn line(&mut self, prompt: &str) -> Result<Option<String>> {
        match &mut self.input {
            Input::Tty => {
                self.out.flush().map_err(out_err)?;
                let r = dialoguer::Input::<String>::new()
                    .with_prompt(prompt)
                    .allow_empty(true)
                    .interact_text();
                match r {
                    Ok(s) => Ok(Some(s)),
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

    fn say(&mut self, text: &str) -> Result<()> {
        writeln!(self.out, "{text}").map_err(out_err)
    }
}

impl Prompter for StdioPrompter<'_> {
    fn show_card(&mut self, v: &CardView<'_>) -> Result<()> {
        let drill = if v.drill { "  final drill" } else { "" };
        self.say("")?;
        self.say(&format!(
            "{} {}  {}{}",
            style(format!("[{}/{}]", v.position, v.total)).dim(),
            style(v.deck).cyan(),
            style(v.card.kind.as_str()).magenta(),
            style(drill).yellow()
        ))?;
        self.say(&format!("{}", style(&v.card.front).bold()))?;
        if v.card.items.len() > 1 {
            self.say(&format!(
                "{}",
                style(format!(
                    "({} items{}; separate them with commas)",
                    v.card.items.len(),
                    if v.card.ordered {
                        ", in order"
                    } else {
                        ", any order"
                    }
                ))
                .dim()
            ))?;
        }
        Ok(())
    }

    fn ask_answer(&mut self, reveal_only: bool) -> Result<AnswerInput> {
        let prompt = if reveal_only {
            "Enter to reveal (u undo, s skip, e source, q quit)"
        } else {
            "Your answer (Enter reveals; u undo, s skip, e source, q quit)"
        };
        Ok(match self.line(prompt)? {
            Some(l) => parse_answer(&l, reveal_only),
            None => AnswerInput::Quit,
        })
    }

    fn show_reveal(&mut self, v: &RevealView<'_>) -> Result<()> {
        let c = v.card;
        if let Some(a) = v.assessment {
            if c.items.len() > 1 {
                for item in &a.items {
                    let (mark, text) = if item.credit >= 1.0 && !item.typo {
                        (style("✓").green(), style(item.expected.clone()).green())
                    } else if item.credit >= 1.0 {
                        (
                            style("~").green(),
                            style(format!("{} (typo)", item.expected)).green(),
                        )
                    } else if item.credit > 0.0 {
                        (
                            style("½").yellow(),
                            style(format!("{} (partly)", item.expected)).yellow(),
                        )
                    } else {
                        (
                            style("✗").red(),
                            style(format!("{} (missed)", item.expected)).red(),
                        )
                    };
                    self.say(&format!("  {mark} {text}"))?;
                }
                for e in &a.extras {
                    self.say(&format!(
                        "  {} {}",
                        style("+").red(),
                        style(format!("{e} (not in the answer)")).red()
                    ))?;
                }
                if !c.back.is_empty() {
                    self.say(&format!("Answer: {}", style(&c.back).bold()))?;
                }
            } else {
                let mark = if a.recall >= 1.0 {
                    style("✓").green()
                } else {
                    style("✗").red()
                };
                self.say(&format!("{mark} Answer: {}", style(c.answer_text()).bold()))?;
            }
        } else {
            self.say(&format!("Answer: {}", style(c.answer_text()).bold()))?;
        }
        if !c.source.is_empty() {
            self.say(&format!("{}", style(format!("Source: {}", c.source)).dim()))?;
        }
        if let Some(a) = v.assessment {
            self.say(&format!(
                "Suggested grade: {} ({})",
                style(a.grade).bold(),
                a.grade.meaning()
            ))?;
        }
        match v.previews {
            Some(p) => {
                self.say(&format!(
                    "{}",
                    style("Grades: 0 blackout | 1 wrong, familiar once seen | 2 wrong, easy once seen | 3 hard | 4 hesitated | 5 perfect").dim()
                ))?;
                self.say(&format!(
                    "{}",
                    style(format!("Next review in: {}", interval_groups(&p))).dim()
                ))?;
            }
            None => self.say(&format!(
                "{}",
                style("Final drill: grade 4 or 5 ends it; the schedule does not change.").dim()
            ))?,
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
                None => self.say("a grade is 0-5 (u undo, q quit)")?,
            }
        }
    }

    fn info(&mut self, text: &str) -> Result<()> {
        self.say(text)
    }
}
