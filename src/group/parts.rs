//! The document's parts, from the cards' source locators. Pure.
//!
//! A card's locator is its *part* (`III.(2)`, `II ¶1`, `13.(4)`,
//! `Article 3 ¶2`); the part's *section* is the locator without its
//! paragraph and point steps (`III`, `II`, `13`, `Article 3`). The deck
//! builder writes locators this way; a locator of another shape (from a
//! CSV file, say) is a section of its own. Cards without a locator share
//! the part "(no locator)"; paragraphs before the first heading (`¶1`) are
//! in the section "(opening)".

/// The part shown for a card without a locator.
pub const NO_LOCATOR: &str = "(no locator)";
/// The section of paragraphs before the document's first heading.
pub const OPENING: &str = "(opening)";

/// The part a card's locator names.
pub fn part_of(source: &str) -> &str {
    let s = source.trim();
    if s.is_empty() {
        NO_LOCATOR
    } else {
        s
    }
}

/// The locator without its last step: ` ¶N`, `.(x)` or `.N`; `None` when
/// it has no such step.
fn parent(loc: &str) -> Option<&str> {
    if let Some(i) = loc.rfind('¶') {
        let digits = &loc[i + '¶'.len_utf8()..];
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            return Some(loc[..i].trim_end());
        }
    }
    let dot = loc.rfind('.')?;
    let (head, step) = (&loc[..dot], &loc[dot + 1..]);
    if head.is_empty() {
        return None;
    }
    let point = step
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .is_some_and(|x| !x.is_empty() && x.chars().all(char::is_alphanumeric));
    let number = !step.is_empty()
        && step.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && step.as_bytes()[0].is_ascii_digit();
    (point || number).then_some(head)
}

/// The section a part belongs to (see the module docs).
pub fn section_of(part: &str) -> String {
    let mut s = part;
    while let Some(p) = parent(s) {
        s = p;
    }
    if s.is_empty() {
        OPENING.to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_of_the_builders_locators() {
        for (loc, section) in [
            ("III.(2)", "III"),
            ("II ¶1", "II"),
            ("¶1", OPENING),
            ("13.(1)", "13"),
            ("II.13.(1)", "II"),
            ("12", "12"),
            ("4-5", "4-5"),
            ("Article 3 ¶2", "Article 3"),
            ("Chapter 1. Intro ¶2", "Chapter 1. Intro"),
            ("Chapter 1. Intro.(2)", "Chapter 1. Intro"),
            ("structure", "structure"),
            ("title", "title"),
            ("p. 12", "p. 12"),
            (".(1)", ".(1)"),
        ] {
            assert_eq!(section_of(loc), section, "{loc}");
        }
        assert_eq!(part_of("  "), NO_LOCATOR);
        assert_eq!(part_of(" II.(1) "), "II.(1)");
    }
}
