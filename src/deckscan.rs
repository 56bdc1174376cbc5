//! A fast reader for the usual shape of a deck file: the `[[cards]]` tables
//! written one `key = value` per line, as `recall export` and `recall build`
//! write them. A 100,000-card file reads in a fraction of the time and
//! memory of a general TOML parser.
//!
//! It accepts only what it fully understands: bare keys, single-line basic
//! and literal strings (with the escapes of TOML 1.0), booleans, single-line
//! arrays of strings, comments and blank lines, the known card fields each at
//! most once, and the required ones present. On anything else (multi-line
//! strings, inline tables, other tables after the cards, an unknown key, an
//! error) [`scan`] returns `None` and the caller parses the whole file with
//! the TOML crate, which also words every error. Pure: no I/O.

use std::ops::Range;

/// A string value and where it is (the opening quote to the closing one).
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub value: String,
    pub span: Range<usize>,
}

/// One `[[cards]]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScannedCard {
    /// The table's header line.
    pub span: Range<usize>,
    pub id: Option<Field>,
    pub kind: Option<Field>,
    pub front: Option<Field>,
    pub back: Option<Field>,
    pub items: Option<Vec<Field>>,
    pub ordered: Option<bool>,
    pub source: Option<String>,
    pub context: Option<String>,
    pub tags: Option<Vec<String>>,
}

const HEADER: &str = "[[cards]]";

/// Where the cards start (the end of the part before them) and the cards,
/// or `None` when the file is not in the simple shape.
pub fn scan(text: &str) -> Option<(usize, Vec<ScannedCard>)> {
    let mut offset = 0;
    let mut start = None;
    let mut cards: Vec<ScannedCard> = Vec::new();
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        let trimmed = body.trim_matches([' ', '\t']);
        if start.is_none() {
            if trimmed == HEADER {
                start = Some(at);
            } else {
                continue;
            }
        }
        if trimmed == HEADER {
            if let Some(last) = cards.last() {
                if !complete(last) {
                    return None;
                }
            }
            let lead = body.len() - body.trim_start_matches([' ', '\t']).len();
            cards.push(ScannedCard {
                span: at + lead..at + lead + HEADER.len(),
                ..ScannedCard::default()
            });
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if let Some(text) = trimmed.strip_prefix('#') {
            comment(text)?;
            continue;
        }
        let card = cards.last_mut()?;
        key_value(body, at, card)?;
    }
    let start = start?;
    if !cards.last().is_some_and(complete) {
        return None;
    }
    Some((start, cards))
}

fn complete(c: &ScannedCard) -> bool {
    c.id.is_some() && c.kind.is_some() && c.front.is_some()
}

/// A comment's text: no control characters but tab.
fn comment(s: &str) -> Option<()> {
    s.chars()
        .all(|c| c == '\t' || !c.is_control())
        .then_some(())
}

/// Skips TOML whitespace (space, tab) from byte `i`.
fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    i
}

enum Value {
    Str(Field),
    Bool(bool),
    List(Vec<Field>),
}

fn key_value(line: &str, at: usize, card: &mut ScannedCard) -> Option<()> {
    let b = line.as_bytes();
    let k0 = skip_ws(b, 0);
    let mut k1 = k0;
    while k1 < b.len() && (b[k1].is_ascii_alphanumeric() || b[k1] == b'_' || b[k1] == b'-') {
        k1 += 1;
    }
    if k1 == k0 {
        return None;
    }
    let key = &line[k0..k1];
    let mut i = skip_ws(b, k1);
    if b.get(i) != Some(&b'=') {
        return None;
    }
    i = skip_ws(b, i + 1);
    let (value, end) = value(line, i, at)?;
    let rest = skip_ws(b, end);
    if rest < b.len() {
        if b[rest] != b'#' {
            return None;
        }
        comment(&line[rest + 1..])?;
    }
    fn set<T>(slot: &mut Option<T>, v: T) -> Option<()> {
        if slot.is_some() {
            return None; // a duplicate key: let TOML report it
        }
        *slot = Some(v);
        Some(())
    }
    match (key, value) {
        ("id", Value::Str(f)) => set(&mut card.id, f),
        ("kind", Value::Str(f)) => set(&mut card.kind, f),
        ("front", Value::Str(f)) => set(&mut card.front, f),
        ("back", Value::Str(f)) => set(&mut card.back, f),
        ("source", Value::Str(f)) => set(&mut card.source, f.value),
        ("context", Value::Str(f)) => set(&mut card.context, f.value),
        ("ordered", Value::Bool(v)) => set(&mut card.ordered, v),
        ("items", Value::List(v)) => set(&mut card.items, v),
        ("tags", Value::List(v)) => set(&mut card.tags, v.into_iter().map(|f| f.value).collect()),
        _ => None,
    }
}

/// A value starting at byte `i` of `line`; returns it and the byte after it.
fn value(line: &str, i: usize, at: usize) -> Option<(Value, usize)> {
    let b = line.as_bytes();
    match b.get(i)? {
        b'"' | b'\'' => {
            let (f, end) = string(line, i, at)?;
            Some((Value::Str(f), end))
        }
        b't' if line[i..].starts_with("true") => Some((Value::Bool(true), i + 4)),
        b'f' if line[i..].starts_with("false") => Some((Value::Bool(false), i + 5)),
        b'[' => {
            let mut items = Vec::new();
            let mut j = skip_ws(b, i + 1);
            loop {
                if b.get(j)? == &b']' {
                    return Some((Value::List(items), j + 1));
                }
                let (f, end) = string(line, j, at)?;
                items.push(f);
                j = skip_ws(b, end);
                match b.get(j)? {
                    b',' => j = skip_ws(b, j + 1),
                    b']' => return Some((Value::List(items), j + 1)),
                    _ => return None,
                }
            }
        }
        _ => None,
    }
}

/// A single-line basic (`"…"`) or literal (`'…'`) string at byte `i`.
fn string(line: &str, i: usize, at: usize) -> Option<(Field, usize)> {
    let quote = *line.as_bytes().get(i)?;
    let body = &line[i + 1..];
    if body.as_bytes().first() == Some(&quote) && body.as_bytes().get(1) == Some(&quote) {
        return None; // a multi-line string
    }
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((k, c)) = chars.next() {
        match c {
            c if c == quote as char => {
                let end = i + 1 + k + 1;
                return Some((
                    Field {
                        value: out,
                        span: at + i..at + end,
                    },
                    end,
                ));
            }
            '\\' if quote == b'"' => {
                let (_, e) = chars.next()?;
                let c = match e {
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'f' => '\u{c}',
                    'r' => '\r',
                    '"' => '"',
                    '\\' => '\\',
                    'u' | 'U' => {
                        let n = if e == 'u' { 4 } else { 8 };
                        let mut v = 0u32;
                        for _ in 0..n {
                            v = v * 16 + chars.next()?.1.to_digit(16)?;
                        }
                        char::from_u32(v)?
                    }
                    _ => return None,
                };
                out.push(c);
            }
            '\t' => out.push(c),
            c if c.is_control() => return None,
            c => out.push(c),
        }
    }
    None // unterminated
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_simple_shape() {
        let text = "format = 1\n[deck]\nid = \"d\"\nname = \"D\"\n\n[[cards]]\nid = \"a\"\nkind = 'basic'\nfront = \"Say \\\"hi\\\" \\u00e9\" # note\nback = \"x\"\n\n[[cards]]\nid = \"b\"\nkind = \"list\"\nfront = \"Name\"\nitems = [\"x\", 'y',]\nordered = true\n";
        let (start, cards) = scan(text).unwrap();
        assert_eq!(&text[start..start + 9], "[[cards]]");
        assert_eq!(cards.len(), 2);
        assert_eq!(cards[0].front.as_ref().unwrap().value, "Say \"hi\" é");
        let items: Vec<&str> = cards[1]
            .items
            .as_ref()
            .unwrap()
            .iter()
            .map(|f| f.value.as_str())
            .collect();
        assert_eq!(items, ["x", "y"]);
        assert_eq!(cards[1].ordered, Some(true));
        let id = cards[1].id.as_ref().unwrap();
        assert_eq!(&text[id.span.clone()], "\"b\"");
    }

    #[test]
    fn anything_unusual_is_left_to_the_toml_parser() {
        let base = "format = 1\n[deck]\nid = \"d\"\nname = \"D\"\n[[cards]]\nid = \"a\"\nkind = \"basic\"\nfront = \"Q\"\n";
        assert!(scan(base).is_some());
        for extra in [
            "back = \"\"\"multi\nline\"\"\"\n",
            "back = \"x\"\nback = \"y\"\n",
            "colour = \"red\"\n",
            "back = { a = 1 }\n",
            "back = \"\\e\"\n",
            "ordered = 1\n",
            "[deck2]\n",
            "back = \"unterminated\n",
            "items = [\"a\",\n\"b\"]\n",
            "\"id\" = \"quoted key\"\n",
        ] {
            assert!(scan(&format!("{base}{extra}")).is_none(), "{extra}");
        }
        // a card without its required fields
        assert!(scan(&format!("{base}[[cards]]\nid = \"b\"\n")).is_none());
        // no cards at all
        assert!(scan("format = 1\n[deck]\nid = \"d\"\nname = \"D\"\n").is_none());
    }
}
