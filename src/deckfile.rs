//! Deck files (TOML): the thing study groups share. Parsing with precise
//! error places, validation, and a deterministic writer. No database here.
//!
//! ```toml
//! format = 1
//! [deck]
//! id = "sun-tzu-laying-plans"
//! name = "Laying Plans"
//! source = "laying_plans.txt"
//! [[cards]]
//! id = "list-3f9a1c20"
//! kind = "list"
//! front = "Name the five constant factors that govern the art of war."
//! back = ""
//! items = ["The Moral Law", "Heaven", "Earth", "The Commander", "Method and discipline"]
//! ordered = false
//! source = "4"
//! ```

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Error, Result};
use crate::model::{CardContent, CardKind, Deck, DeckMeta};

/// The deck-file format version this recall reads and writes.
pub const FORMAT: i64 = 1;
/// Longest card or deck id accepted.
pub const MAX_ID_LEN: usize = 120;
/// Most items on one list card.
pub const MAX_ITEMS: usize = 50;
/// Longest text field accepted (bytes); a card is a prompt, not a book.
pub const MAX_FIELD_LEN: usize = 20_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDto {
    format: Spanned<i64>,
    deck: Spanned<DeckDto>,
    #[serde(default)]
    cards: Vec<Spanned<CardDto>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DeckDto {
    id: Spanned<String>,
    name: Spanned<String>,
    #[serde(default)]
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CardDto {
    id: Spanned<String>,
    kind: Spanned<String>,
    front: Spanned<String>,
    #[serde(default)]
    back: Option<Spanned<String>>,
    #[serde(default)]
    items: Vec<Spanned<String>>,
    #[serde(default)]
    ordered: bool,
    #[serde(default)]
    source: String,
    #[serde(default)]
    context: String,
    #[serde(default)]
    tags: Vec<String>,
}

/// 1-based line and column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Whether `id` is a valid card or deck id: letters, digits, `-`, `_`, `.`, `:`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// The bytes of a text file as UTF-8 without a byte-order mark; an error
/// names the line and column of the first invalid byte.
pub fn utf8_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = line_col(
            &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            e.valid_up_to(),
        );
        Error::Parse {
            path: path.to_path_buf(),
            line,
            col,
            msg: "the file is not valid UTF-8".into(),
        }
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The file read by [`crate::deckscan`] (the part before the cards by the
/// TOML crate), or `None` to parse it all with the TOML crate.
fn fast_dto(text: &str) -> Option<FileDto> {
    let (start, scanned) = crate::deckscan::scan(text)?;
    let mut dto: FileDto = toml::from_str(&text[..start]).ok()?;
    if !dto.cards.is_empty() {
        return None;
    }
    let field = |f: crate::deckscan::Field| Spanned::new(f.span, f.value);
    dto.cards = scanned
        .into_iter()
        .map(|c| {
            Some(Spanned::new(
                c.span,
                CardDto {
                    id: field(c.id?),
                    kind: field(c.kind?),
                    front: field(c.front?),
                    back: c.back.map(field),
                    items: c.items.unwrap_or_default().into_iter().map(field).collect(),
                    ordered: c.ordered.unwrap_or(false),
                    source: c.source.unwrap_or_default(),
                    context: c.context.unwrap_or_default(),
                    tags: c.tags.unwrap_or_default(),
                },
            ))
        })
        .collect::<Option<_>>()?;
    Some(dto)
}

/// Parses and validates a deck file's bytes. `path` only names the file in errors.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Deck> {
    parse_with(path, bytes, true)
}

/// [`parse`], with or without the fast reader (tests compare the two).
fn parse_with(path: &Path, bytes: &[u8], fast: bool) -> Result<Deck> {
    let text = utf8_text(path, bytes)?;
    let at = |offset: usize, msg: String| {
        let (line, col) = line_col(text, offset);
        Error::Parse {
            path: path.to_path_buf(),
            line,
            col,
            msg,
        }
    };
    let dto = match fast.then(|| fast_dto(text)).flatten() {
        Some(dto) => dto,
        None => toml::from_str::<FileDto>(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            at(offset, e.message().trim().replace('\n', " "))
        })?,
    };

    if *dto.format.get_ref() != FORMAT {
        return Err(at(
            dto.format.span().start,
            format!(
                "unknown deck format {} (this recall reads format {FORMAT}; upgrade recall)",
                dto.format.get_ref()
            ),
        ));
    }
    let deck = dto.deck.into_inner();
    if !valid_id(deck.id.get_ref()) {
        return Err(at(
            deck.id.span().start,
            format!(
                "deck id '{}' must be 1-{MAX_ID_LEN} letters, digits, '-', '_', '.' or ':'",
                deck.id.get_ref()
            ),
        ));
    }
    if deck.name.get_ref().trim().is_empty() {
        return Err(at(deck.name.span().start, "deck name is empty".into()));
    }
    let meta = DeckMeta {
        id: deck.id.into_inner(),
        name: deck.name.into_inner().trim().to_string(),
        source: deck.source.filter(|s| !s.trim().is_empty()),
    };

    let mut seen = HashSet::new();
    let mut cards = Vec::with_capacity(dto.cards.len());
    for spanned in dto.cards {
        let card_start = spanned.span().start;
        let c = spanned.into_inner();
        let (id_start, id) = (c.id.span().start, c.id.get_ref());
        if valid_id(id) && !seen.insert(id.clone()) {
            return Err(at(id_start, format!("duplicate card id '{id}'")));
        }
        cards.push(check_card(c, card_start, &at)?);
    }
    Ok(Deck { meta, cards })
}

/// Checks one card table against the deck-file rules (id, kind, front,
/// items, back, sizes); `at` turns a byte offset and a message into the
/// error, `card_start` is where the table starts.
fn check_card(
    c: CardDto,
    card_start: usize,
    at: &dyn Fn(usize, String) -> Error,
) -> Result<CardContent> {
    let id_start = c.id.span().start;
    let id = c.id.into_inner();
    if !valid_id(&id) {
        return Err(at(
            id_start,
            format!("card id '{id}' must be 1-{MAX_ID_LEN} letters, digits, '-', '_', '.' or ':'"),
        ));
    }
    let kind = CardKind::parse(c.kind.get_ref()).ok_or_else(|| {
        at(
            c.kind.span().start,
            format!(
                "card '{id}': unknown kind '{}' (expected basic, cloze, list or outline)",
                c.kind.get_ref()
            ),
        )
    })?;
    if c.front.get_ref().trim().is_empty() {
        return Err(at(
            c.front.span().start,
            format!("card '{id}': front is empty"),
        ));
    }
    let items: Vec<String> = c
        .items
        .iter()
        .map(|s| s.get_ref().trim().to_string())
        .collect();
    if let Some(bad) = c.items.iter().find(|s| s.get_ref().trim().is_empty()) {
        return Err(at(
            bad.span().start,
            format!("card '{id}': empty list item"),
        ));
    }
    if items.len() > MAX_ITEMS {
        return Err(at(
            card_start,
            format!("card '{id}': {} items (at most {MAX_ITEMS})", items.len()),
        ));
    }
    if kind.has_items() && items.is_empty() {
        return Err(at(
            card_start,
            format!("card '{id}': a {kind} card needs items"),
        ));
    }
    let back_start = c.back.as_ref().map_or(card_start, |b| b.span().start);
    let back = c.back.map(Spanned::into_inner).unwrap_or_default();
    if items.is_empty() && back.trim().is_empty() {
        return Err(at(
            back_start,
            format!("card '{id}': back (the answer) is empty"),
        ));
    }
    for (name, value) in [
        ("front", c.front.get_ref()),
        ("back", &back),
        ("context", &c.context),
    ] {
        if value.len() > MAX_FIELD_LEN {
            return Err(at(
                card_start,
                format!("card '{id}': {name} is longer than {MAX_FIELD_LEN} bytes"),
            ));
        }
    }
    Ok(CardContent {
        id,
        kind,
        front: c.front.into_inner().trim().to_string(),
        back: back.trim().to_string(),
        items,
        ordered: c.ordered,
        source: c.source.trim().to_string(),
        context: c.context.trim().to_string(),
        tags: c.tags,
    })
}

/// Parses one card written as the body of a deck file's `[[cards]]` table
/// (`id = …`, `kind = …`, … at the top level: what `recall edit` shows),
/// with the deck-file rules. `name` only names the text in errors.
pub fn parse_card(name: &Path, text: &str) -> Result<CardContent> {
    let at = |offset: usize, msg: String| {
        let (line, col) = line_col(text, offset);
        Error::Parse {
            path: name.to_path_buf(),
            line,
            col,
            msg,
        }
    };
    let dto = toml::from_str::<CardDto>(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        at(offset, e.message().trim().replace('\n', " "))
    })?;
    check_card(dto, 0, &at)
}

/// Reads and parses a deck file from disk.
pub fn read(path: &Path) -> Result<Deck> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    parse(path, &bytes)
}

/// A TOML string literal.
pub fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A TOML array of string literals.
pub fn quote_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", parts.join(", "))
}

/// Writes a deck as TOML. Deterministic: the same deck gives the same bytes.
pub fn to_toml(deck: &Deck) -> String {
    let mut out = String::with_capacity(256 + deck.cards.len() * 300);
    out.push_str(&format!("format = {FORMAT}\n\n[deck]\n"));
    out.push_str(&format!("id = {}\n", quote(&deck.meta.id)));
    out.push_str(&format!("name = {}\n", quote(&deck.meta.name)));
    if let Some(src) = &deck.meta.source {
        out.push_str(&format!("source = {}\n", quote(src)));
    }
    for c in &deck.cards {
        out.push_str("\n[[cards]]\n");
        out.push_str(&format!("id = {}\n", quote(&c.id)));
        out.push_str(&format!("kind = {}\n", quote(c.kind.as_str())));
        out.push_str(&format!("front = {}\n", quote(&c.front)));
        out.push_str(&format!("back = {}\n", quote(&c.back)));
        if !c.items.is_empty() {
            out.push_str(&format!("items = {}\n", quote_list(&c.items)));
            out.push_str(&format!("ordered = {}\n", c.ordered));
        }
        if !c.source.is_empty() {
            out.push_str(&format!("source = {}\n", quote(&c.source)));
        }
        if !c.context.is_empty() {
            out.push_str(&format!("context = {}\n", quote(&c.context)));
        }
        if !c.tags.is_empty() {
            out.push_str(&format!("tags = {}\n", quote_list(&c.tags)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"format = 1
[deck]
id = "d"
name = "Deck"
[[cards]]
id = "a"
kind = "basic"
front = "Q?"
back = "A"
[[cards]]
id = "b"
kind = "list"
front = "Name three."
items = ["x", "y", "z"]
ordered = true
source = "II.(1)"
"#;

    fn err(text: &str) -> String {
        parse(Path::new("deck.toml"), text.as_bytes())
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn parses_a_good_file() {
        let d = parse(Path::new("deck.toml"), GOOD.as_bytes()).unwrap();
        assert_eq!(d.meta.id, "d");
        assert_eq!(d.cards.len(), 2);
        assert_eq!(d.cards[1].items, ["x", "y", "z"]);
        assert!(d.cards[1].ordered);
        assert_eq!(d.cards[1].source, "II.(1)");
    }

    #[test]
    fn round_trips_exactly() {
        let d = parse(Path::new("deck.toml"), GOOD.as_bytes()).unwrap();
        let text = to_toml(&d);
        let again = parse(Path::new("deck.toml"), text.as_bytes()).unwrap();
        assert_eq!(d, again);
        assert_eq!(text, to_toml(&again));
    }

    #[test]
    fn quotes_and_newlines_survive() {
        let mut d = parse(Path::new("deck.toml"), GOOD.as_bytes()).unwrap();
        d.cards[0].front = "He said \"hi\"\nand \\ left ’".into();
        let again = parse(Path::new("x"), to_toml(&d).as_bytes()).unwrap();
        assert_eq!(again.cards[0].front, d.cards[0].front);
    }

    #[test]
    fn duplicate_id_names_the_line() {
        let text = GOOD.replace("id = \"b\"", "id = \"a\"");
        let e = err(&text);
        assert!(
            e.starts_with("deck.toml:11:6: duplicate card id 'a'"),
            "{e}"
        );
    }

    #[test]
    fn unknown_format_is_refused() {
        let e = err(&GOOD.replace("format = 1", "format = 7"));
        assert!(
            e.starts_with("deck.toml:1:10: unknown deck format 7"),
            "{e}"
        );
    }

    #[test]
    fn empty_front_is_refused() {
        let e = err(&GOOD.replace("front = \"Q?\"", "front = \"  \""));
        assert!(e.contains(":8:9: card 'a': front is empty"), "{e}");
    }

    #[test]
    fn missing_field_is_refused() {
        let e = err(&GOOD.replace("kind = \"basic\"\n", ""));
        assert!(e.contains("missing field `kind`"), "{e}");
        assert!(e.starts_with("deck.toml:"), "{e}");
    }

    #[test]
    fn bad_toml_names_the_place() {
        let e = err("format = 1\n[deck\n");
        assert!(e.starts_with("deck.toml:2:"), "{e}");
    }

    #[test]
    fn invalid_utf8_names_the_place() {
        let mut bytes = b"format = 1\n# ".to_vec();
        bytes.push(0xff);
        let e = parse(Path::new("deck.toml"), &bytes)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("deck.toml:2:3: the file is not valid UTF-8"),
            "{e}"
        );
    }

    #[test]
    fn list_without_items_is_refused() {
        let e = err(&GOOD.replace("items = [\"x\", \"y\", \"z\"]\n", ""));
        assert!(e.contains("card 'b': a list card needs items"), "{e}");
    }

    #[test]
    fn bad_ids_are_refused() {
        let e = err(&GOOD.replace("id = \"a\"", "id = \"a/b\""));
        assert!(e.contains("card id 'a/b'"), "{e}");
    }

    #[test]
    fn unknown_kind_is_refused() {
        let e = err(&GOOD.replace("kind = \"basic\"", "kind = \"essay\""));
        assert!(e.contains("unknown kind 'essay'"), "{e}");
    }

    /// Both readers give the same deck, or the same error at the same place.
    fn same_both_ways(text: &str) {
        let path = Path::new("deck.toml");
        let fast = parse_with(path, text.as_bytes(), true);
        let slow = parse_with(path, text.as_bytes(), false);
        assert_eq!(
            format!("{fast:?}"),
            format!("{slow:?}"),
            "fast and TOML readers differ on:\n{text}"
        );
    }

    #[test]
    fn fast_reader_agrees_with_toml_on_valid_and_invalid_cards() {
        let head = "format = 1\n[deck]\nid = \"d\"\nname = \"Deck\"\n";
        let cards = [
            "[[cards]]\nid = \"a\"\nkind = \"basic\"\nfront = \"Q?\"\nback = \"A\"\n",
            "[[cards]]\nid = \"b\"\nkind = \"list\"\nfront = \"Name\"\nitems = [\"x\", \" y \"]\nordered = true\ntags = [\"t\"]\n",
            "  [[cards]]  \r\nid='c'\r\nkind='cloze'\r\nfront='A ___ b' # c\r\nback='x'\r\n",
            "[[cards]]\nid = \"bad id\"\nkind = \"basic\"\nfront = \"Q\"\nback = \"A\"\n",
            "[[cards]]\nid = \"e\"\nkind = \"poem\"\nfront = \"Q\"\nback = \"A\"\n",
            "[[cards]]\nid = \"f\"\nkind = \"basic\"\nfront = \"  \"\nback = \"A\"\n",
            "[[cards]]\nid = \"g\"\nkind = \"basic\"\nfront = \"Q\"\n",
            "[[cards]]\nid = \"h\"\nkind = \"list\"\nfront = \"Q\"\n",
            "[[cards]]\nid = \"i\"\nkind = \"list\"\nfront = \"Q\"\nitems = [\"x\", \"\"]\n",
            "[[cards]]\nid = \"a\"\nkind = \"basic\"\nfront = \"dup\"\nback = \"A\"\n",
            "[[cards]]\nid = \"j\"\nkind = \"basic\"\nfront = \"\\u00e9 \\t \\\"q\\\"\"\nback = \"A\"\n",
            "[[cards]]\nid = \"k\"\nkind = \"basic\"\nfront = \"Q\"\nback = \"\"\"multi\nline\"\"\"\n",
            "[[cards]]\nid = \"l\"\nkind = \"basic\"\nfront = \"Q\"\nback = \"A\"\ncolour = \"red\"\n",
        ];
        // the fast reader is really used for the usual shape
        for a in &cards[..3] {
            assert!(fast_dto(&format!("{head}{a}")).is_some(), "{a}");
        }
        for a in &cards {
            same_both_ways(&format!("{head}{a}"));
            for b in &cards {
                same_both_ways(&format!("{head}{a}\n{b}"));
            }
        }
        same_both_ways(&format!("{head}{}", cards[0].repeat(2)));
        same_both_ways(&format!(
            "format = 2\n[deck]\nid = \"d\"\nname = \"D\"\n{}",
            cards[0]
        ));
        same_both_ways(&format!("{}{head}", cards[0]));
    }

    proptest::proptest! {
        #[test]
        fn fast_reader_reads_what_the_writer_writes(
            fronts in proptest::collection::vec("[ -~\u{e9}\u{201c}\u{4e2d}\n\t\\\\\"']{1,30}", 1..6),
            items in proptest::collection::vec("[a-z '\"\\\\]{1,8}", 0..4),
        ) {
            let deck = Deck {
                meta: DeckMeta { id: "d".into(), name: "D".into(), source: None },
                cards: fronts
                    .iter()
                    .enumerate()
                    .map(|(i, f)| CardContent {
                        id: format!("c{i}"),
                        kind: if items.is_empty() { CardKind::Basic } else { CardKind::List },
                        front: f.clone(),
                        back: "answer".into(),
                        items: items.clone(),
                        ordered: i % 2 == 0,
                        source: f.clone(),
                        context: f.clone(),
                        tags: items.clone(),
                    })
                    .collect(),
            };
            let text = to_toml(&deck);
            same_both_ways(&text);
            // (the TOML writer quotes strings holding quotes or newlines in
            // multi-line form, which is left to the TOML crate)
            let plain = |s: &String| !s.contains(['\n', '"', '\'']);
            if fronts.iter().all(plain) && items.iter().all(plain) {
                proptest::prop_assert!(fast_dto(&text).is_some(), "{}", text);
            }
        }
    }
}
