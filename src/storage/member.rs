//! The member id a study group's progress summaries carry: random, made
//! once per database and kept in `group_member`.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::error::Result;

/// This database's member id, made (and stored) on first use.
pub fn id(conn: &mut Connection, now_ms: i64) -> Result<String> {
    if let Some(id) = stored(conn)? {
        return Ok(id);
    }
    // inside a write transaction, so two processes agree on one id
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let id = match stored(&tx)? {
        Some(id) => id,
        None => {
            let id = format!("m-{:016x}", rand::random::<u64>());
            tx.execute(
                "INSERT INTO group_member(slot, id, created_at) VALUES (1, ?1, ?2)",
                (&id, now_ms),
            )?;
            id
        }
    };
    tx.commit()?;
    Ok(id)
}

fn stored(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT id FROM group_member WHERE slot = 1", [], |r| {
            r.get(0)
        })
        .optional()?)
}

#[cfg(test)]
mod tests {
    use crate::storage::Store;

    #[test]
    fn made_once_and_kept() {
        let mut store = Store::open_in_memory().unwrap();
        let a = super::id(&mut store.conn, 0).unwrap();
        let b = super::id(&mut store.conn, 5).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("m-") && a.len() == 18, "{a}");
    }
}
