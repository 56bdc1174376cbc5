//! Runs a [`Session`] against the store: builds today's queue, shows each
//! card through a [`Prompter`], grades typed answers, and commits every
//! answer in its own transaction before the next card shows.

use std::io::Write;
use std::path::Path;

use chrono::{Days, NaiveDate};

use crate::cli::StudyArgs;
use crate::clock::{self, Now};
use crate::error::{Error, Result};
use crate::grading;
use crate::import::ensure_bundled_deck;
use crate::model::Grade;
use crate::output::say;
use crate::queue::{self, Candidate, Limits};
use crate::scheduler;
use crate::session::prompter::{AnswerInput, CardView, GradeInput, Prompter, RevealView};
use crate::session::{terminal, Session};
use crate::storage::cards::{self, day_str};
use crate::storage::reviews::{self, AnswerInfo};
use crate::storage::{claims, config, decks, Store};

/// `recall study`.
pub fn study(db: &Path, now: Now, args: &StudyArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = Store::open(db)?;
    if ensure_bundled_deck(&mut store, now)? {
        say!(
            out,
            "Welcome to recall. Imported the sample deck into {}.",
            db.display()
        );
    }
    if let Some(d) = &args.deck {
        if decks::get(&store.conn, d)?.is_none() {
            return Err(Error::NotFound(format!(
                "no deck '{d}' (see `recall decks`)"
            )));
        }
    }
    let mut prompter = terminal::for_stdio(out);
    run(&mut store, now, args, &mut prompter)
}

/// Limits for today from settings and flags.
fn limits(store: &Store, args: &StudyArgs) -> Result<Limits> {
    let new_per_day = match args.new {
        Some(n) => n as usize,
        None => config::get(&store.conn, "new_per_day")? as usize,
    };
    Ok(Limits {
        new_per_day,
        review_cap: config::get(&store.conn, "review_cap")? as usize,
    })
}

/// Loads the cards that could be in today's queue (a bounded set, not the
/// whole collection) and orders them.
pub fn todays_queue(
    store: &Store,
    deck: Option<&str>,
    today: NaiveDate,
    limits: Limits,
) -> Result<Vec<i64>> {
    let facts = reviews::today_facts(&store.conn, today)?;
    let slack = facts.len() as i64;
    let sql = "SELECT c.id, c.deck_id, c.ord, s.ef, s.reps, s.interval, s.due, s.lapses
        FROM cards c JOIN card_state s ON s.card_id = c.id
        WHERE s.retired = 0 AND s.suspended = 0 AND (?1 IS NULL OR s.deck_id = ?1)";
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut push_rows = |sql: String, params: &[&dyn rusqlite::ToSql]| -> Result<()> {
        let mut stmt = store.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params, |r| {
            let due: Option<String> = r.get(6)?;
            Ok(Candidate {
                rowid: r.get(0)?,
                deck_id: r.get(1)?,
                ord: r.get(2)?,
                state: scheduler::CardState {
                    ef: r.get(3)?,
                    reps: r.get(4)?,
                    interval: r.get(5)?,
                    due: due.as_deref().map(cards::parse_day).transpose()?,
                    lapses: r.get(7)?,
                },
            })
        })?;
        for row in rows {
            candidates.push(row?);
        }
        Ok(())
    };
    let today_s = day_str(today);
    let due_limit = limits.review_cap as i64 + slack;
    let new_limit = limits.new_per_day as i64 + slack;
    push_rows(
        format!(
            // most overdue first, in the index's order (due, card): no sort
            "{sql} AND s.due IS NOT NULL AND s.due <= ?2 ORDER BY s.due, s.card_id LIMIT ?3"
        ),
        &[&deck, &today_s, &due_limit],
    )?;
    push_rows(
        // walk the cards in deck order and stop at the limit: the card
        // (deck_id, ord) index drives, new states are checked one by one
        "SELECT c.id, c.deck_id, c.ord, s.ef, s.reps, s.interval, s.due, s.lapses
         FROM cards c CROSS JOIN card_state s ON s.card_id = c.id
         WHERE +s.retired = 0 AND +s.suspended = 0 AND (?1 IS NULL OR c.deck_id = ?1)
           AND s.due IS NULL ORDER BY c.deck_id, c.ord LIMIT ?2"
            .to_string(),
        &[&deck, &new_limit],
    )?;
    // Cards answered today that are neither due nor new (drill candidates).
    let ids: Vec<i64> = facts.keys().copied().collect();
    for chunk in ids.chunks(500) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        push_rows(
            format!("{sql} AND s.due > ?2 AND c.id IN ({list})"),
            &[&deck, &today_s],
        )?;
    }
    Ok(queue::build(&candidates, &facts, today, limits)
        .into_iter()
        .map(|(rowid, _)| rowid)
        .collect())
}

/// Runs a whole session with `prompter`.
pub fn run(store: &mut Store, now: Now, args: &StudyArgs, p: &mut dyn Prompter) -> Result<()> {
    let started = clock::instant();
    let today = now.study_day(config::get(&store.conn, "rollover_hour")? as u32);
    let limits = limits(store, args)?;
    let queue = todays_queue(store, args.deck.as_deref(), today, limits)?;
    if queue.is_empty() {
        return nothing_due(store, args.deck.as_deref(), today, p);
    }
    let mut session = Session::new(queue);
    // now_ms advances with the monotonic clock from the injected start time.
    let now_ms = |start: std::time::Instant| now.unix_ms() + clock::elapsed_ms(start);
    let pid = i64::from(std::process::id());
    let me = format!("{pid}-{}", now.unix_ms());
    let result = run_loop(store, &mut session, today, args, p, &me, pid, &|| {
        now_ms(started)
    });
    // claims end with the session, however it ends
    let released = claims::release_all(&store.conn, &me);
    result?;
    released?;
    summary(store, &session, args.deck.as_deref(), today, started, p)
}

#[allow(clippy::too_many_arguments)]
fn run_loop(
    store: &mut Store,
    session: &mut Session,
    today: NaiveDate,
    args: &StudyArgs,
    p: &mut dyn Prompter,
    me: &str,
    pid: i64,
    now_ms: &dyn Fn() -> i64,
) -> Result<()> {
    'cards: while let Some(rowid) = session.current() {
        // another session shows this card right now: leave it to that one
        if !claims::try_claim(&mut store.conn, rowid, me, pid, now_ms())? {
            session.pass();
            continue;
        }
        // done for today meanwhile (e.g. by another session): nothing to show
        let last_today = reviews::last_grade_on(&store.conn, rowid, today)?;
        if last_today.is_some_and(|g| !scheduler::needs_drill(Grade::new(g).unwrap_or(Grade::MIN)))
        {
            session.pass();
            continue;
        }
        let card = cards::by_rowid(&store.conn, rowid)?;
        let drill = last_today.is_some();
        let shown = clock::instant();
        p.show_card(&CardView {
            deck: &card.deck_id,
            position: session.answered() + 1,
            total: session.answered() + session.remaining(),
            card: &card.content,
            drill,
        })?;
        let typed = loop {
            match p.ask_answer(args.reveal)? {
                AnswerInput::Typed(t) => break Some(t),
                AnswerInput::Reveal => break None,
                AnswerInput::Explain => {
                    let text = if card.content.context.is_empty() {
                        "(no source text stored for this card)".to_string()
                    } else {
                        format!("[{}] {}", card.content.source, card.content.context)
                    };
                    p.info(&text)?;
                }
                AnswerInput::Skip => {
                    session.skip();
                    p.info("skipped (the card stays due)")?;
                    continue 'cards;
                }
                AnswerInput::Undo => {
                    undo(store, session, p)?;
                    continue 'cards;
                }
                AnswerInput::Quit => break 'cards,
            }
        };
        let assessment = typed
            .as_deref()
            .map(|t| grading::assess(&card.content.expected_items(), card.content.ordered, t));
        let suggested = assessment.as_ref().map(|a| a.grade);
        p.show_reveal(&RevealView {
            card: &card.content,
            assessment: assessment.as_ref(),
            previews: (!drill).then(|| scheduler::previews(&card.state, today)),
        })?;
        let grade: Grade = loop {
            match p.ask_grade(suggested)? {
                GradeInput::Grade(g) => break g,
                GradeInput::Accept => match suggested {
                    Some(g) => break g,
                    None => p.info("type a grade 0-5")?,
                },
                GradeInput::Undo => {
                    undo(store, session, p)?;
                    continue 'cards;
                }
                GradeInput::Quit => break 'cards,
            }
        };
        let info = AnswerInfo {
            taken_ms: clock::elapsed_ms(shown),
            suggested: suggested.map(|g| g.value()),
            typed: typed.clone(),
            detail: assessment
                .as_ref()
                .and_then(|a| serde_json::to_string(&a.items).ok()),
        };
        let (after, entry) =
            reviews::record_answer(&mut store.conn, rowid, grade, today, now_ms(), &info)?;
        session.answer(entry.id, grade, entry.kind);
        let next = match (entry.kind, after.state.due) {
            (crate::model::ReviewKind::Drill, _) => "drill answer: schedule unchanged".to_string(),
            (_, Some(due)) => format!(
                "next review {} (in {} day{})",
                day_str(due),
                after.state.interval,
                if after.state.interval == 1 { "" } else { "s" }
            ),
            (_, None) => String::new(),
        };
        let again = if scheduler::needs_drill(grade) {
            "; it comes back later in this session"
        } else {
            ""
        };
        p.info(&format!(
            "saved {}: grade {grade}; {next}{again}",
            card.content.id
        ))?;
    }
    Ok(())
}

fn undo(store: &mut Store, session: &mut Session, p: &mut dyn Prompter) -> Result<()> {
    match session.undo() {
        Some(d) => {
            reviews::undo(&mut store.conn, d.entry_id)?;
            p.info(&format!("undone: grade {} taken back", d.grade))
        }
        None => p.info("nothing to undo in this session"),
    }
}

/// The next due date after `today` and how many cards fall due on it.
fn next_due(store: &Store, deck: Option<&str>, today: NaiveDate) -> Result<Option<(String, i64)>> {
    // from the per-deck due counts: a few rows, not every card
    let row: Option<String> = store.conn.query_row(
        "SELECT MIN(due) FROM deck_counts
         WHERE n > 0 AND suspended = 0 AND due != '' AND due > ?2 AND (?1 IS NULL OR deck_id = ?1)",
        (deck, day_str(today)),
        |r| r.get(0),
    )?;
    let Some(day) = row else { return Ok(None) };
    let n: i64 = store.conn.query_row(
        "SELECT COALESCE(SUM(n), 0) FROM deck_counts
         WHERE suspended = 0 AND due = ?2 AND (?1 IS NULL OR deck_id = ?1)",
        (deck, &day),
        |r| r.get(0),
    )?;
    Ok(Some((day, n)))
}

fn nothing_due(
    store: &Store,
    deck: Option<&str>,
    today: NaiveDate,
    p: &mut dyn Prompter,
) -> Result<()> {
    match next_due(store, deck, today)? {
        Some((day, n)) => p.info(&format!(
            "Nothing to study today ({}). Next: {n} card{} due on {day}.",
            day_str(today),
            if n == 1 { "" } else { "s" }
        )),
        None => p.info(&format!(
            "Nothing to study today ({}), and no card is scheduled.",
            day_str(today)
        )),
    }
}

fn summary(
    store: &Store,
    session: &Session,
    deck: Option<&str>,
    today: NaiveDate,
    started: std::time::Instant,
    p: &mut dyn Prompter,
) -> Result<()> {
    let t = session.tally;
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let due_tomorrow: i64 = store.conn.query_row(
        "SELECT COALESCE(SUM(n), 0) FROM deck_counts
         WHERE suspended = 0 AND due != '' AND due <= ?2 AND (?1 IS NULL OR deck_id = ?1)",
        (deck, day_str(tomorrow)),
        |r| r.get(0),
    )?;
    let secs = clock::elapsed_ms(started) / 1000;
    let share = (t.passed * 100)
        .checked_div(t.reviews)
        .map_or("-".into(), |p| format!("{p}%"));
    let next = next_due(store, deck, today)?
        .map(|(d, n)| format!("{d} ({n} cards)"))
        .unwrap_or_else(|| "none".into());
    p.info(&format!(
        "Session over: {} cards studied, {share} graded 3 or better, {}m{:02}s, {} final-drill answers, {} skipped.\n\
         Due tomorrow: {due_tomorrow}. Next due: {next}.",
        t.reviews,
        secs / 60,
        secs % 60,
        t.drills,
        t.skipped
    ))
}
