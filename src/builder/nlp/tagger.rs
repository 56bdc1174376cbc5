//! Brill's rule-based part-of-speech tagger (E. Brill, 1992), with the
//! lexicon and rules that Pattern and TextBlob ship (`data/LICENSE-brill.txt`).
//!
//! 1. Known words take their most likely tag from the lexicon (94k words).
//! 2. Unknown words: capitalised → NNP, numeric → CD, else NN refined by
//!    the morphology rules (suffixes, prefixes, neighbours).
//! 3. Contextual rules then fix tags from their neighbours ("to" + NN → VB).
//!
//! Chosen over a statistical tagger because it builds in seconds, adds
//! ~1.3 MB of data, tags at millions of words a second and needs no model
//! download; its accuracy (about 95% on news text) is enough to tell a noun
//! phrase from a verb or an adverb, which is all the builder asks of it.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use crate::builder::text::{fold, words};

static LEXICON: &str = include_str!("data/brill_lexicon.txt");
static MORPHOLOGY: &str = include_str!("data/brill_morphology.txt");
static CONTEXT: &str = include_str!("data/brill_context.txt");

/// Penn Treebank tags the data uses, by number.
const NAMES: &[&str] = &[
    "NN", "NNS", "NNP", "NNPS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "JJ", "JJR", "JJS",
    "RB", "RBR", "RBS", "CD", "DT", "IN", "CC", "PRP", "PRP$", "POS", "TO", "WDT", "WP", "WP$",
    "WRB", "EX", "PDT", "RP", "UH", "SYM", "FW", "LS", ",", ".", ":", "(", ")", "``", "''",
    "STAART", "?",
];

/// A part-of-speech tag (Penn Treebank).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag(u8);

impl Tag {
    const OTHER: Tag = Tag((NAMES.len() - 1) as u8);
    const START: Tag = Tag((NAMES.len() - 2) as u8);

    /// The tag named `name` ("NN", "VBZ"); unknown names map to one "other" tag.
    pub fn named(name: &str) -> Tag {
        NAMES
            .iter()
            .position(|n| *n == name)
            .map_or(Tag::OTHER, |i| Tag(i as u8))
    }
    pub fn name(self) -> &'static str {
        NAMES.get(self.0 as usize).copied().unwrap_or("?")
    }
    pub fn is_noun(self) -> bool {
        self.0 <= 3
    }
    pub fn is_proper(self) -> bool {
        self.0 == 2 || self.0 == 3
    }
    pub fn is_verb(self) -> bool {
        (4..=10).contains(&self.0)
    }
    pub fn is_adjective(self) -> bool {
        (11..=13).contains(&self.0)
    }
    pub fn is_adverb(self) -> bool {
        (14..=16).contains(&self.0)
    }
    pub fn is_number(self) -> bool {
        self.0 == 17
    }
    pub fn is_determiner(self) -> bool {
        matches!(self.name(), "DT" | "PRP$" | "WP$" | "PDT")
    }
    pub fn is_participle(self) -> bool {
        matches!(self.name(), "VBN" | "VBG")
    }
}

/// A word of a sentence with its byte span and tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub tag: Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Morph {
    Char,
    HasPref,
    HasSuf,
    AddPref,
    AddSuf,
    DeletePref,
    DeleteSuf,
    GoodLeft,
    GoodRight,
}

struct MorphRule {
    /// Only for words currently tagged so (the `f…` forms).
    when: Option<Tag>,
    affix: &'static str,
    cmd: Morph,
    to: Tag,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    PrevTag,
    NextTag,
    Prev2Tag,
    Next2Tag,
    Prev1Or2Tag,
    Next1Or2Tag,
    Prev1Or2Or3Tag,
    Next1Or2Or3Tag,
    SurroundTag,
    CurWd,
    PrevWd,
    NextWd,
    Prev1Or2Wd,
    Next1Or2Wd,
    Prev1Or2Or3Wd,
    Next1Or2Or3Wd,
    PrevWdTag,
    NextWdTag,
    WdPrevTag,
    WdNextTag,
    WdAnd2Aft,
    WdAnd2TagBfr,
    WdAnd2TagAft,
    LBigram,
    RBigram,
    PrevBigram,
    NextBigram,
}

struct CtxRule {
    from: Option<Tag>,
    to: Tag,
    cmd: Ctx,
    x: &'static str,
    y: &'static str,
    xt: Tag,
    yt: Tag,
}

struct Model {
    lexicon: FxHashMap<&'static str, Tag>,
    morphology: Vec<MorphRule>,
    context: Vec<CtxRule>,
}

fn morph_cmd(s: &str) -> Option<Morph> {
    Some(match s.trim_start_matches('f') {
        "char" => Morph::Char,
        "haspref" => Morph::HasPref,
        "hassuf" => Morph::HasSuf,
        "addpref" => Morph::AddPref,
        "addsuf" => Morph::AddSuf,
        "deletepref" => Morph::DeletePref,
        "deletesuf" => Morph::DeleteSuf,
        "goodleft" => Morph::GoodLeft,
        "goodright" => Morph::GoodRight,
        _ => return None,
    })
}

fn ctx_cmd(s: &str) -> Option<Ctx> {
    Some(match s.to_ascii_lowercase().as_str() {
        "prevtag" => Ctx::PrevTag,
        "nexttag" => Ctx::NextTag,
        "prev2tag" => Ctx::Prev2Tag,
        "next2tag" => Ctx::Next2Tag,
        "prev1or2tag" => Ctx::Prev1Or2Tag,
        "next1or2tag" => Ctx::Next1Or2Tag,
        "prev1or2or3tag" => Ctx::Prev1Or2Or3Tag,
        "next1or2or3tag" => Ctx::Next1Or2Or3Tag,
        "surroundtag" => Ctx::SurroundTag,
        "curwd" => Ctx::CurWd,
        "prevwd" => Ctx::PrevWd,
        "nextwd" => Ctx::NextWd,
        "prev1or2wd" => Ctx::Prev1Or2Wd,
        "next1or2wd" => Ctx::Next1Or2Wd,
        "prev1or2or3wd" => Ctx::Prev1Or2Or3Wd,
        "next1or2or3wd" => Ctx::Next1Or2Or3Wd,
        "prevwdtag" => Ctx::PrevWdTag,
        "nextwdtag" => Ctx::NextWdTag,
        "wdprevtag" => Ctx::WdPrevTag,
        "wdnexttag" => Ctx::WdNextTag,
        "wdand2aft" => Ctx::WdAnd2Aft,
        "wdand2tagbfr" => Ctx::WdAnd2TagBfr,
        "wdand2tagaft" => Ctx::WdAnd2TagAft,
        "lbigram" => Ctx::LBigram,
        "rbigram" => Ctx::RBigram,
        "prevbigram" => Ctx::PrevBigram,
        "nextbigram" => Ctx::NextBigram,
        _ => return None,
    })
}

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let mut lexicon = FxHashMap::default();
        lexicon.reserve(95_000);
        for line in LEXICON.lines() {
            if let Some((w, t)) = line.split_once(' ') {
                lexicon.insert(w, Tag::named(t));
            }
        }
        let mut morphology = Vec::new();
        for line in MORPHOLOGY.lines() {
            let r: Vec<&'static str> = line.split_whitespace().collect();
            if r.len() < 4 {
                continue;
            }
            // "ly hassuf 2 RB x" or "NN s fhassuf 1 NNS x"
            let to = Tag::named(r[r.len() - 2]);
            if let Some(cmd) = morph_cmd(r[1]).filter(|_| !r[1].starts_with('f')) {
                morphology.push(MorphRule {
                    when: None,
                    affix: r[0],
                    cmd,
                    to,
                });
            } else if let Some(cmd) = morph_cmd(r[2]) {
                morphology.push(MorphRule {
                    when: Some(Tag::named(r[0])),
                    affix: r[1],
                    cmd,
                    to,
                });
            }
        }
        let mut context = Vec::new();
        for line in CONTEXT.lines() {
            let r: Vec<&'static str> = line.split_whitespace().collect();
            if r.len() < 4 {
                continue;
            }
            let Some(cmd) = ctx_cmd(r[2]) else { continue };
            let y = r.get(4).copied().unwrap_or("");
            context.push(CtxRule {
                from: (r[0] != "*").then(|| Tag::named(r[0])),
                to: Tag::named(r[1]),
                cmd,
                x: r[3],
                y,
                xt: Tag::named(r[3]),
                yt: Tag::named(y),
            });
        }
        Model {
            lexicon,
            morphology,
            context,
        }
    })
}

fn looks_numeric(w: &str) -> bool {
    w.bytes().any(|b| b.is_ascii_digit())
        && w.bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b'-' | b'/' | b':' | b'%'))
}

fn is_title(w: &str) -> bool {
    let mut c = w.chars();
    c.next().is_some_and(char::is_uppercase) && c.all(|x| !x.is_uppercase())
}

/// The tag the lexicon gives a word out of context (`None` if unknown).
pub fn lexicon_tag(w: &str) -> Option<Tag> {
    lookup(model(), w, false)
}

fn lookup(m: &Model, w: &str, first: bool) -> Option<Tag> {
    let norm;
    let w = if w.contains('\u{2019}') {
        norm = w.replace('\u{2019}', "'");
        norm.as_str()
    } else {
        w
    };
    if let Some(&t) = m.lexicon.get(w) {
        return Some(t);
    }
    let shouting = w.len() > 1 && w.chars().all(|c| !c.is_lowercase());
    if first || shouting {
        return m.lexicon.get(w.to_lowercase().as_str()).copied();
    }
    None
}

fn apply_morphology(m: &Model, w: &str, mut tag: Tag, prev: &str, next: &str) -> Tag {
    for r in &m.morphology {
        if r.when.is_some_and(|t| t != tag) {
            continue;
        }
        let x = r.affix;
        let hit = match r.cmd {
            Morph::Char => w.contains(x),
            Morph::HasPref => w.starts_with(x),
            Morph::HasSuf => w.ends_with(x),
            Morph::AddPref => m.lexicon.contains_key(format!("{x}{w}").as_str()),
            Morph::AddSuf => m.lexicon.contains_key(format!("{w}{x}").as_str()),
            Morph::DeletePref => w.strip_prefix(x).is_some_and(|r| m.lexicon.contains_key(r)),
            Morph::DeleteSuf => w.strip_suffix(x).is_some_and(|r| m.lexicon.contains_key(r)),
            // as in Pattern: "goodleft" looks at the next word, "goodright"
            // at the previous one
            Morph::GoodLeft => x == next,
            Morph::GoodRight => x == prev,
        };
        if hit {
            tag = r.to;
        }
    }
    tag
}

fn apply_context(m: &Model, toks: &mut [Token<'_>]) {
    let n = toks.len();
    let w = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            "STAART"
        } else {
            toks[i as usize].text
        }
    };
    // tags change as rules apply: read them from a copy kept up to date
    let mut tags: Vec<Tag> = toks.iter().map(|t| t.tag).collect();
    // rule by rule over the whole sentence, as Brill's transformations
    // were learned (each rule sees the result of the ones before it)
    for r in &m.context {
        for i in 0..n {
            let ii = i as isize;
            if r.from.is_some_and(|f| f != tags[i]) {
                continue;
            }
            let t = |k: isize| -> Tag {
                let j = ii + k;
                if j < 0 || j as usize >= n {
                    Tag::START
                } else {
                    tags[j as usize]
                }
            };
            let hit = match r.cmd {
                Ctx::PrevTag => r.xt == t(-1),
                Ctx::NextTag => r.xt == t(1),
                Ctx::Prev2Tag => r.xt == t(-2),
                Ctx::Next2Tag => r.xt == t(2),
                Ctx::Prev1Or2Tag => r.xt == t(-1) || r.xt == t(-2),
                Ctx::Next1Or2Tag => r.xt == t(1) || r.xt == t(2),
                Ctx::Prev1Or2Or3Tag => r.xt == t(-1) || r.xt == t(-2) || r.xt == t(-3),
                Ctx::Next1Or2Or3Tag => r.xt == t(1) || r.xt == t(2) || r.xt == t(3),
                Ctx::SurroundTag => r.xt == t(-1) && r.yt == t(1),
                Ctx::CurWd => r.x == w(ii),
                Ctx::PrevWd => r.x == w(ii - 1),
                Ctx::NextWd => r.x == w(ii + 1),
                Ctx::Prev1Or2Wd => r.x == w(ii - 1) || r.x == w(ii - 2),
                Ctx::Next1Or2Wd => r.x == w(ii + 1) || r.x == w(ii + 2),
                Ctx::Prev1Or2Or3Wd => r.x == w(ii - 1) || r.x == w(ii - 2) || r.x == w(ii - 3),
                Ctx::Next1Or2Or3Wd => r.x == w(ii + 1) || r.x == w(ii + 2) || r.x == w(ii + 3),
                Ctx::PrevWdTag => r.x == w(ii - 1) && r.yt == t(-1),
                Ctx::NextWdTag => r.x == w(ii + 1) && r.yt == t(1),
                Ctx::WdPrevTag => r.xt == t(-1) && r.y == w(ii),
                Ctx::WdNextTag => r.x == w(ii) && r.yt == t(1),
                Ctx::WdAnd2Aft => r.x == w(ii) && r.y == w(ii + 2),
                Ctx::WdAnd2TagBfr => r.xt == t(-2) && r.y == w(ii),
                Ctx::WdAnd2TagAft => r.x == w(ii) && r.yt == t(2),
                Ctx::LBigram => r.x == w(ii - 1) && r.y == w(ii),
                Ctx::RBigram => r.x == w(ii) && r.y == w(ii + 1),
                Ctx::PrevBigram => r.xt == t(-2) && r.yt == t(-1),
                Ctx::NextBigram => r.xt == t(1) && r.yt == t(2),
            };
            if hit {
                tags[i] = r.to;
            }
        }
    }
    for (t, tag) in toks.iter_mut().zip(tags) {
        t.tag = tag;
    }
}

/// The Penn tag of a punctuation mark, if the tagger's rules know it.
fn punctuation_tag(c: char) -> Option<&'static str> {
    Some(match c {
        ',' => ",",
        '.' | '!' | '?' => ".",
        ':' | ';' | '\u{2014}' => ":",
        '(' | '[' => "(",
        ')' | ']' => ")",
        '"' | '\u{201c}' => "``",
        '\u{201d}' => "''",
        _ => return None,
    })
}

/// Tags the words of one sentence (as [`words`] splits them). Punctuation
/// takes part in the contextual rules but is not returned.
pub fn tag<'a>(sentence: &'a str) -> Vec<Token<'a>> {
    let m = model();
    let ws = words(sentence);
    let mut toks: Vec<Token<'_>> = Vec::with_capacity(ws.len() + ws.len() / 4);
    // None for punctuation, else whether the lexicon knew the word
    let mut known: Vec<Option<bool>> = Vec::with_capacity(toks.capacity());
    // punctuation marks between `a` and `b` as tokens of their own
    let push_marks =
        |toks: &mut Vec<Token<'a>>, known: &mut Vec<Option<bool>>, a: usize, b: usize| {
            for (k, c) in sentence[a..b].char_indices() {
                if let Some(p) = punctuation_tag(c) {
                    let at = a + k;
                    toks.push(Token {
                        text: &sentence[at..at + c.len_utf8()],
                        start: at,
                        end: at + c.len_utf8(),
                        tag: Tag::named(p),
                    });
                    known.push(None);
                }
            }
        };
    let mut at = 0;
    for (i, w) in ws.iter().enumerate() {
        push_marks(&mut toks, &mut known, at, w.start);
        at = w.end;
        let t = lookup(m, w.text, i == 0);
        known.push(Some(t.is_some()));
        toks.push(Token {
            text: w.text,
            start: w.start,
            end: w.end,
            tag: t.unwrap_or(Tag::OTHER),
        });
    }
    push_marks(&mut toks, &mut known, at, sentence.len());
    for i in 0..toks.len() {
        if known[i] != Some(false) {
            continue;
        }
        let w = toks[i].text;
        toks[i].tag = if is_title(w) {
            Tag::named("NNP")
        } else if looks_numeric(w) {
            Tag::named("CD")
        } else {
            let prev = if i > 0 { toks[i - 1].text } else { "" };
            let next = toks.get(i + 1).map_or("", |t| t.text);
            let t = apply_morphology(m, w, Tag::named("NN"), prev, next);
            // an unknown word is an adverb only by its "-ly" ("photosphere"
            // came out RB from a suffix rule)
            if t.is_adverb() && !w.ends_with("ly") {
                Tag::named("NN")
            } else {
                t
            }
        };
    }
    apply_context(m, &mut toks);
    // a number is followed by what it counts: "2,000 eggs" is CD NNS, not
    // CD VBZ (the lexicon knows "eggs" only as a verb)
    for i in 1..toks.len() {
        if toks[i - 1].tag.is_number() && toks[i].tag.name() == "VBZ" && toks[i].text.ends_with('s')
        {
            toks[i].tag = Tag::named("NNS");
        }
    }
    // Contextual rules that turn a verb or adverb into a noun cut noun
    // phrases across it ("a variable goes out of scope" gave the chunk
    // "variable goes"; "Rust automatically calls" gave "Rust
    // automatically"). Undo them where the lexicon is sure:
    for i in 0..toks.len() {
        let t = toks[i];
        if !t.tag.is_noun() || t.text.starts_with(char::is_uppercase) {
            continue;
        }
        let lex = lookup(m, t.text, false);
        // a lowercase "-ly" adverb is never part of a noun phrase
        if lex.is_some_and(Tag::is_adverb) && t.text.ends_with("ly") {
            toks[i].tag = Tag::named("RB");
            continue;
        }
        // "goes" / "subsists" after a noun and before a preposition or
        // determiner: the lexicon knows it as a verb (or its stem is one)
        let after_noun = i > 0 && (toks[i - 1].tag.is_noun() || toks[i - 1].tag.name() == "JJ");
        let before_phrase = toks.get(i + 1).is_some_and(|n| {
            matches!(n.tag.name(), "IN" | "TO" | "RP" | "DT" | "PRP$")
                && !n.text.eq_ignore_ascii_case("of")
        });
        if t.tag.name() == "NNS" && after_noun && before_phrase {
            let verb = match lex {
                Some(l) => l.name() == "VBZ",
                None => t
                    .text
                    .strip_suffix('s')
                    .and_then(|stem| lookup(m, stem, false))
                    .is_some_and(|l| l.name() == "VB"),
            };
            if verb {
                toks[i].tag = Tag::named("VBZ");
            }
        }
    }
    // An imperative after an opening adverb: "Always use cls for …" (the
    // contextual rules gave "Always/JJ use/NN", one noun phrase). The
    // verb reading is the one the lexicon gives the word at a sentence's
    // start ("Use VB").
    if let &[first, second, ..] = toks.as_slice() {
        let capital = |w: &str| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        let adverb_first = known[0] == Some(true)
            && lookup(m, first.text, true).is_some_and(Tag::is_adverb)
            && second.text.starts_with(char::is_lowercase)
            && second.tag.is_noun()
            && m.lexicon
                .get(capital(second.text).as_str())
                .map(|t| t.name())
                == Some("VB");
        if adverb_first {
            toks[0].tag = Tag::named("RB");
            toks[1].tag = Tag::named("VB");
        }
        // "Run usability tests frequently", "Create a prioritized list": an
        // instruction opens with its verb
        let imperative = known[0] == Some(true)
            && (first.tag.is_noun() || first.tag.name() == "JJ")
            && !first.tag.is_proper()
            && (m.lexicon.get(first.text).map(|t| t.name()) == Some("VB")
                || lookup(m, &first.text.to_lowercase(), false).map(|t| t.name()) == Some("VB"))
            && (second.tag.is_noun() || second.tag.is_determiner() || second.tag.is_adjective())
            && !second.text.eq_ignore_ascii_case("of");
        if imperative {
            toks[0].tag = Tag::named("VB");
        }
    }
    // "at least two spaces": "least" is an adverb of the number, not the
    // start of a noun phrase
    for i in 1..toks.len() {
        if matches!(fold(toks[i].text).as_str(), "least" | "most") && fold(toks[i - 1].text) == "at"
        {
            toks[i].tag = Tag::named("RB");
        }
    }
    // "such as launch meetings": after "such as" or "including", a verb
    // before a noun is the noun's modifier
    for i in 2..toks.len().saturating_sub(1) {
        let cue = fold(toks[i - 1].text) == "including"
            || fold(toks[i - 1].text) == "as" && fold(toks[i - 2].text) == "such";
        if cue && matches!(toks[i].tag.name(), "VB" | "VBP") && toks[i + 1].tag.is_noun() {
            toks[i].tag = Tag::named("NN");
        }
    }
    // "many of the atoms": a quantifier before "of" heads no noun phrase
    for i in 0..toks.len().saturating_sub(1) {
        if matches!(
            fold(toks[i].text).as_str(),
            "many" | "some" | "most" | "few" | "several" | "all" | "each" | "both" | "much"
        ) && fold(toks[i + 1].text) == "of"
        {
            toks[i].tag = Tag::named("DT");
        }
    }
    // "Astronomers/JJ estimate/NN that …": an opening plural the context
    // rules made an adjective, and a verb of saying before "that"
    if toks.len() >= 3 && toks[0].tag.name() == "JJ" {
        let w = toks[0].text;
        let plural = match lookup(m, &w.to_lowercase(), false) {
            Some(l) => l.name() == "NNS",
            None => w.ends_with('s') && !w.ends_with("ss"),
        };
        if plural && matches!(toks[1].tag.name(), "NN" | "VB" | "VBP") {
            toks[0].tag = Tag::named("NNS");
        }
    }
    for i in 1..toks.len().saturating_sub(1) {
        if toks[i - 1].tag.name() == "NNS"
            && matches!(toks[i].tag.name(), "NN" | "VB")
            && fold(toks[i + 1].text) == "that"
            && toks[i].text.starts_with(char::is_lowercase)
        {
            toks[i].tag = Tag::named("VBP");
        }
    }
    // A known lowercase word is no proper noun ("Rust also invalidates"
    // gave "also/NNP" from its capitalised neighbour).
    for t in toks.iter_mut().skip(1) {
        if t.tag.is_proper() && t.text.starts_with(char::is_lowercase) {
            if let Some(l) = lookup(m, t.text, false) {
                t.tag = l;
            }
        }
    }
    // "the superior man bends his attention": a plural after a noun and
    // before a possessive is the verb (no noun phrase runs on into "his")
    for i in 1..toks.len().saturating_sub(1) {
        if toks[i].tag.name() == "NNS"
            && toks[i - 1].tag.is_noun()
            && toks[i + 1].tag.name() == "PRP$"
            && toks[i].text.starts_with(char::is_lowercase)
        {
            toks[i].tag = Tag::named("VBZ");
        }
    }
    // "rules that the compiler checks": the relative clause's verb
    for i in 3..toks.len() {
        if toks[i].tag.name() == "NNS"
            && toks[i - 1].tag.is_noun()
            && toks[i - 2].tag.is_determiner()
            && matches!(
                fold(toks[i - 3].text).as_str(),
                "that" | "which" | "how" | "where" | "when" | "whether" | "if" | "well"
            )
            && toks.get(i + 1).is_none_or(|n| !n.tag.is_noun())
            && (lookup(m, toks[i].text, false).is_some_and(|l| l.name() == "VBZ")
                || toks[i]
                    .text
                    .strip_suffix('s')
                    .and_then(|stem| lookup(m, stem, false))
                    .is_some_and(|l| matches!(l.name(), "VB" | "NN")))
        {
            toks[i].tag = Tag::named("VBZ");
        }
    }
    // "PEP 257 describes good conventions": a word the lexicon knows only
    // as a verb, after a number and before an adjective, is the verb
    for i in 1..toks.len().saturating_sub(1) {
        if toks[i].tag.name() == "NNS"
            && toks[i - 1].tag.is_number()
            && matches!(toks[i + 1].tag.name(), "JJ" | "DT" | "PRP$")
            && lookup(m, toks[i].text, false).is_some_and(|l| l.name() == "VBZ")
        {
            toks[i].tag = Tag::named("VBZ");
        }
    }
    // "a variable goes": an adjective between a determiner and a finite
    // verb is the noun the verb needs
    for i in 1..toks.len().saturating_sub(1) {
        if toks[i].tag.name() == "JJ"
            && toks[i - 1].tag.is_determiner()
            && matches!(toks[i + 1].tag.name(), "VBZ" | "VBD" | "MD")
        {
            toks[i].tag = Tag::named("NN");
        }
    }
    toks.into_iter()
        .zip(known)
        .filter(|(_, k)| k.is_some())
        .map(|(t, _)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> String {
        tag(s)
            .iter()
            .map(|t| format!("{}/{}", t.text, t.tag.name()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn tags_a_plain_sentence() {
        let t = tags("We should promote the construction of a community of human destiny from five aspects: politics, security and ecology.");
        assert!(
            t.starts_with("We/PRP should/MD promote/VB the/DT construction/NN of/IN"),
            "{t}"
        );
        assert!(t.contains("five/CD aspects/NNS"), "{t}");
        assert!(t.contains("ecology/NN"), "{t}");
    }

    #[test]
    fn unknown_words_get_tags_from_their_shape() {
        let t = tag("The zorblax quickly glimfulated 3,400 wuggles.");
        assert!(t[1].tag.is_noun(), "{:?}", t[1]);
        assert!(t[2].tag.is_adverb());
        assert!(t[4].tag.is_number());
        assert_eq!(t[5].tag.name(), "NNS");
    }

    #[test]
    fn context_rules_fix_verbs_after_to() {
        let t = tag("They want to plan the work.");
        assert_eq!(t[3].tag.name(), "VB", "{t:?}");
        assert!(t[5].tag.is_noun());
        let t = tag("The queen lays up to 2,000 eggs a day.");
        assert_eq!(t[6].tag.name(), "NNS", "{t:?}");
        let t = tag("The photosphere is the visible surface.");
        assert!(t[1].tag.is_noun(), "{t:?}");
        let t = tag("Zorblax said so.");
        assert!(t[0].tag.is_proper(), "{t:?}");
        // an imperative after an opening adverb, a verb after a number
        let t = tags("Always use cls for the first argument.");
        assert!(t.starts_with("Always/RB use/VB cls/"), "{t}");
        let t = tags("PEP 257 describes good docstring conventions.");
        assert!(t.contains("describes/VBZ"), "{t}");
        let t = tags("Because Rust also invalidates the first variable, it is a move.");
        assert!(t.contains("also/RB"), "{t}");
        let t = tags("Memory is managed with a set of rules that the compiler checks.");
        assert!(t.ends_with("compiler/NN checks/VBZ"), "{t}");
        let t = tags("Comments are separated by at least two spaces.");
        assert!(t.contains("least/RB two/CD"), "{t}");
        let t = tags("Teams use techniques such as launch meetings and strategy rooms.");
        assert!(t.contains("launch/NN meetings/NNS"), "{t}");
        let t =
            tags("Astronomers estimate that the Sun is so hot that many of the atoms are ionized.");
        assert!(t.starts_with("Astronomers/NNS estimate/VBP that/"), "{t}");
        assert!(t.contains("many/DT of/IN"), "{t}");
        let t = tags("The superior man bends his attention to what is radical.");
        assert!(t.contains("bends/VBZ his/PRP$"), "{t}");
        let t = tags("Run usability tests frequently to see how well the service works.");
        assert!(t.starts_with("Run/VB "), "{t}");
        let t = tags("Water flows downhill.");
        assert!(!t.starts_with("Water/VB"), "{t}");
        let t = tags("The queen lays 2,000 eggs a day.");
        assert!(t.contains("eggs/NNS"), "{t}");
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(tag("").is_empty());
        assert!(tag("... --- !!!").is_empty());
        assert_eq!(tag("’s").len(), 1);
    }
}
