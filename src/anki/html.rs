//! Anki fields are HTML: reduce them to text, pull out list items, and find
//! cloze deletions. Pure string work.

use std::sync::OnceLock;

use regex::Regex;

// The patterns are string literals in this file; unit tests compile every
// one of them, so a bad pattern fails the tests, never a user.
#[allow(clippy::expect_used)]
fn re(cell: &'static OnceLock<Regex>, pat: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pat).expect("static regex"))
}

fn tag_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?is)<[^>]*>")
}

fn media_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r#"(?is)<img[^>]*>|\[sound:[^\]]*\]|<audio[^>]*>.*?</audio>|<video[^>]*>.*?</video>"#,
    )
}

fn li_start_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?is)<li(?:\s[^>]*)?>")
}

fn list_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?is)<([ou])l[^>]*>.*?(?:</[ou]l>|$)")
}

/// Cloze deletions: `{{c1::text}}` or `{{c1::text::hint}}`.
pub fn cloze_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(&R, r"(?s)\{\{c(\d+)::(.*?)(?:::([^}]*?))?\}\}")
}

/// The cloze numbers used in `text`, ascending.
pub fn cloze_numbers(text: &str) -> Vec<u32> {
    let mut n: Vec<u32> = cloze_re()
        .captures_iter(text)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    n.sort_unstable();
    n.dedup();
    n
}

/// The text of cloze card `number`: its deletions become `___` (with the
/// hint, if any, as `___ (hint)`), the others show their text. Returns the
/// front and the deleted answers (raw field text); `None` if the number is
/// not used.
pub fn blank_cloze(text: &str, number: u32) -> Option<(String, Vec<String>)> {
    let mut answers = Vec::new();
    let front = cloze_re().replace_all(text, |c: &regex::Captures<'_>| {
        if c[1].parse::<u32>().ok() == Some(number) {
            answers.push(c[2].to_string());
            match c.get(3) {
                Some(h) => format!("___ ({})", h.as_str()),
                None => "___".to_string(),
            }
        } else {
            c[2].to_string()
        }
    });
    (!answers.is_empty()).then(|| (front.into_owned(), answers))
}

/// How many media references (images, sounds, video) `html` holds.
pub fn media_count(html: &str) -> usize {
    media_re().find_iter(html).count()
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let tail = &rest[p..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let ent = &tail[1..e];
            let ch = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                    u32::from_str_radix(&ent[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if ent.starts_with('#') => ent[1..].parse::<u32>().ok().and_then(char::from_u32),
                _ => None,
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// HTML to one line of text: media dropped, tags removed, entities decoded,
/// whitespace collapsed.
pub fn to_text(html: &str) -> String {
    let no_media = media_re().replace_all(html, " ");
    let spaced = no_media
        .replace("<br>", " ")
        .replace("<br/>", " ")
        .replace("<br />", " ")
        .replace("</div>", " ")
        .replace("</p>", " ")
        .replace("</li>", " ");
    let no_tags = tag_re().replace_all(&spaced, "");
    decode_entities(&no_tags)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits HTML into the text outside lists and the items of its lists
/// (`<ul>`/`<ol>`), and whether a list was ordered.
pub fn split_list(html: &str) -> (String, Vec<String>, bool) {
    let mut items = Vec::new();
    let mut ordered = false;
    for m in list_re().find_iter(html) {
        ordered |= m.as_str()[1..].to_ascii_lowercase().starts_with('o');
        // each item runs from its <li> to the next <li> (or the list's end)
        let body = m.as_str();
        let starts: Vec<(usize, usize)> = li_start_re()
            .find_iter(body)
            .map(|x| (x.start(), x.end()))
            .collect();
        for (k, &(_, from)) in starts.iter().enumerate() {
            let to = starts.get(k + 1).map_or(body.len(), |x| x.0);
            let t = to_text(&body[from..to]);
            if !t.is_empty() {
                items.push(t);
            }
        }
    }
    let rest = list_re().replace_all(html, " ");
    (to_text(&rest), items, ordered)
}

/// Escapes text for an HTML field.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            to_text("<b>Paris</b>&nbsp;&amp; <i>Lyon</i><br>ok &#233;&#x41;"),
            "Paris & Lyon ok éA"
        );
        assert_eq!(to_text("a <img src=\"x.png\"> b [sound:y.mp3]"), "a b");
        assert_eq!(media_count("a <img src=\"x.png\"> b [sound:y.mp3]"), 2);
        assert_eq!(to_text("5 &lt; 6 & 7 &bogus; x"), "5 < 6 & 7 &bogus; x");
    }

    #[test]
    fn lists_are_split_out() {
        let (text, items, ordered) =
            split_list("Colours:<ul><li>red</li><li><b>blue</b></li></ul>");
        assert_eq!(text, "Colours:");
        assert_eq!(items, vec!["red", "blue"]);
        assert!(!ordered);
        let (_, items, ordered) = split_list("<ol><li>a<li>b</ol>");
        assert_eq!(items, vec!["a", "b"]);
        assert!(ordered);
    }

    #[test]
    fn cloze_pattern() {
        let caps: Vec<_> = cloze_re()
            .captures_iter("{{c1::Paris::city}} and {{c2::Rome}}")
            .collect();
        assert_eq!(&caps[0][2], "Paris");
        assert_eq!(caps[0].get(3).map(|m| m.as_str()), Some("city"));
        assert_eq!(&caps[1][1], "2");
    }
}
