//! Schema upgrades and refusals, through the real binary.

use crate::common::Recall;

#[test]
fn v1_fixture_upgrades_with_data_intact() {
    let r = Recall::new();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1.db");
    std::fs::copy(&fixture, &r.db).unwrap();
    let v: i64 = r.scalar("PRAGMA user_version");
    assert_eq!(v, 1);
    let c = r.card("c1");
    assert_eq!(c["deck"], "old-deck");
    assert_eq!(
        (c["ef"].as_i64(), c["reps"].as_i64(), c["interval"].as_i64()),
        (Some(2600), Some(2), Some(6))
    );
    assert_eq!(c["due"], "2026-01-07");
    let v: i64 = r.scalar("PRAGMA user_version");
    assert_eq!(v as usize, recall::storage::migrate::MIGRATIONS.len());
    let log: i64 = r.scalar("SELECT COUNT(*) FROM revlog");
    assert_eq!(log, 2);
    // the second migration's index exists
    let idx: i64 = r.scalar("SELECT COUNT(*) FROM sqlite_master WHERE name = 'revlog_day_card'");
    assert_eq!(idx, 1);
    // and the upgraded database works: the card answers as SM-2 says
    r.at("2026-01-07T10:00:00Z")
        .args(["answer", "c1", "4"])
        .assert()
        .success();
    assert_eq!(r.card("c1")["interval"], 16);
}

#[test]
fn newer_database_is_refused_untouched() {
    let r = Recall::new();
    r.ok(&["decks"]);
    r.sql().pragma_update(None, "user_version", 99).unwrap();
    r.sql()
        .pragma_update(None, "journal_mode", "DELETE")
        .unwrap();
    let before = std::fs::read(&r.db).unwrap();
    let out = r.cmd().args(["decks"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("schema version 99 is newer"), "{err}");
    assert_eq!(std::fs::read(&r.db).unwrap(), before);
}

#[test]
fn fresh_database_is_wal_with_foreign_keys() {
    let r = Recall::new();
    r.ok(&["decks"]);
    let mode: String = r.scalar("PRAGMA journal_mode");
    assert_eq!(mode, "wal");
    // every table is STRICT (counted, not named: branches add tables)
    let strict: i64 =
        r.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND sql LIKE '%STRICT%'");
    assert!(strict >= 10, "{strict} STRICT tables");
    // every table is STRICT but the search index's (FTS5 makes its own)
    let loose: String = r.scalar(
        "SELECT COALESCE(group_concat(name), '') FROM sqlite_master WHERE type = 'table'
         AND sql NOT LIKE '%STRICT%' AND name NOT LIKE 'cards_fts%'",
    );
    assert_eq!(loose, "");
}
