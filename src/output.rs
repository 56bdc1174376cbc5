//! Terminal output's one home: writing lines (`say!`), mapping write
//! errors, wrapping text at word boundaries to a width, and writing files
//! atomically. Commands (`app`), the study session and the stats report all
//! use these; this module uses none of them.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Wraps a write error on standard output.
pub fn out_err(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}

/// `writeln!` to an output, mapping the error with [`out_err`] and
/// returning it with `?`.
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        writeln!($out, $($arg)*).map_err($crate::output::out_err)?
    };
}
pub(crate) use say;

/// Writes `value` as pretty-printed JSON, one document, for `--json`.
pub fn print_json<T: serde::Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> Result<()> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| Error::Invalid(format!("cannot encode JSON: {e}")))?;
    say!(out, "{text}");
    Ok(())
}

/// The width of the terminal on standard output, or 80 when it is not a
/// terminal.
pub fn terminal_width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map_or(80, |(_, w)| usize::from(w))
}

/// Display width of a string (wide characters count two columns).
pub fn width_of(s: &str) -> usize {
    console::measure_text_width(s)
}

/// `text` broken into lines of at most `width` columns, at spaces. The
/// first line starts with `prefix`; later lines are indented by the
/// prefix's width. A word longer than a whole line is cut (the only case
/// where a word breaks). Existing line breaks are kept.
pub fn wrap_lines(prefix: &str, text: &str, width: usize) -> Vec<String> {
    let indent = width_of(prefix);
    let width = width.max(indent + 8);
    let mut lines = Vec::new();
    let mut line = prefix.to_string();
    let mut line_w = indent;
    let mut empty = true;
    for (n, para) in text.split('\n').enumerate() {
        if n > 0 {
            lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
            line_w = indent;
            empty = true;
        }
        for word in para.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let mut word = word.to_string();
            let mut w = width_of(&word);
            if !empty && line_w + 1 + w > width {
                lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
                line_w = indent;
                empty = true;
            }
            // a word wider than a whole line: cut it into line-sized pieces
            while indent + w > width {
                let (head, tail) = split_at_width(&word, width - indent);
                line.push_str(&head);
                lines.push(std::mem::replace(&mut line, " ".repeat(indent)));
                word = tail;
                w = width_of(&word);
            }
            if !empty {
                line.push(' ');
                line_w += 1;
            }
            line.push_str(&word);
            line_w += w;
            empty = false;
        }
    }
    lines.push(line);
    lines
        .into_iter()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// [`wrap_lines`] joined, each line ending with a newline.
pub fn wrap(prefix: &str, text: &str, width: usize) -> String {
    let mut out = String::new();
    for l in wrap_lines(prefix, text, width) {
        out.push_str(&l);
        out.push('\n');
    }
    out
}

fn split_at_width(word: &str, width: usize) -> (String, String) {
    let mut head = String::new();
    let mut w = 0;
    let mut chars = word.chars();
    for c in chars.by_ref() {
        let cw = width_of(c.encode_utf8(&mut [0; 4]));
        if w + cw > width && !head.is_empty() {
            let mut tail = c.to_string();
            tail.extend(chars);
            return (head, tail);
        }
        head.push(c);
        w += cw;
    }
    (head, String::new())
}

/// `s` cut at a word boundary to at most `width` columns, with `…` when
/// something was cut.
pub fn cut_words(s: &str, width: usize) -> String {
    if width_of(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if width_of(&next) + 1 > width {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        // one long first word: cut it
        out = split_at_width(s, width.saturating_sub(1)).0;
    }
    out.push('…');
    out
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a crash
/// never leaves half a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(
        ".{}.tmp{}",
        path.file_name()
            .map_or("out".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, e)
    })
}

/// "1 card", "2 cards".
pub fn plural(n: impl Into<i64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// An E-Factor stored in thousandths, written as people read it: `2.60`.
pub fn ef(thousandths: i64) -> String {
    format!("{:.2}", thousandths as f64 / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_and_indents() {
        let w = wrap_lines("Q: ", "one two three four five six seven", 15);
        assert_eq!(
            w,
            vec!["Q: one two", "   three four", "   five six", "   seven"]
        );
        assert!(w.iter().all(|l| width_of(l) <= 15));
    }

    #[test]
    fn long_words_are_cut_only_when_longer_than_a_line() {
        let w = wrap_lines("", "a abcdefghijklmnopqrstuvwxyz b", 10);
        assert!(w.iter().all(|l| width_of(l) <= 10), "{w:?}");
        assert_eq!(w.concat().replace(' ', ""), "aabcdefghijklmnopqrstuvwxyzb");
    }

    #[test]
    fn cuts_at_word_boundaries() {
        assert_eq!(cut_words("the quick brown fox", 12), "the quick…");
        assert_eq!(cut_words("short", 12), "short");
        assert_eq!(plural(1, "card", "cards"), "1 card");
        assert_eq!(plural(0, "card", "cards"), "0 cards");
        assert_eq!(ef(2600), "2.60");
    }
}
