//! A `Recall` test fixture: a temp dir, a database path, and the real binary
//! with the clock injected through RECALL_NOW.

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The moment every test runs at unless it says otherwise.
const NOW: &str = "2026-03-01T09:00:00+00:00";

pub struct Recall {
    pub dir: TempDir,
    pub db: PathBuf,
}

impl Recall {
    pub fn new() -> Recall {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("recall.db");
        Recall { dir, db }
    }

    /// A fresh database holding the three-card demo deck (`demo`: q1, q2, q3).
    pub fn with_demo() -> Recall {
        let r = Recall::new();
        let deck = r.write("demo.toml", THREE_CARDS);
        r.ok(&["import", deck.to_str().expect("utf-8 path")]);
        r
    }

    /// The binary with the database and "now" set (2026-03-01 09:00 UTC).
    pub fn cmd(&self) -> Command {
        self.at(NOW)
    }

    /// The binary at a given moment.
    pub fn at(&self, now: &str) -> Command {
        let mut c = Command::cargo_bin("recall").expect("binary");
        c.env("RECALL_DB", &self.db)
            .env("RECALL_NOW", now)
            .env("NO_COLOR", "1")
            .env_remove("RECALL_CONFIG")
            // never the tester's own editor: a test that edits sets EDITOR
            .env_remove("VISUAL")
            .env("EDITOR", "false")
            .current_dir(self.dir.path());
        c
    }

    /// Writes a file in the temp dir and returns its path.
    pub fn write(&self, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).expect("write fixture");
        p
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs and returns stdout, asserting success.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().expect("run");
        assert!(
            out.status.success(),
            "recall {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// `recall cards --json` parsed.
    pub fn cards(&self) -> Vec<serde_json::Value> {
        let out = self.ok(&["cards", "--all", "--json"]);
        serde_json::from_str(&out).expect("cards json")
    }

    pub fn card(&self, id: &str) -> serde_json::Value {
        self.cards()
            .into_iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("no card {id}"))
    }

    /// A digest of every table's content (to prove nothing changed).
    pub fn db_digest(&self) -> String {
        digest(&self.db)
    }

    /// The binary in a pseudo-terminal, at the default "now", colours off.
    pub fn pty(&self, args: &[&str]) -> rexpect::session::PtySession {
        self.pty_with(args, &[])
    }

    /// [`Recall::pty`] with more environment variables.
    pub fn pty_with(&self, args: &[&str], env: &[(&str, &str)]) -> rexpect::session::PtySession {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recall"));
        cmd.args(args)
            .env("RECALL_DB", &self.db)
            .env("RECALL_NOW", NOW)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env_remove("VISUAL")
            .env("EDITOR", "false")
            .envs(env.iter().copied())
            .current_dir(self.dir.path());
        rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn in a pty")
    }

    /// An executable shell script in the temp dir (an editor for `recall
    /// edit`: it gets the file to edit as `$1`); returns its path.
    pub fn script(&self, name: &str, body: &str) -> String {
        use std::os::unix::fs::PermissionsExt;
        let p = self.write(name, format!("#!/bin/sh\n{body}\n"));
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        p.to_str().expect("utf-8 path").to_string()
    }

    /// Opens the database directly.
    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).expect("open db")
    }

    /// The one value `sql` selects from the database.
    pub fn scalar<T: rusqlite::types::FromSql>(&self, sql: &str) -> T {
        scalar(&self.db, sql)
    }
}

/// The one value `sql` selects from the database file `db`.
pub fn scalar<T: rusqlite::types::FromSql>(db: &Path, sql: &str) -> T {
    rusqlite::Connection::open(db)
        .expect("open db")
        .query_row(sql, [], |x| x.get(0))
        .expect("query")
}

/// The content of every table, as text (WAL-safe, unlike hashing the file).
pub fn digest(db: &Path) -> String {
    if !db.exists() {
        return "<no database>".into();
    }
    let c = rusqlite::Connection::open(db).expect("open");
    let mut out = String::new();
    let v: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    out.push_str(&format!("v{v}\n"));
    for t in [
        "decks",
        "cards",
        "card_state",
        "revlog",
        "config",
        "deck_config",
    ] {
        let mut stmt = match c.prepare(&format!("SELECT * FROM {t} ORDER BY 1")) {
            Ok(s) => s,
            Err(_) => continue,
        };
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut line = String::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    line.push_str(&format!("{v:?}|"));
                }
                Ok(line)
            })
            .unwrap();
        for r in rows {
            out.push_str(&r.unwrap());
            out.push('\n');
        }
    }
    out
}

/// The three-card demo deck under another deck id and name.
pub fn demo_as(id: &str, name: &str) -> String {
    THREE_CARDS
        .replace("id = \"demo\"", &format!("id = \"{id}\""))
        .replace("Demo deck", name)
}

pub const THREE_CARDS: &str = r#"format = 1

[deck]
id = "demo"
name = "Demo deck"

[[cards]]
id = "q1"
kind = "basic"
front = "What is the capital of France?"
back = "Paris"

[[cards]]
id = "q2"
kind = "list"
front = "Name the three primary colours."
back = ""
items = ["red", "yellow", "blue"]
ordered = false

[[cards]]
id = "q3"
kind = "cloze"
front = "Water boils at ___ degrees Celsius."
back = "100"
"#;

/// Reads the child's output up to one of `ends` (returned with the text
/// before it), or to the end of the output (`None`).
pub fn read_until(child: &mut std::process::Child, ends: &[&str]) -> (String, Option<String>) {
    let out = child.stdout.as_mut().unwrap();
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        if out.read(&mut byte).unwrap() == 0 {
            return (String::from_utf8_lossy(&buf).into_owned(), None);
        }
        buf.push(byte[0]);
        let text = String::from_utf8_lossy(&buf);
        if let Some(end) = ends.iter().find(|e| text.ends_with(*e)) {
            return (text.into_owned(), Some(end.to_string()));
        }
    }
}
