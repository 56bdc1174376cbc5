//! Command-line interface (clap derive). No logic here: each `///` doc is the
//! `--help` text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// recall: learn a document with spaced repetition.
///
/// Build a deck of question cards from a study text, study it a little every
/// day, and let the scheduler (SM-2, or FSRS per deck) decide when each card
/// comes back. Progress
/// lives in a SQLite database; decks are plain TOML files a study group can
/// share.
///
/// First time? Run `recall study`: it opens the bundled sample deck.
#[derive(Debug, Parser)]
#[command(name = "recall", version, propagate_version = true)]
pub struct Cli {
    /// Database file [default: the platform data directory, e.g. ~/.local/share/recall/recall.db]
    #[arg(
        long,
        global = true,
        env = "RECALL_DB",
        value_name = "PATH",
        help_heading = "Global options"
    )]
    pub db: Option<PathBuf>,

    /// Pretend it is this moment (RFC 3339, e.g. 2026-11-28T09:00:00+01:00, or a date).
    /// The study day starts at the rollover hour (default 04:00) in that offset.
    #[arg(
        long,
        global = true,
        env = "RECALL_NOW",
        value_name = "TIME",
        help_heading = "Global options"
    )]
    pub now: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Study today's cards in an interactive session.
    ///
    /// Order: unfinished final-drill cards from earlier today, then due reviews
    /// (most overdue first), then new cards in deck order up to the daily limit.
    /// Siblings (cards from the same source sentence or list) are buried: at
    /// most one card of a family is shown on a day.
    /// Type an answer (list items in any order, separated by commas or
    /// semicolons) or press Enter to reveal; confirm the suggested grade with
    /// Enter or type 0-5. Cards graded below 4 come back at the end of the
    /// session (the final drill) until graded 4 or 5. On a deck that uses
    /// FSRS (`recall config --deck ID scheduler fsrs`) grades 0-2 are FSRS's
    /// Again, 3 Hard, 4 Good, 5 Easy; the grade line says so.
    ///
    /// Keys at the answer prompt: u = undo the last answer (at the start of a
    /// session: the last answer given earlier today), s = skip,
    /// e = show the source sentence, f = fix the card in your editor (as
    /// `recall edit` does; also at the grade prompt, which then grades your
    /// answer against the fixed card), q = quit (Ctrl-C also quits; every
    /// answer is already saved); `:u`, `:s`, `:e`, `:f`, `:q` work too. A line
    /// starting with `=` is always an answer: type `=e` to answer "e"
    /// (vitamin E). After `e` the suggested grade is at most 3, since the
    /// source holds the answer.
    ///
    /// Limits: at most `new_per_day` new cards and `review_cap` reviews a
    /// day over all decks, and a deck's own limits on top (`recall config
    /// --deck ID new_per_day 5`); when a limit holds cards back, the session
    /// says which one.
    ///
    /// When standard input is not a terminal, one line is read per prompt
    /// (the answer, then the grade; an empty grade line accepts the suggested
    /// grade), so a session can be scripted. With no database yet, the bundled
    /// sample deck is imported first.
    #[command(after_help = "Examples:
  recall study                  today's cards from every deck
  recall study biology          one deck
  recall study --tag chapter-3  only cards tagged chapter-3 (or chapter-3::…)
  recall study --new 10         ten new cards more than today's limit allows")]
    Study(StudyArgs),

    /// Build a deck file from a study document (plain text or Markdown).
    ///
    /// Reads the document's structure (headings, numbered points, lists,
    /// figures, quotations) and writes question cards to a deck file.
    /// Building the same document twice gives the same file, and card ids
    /// depend only on each card's kind, answer and place, so a rebuilt deck
    /// re-imports without losing progress on unchanged cards.
    Build(BuildArgs),

    /// Import a deck file, an Anki package or a CSV file, keeping progress.
    ///
    /// FILE is a recall deck file (.toml), an Anki package (.apkg or .colpkg:
    /// the legacy collection.anki2/.anki21 layout or Anki 23.10+'s
    /// collection.anki21b), or Anki's text format (.csv/.tsv/.txt, with or
    /// without `#` headers). A study document is not a deck: `recall build`
    /// makes one from it.
    /// Anki notes become one recall card per Anki card, HTML reduced to text;
    /// media is skipped and counted in the report.
    ///
    /// Cards are matched by id: changed text keeps the card's progress; cards
    /// missing from the file are retired (history kept, no longer shown) and
    /// come back with their old progress if they return; a card whose id
    /// changed but whose answer did not is relinked. All or nothing: a bad
    /// file changes nothing.
    ///
    /// Cards you edited here (`recall edit`, `recall tag`) keep your text
    /// while the file's card stays as it was when you edited it. When the
    /// file changed or removed such a card too, that is a conflict: your text
    /// stays and the report lists the conflict at every import until you
    /// pick a side with `--theirs` (the file's card) or `--mine` (your text).
    #[command(after_help = "Examples:
  recall import chapter3.toml --dry-run    what would change, changing nothing
  recall import chapter3.toml              add, update, retire; progress is kept
  recall import chapter3.toml --theirs=q7  the file's version of q7, your other edits stay
  recall import chapter3.toml --mine       keep your text in every conflict
  recall import deck.apkg                  an Anki package")]
    Import(ImportArgs),

    /// Write a deck to a deck file, an Anki package (.apkg) or Anki CSV.
    Export(ExportArgs),

    /// List decks with counts of new, due, learned and retired cards.
    Decks(JsonArgs),

    /// List cards with their scheduling state.
    #[command(after_help = "Examples:
  recall cards                      every active card
  recall cards biology --json       one deck, as JSON
  recall cards --tag chapter-3      cards tagged chapter-3 (or chapter-3::…)
  recall cards --suspended          cards hidden by `recall suspend` or as leeches")]
    Cards(CardsArgs),

    /// Edit a card in your editor ($VISUAL, else $EDITOR, else vi).
    ///
    /// The card opens as a deck-file fragment (kind, front, back, items,
    /// ordered, source, context, tags). Save and quit to apply it: it is
    /// checked with the deck-file rules and saved in one transaction, and the
    /// card keeps its progress and history. A bad edit re-opens the editor
    /// with the error on top (when standard input is not a terminal it is
    /// refused with the error); quitting without a change, or emptying the
    /// file, changes nothing. The id cannot change.
    ///
    /// The edit is local: `recall export` writes it, and importing the
    /// group's deck file keeps it (see `recall import --help`).
    #[command(after_help = "Examples:
  recall edit q1                    the card with id q1
  recall edit biology/cell-3        a card whose id is in several decks
  EDITOR=nano recall edit q1        with another editor")]
    Edit(EditArgs),

    /// Add or remove tags of cards: `+TAG` adds, `-TAG` removes.
    ///
    /// A tag is one word (no spaces); `::` nests tags (`bio::cells`), and
    /// `--tag bio` then finds both. Tags are a local edit, like `recall
    /// edit`; they go out with `recall export` (deck files, Anki packages
    /// and CSV) and come in with `recall import`.
    #[command(after_help = "Examples:
  recall tag q1 q2 +hard            tag two cards 'hard'
  recall tag q1 -hard +review       remove one tag, add another
  recall study --tag hard           then study only those")]
    Tag(TagArgs),

    /// Hide cards from study until `recall unsuspend`; progress is kept.
    #[command(after_help = "Examples:
  recall suspend q1 q2              hide two cards
  recall cards --suspended          what is hidden
  recall unsuspend q1               show it again")]
    Suspend(CardsListArgs),

    /// Show suspended cards again: suspended by hand or as leeches.
    #[command(after_help = "Examples:
  recall unsuspend q1               show q1 again
  recall cards --suspended          which cards are suspended")]
    Unsuspend(CardsListArgs),

    /// Find cards by words in their fronts, backs, list items and source
    /// sentences, best matches first.
    ///
    /// Every word must occur (in any field); words match their other forms
    /// ("valves" finds "valve") and the last word its beginnings ("photo"
    /// finds "photosynthesis"); case and accents are ignored. Use quotes for
    /// a phrase: `recall search '"moral law"'`. Retired cards are left out.
    #[command(after_help = "Examples:
  recall search mitochondria              in every deck
  recall search 'five factors' --deck war one deck
  recall search '\"moral law\"'           a phrase
  recall search valve --json              as JSON")]
    Search(SearchArgs),

    /// Every answer given to a card: date, kind (scheduled or final drill),
    /// grade, suggested grade, typed answer, each list item's result, and
    /// interval and E-Factor before and after.
    #[command(after_help = "Examples:
  recall history q1                 the card with id q1
  recall history biology/cell-3     a card whose id is in several decks
  recall history q1 --json          as JSON")]
    History(HistoryArgs),

    /// Delete a deck: its cards, their progress and their answers.
    ///
    /// A backup of the whole database is taken first (next to it, named
    /// after the deck and the time), and the command says where; restore it
    /// by copying it over the database. Asks for confirmation on a terminal
    /// unless `--yes`; refused without `--yes` when standard input is not a
    /// terminal. To keep a deck's history but stop seeing its cards, suspend
    /// them or import an empty deck file instead.
    #[command(after_help = "Examples:
  recall delete old-notes           asks, backs up, deletes
  recall delete old-notes --yes     in a script")]
    Delete(DeleteArgs),

    /// Grade one card without the interactive session (for scripts).
    ///
    /// The first answer of a study day to a new or due card is its scheduled
    /// repetition (SM-2 applies, or FSRS on a deck that uses it: grades 0-2
    /// are Again, 3 Hard, 4 Good, 5 Easy); a later answer the same day is a final-drill
    /// answer (logged; the schedule is unchanged). A card that is not due yet
    /// is refused.
    Answer(AnswerArgs),

    /// Take back the last answer given today.
    ///
    /// The answer may come from any session or from `recall answer`: the
    /// card's state before it is restored and the card is due again. Repeat
    /// to go further back through today's answers.
    Undo,

    /// Progress: today, streak, retention, forecast, heatmap, weak items.
    ///
    /// Charts use Unicode blocks (`--ascii` for plain ASCII) and fit the
    /// terminal width; `--svg FILE` writes the same charts as an image;
    /// `--json` prints every number (fields in the README).
    Stats(StatsArgs),

    /// Show or change settings, a deck's own limits, or a deck's scheduler.
    ///
    /// Without --deck the settings are for all decks: new_per_day,
    /// review_cap, rollover_hour, leech_lapses, leech_suspend. With --deck ID
    /// they are the deck's own:
    ///
    ///   new_per_day, review_cap  limits on top of the global ones (a day's
    ///              queue takes at most the global limit over all decks and
    ///              at most the deck's limit from that deck; `global` as the
    ///              value drops the deck's own; `recall decks` shows them)
    ///   scheduler  sm2 (the default) or fsrs
    ///   retention  FSRS's desired retention, 0.70-0.99 (default 0.90)
    ///   params     `default` drops parameters fitted by `recall optimize`
    ///
    /// Switching to FSRS keeps every card's progress: each card's memory
    /// (stability, difficulty) comes from its review log, due dates stay,
    /// and SM-2's state is kept; switching back to SM-2 restores it, moved
    /// on by every answer given meanwhile.
    ///
    /// Examples:
    ///   recall config                                 every setting
    ///   recall config new_per_day 30                  30 new cards a day over all decks
    ///   recall config --deck biology new_per_day 5    at most 5 of them from biology
    ///   recall config --deck biology review_cap 50    at most 50 reviews a day from biology
    ///   recall config --deck biology new_per_day global   the global limit again
    ///   recall config --deck art-of-war scheduler fsrs
    ///   recall config --deck art-of-war retention 0.85
    ///   recall config --deck art-of-war               the deck's limits and scheduler
    #[command(verbatim_doc_comment)]
    Config(ConfigArgs),

    /// Fit a deck's FSRS parameters to your own review log.
    ///
    /// Runs the fsrs crate's optimizer on the deck's scheduled reviews
    /// (recall's and those imported with `recall import --with-history`),
    /// prints the log loss and RMSE (bins) of the parameters before and after
    /// on that log, and stores the new ones for the deck (kept only if they
    /// predict the log better); every card's memory is then recomputed.
    /// Without DECK, every deck that uses FSRS. Needs at least 8 reviews
    /// that follow an earlier review of the same card (the crate's minimum).
    ///
    /// Examples:
    ///   recall optimize art-of-war
    ///   recall optimize --dry-run art-of-war     (show the fit, store nothing)
    #[command(verbatim_doc_comment)]
    Optimize(OptimizeArgs),

    /// Copy the database to FILE while it is in use (SQLite online backup).
    ///
    /// recall also makes a backup by itself before it upgrades a database's
    /// schema (`<db>.vN.bak`, N the old version).
    Backup(BackupArgs),

    /// Check the database: SQLite's integrity check, foreign keys, and that
    /// every card's state matches its last logged answer.
    Check,

    /// Print shell completions (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),

    /// Study groups: see what the group knows and misses, without sharing
    /// anyone's database.
    ///
    /// Each member writes a progress summary of the shared deck (`recall
    /// group progress`) and drops it next to the deck file in the group's
    /// folder or git repository; anyone merges them (`recall group report`)
    /// into the group's view of the document: which parts, cards and list
    /// items the group knows and which it keeps missing.
    #[command(after_help = "Example (every member, then anyone):\n  \
        recall group progress chapter3 -o group/alice.json --name alice\n  \
        recall group report group/ --deck-file chapter3.toml --html group/report.html")]
    Group(GroupArgs),
}

#[derive(Debug, Args)]
pub struct StudyArgs {
    /// Study only this deck (by id).
    pub deck: Option<String>,
    /// N more new cards in this session, on top of those already introduced
    /// today (the daily new_per_day limit is not applied).
    #[arg(long, value_name = "N")]
    pub new: Option<u32>,
    /// Do not ask for typed answers: show the question, reveal, then grade.
    #[arg(long)]
    pub reveal: bool,
    /// Only cards with this tag (or a tag under it: `bio` takes `bio::cells`).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The document to read (UTF-8 plain text or Markdown).
    pub doc: PathBuf,
    /// Where to write the deck [default: <doc stem>.toml in the current directory].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Deck name [default: the document's title].
    #[arg(long)]
    pub name: Option<String>,
    /// Also import the deck into the database.
    #[arg(long)]
    pub import: bool,
    /// Explain the deck: for each card the rule that made it and its rank
    /// score, then every candidate that was dropped and why.
    #[arg(short, long, visible_alias = "explain")]
    pub verbose: bool,
    /// Overwrite the output file if it exists (it may be a hand-edited deck).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import: a recall deck file (.toml), an Anki package
    /// (.apkg, .colpkg) or Anki's text format (.csv, .tsv, .txt). For a study
    /// document use `recall build` instead.
    pub file: PathBuf,
    /// Show what would change (added / updated / unchanged / retired) and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// With an Anki package: also bring in its review history (Anki's
    /// revlog; ease 1-4 are FSRS's Again/Hard/Good/Easy), so `recall optimize`
    /// can fit FSRS to it. On an SM-2 deck the history is kept in the log but
    /// changes no card's SM-2 state; on an FSRS deck each card's memory is
    /// recomputed from it.
    #[arg(long)]
    pub with_history: bool,
    /// In conflicts with your local edits, keep your text (and stop
    /// reporting them until the file changes the card again). Alone: every
    /// conflict; `--mine=ID,ID`: those cards.
    #[arg(
        long,
        value_name = "CARDS",
        num_args = 0..=1,
        require_equals = true,
        value_delimiter = ','
    )]
    pub mine: Option<Vec<String>>,
    /// In conflicts with your local edits, take the deck file's card (a card
    /// the file removed is retired). Alone: every conflict; `--theirs=ID,ID`:
    /// those cards.
    #[arg(
        long,
        value_name = "CARDS",
        num_args = 0..=1,
        require_equals = true,
        value_delimiter = ','
    )]
    pub theirs: Option<Vec<String>>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The deck id.
    pub deck: String,
    /// Output file: .toml, .apkg, .csv, .tsv or .txt (another extension
    /// needs --format) [default: standard output; required for apkg].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// toml: a recall deck file; apkg: an Anki package (Basic and Cloze notes,
    /// stable GUIDs so a newer export updates the notes in Anki); csv: Anki's
    /// text import format with its file headers [default: from the output
    /// file's extension, else toml].
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Toml,
    Apkg,
    Csv,
}

#[derive(Debug, Args)]
pub struct JsonArgs {
    /// Print JSON (fields documented in the README).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CardsArgs {
    /// Only this deck.
    pub deck: Option<String>,
    /// Include retired cards.
    #[arg(long)]
    pub all: bool,
    /// Only leeches: cards failed again and again (see `recall unsuspend`).
    #[arg(long)]
    pub leeches: bool,
    /// Only suspended cards (by `recall suspend` or as leeches).
    #[arg(long)]
    pub suspended: bool,
    /// Only cards with this tag (or a tag under it: `bio` takes `bio::cells`).
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Print JSON (fields documented in the README).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// The card: its id, or DECK_ID/CARD_ID when ids clash across decks.
    pub card: String,
    /// The grade: 5 perfect, 4 correct after hesitation, 3 correct with serious
    /// difficulty, 2 wrong but easy once seen, 1 wrong but remembered once seen,
    /// 0 blackout.
    #[arg(value_parser = clap::value_parser!(u8).range(0..=5))]
    pub grade: u8,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// A deck's own settings instead: its limits (new_per_day, review_cap)
    /// and its scheduler (scheduler sm2|fsrs, retention, params).
    #[arg(long, value_name = "ID")]
    pub deck: Option<String>,
    /// The setting to show or change (all settings if omitted).
    pub key: Option<String>,
    /// The new value (with --deck: `global` drops the deck's own limit).
    #[arg(allow_hyphen_values = true)]
    pub value: Option<String>,
}

#[derive(Debug, Args)]
pub struct OptimizeArgs {
    /// The deck [default: every deck that uses FSRS].
    pub deck: Option<String>,
    /// Print the fit and change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The card: its id, or DECK_ID/CARD_ID when ids clash across decks.
    pub card: String,
}

#[derive(Debug, Args)]
pub struct CardsListArgs {
    /// The cards: ids, or DECK_ID/CARD_ID when ids clash across decks.
    #[arg(required = true, value_name = "CARD")]
    pub cards: Vec<String>,
}

#[derive(Debug, Args)]
pub struct TagArgs {
    /// Cards (ids, or DECK_ID/CARD_ID) and changes: `+TAG` adds a tag,
    /// `-TAG` removes one. Give the cards first, or mix them: anything not
    /// starting with + or - is a card.
    #[arg(
        required = true,
        value_name = "CARD|+TAG|-TAG",
        allow_hyphen_values = true
    )]
    pub args: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to find (quote a phrase: '"moral law"').
    #[arg(required = true, value_name = "TEXT")]
    pub text: Vec<String>,
    /// Only this deck.
    #[arg(long, value_name = "ID")]
    pub deck: Option<String>,
    /// At most this many cards.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Print JSON (fields documented in the README).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The card: its id, or DECK_ID/CARD_ID when ids clash across decks.
    pub card: String,
    /// Print JSON (fields documented in the README).
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The deck id (see `recall decks`).
    pub deck: String,
    /// Do not ask: delete (after the backup). Needed when standard input
    /// is not a terminal.
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only this deck.
    pub deck: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
    /// Plain ASCII charts.
    #[arg(long)]
    pub ascii: bool,
    /// Also write the charts to this SVG file.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
    /// Chart width in columns [default: the terminal's width, or 80].
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (must not exist yet).
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct GroupArgs {
    #[command(subcommand)]
    pub command: GroupCommand,
}

/// The study-group subcommands.
#[derive(Debug, Subcommand)]
pub enum GroupCommand {
    /// Write your progress on one deck to a summary file to share with
    /// your study group.
    ///
    /// For each card of the deck: reps, lapses, E-Factor, interval, the
    /// grade of the last review, the days since it, and for list cards how
    /// often each item was typed and missed; plus the deck id, the deck's
    /// content hash, today's date and a member id. Nothing else: no typed
    /// answers, no times finer than a day, no other deck. The member id is
    /// random, made once and kept in your database, so your next summary
    /// replaces this one in the group's report; `--name` adds a name.
    /// An existing FILE is overwritten only if it is your own summary of
    /// this deck. The format (JSON, `"format": 1`) is in the README.
    #[command(after_help = "Example:\n  \
        recall group progress chapter3 -o ~/group/alice.json --name alice\n  \
        (then put alice.json in the group's folder, next to chapter3.toml)")]
    Progress(GroupProgressArgs),

    /// Merge the members' progress summaries into the group's report.
    ///
    /// Shows, per part of the document (from the cards' source locators),
    /// the share of the group that knows its cards, the list items the
    /// group misses most, the cards most members lapse on, and the cards
    /// the fewest members know. A member knows a card when its interval is
    /// at least 6 days (--min-interval) and its last review was graded 3
    /// or better. A FILE may be a directory: its .json files are read.
    ///
    /// A bad file (not a summary, another format version, truncated, a
    /// summary of another deck, a second summary of one member) gets one
    /// line on standard error and the report goes on with the rest.
    /// Summaries of another version of the deck file are merged card by
    /// card where the card is unchanged, and the report says which cards
    /// differ. Nothing is read from or written to the database.
    #[command(after_help = "Examples:\n  \
        recall group report group/*.json --deck-file chapter3.toml\n  \
        recall group report group/ --deck-file chapter3.toml --html report.html --svg report.svg\n  \
        recall group report group/ --json > report.json")]
    Report(GroupReportArgs),
}

#[derive(Debug, Args)]
pub struct GroupProgressArgs {
    /// The deck id (see `recall decks`).
    pub deck: String,
    /// Where to write the summary (JSON).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// A name to show in the group's report [default: your random member id].
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct GroupReportArgs {
    /// Progress summaries (from `recall group progress`), or directories of them.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The deck file the summaries are of: the version to report on, and
    /// the questions to show [default: the version most members have].
    #[arg(long, value_name = "DECK.toml")]
    pub deck_file: Option<PathBuf>,
    /// Print the report as JSON (fields in the README).
    #[arg(long)]
    pub json: bool,
    /// Also write the parts of the document, coloured by the group's mastery, as an SVG image.
    #[arg(long, value_name = "OUT")]
    pub svg: Option<PathBuf>,
    /// Also write the whole report as a self-contained HTML page (no scripts).
    #[arg(long, value_name = "OUT")]
    pub html: Option<PathBuf>,
    /// A member knows a card from this interval (days) on, with a last grade of 3 or better.
    #[arg(long, value_name = "DAYS", default_value_t = 6,
          value_parser = clap::value_parser!(u32).range(1..=36_500))]
    pub min_interval: u32,
    /// Table width in columns [default: the terminal's width, or 80].
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Plain ASCII bars.
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
