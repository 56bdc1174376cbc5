//! Study groups: what the group knows and misses, without sharing anyone's
//! database.
//!
//! Each member writes a progress summary of one deck (`recall group
//! progress`, [`collect`] into the [`summary`] format); anyone merges the
//! summaries (`recall group report`, [`merge`]) into the group's view of
//! the document's [`parts`], shown as a terminal [`table`], an [`svg`]
//! image or an [`html`] page. Only this file and [`collect`] do I/O.

pub mod collect;
pub mod html;
pub mod merge;
pub mod parts;
pub mod render;
pub mod summary;
pub mod svg;
pub mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{GroupArgs, GroupCommand, GroupProgressArgs, GroupReportArgs};
use crate::clock::Now;
use crate::deckfile;
use crate::error::{Error, Result};
use crate::output::{self, say, write_atomically};
use crate::storage::{config, member, Store};

use merge::{Input, Reference, Rule, Skipped};
use summary::Member;

/// `recall group …`.
pub fn command(db: &Path, now: Now, args: &GroupArgs, out: &mut dyn Write) -> Result<()> {
    match &args.command {
        GroupCommand::Progress(a) => progress(db, now, a, out),
        GroupCommand::Report(a) => report(a, out),
    }
}

/// Checks a member name given with `--name`.
fn checked_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > summary::MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(Error::Invalid(format!(
            "--name: give 1 to {} characters on one line",
            summary::MAX_NAME_CHARS
        )));
    }
    Ok(name.to_string())
}

/// A file about to be overwritten with a summary must be this member's
/// summary of this deck: anything else (the deck file itself, another
/// member's summary) is kept.
fn may_overwrite(path: &Path, member_id: &str, deck_id: &str) -> Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let keep = |why: String| {
        Err(Error::Invalid(format!(
            "{}: {why}; not overwritten (delete it, or choose another -o FILE)",
            path.display()
        )))
    };
    match summary::read(path) {
        Err(_) => keep("exists and is not a progress summary".into()),
        Ok(s) if s.member.id != member_id => keep(format!(
            "holds the progress of another member ({})",
            s.label()
        )),
        Ok(s) if s.deck.id != deck_id => {
            keep(format!("holds your progress on deck '{}'", s.deck.id))
        }
        Ok(_) => Ok(()),
    }
}

fn progress(db: &Path, now: Now, args: &GroupProgressArgs, out: &mut dyn Write) -> Result<()> {
    let name = args.name.as_deref().map(checked_name).transpose()?;
    let mut store = Store::open(db)?;
    if crate::storage::decks::get(&store.conn, &args.deck)?.is_none() {
        return Err(Error::NotFound(format!(
            "no deck '{}' (see `recall decks`)",
            args.deck
        )));
    }
    let id = member::id(&mut store.conn, now.unix_ms())?;
    may_overwrite(&args.output, &id, &args.deck)?;
    let today = now.study_day(config::get(&store.conn, "rollover_hour")? as u32);
    let s = collect::collect(&store.conn, &args.deck, today, Member { id, name })?;
    write_atomically(&args.output, s.to_json().as_bytes())?;
    let studied = s.cards.iter().filter(|c| c.last_grade.is_some()).count();
    say!(
        out,
        "wrote your progress on deck '{}' ({} cards, {} studied) to {} as {}",
        s.deck.id,
        s.cards.len(),
        studied,
        args.output.display(),
        match &s.member.name {
            Some(n) => format!("'{n}' ({})", s.member.id),
            None => format!("member {} (no name: pass --name to show one)", s.member.id),
        }
    );
    say!(
        out,
        "share it next to the deck file; anyone then runs `recall group report FILE…`"
    );
    Ok(())
}

/// The summary files named: files as given, directories as their `.json`
/// files (sorted).
fn expand(files: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(f)
                .map_err(|e| Error::io(f, e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension()
                            .is_some_and(|x| x.eq_ignore_ascii_case("json"))
                })
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(Error::Invalid(format!(
                    "{}: a directory without .json files (progress summaries)",
                    f.display()
                )));
            }
            out.extend(found);
        } else {
            out.push(f.clone());
        }
    }
    Ok(out)
}

/// The reason for a skipped file, without the file name in front.
fn reason(e: &Error) -> String {
    match e {
        Error::Parse { line, col, msg, .. } => format!("line {line}, column {col}: {msg}"),
        Error::BadFile { msg, .. } => msg.clone(),
        Error::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// Whether two paths name the same file (as far as can be told).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

fn report(args: &GroupReportArgs, out: &mut dyn Write) -> Result<()> {
    let files = expand(&args.files)?;
    // an output must not overwrite an input
    for target in [&args.svg, &args.html].into_iter().flatten() {
        let inputs = files.iter().chain(args.deck_file.iter());
        if let Some(f) = inputs.into_iter().find(|f| same_file(f, target)) {
            return Err(Error::Invalid(format!(
                "{}: is an input of this report; write the image or page to another file",
                f.display()
            )));
        }
    }
    let reference = match &args.deck_file {
        Some(path) => Some(Reference::from_deck(&deckfile::read(path)?)),
        None => None,
    };
    let mut skipped: Vec<Skipped> = Vec::new();
    let mut inputs = Vec::with_capacity(files.len());
    for f in &files {
        match summary::read(f) {
            Ok(s) => inputs.push(Input {
                file: f.display().to_string(),
                summary: s,
            }),
            Err(e) => skipped.push(Skipped {
                file: f.display().to_string(),
                reason: reason(&e),
            }),
        }
    }
    let warn = |list: &[Skipped]| {
        let mut err = std::io::stderr().lock();
        for s in list {
            let _ = writeln!(
                err,
                "recall: {}: {} (not merged)",
                render::clean(&s.file),
                render::clean(&s.reason)
            );
        }
    };
    let rule = Rule {
        min_interval: args.min_interval,
        ..Rule::default()
    };
    let mut report = match merge::merge(inputs, reference, rule) {
        Ok(r) => r,
        Err(refusal) => {
            skipped.extend(refusal.skipped);
            warn(&skipped);
            return Err(Error::Invalid(format!("no report: {}", refusal.msg)));
        }
    };
    skipped.append(&mut report.skipped);
    report.skipped = skipped;
    warn(&report.skipped);
    if let Some(path) = &args.svg {
        write_atomically(path, svg::svg(&report).as_bytes())?;
    }
    if let Some(path) = &args.html {
        write_atomically(path, html::html(&report).as_bytes())?;
    }
    if args.json {
        return output::print_json(out, &report);
    }
    let width = args
        .width
        .unwrap_or_else(output::terminal_width)
        .clamp(40, 200);
    out.write_all(table::text(&report, width, args.ascii).as_bytes())
        .map_err(output::out_err)?;
    for (what, path) in [("image", &args.svg), ("page", &args.html)] {
        if let Some(p) = path {
            say!(out, "{what} written to {}", p.display());
        }
    }
    Ok(())
}
