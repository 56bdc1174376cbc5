//! Everyday card management, one function per command: `recall edit`,
//! `tag`, `suspend`, `unsuspend`, `search`, `history` and `delete`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rusqlite::TransactionBehavior;
use serde::Serialize;

use crate::cli;
use crate::clock::Now;
use crate::editor::{self, Mode, Outcome};
use crate::error::{Error, Result};
use crate::output::{self, out_err, plural, say};
use crate::storage::cards::{self, Edited, StoredCard};
use crate::storage::{self, decks, reviews, search, Store};

fn name(c: &StoredCard) -> String {
    format!("{}/{}", c.deck_id, c.content.id)
}

/// `recall edit CARD`.
pub fn edit(db: &Path, now: Now, args: &cli::EditArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = Store::open(db)?;
    let card = cards::find(&store.conn, &args.card)?;
    let mode = Mode {
        interactive: std::io::stdin().is_terminal(),
        inherit_stdin: true,
    };
    let outcome = editor::edit_card(&mut store.conn, card.rowid, now.unix_ms(), mode)?;
    say!(out, "{}", edit_message(&name(&card), outcome));
    Ok(())
}

/// What an edit did, in one line.
pub fn edit_message(card: &str, outcome: Outcome) -> String {
    match outcome {
        Outcome::Saved(Edited::AsInFile) => {
            format!("saved card '{card}': it is as its deck file has it again (no local edit)")
        }
        Outcome::Saved(_) => format!(
            "saved card '{card}'; its progress is kept (a local edit: importing its deck file keeps it)"
        ),
        Outcome::Unchanged => format!("card '{card}' is unchanged"),
        Outcome::Cancelled => format!("edit of card '{card}' cancelled: nothing changed"),
    }
}

/// Tag changes and cards from `recall tag`'s arguments.
fn tag_args(args: &[String]) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
    let (mut cards, mut add, mut remove) = (Vec::new(), Vec::new(), Vec::new());
    for a in args {
        let (list, tag) = match a.chars().next() {
            Some('+') => (&mut add, &a[1..]),
            Some('-') => (&mut remove, &a[1..]),
            _ => {
                cards.push(a.clone());
                continue;
            }
        };
        if tag.is_empty() || tag.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(Error::Invalid(format!(
                "'{a}': a tag is one word without spaces, after + (add) or - (remove)"
            )));
        }
        list.push(tag.to_string());
    }
    if cards.is_empty() {
        return Err(Error::Invalid(
            "no card given: `recall tag CARD… +TAG -TAG`".into(),
        ));
    }
    if add.is_empty() && remove.is_empty() {
        return Err(Error::Invalid(
            "no tag change given: +TAG adds a tag, -TAG removes one".into(),
        ));
    }
    if let Some(t) = add
        .iter()
        .find(|t| remove.iter().any(|r| r.eq_ignore_ascii_case(t)))
    {
        return Err(Error::Invalid(format!(
            "tag '{t}' is both added and removed"
        )));
    }
    Ok((cards, add, remove))
}

/// `tags` with `remove` taken out and `add` put in (case-insensitively:
/// `Hard` and `hard` are one tag; an existing spelling is kept).
pub fn change_tags(tags: &[String], add: &[String], remove: &[String]) -> Vec<String> {
    let mut out: Vec<String> = tags
        .iter()
        .filter(|t| !remove.iter().any(|r| r.eq_ignore_ascii_case(t)))
        .cloned()
        .collect();
    for a in add {
        if !out.iter().any(|t| t.eq_ignore_ascii_case(a)) {
            out.push(a.clone());
        }
    }
    out
}

/// Whether `tags` hold `tag` or a tag under it (`bio` holds `bio::cells`),
/// ignoring ASCII case (as the study queue's SQL does).
pub fn has_tag(tags: &[String], tag: &str) -> bool {
    tags.iter().any(|t| {
        t.eq_ignore_ascii_case(tag)
            || (t.len() > tag.len() + 1
                && t.is_char_boundary(tag.len())
                && t[..tag.len()].eq_ignore_ascii_case(tag)
                && t[tag.len()..].starts_with("::"))
    })
}

/// `recall tag CARD… +TAG -TAG`.
pub fn tag(db: &Path, now: Now, args: &cli::TagArgs, out: &mut dyn Write) -> Result<()> {
    let (specs, add, remove) = tag_args(&args.args)?;
    let mut store = Store::open(db)?;
    let found = cards::find_all(&store.conn, &specs)?;
    if let Some(c) = found.iter().find(|c| c.retired) {
        return Err(Error::Invalid(format!(
            "card '{}' is retired (its deck file no longer has it); nothing changed",
            name(c)
        )));
    }
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut lines = Vec::new();
    for c in &found {
        // re-read inside the transaction
        let now_card = cards::by_rowid(&tx, c.rowid)?;
        let mut content = now_card.content.clone();
        content.tags = change_tags(&content.tags, &add, &remove);
        let result = cards::edit_content(&tx, c.rowid, &content, now.unix_ms())?;
        let tags = if content.tags.is_empty() {
            "no tags".to_string()
        } else {
            format!("tags: {}", content.tags.join(" "))
        };
        lines.push(match result {
            Edited::Unchanged => format!("{}: unchanged ({tags})", name(c)),
            _ => format!("{}: {tags}", name(c)),
        });
    }
    tx.commit()?;
    for l in lines {
        say!(out, "{l}");
    }
    Ok(())
}

/// `recall suspend CARD…` (`suspend` true) and `recall unsuspend CARD…`.
pub fn suspend(db: &Path, specs: &[String], suspend: bool, out: &mut dyn Write) -> Result<()> {
    let mut store = Store::open(db)?;
    // every card is found before anything changes
    let found = cards::find_all(&store.conn, specs)?;
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut lines = Vec::new();
    for c in &found {
        let now_card = cards::by_rowid(&tx, c.rowid)?;
        let line = match (suspend, now_card.suspended) {
            (true, true) => format!("card '{}' is suspended already", name(c)),
            (false, false) => format!("card '{}' is not suspended: nothing to do", name(c)),
            (true, false) => {
                cards::set_suspended(&tx, c.rowid, true)?;
                format!(
                    "card '{}' is suspended: not shown until `recall unsuspend {}`",
                    name(c),
                    c.content.id
                )
            }
            (false, true) => {
                cards::set_suspended(&tx, c.rowid, false)?;
                format!("card '{}' will be shown again", name(c))
            }
        };
        lines.push(line);
    }
    tx.commit()?;
    for l in lines {
        say!(out, "{l}");
    }
    Ok(())
}

/// A card found by `recall search --json`.
#[derive(Debug, Serialize)]
struct HitJson {
    id: String,
    deck: String,
    kind: &'static str,
    front: String,
    back: String,
    items: Vec<String>,
    source: String,
    context: String,
    tags: Vec<String>,
    score: f64,
}

/// `recall search TEXT…`.
pub fn search(db: &Path, args: &cli::SearchArgs, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(db)?;
    if let Some(d) = &args.deck {
        if decks::get(&store.conn, d)?.is_none() {
            return Err(Error::NotFound(format!(
                "no deck '{d}' (see `recall decks`)"
            )));
        }
    }
    let text = args.text.join(" ");
    let found = search::search(&store.conn, &text, args.deck.as_deref(), args.limit)?;
    let broad = format!(
        "more than {} cards match '{text}': these are the best of the first {} (the oldest cards); add a word to narrow the search",
        search::RANK_AT_MOST,
        search::RANK_AT_MOST
    );
    let hits = found.hits;
    if args.json {
        if found.capped {
            // (standard output stays JSON)
            eprintln!("recall: note: {broad}");
        }
        let rows: Vec<HitJson> = hits
            .into_iter()
            .map(|h| HitJson {
                id: h.card.content.id,
                deck: h.card.deck_id,
                kind: h.card.content.kind.as_str(),
                front: h.card.content.front,
                back: h.card.content.back,
                items: h.card.content.items,
                source: h.card.content.source,
                context: h.card.content.context,
                tags: h.card.content.tags,
                score: h.score,
            })
            .collect();
        return crate::output::print_json(out, &rows);
    }
    if hits.is_empty() {
        say!(out, "no card matches '{text}'");
        return Ok(());
    }
    let shown = plural(hits.len() as i64, "card matches", "cards match");
    let more = if hits.len() == args.limit {
        format!(" (the best {}; --limit N for more)", args.limit)
    } else {
        String::new()
    };
    if found.capped {
        say!(out, "{broad}.");
    } else {
        say!(out, "{shown} '{text}', best first{more}:");
    }
    let (open, close) = search::MARK;
    for h in hits {
        let c = &h.card;
        say!(
            out,
            "{}  {}{}",
            name(c),
            output::cut_words(&c.content.front, 80),
            if c.suspended { "  [suspended]" } else { "" }
        );
        say!(
            out,
            "    answer: {}",
            output::cut_words(&c.content.answer_text(), 76)
        );
        if !h.context.is_empty() {
            let marked = h.context.replace(open, "«").replace(close, "»");
            say!(out, "    source: {}", marked.replace('\n', " "));
        }
    }
    Ok(())
}

/// `recall history CARD`.
pub fn history(db: &Path, now: Now, args: &cli::HistoryArgs, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(db)?;
    let card = cards::find(&store.conn, &args.card)?;
    let entries = reviews::history(&store.conn, card.rowid)?;
    if args.json {
        #[derive(Serialize)]
        struct Json<'a> {
            id: &'a str,
            deck: &'a str,
            answers: Vec<AnswerJson<'a>>,
        }
        #[derive(Serialize)]
        struct AnswerJson<'a> {
            /// RFC 3339 in the offset of --now (or the machine's).
            at: String,
            #[serde(flatten)]
            entry: &'a reviews::HistoryEntry,
        }
        let answers = entries
            .iter()
            .map(|e| AnswerJson {
                at: now.format_ms(e.reviewed_at, "%Y-%m-%dT%H:%M:%S%:z"),
                entry: e,
            })
            .collect();
        return crate::output::print_json(
            out,
            &Json {
                id: &card.content.id,
                deck: &card.deck_id,
                answers,
            },
        );
    }
    say!(
        out,
        "{}  {}",
        name(&card),
        output::cut_words(&card.content.front, 70)
    );
    if entries.is_empty() {
        say!(out, "no answers yet (the card is new)");
        return Ok(());
    }
    say!(
        out,
        "{}; now ef={} interval={}d lapses={}{}",
        plural(entries.len() as i64, "answer", "answers"),
        output::ef(card.state.ef),
        card.state.interval,
        card.state.lapses,
        card.state
            .due
            .map_or(String::new(), |d| format!(" due={}", cards::day_str(d)))
    );
    for e in &entries {
        let suggested = e
            .suggested
            .map_or(String::new(), |s| format!(" (suggested {s})"));
        let change = if e.kind == "drill" {
            "schedule unchanged".to_string()
        } else {
            format!(
                "interval {}d → {}d, ef {} → {}",
                e.before.interval,
                e.after.interval,
                output::ef(e.before.ef),
                output::ef(e.after.ef)
            )
        };
        say!(
            out,
            "{} {}  {:<9} grade {}{suggested}  {change}",
            e.day,
            now.format_ms(e.reviewed_at, "%H:%M"),
            e.kind,
            e.grade
        );
        match &e.typed {
            Some(t) => say!(out, "    typed: {t}"),
            None => say!(
                out,
                "    typed: nothing (revealed, or graded with `recall answer`)"
            ),
        }
        if let Some(items) = e.items.as_ref().and_then(|v| v.as_array()) {
            if items.len() > 1 {
                say!(out, "    items: {}", item_marks(items));
            }
        }
    }
    Ok(())
}

/// Per-item results as the session marks them: ✓ found, ~ typo, ½ partly,
/// ✗ missed, ↕ out of place.
fn item_marks(items: &[serde_json::Value]) -> String {
    items
        .iter()
        .map(|i| {
            let credit = i["credit"].as_f64().unwrap_or(0.0);
            let mark = if i["out_of_place"].as_bool() == Some(true) {
                "↕"
            } else if credit >= 1.0 && i["typo"].as_bool() == Some(true) {
                "~"
            } else if credit >= 1.0 {
                "✓"
            } else if credit > 0.0 {
                "½"
            } else {
                "✗"
            };
            format!("{mark} {}", i["expected"].as_str().unwrap_or("?"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where `recall delete` puts its backup: next to the database, named
/// after the deck and the moment (`recall.db.before-delete-bio-20260301-090000.bak`).
fn delete_backup_path(db: &Path, deck: &str, now: Now) -> PathBuf {
    let safe: String = deck
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stamp = now.format_ms(now.unix_ms(), "%Y%m%d-%H%M%S");
    let file = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("-{n}")
        };
        let p = db.with_file_name(format!("{file}.before-delete-{safe}-{stamp}{suffix}.bak"));
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

/// `recall delete DECK`.
pub fn delete(db: &Path, now: Now, args: &cli::DeleteArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = Store::open(db)?;
    let meta = decks::get(&store.conn, &args.deck)?.ok_or_else(|| {
        Error::NotFound(format!(
            "no deck '{}' (see `recall decks`); nothing changed",
            args.deck
        ))
    })?;
    let (cards_n, answers_n): (i64, i64) = store.conn.query_row(
        "SELECT (SELECT COUNT(*) FROM cards WHERE deck_id = ?1),
                (SELECT COALESCE(SUM(answers), 0) FROM daily WHERE deck_id = ?1)",
        [&meta.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let what = format!(
        "deck '{}' ({}): {} and {}",
        meta.id,
        meta.name,
        plural(cards_n, "card", "cards"),
        plural(answers_n, "logged answer", "logged answers")
    );
    if !args.yes {
        if !std::io::stdin().is_terminal() {
            return Err(Error::Invalid(format!(
                "refusing to delete {what} without --yes (standard input is not a terminal to ask on); nothing changed"
            )));
        }
        out.flush().map_err(out_err)?;
        let sure = dialoguer::Confirm::new()
            .with_prompt(format!(
                "Delete {what}? A backup of the database is taken first"
            ))
            .default(false)
            .interact()
            .map_err(|e| match e {
                dialoguer::Error::IO(e) => Error::io("<terminal>", e),
            })?;
        if !sure {
            say!(out, "kept deck '{}': nothing changed", meta.id);
            return Ok(());
        }
    }
    let backup = delete_backup_path(db, &meta.id, now);
    storage::backup_to(&store.conn, &backup)?;
    let gone = decks::delete(&mut store.conn, &meta.id)?;
    say!(
        out,
        "deleted deck '{}' ({}): {} and {}",
        meta.id,
        meta.name,
        plural(gone.cards as i64, "card", "cards"),
        plural(gone.answers as i64, "logged answer", "logged answers")
    );
    say!(
        out,
        "backup of the database before the deletion: {} (copy it over {} to undo)",
        backup.display(),
        db.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: &[&str]) -> Vec<String> {
        x.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tag_arguments_split_into_cards_and_changes() {
        let (c, a, r) = tag_args(&v(&["q1", "+hard", "demo/q2", "-easy"])).unwrap();
        assert_eq!(
            (c, a, r),
            (v(&["q1", "demo/q2"]), v(&["hard"]), v(&["easy"]))
        );
        for bad in [
            &["q1"][..],
            &["+x"],
            &["q1", "+"],
            &["q1", "+a b"],
            &["q1", "+a", "-A"],
        ] {
            assert!(tag_args(&v(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn tags_change_without_duplicates_or_case_clashes() {
        let t = change_tags(&v(&["Hard", "bio"]), &v(&["hard", "new"]), &v(&["BIO"]));
        assert_eq!(t, v(&["Hard", "new"]));
    }

    #[test]
    fn a_tag_holds_the_tags_under_it() {
        let t = v(&["Bio::Cells", "art"]);
        assert!(has_tag(&t, "bio"));
        assert!(has_tag(&t, "bio::cells"));
        assert!(has_tag(&t, "ART"));
        assert!(!has_tag(&t, "bio::c"));
        assert!(!has_tag(&t, "ar"));
        assert!(!has_tag(&v(&["é::x"]), "e"));
    }
}
