//! Prints the builder's part-of-speech tags and noun-phrase chunks for each
//! line of standard input: a tool for reading why a card was cut where it was.
//!
//! `echo "The stack stores values." | cargo run --release --example tag`

use std::io::BufRead;

use recall::builder::nlp::{noun_phrases, tag};

fn main() {
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let toks = tag(&line);
        let tagged: Vec<String> = toks
            .iter()
            .map(|t| format!("{}/{}", t.text, t.tag.name()))
            .collect();
        println!("{}", tagged.join(" "));
        for p in noun_phrases(&line, &toks) {
            println!("  NP: {}", &line[p.start..p.end]);
        }
    }
}
