//! Hostile and broken packages and CSV files: refused with one clear line,
//! nothing imported, nothing written outside the database.

use std::io::Write;

use crate::common::Recall;

fn refused(r: &Recall, file: &std::path::Path, needle: &str) {
    let before = r.db_digest();
    let listing = |r: &Recall| {
        let mut v: Vec<String> = std::fs::read_dir(r.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("recall.db"))
            .collect();
        v.sort();
        v
    };
    let files_before = listing(r);
    for args in [
        vec!["import", file.to_str().unwrap()],
        vec!["import", "--dry-run", file.to_str().unwrap()],
    ] {
        let out = r.cmd().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{file:?} was accepted");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(
            err.contains(needle),
            "{file:?}: expected '{needle}' in {err}"
        );
        assert!(!err.contains("panicked"));
    }
    assert_eq!(r.db_digest(), before, "{file:?} changed the database");
    assert_eq!(listing(r), files_before, "{file:?} wrote files");
}

fn zip_with(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut out);
        let o = zip::write::SimpleFileOptions::default().compression_method(method);
        for (n, b) in entries {
            z.start_file(*n, o).unwrap();
            z.write_all(b).unwrap();
        }
        z.finish().unwrap();
    }
    out.into_inner()
}

fn sqlite_bytes(sql: &str) -> Vec<u8> {
    let c = rusqlite::Connection::open_in_memory().unwrap();
    c.execute_batch(sql).unwrap();
    c.serialize(rusqlite::MAIN_DB).unwrap().to_vec()
}

fn seeded() -> Recall {
    let r = Recall::new();
    let deck = r.write("demo.toml", crate::common::THREE_CARDS);
    r.ok(&["import", deck.to_str().unwrap()]);
    r
}

#[test]
fn not_a_zip_and_truncated_zip() {
    let r = seeded();
    let f = r.write("text.apkg", b"this is not a zip file at all");
    refused(&r, &f, "not an Anki package");
    let good = zip_with(
        &[("collection.anki2", &sqlite_bytes("CREATE TABLE t(x);"))],
        zip::CompressionMethod::Deflated,
    );
    let f = r.write("cut.apkg", &good[..good.len() / 2]);
    refused(&r, &f, "not an Anki package");
}

#[test]
fn zip_bomb_is_capped() {
    let r = seeded();
    let zeros = vec![0u8; 64 * 1024 * 1024];
    let f = r.write(
        "bomb.apkg",
        zip_with(
            &[("collection.anki2", &zeros)],
            zip::CompressionMethod::Deflated,
        ),
    );
    refused(&r, &f, "zip bomb");
}

#[test]
fn path_traversal_and_absolute_names() {
    let r = seeded();
    let col = sqlite_bytes("CREATE TABLE t(x);");
    let f = r.write(
        "dots.apkg",
        zip_with(
            &[("../../evil.txt", b"x"), ("collection.anki2", &col)],
            zip::CompressionMethod::Stored,
        ),
    );
    refused(&r, &f, "unsafe entry name");
    let f = r.write(
        "abs.apkg",
        zip_with(
            &[("/tmp/evil.txt", b"x"), ("collection.anki2", &col)],
            zip::CompressionMethod::Stored,
        ),
    );
    refused(&r, &f, "unsafe entry name");
}

#[test]
fn collection_that_is_not_sqlite_or_has_another_schema() {
    let r = seeded();
    let f = r.write(
        "junk.apkg",
        zip_with(
            &[("collection.anki2", b"definitely not sqlite")],
            zip::CompressionMethod::Stored,
        ),
    );
    refused(&r, &f, "not an SQLite database");
    let other = sqlite_bytes("CREATE TABLE notes(x); INSERT INTO notes VALUES (1);");
    let f = r.write(
        "schema.apkg",
        zip_with(
            &[("collection.anki2", &other)],
            zip::CompressionMethod::Stored,
        ),
    );
    refused(&r, &f, "unexpected collection schema");
    let f = r.write(
        "zstd.apkg",
        zip_with(
            &[("collection.anki21b", b"not zstd")],
            zip::CompressionMethod::Stored,
        ),
    );
    refused(&r, &f, "collection.anki21b");
    let f = r.write(
        "empty.apkg",
        zip_with(&[("media", b"{}")], zip::CompressionMethod::Stored),
    );
    refused(&r, &f, "no collection");
}

#[test]
fn bad_csv_files() {
    let r = seeded();
    let f = r.write("ragged.csv", "front,back\nq1,a1\nq2,a2,extra\n");
    refused(
        &r,
        &f,
        "ragged.csv:3:1: row has 3 fields, the first row has 2",
    );
    let f = r.write("latin1.csv", b"caf\xe9,coffee\n");
    refused(&r, &f, "latin1.csv:1:4: the file is not valid UTF-8");
    let f = r.write("empty.csv", "#separator:comma\n");
    refused(&r, &f, "no cards");
    let f = r.write("sep.csv", "#separator:banana\nq,a\n");
    refused(&r, &f, "unknown separator");
    let f = r.write("noback.csv", "q1,a1\nq2,\n");
    refused(&r, &f, "noback.csv:2:1: a card needs a front and a back");
}

#[test]
fn plain_csv_and_tsv_without_headers() {
    let r = Recall::new();
    let f = r.write("words.tsv", "hund\tdog\nkatze\tcat\n");
    let out = r.ok(&["import", f.to_str().unwrap()]);
    assert!(out.contains("deck 'words' (new): 2 added"), "{out}");
    let f = r.write(
        "quotes.csv",
        "\"Capital, of France\",Paris\n\"{{c1::Rome}} is in Italy\",\n",
    );
    r.ok(&["import", f.to_str().unwrap()]);
    let cards = r.cards();
    assert!(cards
        .iter()
        .any(|c| c["front"] == "Capital, of France" && c["back"] == "Paris"));
    assert!(cards
        .iter()
        .any(|c| c["front"] == "___ is in Italy" && c["back"] == "Rome" && c["kind"] == "cloze"));
    // re-import: same ids, nothing new
    let out = r.ok(&["import", f.to_str().unwrap()]);
    assert!(out.contains("0 added"), "{out}");
}
