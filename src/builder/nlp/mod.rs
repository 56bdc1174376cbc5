//! The builder's linguistic layer: part-of-speech tags, noun-phrase chunks
//! and each word's rarity in general English.
//!
//! Everything here is data compiled into the binary (no file is read at
//! run time) plus small pure functions over it:
//! - [`tagger`]: Brill's rule-based tagger (lexicon, unknown-word rules,
//!   contextual rules) with the data Pattern/TextBlob ship, Penn tags.
//! - [`freq`]: Zipf frequencies of English words from `wordfreq`.
//! - [`chunk`]: noun phrases over the tags.
//!
//! The data files and their licences are in `data/`; `tools/nlp_data.py`
//! regenerates them from the registry packages.

pub mod chunk;
pub mod freq;
pub mod tagger;

pub use chunk::{noun_phrases, Phrase};
pub use freq::zipf;
pub use tagger::{lexicon_tag, tag, Tag, Token};
