//! SQLite storage: opening (pragmas, migrations) and the queries the commands
//! need. The only module besides `session::terminal` that does I/O for
//! progress; everything here is thin glue over SQL.

pub mod cards;
pub mod claims;
pub mod config;
pub mod deck_scheduler;
pub mod decks;
pub mod member;
pub mod migrate;
pub mod reviews;
pub mod search;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

/// How long a writer waits for another process's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open recall database.
pub struct Store {
    pub conn: Connection,
    pub path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            if !dir.as_os_str().is_empty() && !dir.exists() {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
        .map_err(|e| db_open_error(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.configure()?;
        if migrate::pending(&store.conn)? && migrate::current_version(&store.conn)? > 0 {
            // keep a copy of the old database before changing its schema
            let copy = backup_path(path, migrate::current_version(&store.conn)?);
            if !copy.exists() {
                backup_to(&store.conn, &copy)?;
            }
        }
        migrate::migrate(&mut store.conn, path)?;
        Ok(store)
    }

    /// An in-memory database (tests).
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: PathBuf::from(":memory:"),
        };
        store.configure()?;
        migrate::migrate(&mut store.conn, Path::new(":memory:"))?;
        Ok(store)
    }

    fn configure(&mut self) -> Result<()> {
        let path = self.path.clone();
        self.conn.busy_timeout(BUSY_TIMEOUT)?;
        // Reading the header first turns "not a database" into a clear error.
        let version: std::result::Result<i64, _> =
            self.conn.query_row("PRAGMA user_version", [], |r| r.get(0));
        if let Err(e) = version {
            return Err(db_open_error(&path, e));
        }
        migrate::check_not_too_new(&self.conn, &path)?;
        self.conn
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| db_open_error(&path, e))?;
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Read pages through a memory map and keep more of them: large
        // collections are read, not copied, a page at a time.
        self.conn
            .pragma_update(None, "mmap_size", 256i64 * 1024 * 1024)?;
        self.conn.pragma_update(None, "cache_size", CACHE_SIZE)?;
        // Checkpoint the WAL every ~16 MB instead of every 4 MB: fewer
        // checkpoint fsyncs while studying; durability is unchanged (every
        // commit still goes to the WAL under synchronous=NORMAL).
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 4000i64)?;
        self.conn.pragma_update(None, "foreign_keys", true)?;
        // Plans must not depend on bound values: otherwise SQLite checks
        // every parameter against the partial indexes (revlog_detail,
        // cards_retired) and re-prepares the statement each time a value
        // changes, which cost an answer a sixth of its time.
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
        Ok(())
    }
}

/// SQLite's page cache: 16 MB (negative = KiB). Imports of large decks
/// raise it for their transaction.
pub const CACHE_SIZE: i64 = -16_000;

/// Where the automatic pre-migration backup of a version-`v` database goes
/// (`recall.db.v1.bak`).
pub fn backup_path(db: &Path, v: i64) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(format!(".v{v}.bak"));
    db.with_file_name(name)
}

/// Copies the database to `file` with SQLite's online backup.
pub fn backup_to(conn: &Connection, file: &Path) -> Result<()> {
    conn.backup(rusqlite::MAIN_DB, file, None)
        .map_err(|e| Error::BadFile {
            path: file.to_path_buf(),
            msg: format!("backup failed: {e}"),
        })
}

/// Integrity problems, described for people (empty when all is well).
pub fn check(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let row = row?;
        if row != "ok" {
            out.push(format!("integrity: {row}"));
        }
    }
    let fk: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if fk > 0 {
        out.push(format!("{fk} row(s) point at missing rows (foreign keys)"));
    }
    // the search index holds exactly the cards' text
    if conn
        .execute(
            "INSERT INTO cards_fts(cards_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .is_err()
    {
        out.push("the search index (cards_fts) does not match the cards".into());
    }
    // every card's state equals the "after" state of its last scheduled
    // answer decided by recall (imported Anki reviews changed no state):
    // E-Factor, repetitions and lapses always; SM-2's interval and due
    // (live on an SM-2 deck, put aside on an FSRS deck); on an FSRS deck
    // also the live FSRS schedule and memory, when the answer came after
    // the deck's last switch
    let mut stmt = conn.prepare(
        "WITH last AS (SELECT card_id, MAX(id) AS id FROM revlog
                       WHERE kind = 'review' AND scheduler != 'anki' GROUP BY card_id)
         SELECT c.deck_id, c.key FROM last JOIN revlog r ON r.id = last.id
         JOIN card_state s ON s.card_id = last.card_id JOIN cards c ON c.id = s.card_id
         LEFT JOIN deck_scheduler d ON d.deck_id = c.deck_id
         WHERE r.ef_after != s.ef OR r.reps_after != s.reps OR r.lapses_after != s.lapses
            OR (CASE WHEN r.scheduler = 'fsrs' THEN r.sm2_interval_after ELSE r.interval_after END)
               IS NOT (CASE WHEN d.scheduler = 'fsrs' THEN s.sm2_interval ELSE s.interval END)
            OR (CASE WHEN r.scheduler = 'fsrs' THEN r.sm2_due_after ELSE r.due_after END)
               IS NOT (CASE WHEN d.scheduler = 'fsrs' THEN s.sm2_due ELSE s.due END)
            OR (d.scheduler = 'fsrs' AND r.scheduler = 'fsrs' AND r.id > d.since_revlog
                AND (r.interval_after != s.interval OR r.due_after IS NOT s.due
                     OR r.stability_after IS NOT s.stability
                     OR r.difficulty_after IS NOT s.difficulty))",
    )?;
    for row in stmt.query_map([], |r| {
        Ok(format!(
            "{}/{}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?
        ))
    })? {
        out.push(format!(
            "card {} does not match its last logged answer",
            row?
        ));
    }
    // the derived tables agree with what they summarise
    let stale: i64 = conn.query_row(
        "SELECT COUNT(*) FROM card_state s JOIN cards c ON c.id = s.card_id
         WHERE s.deck_id != c.deck_id OR s.retired != c.retired",
        [],
        |r| r.get(0),
    )?;
    if stale > 0 {
        out.push(format!(
            "{stale} card state row(s) disagree with their card's deck or retired flag"
        ));
    }
    let counts_off: i64 = conn.query_row(
        "SELECT COUNT(*) FROM (
            SELECT deck_id, COALESCE(due, '') AS due, suspended, COUNT(*) AS n FROM card_state
            WHERE retired = 0 GROUP BY 1, 2, 3
            EXCEPT SELECT deck_id, due, suspended, n FROM deck_counts WHERE n != 0)",
        [],
        |r| r.get(0),
    )?;
    let extra: i64 = conn.query_row(
        "SELECT COUNT(*) FROM (
            SELECT deck_id, due, suspended, n FROM deck_counts WHERE n != 0
            EXCEPT SELECT deck_id, COALESCE(due, ''), suspended, COUNT(*) FROM card_state
            WHERE retired = 0 GROUP BY 1, 2, 3)",
        [],
        |r| r.get(0),
    )?;
    if counts_off + extra > 0 {
        out.push("the per-deck due counts are out of date".into());
    }
    let daily_off: i64 = conn.query_row(
        "SELECT COUNT(*) FROM (
            SELECT r.day, c.deck_id, COUNT(*), SUM(r.taken_ms) FROM revlog r
            JOIN cards c ON c.id = r.card_id GROUP BY 1, 2
            EXCEPT SELECT day, deck_id, answers, taken_ms FROM daily WHERE answers != 0)",
        [],
        |r| r.get(0),
    )?;
    if daily_off > 0 {
        out.push("the per-day answer counts are out of date".into());
    }
    Ok(out)
}

fn db_open_error(path: &Path, e: rusqlite::Error) -> Error {
    let msg = match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            "not a recall database (the file is not SQLite or is corrupted)".to_string()
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::CannotOpen => {
            "cannot open the database file (check the path and permissions)".to_string()
        }
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ReadOnly => {
            "the database is read-only".to_string()
        }
        other => other.to_string(),
    };
    Error::BadFile {
        path: path.to_path_buf(),
        msg,
    }
}
