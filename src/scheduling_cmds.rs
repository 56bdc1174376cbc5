//! The commands that choose and tune a deck's scheduler:
//! `recall config --deck ID ...` and `recall optimize [DECK]`.

use std::io::Write;
use std::path::Path;

use crate::cli::{ConfigArgs, OptimizeArgs};
use crate::clock::{self, Now};
use crate::error::{Error, Result};
use crate::evaluation::{self, FitError, History, Metrics};
use crate::fsrs_scheduler::Start;
use crate::output::say;
use crate::storage::deck_scheduler::{self, Kind, Settings};
use crate::storage::{decks, Store};

/// The per-deck settings `recall config --deck` knows.
pub const DECK_KEYS: [&str; 3] = ["scheduler", "retention", "params"];

fn require_deck(store: &Store, deck: &str) -> Result<()> {
    if decks::get(&store.conn, deck)?.is_none() {
        return Err(Error::NotFound(format!(
            "no deck '{deck}' (see `recall decks`)"
        )));
    }
    Ok(())
}

fn params_text(s: &Settings) -> String {
    match (&s.params, s.fitted_reviews) {
        (None, _) => "default (the fsrs crate's, fitted to many learners)".into(),
        (Some(_), Some(n)) => format!("fitted by `recall optimize` on {n} reviews"),
        (Some(_), None) => "fitted".into(),
    }
}

/// `recall config --deck ID [KEY [VALUE]]`.
pub fn deck_config(db: &Path, deck: &str, args: &ConfigArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = Store::open(db)?;
    require_deck(&store, deck)?;
    let s = deck_scheduler::get(&store.conn, deck)?;
    match (args.key.as_deref(), args.value.as_deref()) {
        (None, _) => {
            say!(
                out,
                "{:<10} {:<6}   sm2 (default) or fsrs",
                "scheduler",
                s.kind.as_str()
            );
            say!(
                out,
                "{:<10} {:<6.2}   FSRS's desired retention, 0.70-0.99 (default 0.90)",
                "retention",
                s.retention
            );
            say!(out, "{:<10} {}", "params", params_text(&s));
        }
        (Some("scheduler"), None) => say!(out, "{}", s.kind.as_str()),
        (Some("retention"), None) => say!(out, "{:.2}", s.retention),
        (Some("params"), None) => match &s.params {
            Some(p) => say!(
                out,
                "[{}]",
                p.iter()
                    .map(|w| format!("{w}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => say!(out, "default"),
        },
        (Some("scheduler"), Some(v)) => {
            let kind = Kind::parse(v).ok_or_else(|| {
                Error::Invalid(format!("scheduler: '{v}' is not one of sm2, fsrs"))
            })?;
            match deck_scheduler::switch(&mut store.conn, deck, kind)? {
                None => say!(out, "deck '{deck}' already uses {}", kind.as_str()),
                Some(r) if kind == Kind::Fsrs => {
                    say!(
                        out,
                        "deck '{deck}' now uses FSRS (desired retention {:.2}); due dates are kept.",
                        s.retention
                    );
                    say!(
                        out,
                        "  memories: {} card(s) from their review log, {} from their SM-2 state (log incomplete or empty){}",
                        r.from_log,
                        r.from_sm2,
                        if r.scheduled > 0 {
                            format!(", {} scheduled from an imported history", r.scheduled)
                        } else {
                            String::new()
                        }
                    );
                    say!(
                        out,
                        "  grades: 0-2 → Again, 3 → Hard, 4 → Good, 5 → Easy; `recall optimize {deck}` fits FSRS to your reviews"
                    );
                }
                Some(_) => say!(
                    out,
                    "deck '{deck}' now uses SM-2 again: every card has its SM-2 state back, moved on by the answers given under FSRS"
                ),
            }
        }
        (Some("retention"), Some(v)) => {
            let r = deck_scheduler::parse_retention(v)?;
            deck_scheduler::set_retention(&store.conn, deck, r)?;
            say!(
                out,
                "retention = {r:.2} for deck '{deck}'{}",
                if s.kind == Kind::Sm2 {
                    " (used once the deck uses FSRS)"
                } else {
                    " (from each card's next review on)"
                }
            );
        }
        (Some("params"), Some(v)) => {
            if v.trim() != "default" {
                return Err(Error::Invalid(format!(
                    "params: '{v}' is not 'default' (`recall optimize {deck}` fits parameters)"
                )));
            }
            let tx = store.conn.transaction()?;
            deck_scheduler::set_params(&tx, deck, None, None, None)?;
            if s.kind == Kind::Fsrs {
                let fresh = deck_scheduler::get(&tx, deck)?;
                deck_scheduler::memories_from_log(&tx, deck, &fresh, false)?;
            }
            tx.commit()?;
            say!(out, "params = default for deck '{deck}'");
        }
        (Some(k), _) => {
            return Err(Error::Invalid(format!(
                "unknown deck setting '{k}' (known: {}, {})",
                crate::storage::decks::OWN_SETTINGS.join(", "),
                DECK_KEYS.join(", ")
            )))
        }
    }
    Ok(())
}

/// The deck's histories the optimizer can use (complete from a card's
/// first review) and how many cards were left out (incomplete logs).
fn trainable(store: &Store, deck: &str) -> Result<(Vec<History>, usize)> {
    let mut out = Vec::new();
    let mut incomplete = 0;
    let mut logs: Vec<_> = deck_scheduler::histories(&store.conn, deck)?
        .into_iter()
        .collect();
    logs.sort_by_key(|(card, _)| *card);
    for (card, h) in logs {
        match h.start {
            Some(Start::New) => out.push(History {
                card,
                reviews: h.reviews,
            }),
            _ => incomplete += 1,
        }
    }
    Ok((out, incomplete))
}

/// `recall optimize [DECK]`.
pub fn optimize(db: &Path, now: Now, args: &OptimizeArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = Store::open(db)?;
    let targets: Vec<String> = match &args.deck {
        Some(d) => {
            require_deck(&store, d)?;
            vec![d.clone()]
        }
        None => {
            let fsrs = deck_scheduler::fsrs_decks(&store.conn)?;
            if fsrs.is_empty() {
                return Err(Error::Invalid(
                    "no deck uses FSRS: name a deck (`recall optimize DECK`) or switch one \
                     (`recall config --deck DECK scheduler fsrs`)"
                        .into(),
                ));
            }
            fsrs
        }
    };
    for deck in targets {
        optimize_deck(&mut store, &deck, now, args.dry_run, out)?;
    }
    Ok(())
}

fn optimize_deck(
    store: &mut Store,
    deck: &str,
    now: Now,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let settings = deck_scheduler::get(&store.conn, deck)?;
    let (histories, incomplete) = trainable(store, deck)?;
    let started = clock::instant();
    let fitted = evaluation::fit(&histories).map_err(|e| match e {
        FitError::TooFew { found, needed } => Error::Invalid(format!(
            "deck '{deck}': {found} review(s) that follow an earlier review of the same card; \
             the fsrs optimizer needs at least {needed}. Study more (or bring your Anki history: \
             `recall import FILE.apkg --with-history`) and try again"
        )),
        other => Error::Invalid(format!("deck '{deck}': {other}")),
    })?;
    let ms = clock::elapsed_ms(started);
    let before = evaluation::metrics(&evaluation::fsrs_predictions(
        settings.params.as_deref(),
        &histories,
    ));
    let after = evaluation::metrics(&evaluation::fsrs_predictions(Some(&fitted), &histories));
    let reviews = before.n;
    say!(
        out,
        "deck '{deck}': fitted FSRS on {reviews} review(s) of {} card(s) in {:.2} s{}",
        histories.len(),
        ms as f64 / 1000.0,
        if incomplete > 0 {
            format!(
                " ({incomplete} card(s) left out: their log does not start at their first review)"
            )
        } else {
            String::new()
        }
    );
    if reviews < evaluation::FULL_TRAINING_REVIEWS {
        say!(
            out,
            "  (below {} reviews the crate fits only the four initial stabilities)",
            evaluation::FULL_TRAINING_REVIEWS
        );
    }
    let row = |label: &str, m: &Metrics, out: &mut dyn Write| -> Result<()> {
        say!(
            out,
            "  {label:<28} log loss {:.4}   RMSE(bins) {:.4}",
            m.log_loss,
            m.rmse_bins
        );
        Ok(())
    };
    let label = if settings.params.is_some() {
        "before (fitted earlier)"
    } else {
        "before (default parameters)"
    };
    row(label, &before, out)?;
    row("after (fitted now)", &after, out)?;
    let better = after.log_loss < before.log_loss;
    if dry_run {
        say!(out, "  (dry run: nothing was changed)");
        return Ok(());
    }
    if !better {
        say!(
            out,
            "  kept the parameters in force: the new ones do not predict this log better"
        );
        return Ok(());
    }
    let tx = store.conn.transaction()?;
    deck_scheduler::set_params(
        &tx,
        deck,
        Some(&fitted),
        Some(reviews as i64),
        Some(now.unix_ms()),
    )?;
    let note = if settings.kind == Kind::Fsrs {
        let fresh = deck_scheduler::get(&tx, deck)?;
        let r = deck_scheduler::memories_from_log(&tx, deck, &fresh, false)?;
        format!(
            "; memories of {} card(s) recomputed with them (due dates kept)",
            r.from_log + r.from_sm2
        )
    } else {
        format!(
            "; the deck uses SM-2: they apply once it uses FSRS (`recall config --deck {deck} scheduler fsrs`)"
        )
    };
    tx.commit()?;
    say!(out, "  stored for deck '{deck}'{note}");
    Ok(())
}
