//! The crate's error type. Each variant carries what a person needs to fix the
//! problem; `Display` is the one line `recall` prints before exiting non-zero.

use std::path::PathBuf;

/// Everything that can go wrong in recall.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Input at a known place in a file is malformed.
    #[error("{path}:{line}:{col}: {msg}")]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        msg: String,
    },

    /// Input is malformed but has no precise line (e.g. not UTF-8 at a byte offset).
    #[error("{path}: {msg}")]
    BadFile { path: PathBuf, msg: String },

    /// The database was written by a newer recall.
    #[error(
        "{path}: database schema version {found} is newer than this recall supports ({supported}); \
         upgrade recall (the database was left untouched)"
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    /// Something the user named does not exist.
    #[error("{0}")]
    NotFound(String),

    /// The user asked for something that cannot be done.
    #[error("{0}")]
    Invalid(String),

    /// SQLite reported an error.
    #[error("database error: {0}")]
    Db(#[from] rusqlite::Error),
}

/// Result with recall's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
