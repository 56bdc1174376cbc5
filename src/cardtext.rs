//! A card as text to edit (`recall edit`, the study session's `f` key): the
//! body of a deck file's `[[cards]]` table, every field written out, under
//! two comment lines that say what to do (the second holds the error of a
//! bad edit when the editor opens again). Pure: text in, card out.

use std::path::Path;

use crate::deckfile::{self, quote, quote_list};
use crate::error::{Error, Result};
use crate::model::CardContent;

/// The comment lines above the fields (the second is replaced by an error).
const HELP: &str =
    "# Save and quit to apply (checked with the deck-file rules; progress is kept). \
Quit without saving, or empty the file, to change nothing. The id cannot change.";

/// The text an editor opens for card `card` of deck `deck`.
pub fn to_text(deck: &str, card: &CardContent) -> String {
    let mut out = format!(
        "# recall edit: card {deck}/{} ({} card).\n{HELP}\n\n",
        card.id,
        card.kind.as_str()
    );
    out.push_str(&format!("id = {}\n", quote(&card.id)));
    out.push_str(&format!("kind = {}\n", quote(card.kind.as_str())));
    out.push_str(&format!("front = {}\n", quote(&card.front)));
    out.push_str(&format!("back = {}\n", quote(&card.back)));
    out.push_str(&format!("items = {}\n", quote_list(&card.items)));
    out.push_str(&format!("ordered = {}\n", card.ordered));
    out.push_str(&format!("source = {}\n", quote(&card.source)));
    out.push_str(&format!("context = {}\n", quote(&card.context)));
    out.push_str(&format!("tags = {}\n", quote_list(&card.tags)));
    out
}

/// `text` (as saved) with `error` in place of the second comment line, so
/// the editor opens again with the error on top and every other line where
/// it was (the error's line number stays right).
pub fn with_error(text: &str, error: &str) -> String {
    let line = format!(
        "# ERROR: {} (fix it, or empty the file to cancel)",
        error.replace('\n', " ")
    );
    let mut lines: Vec<&str> = text.split('\n').collect();
    match lines.get(1) {
        Some(l) if l.starts_with('#') => lines[1] = &line,
        _ => return format!("{line}\n{text}"),
    }
    lines.join("\n")
}

/// What a saved text says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Nothing but comments and blank lines: change nothing.
    Cancel,
    Card(CardContent),
}

/// Reads a saved text back with the deck-file rules; `name` names it in
/// errors, `id` is the card's id (which must not change).
pub fn parse(name: &Path, text: &str, id: &str) -> Result<Parsed> {
    let empty = text
        .lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#'));
    if empty {
        return Ok(Parsed::Cancel);
    }
    let card = deckfile::parse_card(name, text)?;
    if card.id != id {
        // the place of the `id` key
        let line = text
            .lines()
            .position(|l| {
                let l = l.trim_start();
                l.starts_with("id") && l[2..].trim_start().starts_with('=')
            })
            .map_or(1, |n| n + 1);
        let col = 1;
        return Err(Error::Parse {
            path: name.to_path_buf(),
            line,
            col,
            msg: format!(
                "the card id cannot change (it is '{id}', not '{}')",
                card.id
            ),
        });
    }
    Ok(Parsed::Card(card))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CardKind;

    fn card() -> CardContent {
        CardContent {
            id: "q2".into(),
            kind: CardKind::List,
            front: "Name the \"three\" primary colours.".into(),
            back: String::new(),
            items: vec!["red".into(), "yellow".into(), "blue".into()],
            ordered: false,
            source: "II.(1)".into(),
            context: "Red, yellow and blue\nare primary.".into(),
            tags: vec!["art".into()],
        }
    }

    #[test]
    fn a_card_survives_the_round_trip_through_its_text() {
        let text = to_text("demo", &card());
        assert!(
            text.starts_with("# recall edit: card demo/q2 (list card).\n"),
            "{text}"
        );
        assert_eq!(
            parse(Path::new("e.toml"), &text, "q2").unwrap(),
            Parsed::Card(card())
        );
    }

    #[test]
    fn an_edit_is_read_with_the_deck_file_rules() {
        let text = to_text("demo", &card()).replace("\"yellow\", ", "");
        let Parsed::Card(c) = parse(Path::new("e.toml"), &text, "q2").unwrap() else {
            panic!("cancelled")
        };
        assert_eq!(c.items, ["red", "blue"]);
        let bad = to_text("demo", &card())
            .replace("items = [\"red\", \"yellow\", \"blue\"]", "items = []");
        let e = parse(Path::new("e.toml"), &bad, "q2")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("e.toml:"), "{e}");
        assert!(e.contains("card 'q2': a list card needs items"), "{e}");
        let e = parse(Path::new("e.toml"), &format!("{bad}colour = 1\n"), "q2")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field `colour`"), "{e}");
    }

    #[test]
    fn the_id_cannot_change() {
        let text = to_text("demo", &card()).replace("id = \"q2\"", "id = \"q9\"");
        let e = parse(Path::new("e.toml"), &text, "q2")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("the card id cannot change (it is 'q2', not 'q9')"),
            "{e}"
        );
        assert!(e.starts_with("e.toml:4:1:"), "{e}");
    }

    #[test]
    fn an_empty_text_cancels() {
        assert_eq!(parse(Path::new("e"), "", "q2").unwrap(), Parsed::Cancel);
        assert_eq!(
            parse(Path::new("e"), "# only\n\n  # comments\n", "q2").unwrap(),
            Parsed::Cancel
        );
    }

    #[test]
    fn the_error_takes_the_second_line_and_moves_nothing() {
        let text = to_text("demo", &card());
        let again = with_error(&text, "e.toml:6:9: front is empty");
        assert_eq!(again.lines().count(), text.lines().count());
        assert!(again
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("# ERROR: e.toml:6:9: front is empty"));
        assert_eq!(again.lines().nth(5), text.lines().nth(5));
        // twice: still one error line
        let twice = with_error(&again, "other");
        assert_eq!(twice.matches("# ERROR").count(), 1);
        // a text whose comments were deleted gets the error on top
        assert!(with_error("id = \"q2\"\n", "x").starts_with("# ERROR: x"));
    }
}
