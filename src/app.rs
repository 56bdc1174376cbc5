//! One function per subcommand: parse arguments into calls on the pure parts
//! and the store, and print the results.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use serde::Serialize;

use crate::anki;
use crate::builder::{self, BuildOptions};
use crate::card_cmds;
use crate::cli::{self, Cli, Command};
use crate::clock::Now;
use crate::deckfile;
use crate::error::{Error, Result};
use crate::import;
use crate::model::{Deck, Grade};
use crate::output::{self, out_err, plural, say, write_atomically};
use crate::session;
use crate::storage::{self, cards, config, decks, reviews, Store};

/// Runs a parsed command line, writing normal output to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<()> {
    let now = Now::resolve(cli.now.as_deref())?;
    let db = match cli.db.clone() {
        Some(p) => p,
        None => default_db_path()?,
    };
    match cli.command {
        Command::Study(args) => session::driver::study(&db, now, &args, out),
        Command::Build(args) => build(&db, now, &args, out),
        Command::Import(args) => import_cmd(&db, now, &args, out),
        Command::Export(args) => export(&db, now, &args, out),
        Command::Decks(args) => decks_cmd(&db, now, args.json, out),
        Command::Cards(args) => cards_cmd(&db, now, &args, out),
        Command::Answer(args) => answer(&db, now, &args, out),
        // a deck's own settings: its limits (new_per_day, review_cap) and
        // its scheduler (scheduler, retention, params); without a key, both
        Command::Config(args) => match (&args.deck, args.key.as_deref()) {
            (Some(deck), None) => {
                deck_config_cmd(&Store::open(&db)?, deck, &args, out)?;
                crate::scheduling_cmds::deck_config(&db, deck, &args, out)
            }
            (Some(deck), Some(k)) if crate::scheduling_cmds::DECK_KEYS.contains(&k) => {
                crate::scheduling_cmds::deck_config(&db, deck, &args, out)
            }
            // the limits, and the errors for every other key
            (Some(deck), Some(_)) => deck_config_cmd(&Store::open(&db)?, deck, &args, out),
            (None, _) => config_cmd(&db, &args, out),
        },
        Command::Optimize(args) => crate::scheduling_cmds::optimize(&db, now, &args, out),
        Command::Backup(args) => backup(&db, &args.file, out),
        Command::Edit(args) => card_cmds::edit(&db, now, &args, out),
        Command::Tag(args) => card_cmds::tag(&db, now, &args, out),
        Command::Suspend(args) => card_cmds::suspend(&db, &args.cards, true, out),
        Command::Unsuspend(args) => card_cmds::suspend(&db, &args.cards, false, out),
        Command::Search(args) => card_cmds::search(&db, &args, out),
        Command::History(args) => card_cmds::history(&db, now, &args, out),
        Command::Delete(args) => card_cmds::delete(&db, now, &args, out),
        Command::Undo => undo(&db, now, out),
        Command::Stats(args) => crate::stats::command(&db, now, &args, out),
        Command::Check => check(&db, out),
        Command::Group(args) => crate::group::command(&db, now, &args, out),
        Command::Completions(args) => {
            // generated into memory: clap_complete panics on a write error,
            // and a closed pipe (`| head -1`) must end quietly
            let mut cmd = Cli::command();
            let mut text = Vec::new();
            clap_complete::generate(args.shell, &mut cmd, "recall", &mut text);
            out.write_all(&text).map_err(out_err)
        }
    }
}

/// `~/.local/share/recall/recall.db` or the platform's equivalent.
pub fn default_db_path() -> Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "recall").ok_or_else(|| {
        Error::Invalid("cannot find a home directory for the database; pass --db PATH".into())
    })?;
    Ok(dirs.data_dir().join("recall.db"))
}

fn rollover(store: &Store) -> Result<u32> {
    Ok(config::get(&store.conn, "rollover_hour")? as u32)
}

fn build(db: &Path, now: Now, args: &cli::BuildArgs, out: &mut dyn Write) -> Result<()> {
    let bytes = std::fs::read(&args.doc).map_err(|e| Error::io(&args.doc, e))?;
    let text = builder::decode_document(&args.doc, &bytes)?;
    let stem = args
        .doc
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "deck".into());
    let file_name = args
        .doc
        .file_name()
        .map(|s| s.to_string_lossy().into_owned());
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("{stem}.toml")));
    if output.exists() && !args.force {
        return Err(Error::Invalid(format!(
            "{}: already exists (it may be a hand-edited deck); pass --force to overwrite it, or -o FILE",
            output.display()
        )));
    }
    let opts = BuildOptions {
        name: args.name.clone(),
        source_name: file_name,
    };
    let spinner = crate::progress::Spinner::start("building the deck");
    let built = builder::build_deck(&text, &opts).map_err(|msg| Error::BadFile {
        path: args.doc.clone(),
        msg,
    })?;
    let toml = deckfile::to_toml(&built.deck);
    write_atomically(&output, toml.as_bytes())?;
    drop(spinner);
    say!(
        out,
        "wrote {} cards to {} ({})",
        built.deck.cards.len(),
        output.display(),
        built.summary()
    );
    if args.verbose {
        for (c, e) in built.deck.cards.iter().zip(&built.explained) {
            say!(
                out,
                "  card [{}] {} (rule {}, score {:.2}): {} → {}",
                c.source,
                c.id,
                e.rule,
                e.score,
                c.front,
                c.answer_text()
            );
        }
        for d in &built.dropped {
            say!(
                out,
                "  dropped [{}] {}: {} → {}",
                d.source,
                d.reason,
                d.front,
                d.answer
            );
        }
    }
    if args.import {
        let mut store = Store::open(db)?;
        let report = import::import_deck(&mut store.conn, &built.deck, now.unix_ms(), false)?;
        print_report(out, &report)?;
    }
    Ok(())
}

/// What a file to import holds, read and checked before the database opens.
struct Incoming {
    decks: Vec<Deck>,
    notes: Vec<String>,
    from_anki_package: bool,
    history: Vec<anki::history::AnkiReview>,
}

/// A package exported by recall comes back under recall's own ids: each
/// exported note's GUID derives from (deck id, card id), so the importer's
/// Anki card id for every stored card is recomputed, and an incoming card
/// with one of them takes that card's id (and its deck's id, name and
/// source) back. A package carries no source sentence, so a card that
/// comes back keeps the stored one.
fn take_back_own_ids(store: &Store, decks: &mut [Deck]) -> Result<()> {
    use std::collections::HashMap;
    let mut known: HashMap<String, (String, String, String)> = HashMap::new();
    let mut stmt = store
        .conn
        .prepare("SELECT deck_id, key, context FROM cards")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (deck, key, context) = row?;
        let anki_id = anki::card_id_for(&anki::guid_for(&deck, &key), 0);
        known.insert(anki_id, (deck, key, context));
    }
    for deck in decks {
        let mut homes: HashMap<&str, usize> = HashMap::new();
        for card in &mut deck.cards {
            if let Some((home, key, context)) = known.get(&card.id) {
                card.id = key.clone();
                if card.context.is_empty() {
                    card.context = context.clone();
                }
                *homes.entry(home.as_str()).or_default() += 1;
            }
        }
        let home = homes
            .into_iter()
            .max_by_key(|&(d, n)| (n, std::cmp::Reverse(d)));
        if let Some((home, _)) = home {
            if let Some(meta) = decks::get(&store.conn, home)? {
                deck.meta = meta;
            }
        }
    }
    Ok(())
}

fn read_incoming(path: &Path, with_history: bool) -> Result<Incoming> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "apkg" | "colpkg" => {
            let col = anki::package::read(path, &bytes)?;
            let imported = anki::import::read_with(path, &col, with_history)?;
            let mut notes = Vec::new();
            if imported.media_skipped > 0 {
                notes.push(format!(
                    "{} media file(s) skipped (recall shows text only)",
                    imported.media_skipped
                ));
            }
            if imported.cards_skipped > 0 {
                notes.push(format!(
                    "{} card(s) skipped (empty or of an unknown notetype)",
                    imported.cards_skipped
                ));
            }
            if imported.decks.is_empty() {
                return Err(Error::BadFile {
                    path: path.to_path_buf(),
                    msg: "the package holds no cards".into(),
                });
            }
            Ok(Incoming {
                decks: imported.decks,
                notes,
                from_anki_package: true,
                history: imported.history,
            })
        }
        "txt" if reads_like_prose(&bytes) => Err(document_hint(
            path,
            &bytes,
            Error::Invalid("not a deck".into()),
        )),
        "csv" | "tsv" | "txt" => {
            let deck = anki::csv::import(path, &bytes);
            one_deck(match ext.as_str() {
                "txt" => deck.map_err(|e| document_hint(path, &bytes, e)),
                _ => deck,
            })
        }
        "toml" => one_deck(deckfile::parse(path, &bytes)),
        // .md, no extension, anything else: a deck file, or else a document?
        _ => one_deck(deckfile::parse(path, &bytes).map_err(|e| document_hint(path, &bytes, e))),
    }
}

fn one_deck(deck: Result<Deck>) -> Result<Incoming> {
    Ok(Incoming {
        decks: vec![deck?],
        notes: Vec::new(),
        from_anki_package: false,
        history: Vec::new(),
    })
}

/// Whether a `.txt` file reads like running text rather than CSV rows:
/// no tab, and some line of 20 words or more.
fn reads_like_prose(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    !text.contains('\t') && text.lines().any(|l| l.split_whitespace().count() >= 20)
}

/// A file that failed to import and reads like a study document (prose:
/// no tab-separated columns, no Anki `#` headers, no deck tables) gets a
/// pointer to `recall build` instead of the parser's complaint.
fn document_hint(path: &Path, bytes: &[u8], err: Error) -> Error {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return err;
    };
    let tabular = text.contains('\t')
        || text
            .lines()
            .any(|l| l.starts_with('#') && !l.starts_with("# ") && l.contains(':'))
        || text.contains("[deck]")
        || text.contains("[[cards]]")
        || text.lines().any(|l| l.trim_start().starts_with("format"));
    if tabular || text.trim().is_empty() {
        return err;
    }
    Error::BadFile {
        path: path.to_path_buf(),
        msg: format!(
            "this looks like a study document, not a deck file or CSV: \
             `recall build {}` makes a deck from it (add --import to import it too)",
            path.display()
        ),
    }
}

/// The sides `--mine`/`--theirs` pick.
fn resolve(args: &cli::ImportArgs) -> Result<import::Resolve> {
    let pick = |v: &Option<Vec<String>>| match v {
        None => import::Pick::None,
        Some(ids) if ids.iter().all(|i| i.trim().is_empty()) => import::Pick::All,
        Some(ids) => import::Pick::Cards(
            ids.iter()
                .map(|i| i.trim().to_string())
                .filter(|i| !i.is_empty())
                .collect(),
        ),
    };
    let r = import::Resolve {
        mine: pick(&args.mine),
        theirs: pick(&args.theirs),
    };
    match (&r.mine, &r.theirs) {
        (import::Pick::All, import::Pick::All) => Err(Error::Invalid(
            "--mine and --theirs cannot both take every conflict; name cards: --theirs=q1,q2 --mine".into(),
        )),
        (import::Pick::Cards(m), import::Pick::Cards(t)) => match m.iter().find(|c| t.contains(c)) {
            Some(c) => Err(Error::Invalid(format!(
                "card '{c}' is given to both --mine and --theirs"
            ))),
            None => Ok(r),
        },
        _ => Ok(r),
    }
}

fn import_cmd(db: &Path, now: Now, args: &cli::ImportArgs, out: &mut dyn Write) -> Result<()> {
    let resolve = resolve(args)?;
    let spinner = crate::progress::Spinner::start("importing");
    let is_package = args
        .file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| e == "apkg" || e == "colpkg");
    if args.with_history && !is_package {
        return Err(Error::Invalid(format!(
            "{}: --with-history needs an Anki package (.apkg or .colpkg): only those carry a review history",
            args.file.display()
        )));
    }
    let mut incoming = read_incoming(&args.file, args.with_history)?;
    let mut store = Store::open(db)?;
    if incoming.from_anki_package {
        take_back_own_ids(&store, &mut incoming.decks)?;
    }
    let rollover = rollover(&store)?;
    let mut written = anki::history::Written::default();
    let reports = if args.with_history {
        import::import_decks_then(
            &mut store.conn,
            &incoming.decks,
            now.unix_ms(),
            args.dry_run,
            &resolve,
            &mut |tx| {
                written =
                    anki::history::write(tx, &incoming.decks, &incoming.history, now, rollover)?;
                Ok(())
            },
        )?
    } else {
        import::import_decks(
            &mut store.conn,
            &incoming.decks,
            now.unix_ms(),
            args.dry_run,
            &resolve,
        )?
    };
    if args.with_history {
        incoming.notes.push(format!(
            "review history: {} review(s) {}{}{}",
            written.added,
            if args.dry_run {
                "would be added"
            } else {
                "added"
            },
            if written.known > 0 {
                format!(", {} already in the log", written.known)
            } else {
                String::new()
            },
            if written.fsrs_cards > 0 {
                format!(
                    "; FSRS memories of {} card(s) recomputed",
                    written.fsrs_cards
                )
            } else {
                String::new()
            }
        ));
    }
    drop(spinner);
    if args.json {
        if reports.len() == 1 {
            return output::print_json(out, &reports[0]);
        }
        return output::print_json(out, &reports);
    }
    for r in &reports {
        print_report(out, r)?;
    }
    for n in &incoming.notes {
        say!(out, "note: {n}");
    }
    Ok(())
}

fn print_report(out: &mut dyn Write, r: &import::Report) -> Result<()> {
    let verb = if r.dry_run {
        "would import"
    } else {
        "imported"
    };
    let mut local = Vec::new();
    if !r.local_kept.is_empty() {
        local.push(plural(
            r.local_kept.len() as i64,
            "local edit kept",
            "local edits kept",
        ));
    }
    if !r.local_in_file.is_empty() {
        local.push(format!(
            "{} now in the file",
            plural(r.local_in_file.len() as i64, "local edit", "local edits")
        ));
    }
    if !r.conflicts.is_empty() {
        local.push(plural(r.conflicts.len() as i64, "conflict", "conflicts"));
    }
    say!(
        out,
        "{verb} deck '{}'{}: {} added, {} updated, {} unchanged, {} relinked, {} retired, {} revived{}",
        r.deck,
        if r.deck_is_new { " (new)" } else { "" },
        r.added.len(),
        r.updated.len(),
        r.unchanged,
        r.relinked.len(),
        r.retired.len(),
        r.revived.len(),
        if local.is_empty() {
            String::new()
        } else {
            format!("; {}", local.join(", "))
        }
    );
    let show = |label: &str, ids: &[String], out: &mut dyn Write| -> Result<()> {
        if !ids.is_empty() && ids.len() <= 50 {
            say!(out, "  {label}: {}", ids.join(", "));
        }
        Ok(())
    };
    if !r.deck_is_new {
        show("added", &r.added, out)?;
    }
    show("updated", &r.updated, out)?;
    for (old, new) in &r.relinked {
        say!(out, "  relinked: {old} -> {new}");
    }
    show("retired", &r.retired, out)?;
    show("revived", &r.revived, out)?;
    show(
        "local edit kept (the file has not changed these cards)",
        &r.local_kept,
        out,
    )?;
    show(
        "local edit now in the file (no longer local)",
        &r.local_in_file,
        out,
    )?;
    for c in &r.conflicts {
        let removed = c.file == import::FileChange::Removed;
        let what = if removed {
            "the file no longer has this card"
        } else {
            "the file changed this card since your edit"
        };
        let line = match (c.kept, c.resolved) {
            (import::Side::Theirs, _) if removed => "retired it (--theirs)".to_string(),
            (import::Side::Theirs, _) => "took the file's card (--theirs)".to_string(),
            (import::Side::Mine, true) => {
                "kept your text (--mine); reported again only if the file changes it".to_string()
            }
            (import::Side::Mine, false) => format!(
                "kept your text; `--theirs={id}` takes the file's{}, `--mine={id}` keeps yours",
                if removed { " (retires it)" } else { "" },
                id = c.card
            ),
        };
        say!(out, "  conflict: {}: {what}; {line}", c.card);
    }
    if r.dry_run {
        say!(out, "(dry run: nothing was changed)");
    }
    Ok(())
}

/// Reads a deck back from the database (active cards, deck order).
pub fn load_deck(store: &Store, deck_id: &str) -> Result<Deck> {
    let meta = decks::get(&store.conn, deck_id)?
        .ok_or_else(|| Error::NotFound(format!("no deck '{deck_id}' (see `recall decks`)")))?;
    let cards = cards::deck_cards(&store.conn, deck_id)?
        .into_iter()
        .filter(|c| !c.retired)
        .map(|c| c.content)
        .collect();
    Ok(Deck { meta, cards })
}

fn export(db: &Path, now: Now, args: &cli::ExportArgs, out: &mut dyn Write) -> Result<()> {
    use cli::ExportFormat;
    let format = match (args.format, &args.output) {
        (Some(f), _) => f,
        (None, None) => ExportFormat::Toml,
        (None, Some(path)) => {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_ascii_lowercase());
            match ext.as_deref() {
                Some("toml") => ExportFormat::Toml,
                Some("apkg") => ExportFormat::Apkg,
                Some("csv") | Some("tsv") | Some("txt") => ExportFormat::Csv,
                _ => {
                    return Err(Error::Invalid(format!(
                        "{}: cannot tell the format from the file name; \
                         use .toml, .apkg, .csv, .tsv or .txt, or pass --format toml|apkg|csv",
                        path.display()
                    )))
                }
            }
        }
    };
    let spinner = crate::progress::Spinner::start("exporting");
    let store = Store::open(db)?;
    let deck = load_deck(&store, &args.deck)?;
    let bytes = match format {
        ExportFormat::Toml => deckfile::to_toml(&deck).into_bytes(),
        ExportFormat::Csv => anki::csv::export(&deck).into_bytes(),
        ExportFormat::Apkg => {
            if args.output.is_none() {
                return Err(Error::Invalid("an .apkg export needs -o FILE".into()));
            }
            anki::export::apkg(&deck, now.unix_ms())?
        }
    };
    drop(spinner);
    match &args.output {
        Some(path) => {
            write_atomically(path, &bytes)?;
            say!(
                out,
                "wrote {} cards of deck '{}' to {}",
                deck.cards.len(),
                deck.meta.id,
                path.display()
            );
        }
        None => out.write_all(&bytes).map_err(out_err)?,
    }
    Ok(())
}

fn decks_cmd(db: &Path, now: Now, json: bool, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(db)?;
    let today = now.study_day(rollover(&store)?);
    let list = decks::summaries(&store.conn, today)?;
    if json {
        return output::print_json(out, &list);
    }
    if list.is_empty() {
        say!(
            out,
            "no decks yet: `recall build DOC --import` or `recall import FILE`"
        );
        return Ok(());
    }
    // columns as wide as the longest id and name, so long ids stay aligned
    let widest = |f: fn(&decks::DeckSummary) -> &str| {
        list.iter()
            .map(|d| output::width_of(f(d)))
            .max()
            .unwrap_or(0)
            .max(4)
    };
    let (id_w, name_w) = (widest(|d| &d.id), widest(|d| &d.name));
    let pad =
        |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(output::width_of(s))));
    // a deck's own limits, or "-" where the global setting applies
    let own = |v: Option<i64>| v.map_or("-".to_string(), |n| n.to_string());
    say!(
        out,
        "{}  {}  {:>6} {:>6} {:>8} {:>8} {:>8} {:>8}",
        pad("deck", id_w),
        pad("name", name_w),
        "new",
        "due",
        "learned",
        "retired",
        "new/day",
        "rev/day"
    );
    let any_own = list
        .iter()
        .any(|d| d.new_per_day.is_some() || d.review_cap.is_some());
    for d in list {
        say!(
            out,
            "{}  {}  {:>6} {:>6} {:>8} {:>8} {:>8} {:>8}",
            pad(&d.id, id_w),
            pad(&d.name, name_w),
            d.new,
            d.due,
            d.learned,
            d.retired,
            own(d.new_per_day),
            own(d.review_cap)
        );
    }
    if any_own {
        say!(
            out,
            "(new/day, rev/day: a deck's own daily limits of new cards and reviews, on top of the global new_per_day and review_cap; - = the global limits only)"
        );
    }
    Ok(())
}

/// A card as `recall cards --json` prints it.
#[derive(Debug, Serialize)]
pub struct CardJson {
    pub id: String,
    pub deck: String,
    pub kind: String,
    pub front: String,
    pub back: String,
    pub items: Vec<String>,
    pub source: String,
    pub ef: i64,
    pub reps: i64,
    pub interval: i64,
    pub due: Option<String>,
    pub lapses: i64,
    pub retired: bool,
    pub leech: bool,
    pub suspended: bool,
    pub tags: Vec<String>,
    /// Edited locally (`recall edit`, `recall tag`): differs from its deck file.
    pub edited: bool,
    /// FSRS cards only: stability (days), difficulty (1-10) and the
    /// probability of recall today.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stability: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difficulty: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retrievability: Option<f64>,
}

/// A card's FSRS memory and its retrievability today, on an FSRS deck.
struct FsrsView {
    stability: f64,
    difficulty: f64,
    retrievability: f64,
}

fn fsrs_views(
    store: &Store,
    list: &[cards::StoredCard],
    today: chrono::NaiveDate,
) -> Result<std::collections::HashMap<i64, FsrsView>> {
    use crate::storage::deck_scheduler::{self, Kind};
    let mut out = std::collections::HashMap::new();
    for deck in deck_scheduler::fsrs_decks(&store.conn)? {
        let settings = deck_scheduler::get(&store.conn, &deck)?;
        debug_assert_eq!(settings.kind, Kind::Fsrs);
        let memories = deck_scheduler::memories(&store.conn, Some(&deck))?;
        for c in list.iter().filter(|c| c.deck_id == deck) {
            let Some(m) = memories.get(&c.rowid) else {
                continue;
            };
            let card = deck_scheduler::FsrsColumns::default().card(c.state);
            let elapsed = card
                .last_review()
                .map_or(0, |l| crate::fsrs_scheduler::days_between(l, today));
            out.insert(
                c.rowid,
                FsrsView {
                    stability: m.stability,
                    difficulty: m.difficulty,
                    retrievability: crate::fsrs_scheduler::retrievability(
                        m.stability,
                        f64::from(elapsed),
                        settings.decay(),
                    ),
                },
            );
        }
    }
    Ok(out)
}

fn cards_cmd(db: &Path, now: Now, args: &cli::CardsArgs, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(db)?;
    let today = now.study_day(rollover(&store)?);
    if let Some(d) = &args.deck {
        if decks::get(&store.conn, d)?.is_none() {
            return Err(Error::NotFound(format!(
                "no deck '{d}' (see `recall decks`)"
            )));
        }
    }
    let list: Vec<_> = cards::list(&store.conn, args.deck.as_deref())?
        .into_iter()
        .filter(|c| args.all || !c.retired)
        .filter(|c| !args.leeches || c.leech)
        .filter(|c| !args.suspended || c.suspended)
        .filter(|c| {
            args.tag
                .as_deref()
                .is_none_or(|t| card_cmds::has_tag(&c.content.tags, t))
        })
        .collect();
    let fsrs = fsrs_views(&store, &list, today)?;
    if args.json {
        let rows: Vec<CardJson> = list
            .into_iter()
            .map(|c| CardJson {
                stability: fsrs.get(&c.rowid).map(|v| v.stability),
                difficulty: fsrs.get(&c.rowid).map(|v| v.difficulty),
                retrievability: fsrs.get(&c.rowid).map(|v| v.retrievability),
                id: c.content.id,
                deck: c.deck_id,
                kind: c.content.kind.as_str().into(),
                front: c.content.front,
                back: c.content.back,
                items: c.content.items,
                source: c.content.source,
                ef: c.state.ef,
                reps: c.state.reps,
                interval: c.state.interval,
                due: c.state.due.map(cards::day_str),
                lapses: c.state.lapses,
                retired: c.retired,
                leech: c.leech,
                suspended: c.suspended,
                tags: c.content.tags,
                edited: c.local_edit,
            })
            .collect();
        return output::print_json(out, &rows);
    }
    // the id column as wide as the longest id, so the columns stay aligned
    let id_w = list
        .iter()
        .map(|c| output::width_of(&c.content.id))
        .max()
        .unwrap_or(0)
        .max(24);
    for c in list {
        let due = c.state.due.map_or("new".into(), cards::day_str);
        let front = output::cut_words(&c.content.front, 60);
        let memory = match fsrs.get(&c.rowid) {
            Some(v) => format!(
                "S={:.1}d D={:.1} R={:.0}%",
                v.stability,
                v.difficulty,
                v.retrievability * 100.0
            ),
            None => format!("ef={}", output::ef(c.state.ef)),
        };
        say!(
            out,
            "{:<id_w$} {:<7} {} reps={:<2} ivl={:<4} due={:<10} {}{}{}{}{}",
            c.content.id,
            c.content.kind.as_str(),
            memory,
            c.state.reps,
            c.state.interval,
            due,
            if c.retired { "[retired] " } else { "" },
            match (c.suspended, c.leech) {
                (true, true) => "[suspended leech] ",
                (true, false) => "[suspended] ",
                (false, true) => "[leech] ",
                (false, false) => "",
            },
            if c.local_edit { "[edited] " } else { "" },
            front,
            if c.content.tags.is_empty() {
                String::new()
            } else {
                format!("  #{}", c.content.tags.join(" #"))
            }
        );
    }
    Ok(())
}

fn answer(db: &Path, now: Now, args: &cli::AnswerArgs, out: &mut dyn Write) -> Result<()> {
    let mut store = Store::open(db)?;
    let today = now.study_day(rollover(&store)?);
    let card = cards::find(&store.conn, &args.card)?;
    let grade = Grade::new(args.grade)
        .ok_or_else(|| Error::Invalid(format!("grade {} is not in 0..5", args.grade)))?;
    let (card, entry) = reviews::record_answer(
        &mut store.conn,
        card.rowid,
        grade,
        today,
        now.unix_ms(),
        &reviews::AnswerInfo::default(),
    )?;
    let settings = crate::storage::deck_scheduler::get(&store.conn, &card.deck_id)?;
    if settings.kind == crate::storage::deck_scheduler::Kind::Fsrs {
        let cols = crate::storage::deck_scheduler::columns(&store.conn, card.rowid)?;
        let memory = cols.memory().map_or(String::new(), |m| {
            format!("S={:.2}d D={:.2} ", m.stability, m.difficulty)
        });
        say!(
            out,
            "{} {}/{}: grade {} ({}; FSRS {}); {memory}interval={} due={}",
            entry.kind.as_str(),
            card.deck_id,
            card.content.id,
            grade,
            grade.meaning(),
            ["Again", "Hard", "Good", "Easy"]
                [crate::fsrs_scheduler::rating_for(grade) as usize - 1],
            card.state.interval,
            card.state.due.map(cards::day_str).unwrap_or_default()
        );
        return Ok(());
    }
    say!(
        out,
        "{} {}/{}: grade {} ({}); ef={} reps={} interval={} due={}",
        entry.kind.as_str(),
        card.deck_id,
        card.content.id,
        grade,
        grade.meaning(),
        output::ef(card.state.ef),
        card.state.reps,
        card.state.interval,
        card.state.due.map(cards::day_str).unwrap_or_default()
    );
    Ok(())
}

fn undo(db: &Path, now: Now, out: &mut dyn Write) -> Result<()> {
    let mut store = Store::open(db)?;
    let today = now.study_day(rollover(&store)?);
    let Some(id) = reviews::last_on(&store.conn, today, None)? else {
        say!(
            out,
            "nothing to undo: no answer today ({})",
            cards::day_str(today)
        );
        return Ok(());
    };
    let entry = reviews::undo(&mut store.conn, id)?;
    let card = cards::by_rowid(&store.conn, entry.card_rowid)?;
    say!(
        out,
        "undone: {} answer to {}/{} (grade {}); ef={} reps={} interval={} due={}",
        entry.kind.as_str(),
        card.deck_id,
        card.content.id,
        entry.grade,
        output::ef(card.state.ef),
        card.state.reps,
        card.state.interval,
        card.state.due.map_or("new".into(), cards::day_str)
    );
    Ok(())
}

/// `recall config --deck ID [KEY [VALUE]]`: a deck's own limits.
fn deck_config_cmd(
    store: &Store,
    deck: &str,
    args: &cli::ConfigArgs,
    out: &mut dyn Write,
) -> Result<()> {
    if decks::get(&store.conn, deck)?.is_none() {
        return Err(Error::NotFound(format!(
            "no deck '{deck}' (see `recall decks`)"
        )));
    }
    let own = decks::own_limits(&store.conn)?
        .remove(deck)
        .unwrap_or_default();
    let value_of = |key: &str| match key {
        "new_per_day" => own.new_per_day,
        _ => own.review_cap,
    };
    let per_deck = || {
        [
            &decks::OWN_SETTINGS[..],
            &crate::scheduling_cmds::DECK_KEYS[..],
        ]
        .concat()
        .join(", ")
    };
    let check_key = |key: &str| -> Result<()> {
        if decks::OWN_SETTINGS.contains(&key) {
            return Ok(());
        }
        if config::get(&store.conn, key).is_err() {
            return Err(Error::Invalid(format!(
                "unknown setting '{key}' for a deck (known: {})",
                per_deck()
            )));
        }
        Err(Error::Invalid(format!(
            "{key} is not a per-deck setting (per deck: {}); `recall config {key}` sets it for all decks",
            per_deck()
        )))
    };
    match (&args.key, &args.value) {
        (None, _) => {
            for key in decks::OWN_SETTINGS {
                let global = config::get(&store.conn, key)?;
                match value_of(key) {
                    Some(v) => say!(
                        out,
                        "{key:<14} {v:>6}   deck '{deck}' (and at most {global} over all decks)"
                    ),
                    None => say!(out, "{key:<14} {:>6}   the global setting", global),
                }
            }
        }
        (Some(k), None) => {
            check_key(k)?;
            match value_of(k) {
                Some(v) => say!(out, "{v}"),
                None => say!(out, "global ({})", config::get(&store.conn, k)?),
            }
        }
        (Some(k), Some(v)) => {
            check_key(k)?;
            if v.trim() == "global" {
                decks::set_own(&store.conn, deck, k, None)?;
                say!(
                    out,
                    "{k} for deck '{deck}': the global setting ({})",
                    config::get(&store.conn, k)?
                );
            } else {
                let n = config::check(k, v)?;
                decks::set_own(&store.conn, deck, k, Some(n))?;
                let global = config::get(&store.conn, k)?;
                let note = if n > global {
                    format!(" (the global {k} of {global} still applies over all decks)")
                } else {
                    String::new()
                };
                say!(out, "{k} for deck '{deck}' = {n}{note}");
            }
        }
    }
    Ok(())
}

fn config_cmd(db: &Path, args: &cli::ConfigArgs, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(db)?;
    match (&args.key, &args.value) {
        (None, _) => {
            for s in config::SETTINGS {
                let v = config::get(&store.conn, s.key)?;
                say!(
                    out,
                    "{:<14} {:>6}   {} (default {})",
                    s.key,
                    v,
                    s.help,
                    s.default
                );
            }
            let fsrs = crate::storage::deck_scheduler::fsrs_decks(&store.conn)?;
            if !fsrs.is_empty() {
                let mut named = Vec::new();
                for d in fsrs {
                    let r = crate::storage::deck_scheduler::get(&store.conn, &d)?.retention;
                    named.push(format!("{d} (retention {r:.2})"));
                }
                say!(
                    out,
                    "decks on FSRS: {} (the others use SM-2; `recall config --deck ID` shows a deck's scheduler)",
                    named.join(", ")
                );
            }
        }
        (Some(k), None) => say!(out, "{}", config::get(&store.conn, k)?),
        (Some(k), Some(v)) => {
            let v = config::set(&store.conn, k, v)?;
            say!(out, "{k} = {v}");
        }
    }
    Ok(())
}

fn backup(db: &Path, file: &Path, out: &mut dyn Write) -> Result<()> {
    if file.exists() {
        return Err(Error::Invalid(format!(
            "{}: already exists (recall does not overwrite a file with a backup)",
            file.display()
        )));
    }
    let store = Store::open(db)?;
    storage::backup_to(&store.conn, file)?;
    say!(out, "backed up {} to {}", db.display(), file.display());
    Ok(())
}

fn check(db: &Path, out: &mut dyn Write) -> Result<()> {
    let store = Store::open(db)?;
    let problems = storage::check(&store.conn)?;
    if problems.is_empty() {
        say!(
            out,
            "ok: {} passes the integrity check; every card matches its review log",
            db.display()
        );
        return Ok(());
    }
    for p in &problems {
        say!(out, "problem: {p}");
    }
    Err(Error::Invalid(format!(
        "{}: {} problem(s) found",
        db.display(),
        problems.len()
    )))
}
