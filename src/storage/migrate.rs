//! Schema migrations: numbered SQL files from `migrations/`, embedded in the
//! binary, applied in order inside one transaction. The version lives in
//! `PRAGMA user_version`. A database newer than this binary is refused and
//! left untouched.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// Every migration, in order. Index + 1 is the schema version it produces.
/// Never edit a released file: add a new one.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_initial.sql",
        include_str!("../../migrations/0001_initial.sql"),
    ),
    (
        "0002_session_index.sql",
        include_str!("../../migrations/0002_session_index.sql"),
    ),
    (
        "0003_claims_and_order.sql",
        include_str!("../../migrations/0003_claims_and_order.sql"),
    ),
    (
        "0004_leeches.sql",
        include_str!("../../migrations/0004_leeches.sql"),
    ),
    (
        "0005_counts.sql",
        include_str!("../../migrations/0005_counts.sql"),
    ),
    (
        "0006_fewer_indexes.sql",
        include_str!("../../migrations/0006_fewer_indexes.sql"),
    ),
    (
        "0007_bulk_counts.sql",
        include_str!("../../migrations/0007_bulk_counts.sql"),
    ),
    (
        "0008_answer_writes.sql",
        include_str!("../../migrations/0008_answer_writes.sql"),
    ),
    (
        "0009_kind_check.sql",
        include_str!("../../migrations/0009_kind_check.sql"),
    ),
    (
        "0010_group_member.sql",
        include_str!("../../migrations/0010_group_member.sql"),
    ),
    (
        "0011_fsrs.sql",
        include_str!("../../migrations/0011_fsrs.sql"),
    ),
    (
        "0012_card_management.sql",
        include_str!("../../migrations/0012_card_management.sql"),
    ),
];

/// The schema version this binary writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Reads `PRAGMA user_version`.
pub fn current_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Whether `migrate` would change anything.
pub fn pending(conn: &Connection) -> Result<bool> {
    Ok(current_version(conn)? < latest_version())
}

/// Refuses a database written by a newer recall.
pub fn check_not_too_new(conn: &Connection, path: &Path) -> Result<()> {
    let found = current_version(conn)?;
    if found > latest_version() {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found,
            supported: latest_version(),
        });
    }
    Ok(())
}

/// Brings the schema up to date in one transaction: all steps or none.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    check_not_too_new(conn, path)?;
    let from = current_version(conn)?;
    if from == latest_version() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have migrated meanwhile.
    let from = current_version(&tx)?;
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        tx.execute_batch(sql).map_err(|e| {
            Error::Invalid(format!("{}: migration {name} failed: {e}", path.display()))
        })?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_registered() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        files.sort();
        let registered: Vec<&str> = MIGRATIONS.iter().map(|(n, _)| *n).collect();
        assert_eq!(files, registered);
        for (i, name) in registered.iter().enumerate() {
            assert!(name.starts_with(&format!("{:04}_", i + 1)), "{name}");
        }
    }

    #[test]
    fn empty_database_migrates_to_latest() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(current_version(&conn).unwrap(), latest_version());
        // idempotent
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(current_version(&conn).unwrap(), latest_version());
    }

    #[test]
    fn card_kinds_are_checked_without_a_temporary_btree_per_insert() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let insert =
            "INSERT INTO cards(deck_id, key, ord, kind, front, back, added_at, modified_at)
                      VALUES ('d', ?1, 0, ?2, 'f', 'b', 0, 0)";
        let ops: Vec<String> = conn
            .prepare(&format!("EXPLAIN {insert}"))
            .unwrap()
            .query_map(("k", "cloze"), |r| r.get(1))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert!(!ops.iter().any(|op| op == "OpenEphemeral"), "{ops:?}");
        conn.execute(
            "INSERT INTO decks(id, name, source, imported_at) VALUES ('d', 'D', '', 0)",
            [],
        )
        .unwrap();
        for kind in ["basic", "cloze", "list", "outline"] {
            conn.execute(insert, (kind, kind)).unwrap();
        }
        let bad = conn.execute(insert, ("x", "poem")).unwrap_err().to_string();
        assert!(bad.contains("CHECK constraint failed"), "{bad}");
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }

    #[test]
    fn newer_database_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        let err = migrate(&mut conn, Path::new("x.db")).unwrap_err();
        assert!(matches!(err, Error::SchemaTooNew { .. }), "{err}");
    }
}
