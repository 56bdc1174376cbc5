//! Card claims: a study session claims the card it is about to show, so two
//! sessions on one database never show the same card. A claim belongs to a
//! process and expires; a claim whose process is gone or whose time is up
//! is taken over.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::Result;

/// How long a claim lasts without an answer (ms).
pub const CLAIM_MS: i64 = 30 * 60 * 1000;

/// Whether process `pid` still runs (always true where we cannot tell).
/// On Linux a zombie (killed, not yet reaped) counts as gone.
pub fn pid_alive(pid: i64) -> bool {
    if !cfg!(target_os = "linux") {
        return true;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // "pid (name) S ...": the state follows the last ')'
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.trim_start().chars().next())
            .is_some_and(|state| state != 'Z' && state != 'X'),
        Err(_) => false,
    }
}

/// Claims `card` for `session`; false if another live session holds it.
pub fn try_claim(
    conn: &mut Connection,
    card: i64,
    session: &str,
    pid: i64,
    now_ms: i64,
) -> Result<bool> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let holder: Option<(String, i64, i64)> = tx
        .query_row(
            "SELECT session, pid, expires_at FROM claims WHERE card_id = ?1",
            [card],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((s, p, exp)) = holder {
        if s != session && exp > now_ms && pid_alive(p) {
            return Ok(false);
        }
    }
    tx.execute(
        "INSERT INTO claims(card_id, session, pid, expires_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(card_id) DO UPDATE SET session = excluded.session, pid = excluded.pid,
             expires_at = excluded.expires_at",
        (card, session, pid, now_ms + CLAIM_MS),
    )?;
    tx.commit()?;
    Ok(true)
}

/// Drops every claim of `session`.
pub fn release_all(conn: &Connection, session: &str) -> Result<()> {
    conn.execute("DELETE FROM claims WHERE session = ?1", [session])?;
    Ok(())
}
