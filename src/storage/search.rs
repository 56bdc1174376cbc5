//! Full-text search over cards (`recall search`): SQLite's FTS5 index
//! `cards_fts` (migration 0012) over fronts, backs, list items and source
//! sentences, ranked by BM25.

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::storage::cards::{self, StoredCard};

/// BM25 weights of the indexed columns: front, back, items, context. A word
/// in the question or the answer says more about a card than one in its
/// source sentence.
const WEIGHTS: &str = "4.0, 2.0, 2.0, 1.0";

/// Marks around matched words in [`Hit::context`].
pub const MARK: (&str, &str) = ("\u{1}", "\u{2}");

/// One card found.
#[derive(Debug, Clone)]
pub struct Hit {
    pub card: StoredCard,
    /// How well it matches (BM25, higher is better).
    pub score: f64,
    /// The part of the source sentence that matched, words marked with
    /// [`MARK`]; empty when the sentence did not match.
    pub context: String,
}

/// An FTS5 query for what a person typed: each word (or "quoted phrase")
/// must occur; the last bare word of three letters or more also matches
/// longer words it begins. Quoting every word keeps FTS5's operators
/// (AND, NEAR, column filters, …) out of reach of the text. `None` when the
/// text holds no word.
pub fn fts_query(text: &str) -> Option<String> {
    let mut terms: Vec<(String, bool)> = Vec::new(); // (text, quoted)
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c == '"' || !c.is_whitespace()) {
        rest = &rest[start..];
        if let Some(inner) = rest.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            terms.push((inner[..end].to_string(), true));
            rest = inner.get(end + 1..).unwrap_or("");
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            terms.push((rest[..end].to_string(), false));
            rest = &rest[end..];
        }
    }
    // a term without a letter or digit matches nothing (and FTS5 refuses it)
    terms.retain(|(t, _)| t.chars().any(char::is_alphanumeric));
    let last = terms.len().checked_sub(1)?;
    let parts: Vec<String> = terms
        .iter()
        .enumerate()
        .map(|(i, (t, quoted))| {
            let prefix =
                i == last && !quoted && t.chars().filter(|c| c.is_alphanumeric()).count() >= 3;
            format!(
                "\"{}\"{}",
                t.replace('"', "\"\""),
                if prefix { "*" } else { "" }
            )
        })
        .collect();
    Some(parts.join(" "))
}

/// Most matches a search ranks. BM25 has to score every match before the
/// best can be known (about a microsecond each with the card lookup); a
/// word in most of 100,000 cards would take 0.1 s. A search that matches
/// more ranks the first this many (oldest cards first) and says so: a word
/// that common does not find a card, a second word does.
pub const RANK_AT_MOST: usize = 5_000;

/// What a search found.
#[derive(Debug, Clone)]
pub struct Found {
    /// The best matches, best first.
    pub hits: Vec<Hit>,
    /// More than [`RANK_AT_MOST`] cards matched: `hits` are the best of the
    /// first ones.
    pub capped: bool,
}

/// The best `limit` active cards matching `text`, in one deck or all.
pub fn search(conn: &Connection, text: &str, deck: Option<&str>, limit: usize) -> Result<Found> {
    let query = fts_query(text).ok_or_else(|| {
        Error::Invalid(format!(
            "nothing to search for in '{text}': give a word (letters or digits)"
        ))
    })?;
    // the matches in scope in id order, each scored, one more than
    // RANK_AT_MOST (which tells that there were more); the best of the first
    // RANK_AT_MOST
    let mut stmt = conn.prepare_cached(&format!(
        "WITH matched AS MATERIALIZED (
             SELECT cards_fts.rowid AS id, -bm25(cards_fts, {WEIGHTS}) AS score
             FROM cards_fts JOIN cards c ON c.id = cards_fts.rowid
             WHERE cards_fts MATCH ?1 AND c.retired = 0 AND (?2 IS NULL OR c.deck_id = ?2)
             LIMIT ?3 + 1)
         SELECT id, score, (SELECT COUNT(*) FROM matched)
         FROM (SELECT * FROM matched LIMIT ?3) ORDER BY score DESC, id LIMIT ?4"
    ))?;
    let best: Vec<(i64, f64, i64)> = stmt
        .query_map((&query, deck, RANK_AT_MOST as i64, limit as i64), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let capped = best.first().is_some_and(|b| b.2 as usize > RANK_AT_MOST);
    let (Some(low), Some(high)) = (
        best.iter().map(|b| b.0).min(),
        best.iter().map(|b| b.0).max(),
    ) else {
        return Ok(Found {
            hits: Vec::new(),
            capped,
        });
    };
    // their rows and source snippets, in one pass of the query over their
    // id range (`+` keeps the id list from FTS5, which would run the query
    // once per id: for a prefix that is a merge of every word it begins)
    let ids = serde_json::to_string(&best.iter().map(|b| b.0).collect::<Vec<_>>())
        .map_err(|e| Error::Invalid(format!("cannot encode ids: {e}")))?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {cols}, snippet(cards_fts, 3, char(1), char(2), '…', 16)
         FROM cards_fts JOIN cards c ON c.id = cards_fts.rowid
         JOIN card_state s ON s.card_id = c.id
         WHERE cards_fts MATCH ?1 AND cards_fts.rowid BETWEEN ?2 AND ?3
           AND +cards_fts.rowid IN (SELECT value FROM json_each(?4))",
        cols = cards::CARD_COLUMNS
    ))?;
    let n = cards::CARD_COLUMN_COUNT;
    let mut rows: std::collections::HashMap<i64, (StoredCard, String)> = stmt
        .query_map((&query, low, high, &ids), |r| {
            let card = cards::row_to_card(r)?;
            Ok((card.rowid, (card, r.get(n)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let hits = best
        .iter()
        .filter_map(|&(id, score, _)| {
            let (card, context) = rows.remove(&id)?;
            Some(Hit {
                card,
                score,
                context: if context.contains(MARK.0) {
                    context
                } else {
                    String::new()
                },
            })
        })
        .collect();
    Ok(Found { hits, capped })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_and_the_last_may_be_a_prefix() {
        assert_eq!(
            fts_query("moral law").as_deref(),
            Some("\"moral\" \"law\"*")
        );
        assert_eq!(fts_query("  photo ").as_deref(), Some("\"photo\"*"));
        assert_eq!(fts_query("of a").as_deref(), Some("\"of\" \"a\""));
        assert_eq!(
            fts_query("\"moral law\" heaven").as_deref(),
            Some("\"moral law\" \"heaven\"*")
        );
        assert_eq!(
            fts_query("heaven \"moral law").as_deref(),
            Some("\"heaven\" \"moral law\"")
        );
        // operators and quotes are text, never syntax
        assert_eq!(
            fts_query("NEAR(a b) OR front:x").as_deref(),
            Some("\"NEAR(a\" \"b)\" \"OR\" \"front:x\"*")
        );
        assert_eq!(fts_query("o\"clock").as_deref(), Some("\"o\" \"clock\""));
        assert_eq!(fts_query("  -- ?? \"\" "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn a_search_matching_very_many_cards_ranks_the_first_and_says_so() {
        use crate::model::{CardContent, CardKind, Deck, DeckMeta};
        let mut store = crate::storage::Store::open_in_memory().unwrap();
        let n = RANK_AT_MOST + 50;
        let deck = Deck {
            meta: DeckMeta {
                id: "d".into(),
                name: "D".into(),
                source: None,
            },
            cards: (0..n)
                .map(|i| CardContent {
                    id: format!("c{i}"),
                    kind: CardKind::Basic,
                    front: format!("A common question number w{i}?"),
                    // the last card says "common" three times: the best match
                    back: if i == n - 1 {
                        "common common".into()
                    } else {
                        format!("a{i}")
                    },
                    items: vec![],
                    ordered: false,
                    source: String::new(),
                    context: String::new(),
                    tags: vec![],
                })
                .collect(),
        };
        crate::import::import_deck(&mut store.conn, &deck, 0, false).unwrap();
        let found = search(&store.conn, "common", None, 20).unwrap();
        assert!(found.capped);
        assert_eq!(found.hits.len(), 20);
        // ranked among the first RANK_AT_MOST: the best card, last, is not
        assert!(found
            .hits
            .iter()
            .all(|h| h.card.content.id != format!("c{}", n - 1)));
        // a second word narrows it: exact again
        let found = search(&store.conn, "common w5049", None, 20).unwrap();
        assert!(!found.capped);
        assert_eq!(found.hits.len(), 1);
        let found = search(&store.conn, "common", Some("d"), 5000).unwrap();
        assert_eq!(found.hits.len(), 5000);
        let scores: Vec<f64> = found.hits.iter().map(|h| h.score).collect();
        assert!(scores.windows(2).all(|w| w[0] >= w[1]), "best first");
    }
}
