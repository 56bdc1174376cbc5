//! Reading and writing `.apkg` zip files safely.
//!
//! Limits (a package is a zip from a stranger): at most [`MAX_ENTRIES`]
//! entries; names must be plain relative paths (no `..`, no absolute or
//! drive paths); the collection may expand to at most [`MAX_COLLECTION`]
//! bytes and at most [`MAX_RATIO`] times its compressed size; the sizes a
//! zip declares are not trusted (reads are capped). Nothing is written to
//! disk: the collection is returned as bytes.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Most entries a package may hold.
pub const MAX_ENTRIES: usize = 100_000;
/// Largest collection accepted, uncompressed (bytes).
pub const MAX_COLLECTION: u64 = 512 * 1024 * 1024;
/// Largest expansion of a compressed entry.
pub const MAX_RATIO: u64 = 200;

/// Which collection file a package holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `collection.anki21b`: zstd-compressed, schema 18 (Anki 23.10+).
    Modern,
    /// `collection.anki21` (Anki 2.1) or `collection.anki2` (older, genanki).
    Legacy,
}

/// A package's collection, in memory.
pub struct Collection {
    pub layout: Layout,
    pub bytes: Vec<u8>,
    /// Media files the package carries (they are not imported).
    pub media_files: usize,
}

fn bad(path: &Path, msg: impl Into<String>) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        msg: msg.into(),
    }
}

fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.starts_with('\\')
        && !name.contains(':')
        && !name.split(['/', '\\']).any(|part| part == "..")
        && !name.contains('\0')
}

/// Reads at most `limit` bytes; errors if there are more.
fn read_capped(mut r: impl Read, limit: u64, path: &Path, what: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let n = r
        .by_ref()
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| bad(path, format!("{what}: {e}")))?;
    if n as u64 > limit {
        return Err(bad(
            path,
            format!("{what} expands beyond {limit} bytes (refusing a possible zip bomb)"),
        ));
    }
    Ok(out)
}

/// Opens a package and returns its collection (newest layout first).
pub fn read(path: &Path, bytes: &[u8]) -> Result<Collection> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        bad(
            path,
            format!("not an Anki package (not a readable zip file: {e})"),
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(
            path,
            format!("{} entries (at most {MAX_ENTRIES})", zip.len()),
        ));
    }
    let mut names = Vec::with_capacity(zip.len());
    for i in 0..zip.len() {
        let f = zip
            .by_index_raw(i)
            .map_err(|e| bad(path, format!("entry {i}: {e}")))?;
        let name = f.name().to_string();
        if !safe_name(&name) {
            return Err(bad(
                path,
                format!("unsafe entry name '{name}' (absolute or with '..')"),
            ));
        }
        names.push(name);
    }
    let pick = [
        "collection.anki21b",
        "collection.anki21",
        "collection.anki2",
    ]
    .into_iter()
    .find(|n| names.iter().any(|x| x == n))
    .ok_or_else(|| {
        bad(
            path,
            "no collection in the package (expected collection.anki2, .anki21 or .anki21b)",
        )
    })?;
    let media_files = names
        .iter()
        .filter(|n| !n.starts_with("collection.") && n.as_str() != "media" && n.as_str() != "meta")
        .count();
    let f = zip
        .by_name(pick)
        .map_err(|e| bad(path, format!("{pick}: {e}")))?;
    let compressed = f.compressed_size().max(1);
    let limit = MAX_COLLECTION.min(compressed.saturating_mul(MAX_RATIO).max(64 * 1024));
    let raw = read_capped(f, limit, path, pick)?;
    if pick == "collection.anki21b" {
        let decoder = ruzstd::decoding::StreamingDecoder::new(Cursor::new(&raw))
            .map_err(|e| bad(path, format!("{pick}: not zstd data ({e})")))?;
        let limit = MAX_COLLECTION.min((raw.len() as u64).saturating_mul(MAX_RATIO).max(64 * 1024));
        let bytes = read_capped(decoder, limit, path, pick)?;
        return Ok(Collection {
            layout: Layout::Modern,
            bytes,
            media_files,
        });
    }
    Ok(Collection {
        layout: Layout::Legacy,
        bytes: raw,
        media_files,
    })
}

/// Writes a legacy-layout package: `collection.anki2` plus an empty `media`
/// map. Returns the zip's bytes.
pub fn write(collection: &[u8]) -> Result<Vec<u8>> {
    let mut out = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default());
        let err = |e: zip::result::ZipError| Error::Invalid(format!("cannot write package: {e}"));
        zip.start_file("collection.anki2", opts).map_err(err)?;
        zip.write_all(collection)
            .map_err(|e| Error::Invalid(format!("cannot write package: {e}")))?;
        zip.start_file("media", opts).map_err(err)?;
        zip.write_all(b"{}")
            .map_err(|e| Error::Invalid(format!("cannot write package: {e}")))?;
        zip.finish().map_err(err)?;
    }
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut out);
            let o = zip::write::SimpleFileOptions::default();
            for (n, b) in entries {
                z.start_file(*n, o).unwrap();
                z.write_all(b).unwrap();
            }
            z.finish().unwrap();
        }
        out.into_inner()
    }

    fn err(bytes: &[u8]) -> String {
        match read(Path::new("p.apkg"), bytes) {
            Ok(_) => "ok".into(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn refuses_non_zip_and_truncated() {
        assert!(err(b"hello").contains("not an Anki package"));
        let z = zip_with(&[("collection.anki2", b"x")]);
        assert!(err(&z[..z.len() / 2]).contains("not an Anki package"));
    }

    #[test]
    fn refuses_unsafe_names() {
        assert!(
            err(&zip_with(&[("../evil", b"x"), ("collection.anki2", b"x")]))
                .contains("unsafe entry")
        );
        assert!(err(&zip_with(&[("/etc/passwd", b"x")])).contains("unsafe entry"));
    }

    #[test]
    fn refuses_a_zip_bomb() {
        let big = vec![0u8; 40 * 1024 * 1024];
        let mut out = Cursor::new(Vec::new());
        {
            let mut z = zip::ZipWriter::new(&mut out);
            let o = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            z.start_file("collection.anki2", o).unwrap();
            z.write_all(&big).unwrap();
            z.finish().unwrap();
        }
        let e = err(&out.into_inner());
        assert!(e.contains("zip bomb"), "{e}");
    }

    #[test]
    fn needs_a_collection() {
        assert!(err(&zip_with(&[("media", b"{}")])).contains("no collection"));
    }

    #[test]
    fn round_trips_bytes() {
        let z = write(b"SQLite format 3\0 pretend").unwrap();
        let c = read(Path::new("x"), &z).unwrap();
        assert_eq!(c.layout, Layout::Legacy);
        assert_eq!(c.bytes, b"SQLite format 3\0 pretend");
    }
}
