//! Editing a card in the user's editor (`recall edit`, the study session's
//! `f` key): write the card's text ([`crate::cardtext`]) to a temporary
//! file, run `$VISUAL` (else `$EDITOR`, else `vi`) on it, read it back with
//! the deck-file rules and save it in one transaction. A bad edit opens the
//! editor again with the error on top, or, when there is no terminal to
//! edit on, is refused with the error; either way nothing changes until a
//! good edit is saved.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use rusqlite::{Connection, TransactionBehavior};

use crate::cardtext::{self, Parsed};
use crate::error::{Error, Result};
use crate::storage::cards::{self, Edited};

/// How the editor runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mode {
    /// A person edits on a terminal: a bad edit opens the editor again.
    /// Otherwise a bad edit is refused.
    pub interactive: bool,
    /// Give the editor recall's standard input (`recall edit`); a study
    /// session reading its answers from a pipe keeps them to itself.
    pub inherit_stdin: bool,
}

/// What an edit came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Saved(Edited),
    /// Saved without a change.
    Unchanged,
    /// The file was emptied.
    Cancelled,
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs `editor` on `file` through the shell (so `EDITOR="code --wait"`
/// works) and waits for it.
fn run_editor(editor: &str, file: &Path, mode: Mode) -> Result<()> {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("recall-editor")
        .arg(file);
    if !mode.inherit_stdin {
        cmd.stdin(Stdio::null());
    }
    let status = cmd
        .status()
        .map_err(|e| Error::Invalid(format!("cannot run the editor '{editor}': {e}")))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(127) => Err(Error::Invalid(format!(
            "cannot run the editor '{editor}' (not found); set $VISUAL or $EDITOR"
        ))),
        Some(code) => Err(Error::Invalid(format!(
            "the editor '{editor}' exited with status {code}"
        ))),
        None => Err(Error::Invalid(format!(
            "the editor '{editor}' was stopped by a signal"
        ))),
    }
}

/// A new file in the temporary directory, named after the card.
fn temp_file(deck: &str, id: &str) -> Result<(PathBuf, std::fs::File)> {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let dir = std::env::temp_dir();
    for n in 0..100 {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let path = dir.join(format!(
            "recall-edit-{}-{}-{}{suffix}.toml",
            safe(deck),
            safe(id),
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
    Err(Error::Invalid(format!(
        "cannot make a temporary file in {}",
        dir.display()
    )))
}

/// Removes the temporary file when dropped, unless kept.
struct TempText {
    path: PathBuf,
    keep: bool,
}

impl Drop for TempText {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Edits the card with row id `rowid` in the editor and saves the result.
/// The card keeps its id, place, state and history; the edit is local
/// (see [`cards::edit_content`]).
pub fn edit_card(conn: &mut Connection, rowid: i64, now_ms: i64, mode: Mode) -> Result<Outcome> {
    let card = cards::by_rowid(conn, rowid)?;
    let name = format!("{}/{}", card.deck_id, card.content.id);
    if card.retired {
        return Err(Error::Invalid(format!(
            "card '{name}' is retired (its deck file no longer has it); there is nothing to edit"
        )));
    }
    let original = card.content;
    let (path, mut file) = temp_file(&card.deck_id, &original.id)?;
    let mut temp = TempText {
        path: path.clone(),
        keep: false,
    };
    file.write_all(cardtext::to_text(&card.deck_id, &original).as_bytes())
        .map_err(|e| Error::io(&path, e))?;
    drop(file);
    let editor = editor_command();
    let file_name = PathBuf::from(path.file_name().unwrap_or_default());
    loop {
        run_editor(&editor, &path, mode)
            .map_err(|e| Error::Invalid(format!("card '{name}': {e}; nothing changed")))?;
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let edited = match cardtext::parse(&file_name, &text, &original.id) {
            Ok(Parsed::Cancel) => return Ok(Outcome::Cancelled),
            Ok(Parsed::Card(c)) if c == original => return Ok(Outcome::Unchanged),
            Ok(Parsed::Card(c)) => c,
            Err(e) if mode.interactive => {
                std::fs::write(&path, cardtext::with_error(&text, &e.to_string()))
                    .map_err(|e| Error::io(&path, e))?;
                continue;
            }
            Err(e) => {
                return Err(Error::Invalid(format!(
                    "card '{name}': edit refused: {e}; nothing changed"
                )))
            }
        };
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // an import or another edit may have changed the card meanwhile
        let now = cards::by_rowid(&tx, rowid)?;
        if now.content != original || now.retired {
            temp.keep = true;
            return Err(Error::Invalid(format!(
                "card '{name}' changed while you edited it (an import or another edit); \
                 nothing was saved; your text is in {}",
                path.display()
            )));
        }
        let result = cards::edit_content(&tx, rowid, &edited, now_ms)?;
        tx.commit()?;
        return Ok(match result {
            Edited::Unchanged => Outcome::Unchanged,
            other => Outcome::Saved(other),
        });
    }
}
