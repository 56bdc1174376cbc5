//! Runs a [`Session`] against the store: builds today's queue, shows each
//! card through a [`Prompter`], grades typed answers, and commits every
//! answer in its own transaction before the next card shows.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use chrono::{Days, NaiveDate};
use rusqlite::OptionalExtension;

use crate::cli::StudyArgs;
use crate::clock::{self, Now};
use crate::editor;
use crate::error::{Error, Result};
use crate::fsrs_scheduler;
use crate::grading;
use crate::import::ensure_bundled_deck;
use crate::model::Grade;
use crate::output::plural;
use crate::output::say;
use crate::queue::{self, Candidate, DayLimits, Limits, Queue};
use crate::scheduler;
use crate::session::prompter::{AnswerInput, CardView, GradeInput, Prompter, RevealView};
use crate::session::{terminal, Session};
use crate::storage::cards::{self, day_str};
use crate::storage::reviews::{self, AnswerInfo};
use crate::storage::{claims, config, deck_scheduler, decks, Store};

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
    if let Some(tag) = &args.tag {
        let any: bool = store.conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM cards c WHERE c.retired = 0
                     AND (:deck IS NULL OR c.deck_id = :deck) AND {})",
                tag_filter(tag)
            ),
            rusqlite::named_params! {":deck": args.deck, ":tag": tag},
            |r| r.get(0),
        )?;
        if !any {
            return Err(Error::NotFound(format!(
                "no card{} has tag '{tag}' (see `recall cards --tag {tag}`; `recall tag CARD +{tag}` adds it)",
                args.deck
                    .as_ref()
                    .map_or(String::new(), |d| format!(" of deck '{d}'"))
            )));
        }
    }
    let mut prompter = terminal::for_stdio(out);
    run(&mut store, now, args, &mut prompter)
}

/// Limits for today from the settings.
fn limits(store: &Store) -> Result<Limits> {
    Ok(Limits {
        new_per_day: config::get(&store.conn, "new_per_day")? as usize,
        review_cap: config::get(&store.conn, "review_cap")? as usize,
    })
}

/// Families of the cards answered on `today` (siblings stay away today).
fn answered_families(store: &Store, today: NaiveDate) -> Result<HashSet<u64>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT DISTINCT c.deck_id, c.context FROM revlog r JOIN cards c ON c.id = r.card_id
         WHERE r.day = ?1 AND c.context != ''",
    )?;
    let rows = stmt.query_map([day_str(today)], |r| {
        Ok(queue::family(
            r.get_ref(0)?.as_str()?,
            r.get_ref(1)?.as_str()?,
        ))
    })?;
    let mut out = HashSet::new();
    for f in rows {
        out.extend(f?);
    }
    Ok(out)
}

/// Which cards a session studies: one deck or all, one tag or all.
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope<'a> {
    pub deck: Option<&'a str>,
    /// A tag: cards with it or a tag under it (`bio` takes `bio::cells`).
    pub tag: Option<&'a str>,
}

/// SQL that holds for a card `c` with tag `:tag` (the value of `tag`) or
/// a tag under it. A LIKE on the JSON text first passes over the cards
/// whose tags cannot hold it without parsing them (LIKE's wildcards only
/// let more through; a tag JSON would escape gets no such test).
pub fn tag_filter(tag: &str) -> String {
    let exact = "EXISTS (SELECT 1 FROM json_each(c.tags) t
        WHERE lower(t.value) = lower(:tag)
           OR substr(lower(t.value), 1, length(:tag) + 2) = lower(:tag) || '::')";
    if tag.chars().any(|c| c == '"' || c == '\\' || c.is_control()) {
        exact.to_string()
    } else {
        format!("c.tags LIKE '%' || :tag || '%' AND {exact}")
    }
}

/// Loads the cards that could be in today's queue (a bounded set, not the
/// whole collection) and orders them. `more_new` (`--new N`) allows N new
/// cards more than those introduced today, instead of the daily limits.
pub fn todays_queue(
    store: &Store,
    scope: Scope<'_>,
    today: NaiveDate,
    global: Limits,
    more_new: Option<usize>,
) -> Result<Queue> {
    let facts = reviews::today_facts(&store.conn, today)?;
    let mut limits = DayLimits {
        global,
        decks: decks::own_limits(&store.conn)?,
    };
    if let Some(n) = more_new {
        limits.global.new_per_day = facts.values().filter(|f| f.introduced).count() + n;
        for l in limits.decks.values_mut() {
            l.new_per_day = None;
        }
    }
    // decks in scope with a limit of their own are read on their own, each
    // up to its limit; the others together, up to the global limit
    let own = |pick: fn(&queue::DeckLimits) -> Option<usize>| -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = limits
            .decks
            .iter()
            .filter(|(d, _)| scope.deck.is_none_or(|x| x == d.as_str()))
            .filter_map(|(d, l)| pick(l).map(|n| (d.clone(), n)))
            .collect();
        v.sort();
        v
    };
    let (own_new, own_reviews) = (own(|l| l.new_per_day), own(|l| l.review_cap));
    let families = answered_families(store, today)?;
    let slack = facts.len() as i64;
    let tag = scope
        .tag
        .map_or(String::new(), |t| format!(" AND {}", tag_filter(t)));
    let sql = format!(
        "SELECT c.id, c.deck_id, c.ord, s.ef, s.reps, s.interval, s.due, s.lapses, c.context
        FROM cards c JOIN card_state s ON s.card_id = c.id
        WHERE s.retired = 0 AND s.suspended = 0 AND (:deck IS NULL OR s.deck_id = :deck){tag}"
    );
    // most overdue first, in the index's order (due, card): no sort
    let due_sql = |only: &str| {
        format!("{sql}{only} AND s.due IS NOT NULL AND s.due <= :today ORDER BY s.due, s.card_id LIMIT :limit")
    };
    // walk the cards in deck order and stop at the limit: the card
    // (deck_id, ord) index drives, new states are checked one by one
    let new_sql = |only: &str| {
        format!(
            "SELECT c.id, c.deck_id, c.ord, s.ef, s.reps, s.interval, s.due, s.lapses, c.context
             FROM cards c CROSS JOIN card_state s ON s.card_id = c.id
             WHERE +s.retired = 0 AND +s.suspended = 0 AND (:deck IS NULL OR c.deck_id = :deck){tag}{only}
               AND s.due IS NULL ORDER BY c.deck_id, c.ord LIMIT :limit"
        )
    };
    // a deck's due cards through its cards, not the due index: for a deck
    // small beside the others (see `deck_reads`)
    let deck_due_sql = format!(
        "SELECT c.id, c.deck_id, c.ord, s.ef, s.reps, s.interval, s.due, s.lapses, c.context
         FROM cards c CROSS JOIN card_state s ON s.card_id = c.id
         WHERE c.deck_id = :only AND +s.retired = 0 AND +s.suspended = 0{tag}
           AND s.due IS NOT NULL AND s.due <= :today"
    );
    // with limits of decks' own, each deck in scope is read on its own
    let per_deck = if own_new.is_empty() && own_reviews.is_empty() {
        None
    } else {
        Some(deck_reads(store, scope.deck, today, &limits)?)
    };
    let today_s = day_str(today);
    // Buried siblings take places in the bounded reads: read more (twice as
    // many each time) while a limit is not reached and more rows may exist.
    let mut batch: i64 = 1;
    loop {
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut push_rows = |sql: &str, only: Option<&str>, limit: Option<i64>| -> Result<bool> {
            let mut stmt = store.conn.prepare_cached(sql)?;
            let values: [(&str, &dyn rusqlite::ToSql); 5] = [
                (":deck", &scope.deck),
                (":tag", &scope.tag),
                (":today", &today_s),
                (":only", &only),
                (":limit", &limit),
            ];
            // bind only the parameters this statement names
            let params: Vec<(&str, &dyn rusqlite::ToSql)> = values
                .into_iter()
                .filter(|(name, _)| sql.contains(name))
                .collect();
            let rows = stmt.query_map(params.as_slice(), |r| {
                let due: Option<String> = r.get(6)?;
                let deck_id: String = r.get(1)?;
                let family = queue::family(&deck_id, r.get_ref(8)?.as_str()?);
                Ok(Candidate {
                    rowid: r.get(0)?,
                    deck_id,
                    ord: r.get(2)?,
                    state: scheduler::CardState {
                        ef: r.get(3)?,
                        reps: r.get(4)?,
                        interval: r.get(5)?,
                        due: due.as_deref().map(cards::parse_day).transpose()?,
                        lapses: r.get(7)?,
                    },
                    family,
                })
            })?;
            let before = candidates.len();
            for row in rows {
                candidates.push(row?);
            }
            // whether the read stopped at its limit (more rows may exist)
            Ok(limit.is_some_and(|l| (candidates.len() - before) as i64 == l))
        };
        // one row more than a limit allows tells that the limit holds some back
        let scaled = |limit: usize| (limit as i64 + slack + 1).saturating_mul(batch);
        let (mut due_full, mut new_full) = (false, false);
        match &per_deck {
            None => {
                due_full = push_rows(&due_sql(""), None, Some(scaled(limits.global.review_cap)))?;
                new_full = push_rows(&new_sql(""), None, Some(scaled(limits.global.new_per_day)))?;
            }
            Some(reads) => {
                for d in reads {
                    let only = Some(d.id.as_str());
                    if d.due > 0 && d.due_by_index {
                        let limit = Some(scaled(d.review_limit));
                        due_full |= push_rows(&due_sql(" AND s.deck_id = :only"), only, limit)?;
                    } else if d.due > 0 {
                        push_rows(&deck_due_sql, only, None)?;
                    }
                    if d.new > 0 {
                        let limit = Some(scaled(d.new_limit));
                        new_full |= push_rows(&new_sql(" AND c.deck_id = :only"), only, limit)?;
                    }
                }
            }
        }
        // Cards answered today that are neither due nor new (drill candidates).
        let ids: Vec<i64> = facts.keys().copied().collect();
        for chunk in ids.chunks(500) {
            let list = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            push_rows(
                &format!("{sql} AND s.due > :today AND c.id IN ({list})"),
                None,
                None,
            )?;
        }
        let q = queue::build(&candidates, &facts, &families, today, &limits);
        let more_due = due_full && q.reviews_taken() < q.reviews_left;
        let more_new = new_full && q.new_taken() < q.new_left;
        if !(more_due || more_new) || q.buried == 0 {
            return Ok(q);
        }
        batch = batch.saturating_mul(2);
    }
}

/// How one deck's cards are read for a queue when decks have limits of
/// their own.
struct DeckRead {
    id: String,
    /// Active cards due today, and new ones (from `deck_counts`).
    due: i64,
    new: i64,
    review_limit: usize,
    new_limit: usize,
    /// Read its due cards by the due index (most overdue first, stopping at
    /// the limit) rather than through the deck's cards. The due index holds
    /// every deck's cards: finding a small deck's few in it means walking
    /// past the others', so a deck small beside the due cards of the others
    /// is read through its own cards (all of them, sorted here) instead.
    due_by_index: bool,
}

/// The decks in scope, with what to read of each (see [`DeckRead`]).
fn deck_reads(
    store: &Store,
    deck: Option<&str>,
    today: NaiveDate,
    limits: &DayLimits,
) -> Result<Vec<DeckRead>> {
    let mut stmt = store.conn.prepare_cached(
        "SELECT deck_id, SUM(n),
             SUM(CASE WHEN due != '' AND due <= ?1 THEN n ELSE 0 END),
             SUM(CASE WHEN due = '' THEN n ELSE 0 END)
         FROM deck_counts WHERE suspended = 0 AND (?2 IS NULL OR deck_id = ?2)
         GROUP BY deck_id ORDER BY deck_id",
    )?;
    let rows: Vec<(String, i64, i64, i64)> = stmt
        .query_map((day_str(today), deck), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let all_due: i64 = rows.iter().map(|r| r.2).sum();
    Ok(rows
        .into_iter()
        .map(|(id, active, due, new)| {
            let own = limits.decks.get(&id).copied().unwrap_or_default();
            let review_limit = own.review_cap.map_or(limits.global.review_cap, |n| {
                n.min(limits.global.review_cap)
            });
            let new_limit = own.new_per_day.map_or(limits.global.new_per_day, |n| {
                n.min(limits.global.new_per_day)
            });
            // rows walked either way: through the due index until the limit
            // is found among all decks' due cards, or the deck's cards
            let by_index = (review_limit as i64 + 1).saturating_mul(all_due) / due.max(1);
            DeckRead {
                id,
                due,
                new,
                review_limit,
                new_limit,
                due_by_index: by_index <= active,
            }
        })
        .collect())
}

/// Runs a whole session with `prompter`.
pub fn run(store: &mut Store, now: Now, args: &StudyArgs, p: &mut dyn Prompter) -> Result<()> {
    let started = clock::instant();
    let today = now.study_day(config::get(&store.conn, "rollover_hour")? as u32);
    let scope = Scope {
        deck: args.deck.as_deref(),
        tag: args.tag.as_deref(),
    };
    let queue = todays_queue(
        store,
        scope,
        today,
        limits(store)?,
        args.new.map(|n| n as usize),
    )?;
    if queue.cards.is_empty() {
        return nothing_due(store, args, today, &queue, p);
    }
    let mut session = Session::new(queue.cards.iter().map(|c| c.0));
    // now_ms advances with the monotonic clock from the injected start time.
    let now_ms = |start: std::time::Instant| now.unix_ms() + clock::elapsed_ms(start);
    let pid = i64::from(std::process::id());
    let me = format!("{pid}-{}", now.unix_ms());
    let result = run_loop(
        store,
        &mut session,
        Day {
            today,
            deck: args.deck.as_deref(),
        },
        args,
        p,
        &me,
        pid,
        &|| now_ms(started),
    );
    // claims end with the session, however it ends
    let released = claims::release_all(&store.conn, &me);
    result?;
    released?;
    summary(store, &session, args, today, started, p)?;
    // the queue ran out: say which limits held cards back
    if session.current().is_none() {
        for note in limit_notes(store, args, today, &queue)? {
            p.info(&format!("Held back: {note}"))?;
        }
    }
    Ok(())
}

/// The day a session studies, and its deck filter.
#[derive(Clone, Copy)]
struct Day<'a> {
    today: NaiveDate,
    deck: Option<&'a str>,
}

#[allow(clippy::too_many_arguments)]
fn run_loop(
    store: &mut Store,
    session: &mut Session,
    day: Day<'_>,
    args: &StudyArgs,
    p: &mut dyn Prompter,
    me: &str,
    pid: i64,
    now_ms: &dyn Fn() -> i64,
) -> Result<()> {
    let today = day.today;
    let mut deck_names: std::collections::HashMap<String, String> = Default::default();
    let mut schedulers: std::collections::HashMap<String, deck_scheduler::Settings> =
        Default::default();
    'cards: while let Some(rowid) = session.current() {
        // deleted meanwhile (`recall delete` of its deck): nothing to show
        let exists: bool = store
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM cards WHERE id = ?1)")?
            .query_row([rowid], |r| r.get(0))?;
        if !exists {
            session.pass();
            continue;
        }
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
        let mut card = cards::by_rowid(&store.conn, rowid)?;
        if !deck_names.contains_key(&card.deck_id) {
            let name = decks::get(&store.conn, &card.deck_id)?
                .map_or_else(|| card.deck_id.clone(), |d| d.name);
            deck_names.insert(card.deck_id.clone(), name);
        }
        let drill = last_today.is_some();
        let shown = clock::instant();
        // time in the editor is not time spent answering
        let mut editing_ms = 0;
        p.show_card(&card_view(&deck_names, &card, session, drill))?;
        // the source holds the answer: once shown, no unaided grade
        let mut aided = false;
        let typed = loop {
            match p.ask_answer(args.reveal)? {
                AnswerInput::Typed(t) => break Some(t),
                AnswerInput::Reveal => break None,
                AnswerInput::Explain => {
                    let text = if card.content.context.is_empty() {
                        "(no source text stored for this card)".to_string()
                    } else {
                        aided = true;
                        format!("[{}] {}", card.content.source, card.content.context)
                    };
                    p.info(&text)?;
                }
                AnswerInput::Edit => {
                    editing_ms += edit(store, &mut card, p, now_ms)?;
                    p.show_card(&card_view(&deck_names, &card, session, drill))?;
                }
                AnswerInput::Skip => {
                    session.skip();
                    p.info("skipped (the card stays due)")?;
                    continue 'cards;
                }
                AnswerInput::Undo => {
                    undo(store, session, day, p)?;
                    continue 'cards;
                }
                AnswerInput::Quit => break 'cards,
            }
        };
        let assess = |card: &cards::StoredCard| {
            typed.as_deref().map(|t| {
                let c = &card.content;
                let mut a = grading::assess(&c.front, &c.expected_items(), c.ordered, t);
                if aided {
                    a.aided();
                }
                a
            })
        };
        let mut assessment = assess(&card);
        if !schedulers.contains_key(&card.deck_id) {
            let s = deck_scheduler::get(&store.conn, &card.deck_id)?;
            schedulers.insert(card.deck_id.clone(), s);
        }
        let settings = schedulers.get(&card.deck_id);
        let fsrs = settings.is_some_and(|s| s.kind == deck_scheduler::Kind::Fsrs);
        let previews = match settings {
            _ if drill => None,
            Some(s) if fsrs => {
                let cols = deck_scheduler::columns(&store.conn, rowid)?;
                Some(fsrs_scheduler::previews(
                    &s.model(),
                    s.retention,
                    &cols.card(card.state),
                    today,
                ))
            }
            _ => Some(scheduler::previews(&card.state, today)),
        };
        p.show_reveal(&RevealView {
            card: &card.content,
            assessment: assessment.as_ref(),
            previews,
            fsrs,
        })?;
        let grade: Grade = loop {
            let suggested = assessment.as_ref().map(|a| a.grade);
            match p.ask_grade(suggested)? {
                GradeInput::Grade(g) => break g,
                GradeInput::Accept => match suggested {
                    Some(g) => break g,
                    None => p.info("type a grade 0-5")?,
                },
                GradeInput::Edit => {
                    // a fixed card grades the typed answer afresh
                    editing_ms += edit(store, &mut card, p, now_ms)?;
                    assessment = assess(&card);
                    p.show_reveal(&RevealView {
                        card: &card.content,
                        assessment: assessment.as_ref(),
                        previews,
                        fsrs,
                    })?;
                }
                GradeInput::Undo => {
                    undo(store, session, day, p)?;
                    continue 'cards;
                }
                GradeInput::Quit => break 'cards,
            }
        };
        let suggested = assessment.as_ref().map(|a| a.grade);
        let info = AnswerInfo {
            taken_ms: (clock::elapsed_ms(shown) - editing_ms).max(0),
            suggested: suggested.map(|g| g.value()),
            typed: typed.clone(),
            detail: assessment
                .as_ref()
                .and_then(|a| serde_json::to_string(&a.items).ok()),
        };
        let (after, entry) =
            match reviews::record_answer(&mut store.conn, rowid, grade, today, now_ms(), &info) {
                Ok(done) => done,
                // its deck was deleted while the card was on screen
                Err(Error::NotFound(_)) => {
                    session.pass();
                    p.info(
                    "this card was deleted meanwhile (`recall delete`); the answer is not saved",
                )?;
                    continue;
                }
                Err(e) => return Err(e),
            };
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

/// The question side of `card`, shown as the session's next answer.
fn card_view<'a>(
    deck_names: &'a std::collections::HashMap<String, String>,
    card: &'a cards::StoredCard,
    session: &Session,
    drill: bool,
) -> CardView<'a> {
    CardView {
        deck: deck_names
            .get(&card.deck_id)
            .map_or(card.deck_id.as_str(), String::as_str),
        position: session.answered() + 1,
        total: session.answered() + session.remaining(),
        card: &card.content,
        drill,
    }
}

/// The `f` key: edits the card on screen in the editor (as `recall edit`
/// does) and reloads it. A refused edit is reported and the session goes
/// on. Returns the time spent editing (ms).
fn edit(
    store: &mut Store,
    card: &mut cards::StoredCard,
    p: &mut dyn Prompter,
    now_ms: &dyn Fn() -> i64,
) -> Result<i64> {
    let started = clock::instant();
    let name = format!("{}/{}", card.deck_id, card.content.id);
    match editor::edit_card(&mut store.conn, card.rowid, now_ms(), p.edit_mode()) {
        Ok(outcome) => {
            *card = cards::by_rowid(&store.conn, card.rowid)?;
            p.info(&crate::card_cmds::edit_message(&name, outcome))?;
        }
        Err(Error::Db(e)) => return Err(Error::Db(e)),
        Err(e) => p.info(&e.to_string())?,
    }
    Ok(clock::elapsed_ms(started))
}

/// Takes back the last answer of this session, or else (a new session)
/// the last answer of today in the session's decks: nothing logged after it
/// depends on it, since it is the latest answer of its card.
fn undo(
    store: &mut Store,
    session: &mut Session,
    day: Day<'_>,
    p: &mut dyn Prompter,
) -> Result<()> {
    if let Some(d) = session.undo() {
        reviews::undo(&mut store.conn, d.entry_id)?;
        return p.info(&format!("undone: grade {} taken back", d.grade));
    }
    match reviews::last_on(&store.conn, day.today, day.deck)? {
        Some(id) => {
            let e = reviews::undo(&mut store.conn, id)?;
            session.requeue(e.card_rowid);
            p.info(&format!(
                "undone: grade {} from earlier today taken back; the card comes again",
                e.grade
            ))
        }
        None => p.info("nothing to undo today"),
    }
}

/// The next due date after `today` and how many cards fall due on it.
fn next_due(store: &Store, scope: Scope<'_>, today: NaiveDate) -> Result<Option<(String, i64)>> {
    let deck = scope.deck;
    if let Some(tag) = scope.tag {
        // tags are not counted in deck_counts: read the tagged cards
        let row: Option<(String, i64)> = store
            .conn
            .query_row(
                &format!(
                    "SELECT s.due, COUNT(*) FROM cards c JOIN card_state s ON s.card_id = c.id
                     WHERE s.retired = 0 AND s.suspended = 0 AND s.due > :today
                       AND (:deck IS NULL OR s.deck_id = :deck) AND {}
                     GROUP BY s.due ORDER BY s.due LIMIT 1",
                    tag_filter(tag)
                ),
                rusqlite::named_params! {":today": day_str(today), ":deck": deck, ":tag": tag},
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        return Ok(row);
    }
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

/// Why cards are held back, one note per limit that holds some: the
/// global new-card and review limits, and decks' own.
fn limit_notes(
    store: &Store,
    args: &StudyArgs,
    today: NaiveDate,
    q: &Queue,
) -> Result<Vec<String>> {
    let facts = reviews::today_facts(&store.conn, today)?;
    let count = |deck: Option<&str>, pick: fn(&reviews::TodayFact) -> bool| {
        facts
            .values()
            .filter(|f| deck.is_none_or(|d| d == f.deck_id) && pick(f))
            .count() as i64
    };
    let own = decks::own_limits(&store.conn)?;
    let more = |limit: i64, done: i64| (limit.max(10) * 2).max(done + 10);
    // cards still due today in the session's scope, or in one deck of it
    let due_left = |deck: Option<&str>| -> Result<i64> {
        let scope = Scope {
            deck: deck.or(args.deck.as_deref()),
            tag: args.tag.as_deref(),
        };
        due_count(store, scope, today)
    };
    let mut notes = Vec::new();
    if q.new_held > 0 {
        let introduced = count(None, |f| f.introduced);
        let setting = config::get(&store.conn, "new_per_day")?;
        let limit = match args.new {
            // (only `--new 0` leaves no room: --new N allows N more)
            Some(n) => format!("`--new {n}` allows no more new cards in this session"),
            None => format!("{introduced} of {setting} new cards today, all decks"),
        };
        notes.push(format!(
            "daily new-card limit reached: {limit}; `recall study --new 10` for 10 more, or `recall config new_per_day {}`.",
            more(setting, introduced)
        ));
    }
    for deck in q.new_held_by_deck.keys() {
        let limit = own.get(deck).and_then(|l| l.new_per_day).unwrap_or(0) as i64;
        let introduced = count(Some(deck), |f| f.introduced);
        notes.push(format!(
            "deck '{deck}' new-card limit reached: {introduced} of {limit} new cards today from this deck; \
             `recall study --new 10` for 10 more, or `recall config --deck {deck} new_per_day {}`.",
            more(limit, introduced)
        ));
    }
    if q.reviews_held > 0 {
        let reviewed = count(None, |f| f.reviewed);
        let setting = config::get(&store.conn, "review_cap")?;
        let left = due_left(None)?;
        notes.push(format!(
            "daily review limit reached: {reviewed} of {setting} reviews today, all decks; {} due \
             (`recall config review_cap {}` to review them today).",
            plural(left, "more card is", "more cards are"),
            more(setting, reviewed + left)
        ));
    }
    for deck in q.reviews_held_by_deck.keys() {
        let limit = own.get(deck).and_then(|l| l.review_cap).unwrap_or(0) as i64;
        let reviewed = count(Some(deck), |f| f.reviewed);
        let left = due_left(Some(deck))?;
        notes.push(format!(
            "deck '{deck}' review limit reached: {reviewed} of {limit} reviews today from this deck; {} due \
             (`recall config --deck {deck} review_cap {}` to review them today).",
            plural(left, "more card is", "more cards are"),
            more(limit, reviewed + left)
        ));
    }
    Ok(notes)
}

/// Active cards due on or before `today` in `scope` (not new ones).
fn due_count(store: &Store, scope: Scope<'_>, today: NaiveDate) -> Result<i64> {
    Ok(match scope.tag {
        // tags are not counted in deck_counts: read the tagged cards
        Some(tag) => store.conn.query_row(
            &format!(
                "SELECT COUNT(*) FROM cards c JOIN card_state s ON s.card_id = c.id
                 WHERE s.retired = 0 AND s.suspended = 0 AND s.due <= :day
                   AND (:deck IS NULL OR s.deck_id = :deck) AND {}",
                tag_filter(tag)
            ),
            rusqlite::named_params! {":day": day_str(today), ":deck": scope.deck, ":tag": tag},
            |r| r.get(0),
        )?,
        // from the per-deck due counts: a few rows, not every card
        None => store.conn.query_row(
            "SELECT COALESCE(SUM(n), 0) FROM deck_counts
             WHERE suspended = 0 AND due != '' AND due <= ?2 AND (?1 IS NULL OR deck_id = ?1)",
            (scope.deck, day_str(today)),
            |r| r.get(0),
        )?,
    })
}

fn nothing_due(
    store: &Store,
    args: &StudyArgs,
    today: NaiveDate,
    q: &Queue,
    p: &mut dyn Prompter,
) -> Result<()> {
    let deck = args.deck.as_deref();
    let any_deck: bool = store
        .conn
        .query_row("SELECT EXISTS (SELECT 1 FROM decks)", [], |r| r.get(0))?;
    if !any_deck {
        return p.info(
            "No decks: `recall build DOC --import` makes one from a document, `recall import FILE` adds a deck file.",
        );
    }
    let head = format!("Nothing to study today ({})", day_str(today));
    let notes = limit_notes(store, args, today, q)?;
    if let Some((first, rest)) = notes.split_first() {
        p.info(&format!("{head}: {first}"))?;
        for note in rest {
            p.info(note)?;
        }
    } else {
        match next_due(
            store,
            Scope {
                deck,
                tag: args.tag.as_deref(),
            },
            today,
        )? {
            Some((day, n)) => p.info(&format!(
                "{head}. Next: {} due on {day}.",
                plural(n, "card", "cards")
            ))?,
            None if q.buried > 0 => p.info(&format!("{head}."))?,
            None => p.info(&format!("{head}, and no card is scheduled."))?,
        }
    }
    if q.buried > 0 {
        p.info(&format!(
            "{} until tomorrow: siblings (cards from the same source sentence) of cards answered today.",
            plural(q.buried as i64, "card waits", "cards wait")
        ))?;
    }
    Ok(())
}

fn summary(
    store: &Store,
    session: &Session,
    args: &StudyArgs,
    today: NaiveDate,
    started: std::time::Instant,
    p: &mut dyn Prompter,
) -> Result<()> {
    let deck = args.deck.as_deref();
    let scope = Scope {
        deck,
        tag: args.tag.as_deref(),
    };
    let t = session.tally;
    let tomorrow = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let due_tomorrow = due_count(store, scope, tomorrow)?;
    let secs = clock::elapsed_ms(started) / 1000;
    let mut parts = vec![plural(t.reviews as i64, "card studied", "cards studied")];
    if t.reviews > 0 {
        parts.push(format!(
            "{} of {} graded 3 or better ({}%)",
            t.passed,
            t.reviews,
            t.passed * 100 / t.reviews
        ));
    }
    parts.push(format!("{}m{:02}s", secs / 60, secs % 60));
    if t.drills > 0 {
        parts.push(plural(
            t.drills as i64,
            "final-drill answer",
            "final-drill answers",
        ));
    }
    if t.skipped > 0 {
        parts.push(format!("{} skipped", t.skipped));
    }
    // "due tomorrow" counts every card due by tomorrow (today's leftovers
    // too); when none is, the next day with cards due is named instead
    let next = if due_tomorrow > 0 {
        format!(
            "Due tomorrow ({}): {}.",
            day_str(tomorrow),
            plural(due_tomorrow, "card", "cards")
        )
    } else {
        match next_due(store, scope, today)? {
            Some((d, n)) => format!(
                "Nothing due tomorrow; next due: {} on {d}.",
                plural(n, "card", "cards")
            ),
            None => "No card is scheduled yet.".to_string(),
        }
    };
    p.info(&format!("Session over: {}.\n{next}", parts.join(", ")))
}
