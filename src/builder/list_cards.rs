//! List cards: an enumeration the finders ([`super::lists`],
//! [`super::series`]) found in a sentence, its items tidied (cut where the
//! finder ran into the sentence, a shared head noun or "of" phrase left in
//! the question), asked as one card or in chunks of a long list.

use super::candidate::{prior, Candidate};
use super::gaps::At;
use super::text::{self, fold, words};
use super::{definitions, frame, lists, nlp, series};
use crate::model::CardKind;

/// Chunk sizes for a list of `n` items: at most 6 a card, none below 3.
pub fn chunk_sizes(n: usize) -> Vec<usize> {
    if n <= 7 {
        return vec![n];
    }
    let mut sizes = vec![6; n / 6];
    let r = n % 6;
    if r > 0 {
        sizes.push(r);
    }
    // the last chunk takes items from the ones before until it has three
    let mut k = sizes.len() - 2;
    while sizes[sizes.len() - 1] < 3 {
        sizes[k] -= 1;
        let last = sizes.len() - 1;
        sizes[last] += 1;
        k = if k == 0 { sizes.len() - 2 } else { k - 1 };
    }
    sizes
}

/// List cards (and chunks of long lists) from one sentence.
pub fn list_cards(at: At<'_>, out: &mut Vec<Candidate>) {
    let s = at.text;
    let mut all = lists::find(s);
    for f in series::find_tagged(s, at.toks) {
        // "mutual respect, fairness, justice and win-win cooperation": the
        // comma finder shares "mutual" and "cooperation" across the items,
        // but the middle items are nouns, so each item keeps its words
        if let Some(a) = all
            .iter_mut()
            .find(|a| a.start < f.end && f.start < a.end && keeps_own_words(a, &f))
        {
            *a = f;
            continue;
        }
        if !all.iter().any(|a| a.start < f.end && f.start < a.end) {
            all.push(f);
        }
    }
    for mut found in all {
        if !tidy_items(s, &mut found) {
            continue;
        }
        if !found.counted {
            verb_lead(s, at.toks, &mut found);
            shared_head(at.toks, &mut found);
        }
        let n = found.items.len();
        let before = s[..found.start].trim();
        let after = s[found.end..].trim();
        let bw = words(before);
        // "These are: (1) …" / "They include A, B and C": the question
        // comes from the sentence before.
        let pointer = bw.len() <= 3
            && frame::starts_with_pronoun(before)
            && bw.last().is_some_and(|w| {
                matches!(
                    fold(w.text).as_str(),
                    "are" | "is" | "include" | "includes" | "were"
                )
            });
        let copular = bw
            .iter()
            .all(|w| matches!(fold(w.text).as_str(), "the" | "a" | "an"))
            && words(after)
                .first()
                .is_some_and(|w| matches!(fold(w.text).as_str(), "is" | "are"));
        let mut start_item = 0;
        for size in chunk_sizes(n) {
            let items: Vec<String> = found.items[start_item..start_item + size].to_vec();
            let (a, b) = (
                found.spans[start_item].0,
                found.spans[start_item + size - 1].1,
            );
            start_item += size;
            let whole = size == n;
            let counted_here = whole.then(|| lists::count_phrase(before, n)).flatten();
            let colon_question = whole.then(|| colon_question(before, n)).flatten();
            let (front, score) = if let Some(q) = colon_question {
                (frame::with_prefix(at.prefix, &q), prior::COUNTED_LIST)
            } else if pointer && whole {
                // "These are: (1) …": the question comes from the sentence before
                let Some(prev) = at.prev else { continue };
                let phrase = lists::count_phrase(prev, n);
                let ask = match &phrase {
                    Some(p) => format!("Name the {p}."),
                    None => format!("What are they? ({n} items)"),
                };
                // keep the previous sentence up to the clause naming the list
                let prev_cut = match &phrase {
                    Some(p) => {
                        let at_phrase = prev.find(p.as_str()).map_or(0, |i| i + p.len());
                        match prev[at_phrase..].find([',', ';']) {
                            Some(k) => format!("{}.", prev[..at_phrase + k].trim_end()),
                            None => prev.to_string(),
                        }
                    }
                    None => prev.to_string(),
                };
                let (pb, _) = frame::trim_around(&prev_cut, "");
                let score = if phrase.is_some() {
                    prior::COUNTED_LIST
                } else {
                    prior::LIST
                };
                (format!("{} {ask}", pb.trim()), score)
            } else if copular && whole {
                let rest = words(after);
                let verb = rest[0].text;
                let tail = after[rest[0].end..]
                    .trim()
                    .trim_end_matches(['.', '!', ';', ':', '?', '\'', '"', '\u{2019}', '\u{201d}']);
                // "X and Y!-- are they not the root of …?": a rhetorical
                // question asserts what it asks
                let tail = ["they not ", "it not ", "not "]
                    .iter()
                    .find_map(|p| tail.strip_prefix(p))
                    .unwrap_or(tail);
                (
                    format!("What {} {tail}? ({n} items)", fold(verb)),
                    prior::COPULAR_LIST,
                )
            } else {
                let Some(f) = frame::gap_front(s, a, b, at.prev) else {
                    continue;
                };
                let f = frame::with_prefix(at.prefix, &f);
                let f = f.trim_end_matches([',', ';', ':', ' ']);
                let label = if whole {
                    format!("({n} items)")
                } else {
                    format!("({size} of the {n} items)")
                };
                let score = if counted_here.is_some() {
                    prior::COUNTED_LIST
                } else {
                    prior::LIST
                };
                (format!("{f} {label}"), score)
            };
            // clauses a count announces: the count and its lead-in ask
            // for them ("I daily examine myself on three points: ___")
            let (front, score) = if found.counted && whole {
                let lead = before.trim_end_matches([
                    ':', '-', '\u{2014}', '\u{2013}', ' ', ',', '\'', '"', '\u{2018}', '\u{201c}',
                ]);
                (
                    frame::with_prefix(at.prefix, &format!("{lead}: ___ ({n} items)")),
                    prior::COUNTED_LIST,
                )
            } else {
                (front, score)
            };
            let bonus = if found.numbered { 0.5 } else { 0.0 }
                + if (3..=7).contains(&size) { 0.3 } else { 0.0 };
            out.push(Candidate {
                kind: CardKind::List,
                front,
                back: String::new(),
                items,
                ordered: found.numbered,
                block: at.block,
                sentence: at.sentence,
                locator: at.locator.to_string(),
                context: s.to_string(),
                score: score + bonus,
                origin: if found.counted {
                    "clause-list"
                } else if pointer {
                    "counted-list"
                } else {
                    "list"
                },
            });
        }
    }
}

/// Repairs items the list finder cut through a bracket or an example
/// marker ("real-time (e.g. response time | …" → response time; "solid
/// (ice" → solid; "for example | the Mediterranean Basin" drops the
/// marker) and a first item that took words from before the list
/// ("ratification of this article the manufacture | sale | …" →
/// manufacture); refuses a correlative cut in half ("both ancient |
/// modern"). Whether the list is worth a card.
pub fn tidy_items(s: &str, found: &mut lists::Found) -> bool {
    let n = found.items.len();
    if n < 2 {
        return false;
    }
    // brackets and example markers the finder cut through: "real-time
    // (e.g. response time | latency | … | error rates", "solid (ice"
    for k in 0..n {
        let (mut a, mut b) = found.spans[k];
        let item = &s[a..b];
        let opens = item.matches('(').count();
        let closes = item.matches(')').count();
        if opens > closes {
            let at = a + item.rfind('(').unwrap_or(0);
            if k == 0 {
                a = at + 1;
            } else {
                b = at;
            }
        } else if closes > opens {
            b = a + item.find(')').unwrap_or(item.len());
        }
        let mut piece = s[a..b].trim_start();
        for marker in [
            "e.g.,",
            "e.g.",
            "for example,",
            "for example",
            "example,",
            "example",
        ] {
            if fold(piece).starts_with(marker) {
                piece = piece[marker.len()..].trim_start();
            }
        }
        a = b - piece.len().min(b - a);
        let piece = s[a..b].trim();
        if piece.is_empty() {
            // "(for example, the Mediterranean Basin, …": the marker was an
            // item of its own
            if k == 0 {
                found.spans[0] = (b, b);
                found.items[0].clear();
                continue;
            }
            return false;
        }
        if (a, b) != found.spans[k] {
            let lead = s[a..b].len() - s[a..b].trim_start().len();
            a += lead;
            b = a + piece.len();
            found.spans[k] = (a, b);
            found.items[k] = piece.to_string();
        }
    }
    if found.items[0].is_empty() {
        found.items.remove(0);
        found.spans.remove(0);
    }
    let n = found.items.len();
    if n < 2 {
        return false;
    }
    // "…, or for any other improper or wicked project": a catch-all is
    // no item; it stays in the question
    let n = found.items.len();
    if n >= 3 {
        let last = fold(&found.items[n - 1]);
        let catch_all = [
            "other ",
            "any other ",
            "all other ",
            "many other ",
            "some other ",
            "similar ",
            "any similar ",
            "other similar ",
        ]
        .iter()
        .any(|p| last.starts_with(p));
        if catch_all {
            found.items.pop();
            found.spans.pop();
        }
    }
    // "King Solomon, son of David and Bathsheba": a lower-case noun and
    // its "of" after a name describes the name; the commas make no list
    let appositive = (1..found.items.len()).any(|k| {
        let w = words(&found.items[k]);
        let name_before = words(&found.items[k - 1])
            .last()
            .is_some_and(|x| x.text.starts_with(char::is_uppercase));
        name_before
            && w.len() >= 3
            && w[0].text.starts_with(char::is_lowercase)
            && fold(w[1].text) == "of"
            && !text::is_stop(w[0].text)
    });
    if appositive {
        return false;
    }
    // "sovereignty, independence and territorial integrity and
    // non-interference in each other's internal affairs": a last item
    // after "and" that holds another "and" between nouns chains a new
    // phrase; the list ends before it
    {
        let k = found.items.len() - 1;
        let (a, b) = found.spans[k];
        let sep = fold(&s[found.spans[k - 1].1..a]);
        if sep.trim().trim_start_matches(',').trim() == "and" {
            if let Some(p) = s[a..b].find(" and ") {
                let head = nlp::tag(&s[a..a + p]);
                let tail = nlp::tag(&s[a + p + 5..b]);
                if head.last().is_some_and(|t| t.tag.is_noun())
                    && tail.first().is_some_and(|t| t.tag.is_noun())
                {
                    found.spans[k] = (a, a + p);
                    found.items[k] = s[a..a + p].to_string();
                    found.end = a + p;
                }
            }
        }
    }
    // "his reason and his self-love, his opinions and his passions": a
    // first item joined to the word before it pairs items; the commas
    // do not make one list
    let (a0, b0) = found.spans[0];
    let first0 = fold(s[a0..b0].trim());
    let det = first0.split(' ').next().unwrap_or("");
    let joined_before = matches!(
        det,
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
    ) && (first0.contains(&format!(" and {det} "))
        || first0.contains(&format!(" or {det} ")));
    if joined_before {
        return false;
    }
    // "in India and Confucius and Lao Tse in China": a list that the
    // text goes on with "and" was cut from a longer chain
    // (a catch-all may follow: "birth or other status"; and a pair of
    // longer names may leave the third in the question)
    let tail = fold(s[found.spans[found.items.len() - 1].1..].trim_start());
    let next = tail.split_whitespace().nth(1).unwrap_or("");
    let chained = (tail.starts_with("and ") || tail.starts_with("or "))
        && !matches!(next, "other" | "any" | "all" | "so" | "the" | "a" | "an")
        && found.items.len() == 2
        && found.items.iter().all(|i| !i.contains(' '));
    if chained {
        return false;
    }
    // "a hydrostatic test pump, hand or power operated": items before a
    // participle modify it; they are no list
    let after = s[found.spans[found.items.len() - 1].1..].trim_start();
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', ';', ':', '.']);
    if !after.starts_with([',', ';', '.', ')'])
        && next.ends_with("ed")
        && nlp::lexicon_tag(next).is_some_and(|t| t.is_participle() || t.name() == "VBD")
    {
        return false;
    }
    // Between two items only separators: commas, conjunctions, articles,
    // a repeated preposition ("teaching in India and Lao Tse and
    // Confucius" gave India | Confucius)
    let separator = |w: &str| {
        matches!(
            fold(w).as_str(),
            "and"
                | "or"
                | "nor"
                | "the"
                | "a"
                | "an"
                | "as"
                | "well"
                | "by"
                | "of"
                | "for"
                | "to"
                | "in"
                | "with"
                | "from"
                | "on"
                | "at"
                | "also"
                | "then"
                | "finally"
                | "his"
                | "her"
                | "its"
                | "their"
                | "our"
                | "my"
                | "your"
                | "either"
                | "both"
                | "e.g"
                | "i.e"
                | "etc"
                | "including"
                | "especially"
                | "not"
                | "but"
                | "all"
        )
    };
    let n = found.items.len();
    if !found.numbered
        && (1..n).any(|k| {
            let (a, b) = (found.spans[k - 1].1, found.spans[k].0);
            if a > b {
                return false;
            }
            // (an item shortened to its head leaves its tail before the
            // comma: "the marshalling of the army | in its proper
            // subdivisions, the gradations …"; brackets are asides)
            let between = &s[a..b];
            let sep = between.rsplit(',').next().unwrap_or(between);
            let sep = match (sep.find('('), sep.rfind(')')) {
                (Some(o), Some(c)) if o < c => format!("{} {}", &sep[..o], &sep[c + 1..]),
                _ => sep.to_string(),
            };
            words(&sep).iter().any(|w| !separator(w.text))
        })
    {
        return false;
    }
    // "the establishment | of a new international order": an item before
    // the last that the finder cut short
    let n = found.items.len();
    // (a name may be shortened: "the United Kingdom of Great Britain …";
    // the last item's "of" phrase may belong to all, "the rights and
    // duties of citizens", unless the item has its own article: "by the
    // epics and by the custom | of taking part …")
    let (la, lb) = found.spans[n - 1];
    let last_own = s[la..lb]
        .split_whitespace()
        .next()
        .is_some_and(|w| matches!(fold(w).as_str(), "the" | "a" | "an"))
        && fold(s[lb..].trim_start()).starts_with("of ");
    if last_own && n == 2 {
        return false;
    }
    if found.spans[..n - 1].iter().any(|&(a, b)| {
        let rest = fold(s[b..].trim_start());
        let name = s[a..b]
            .split_whitespace()
            .next_back()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        !name && (rest.starts_with("of ") || rest.starts_with("for ") || rest.starts_with("to "))
    }) {
        return false;
    }
    // "Men of factious tempers, of local prejudices, or of sinister
    // designs": a preposition every item repeats stays in the question
    // ("Men of ___")
    let first_word = |k: usize| {
        let (a, b) = found.spans[k];
        let t = s[a..b].trim_start();
        let t = t
            .strip_prefix("and ")
            .or_else(|| t.strip_prefix("or "))
            .unwrap_or(t);
        t.split_whitespace().next().map(fold).unwrap_or_default()
    };
    let p = first_word(0);
    let prep = matches!(
        p.as_str(),
        "of" | "for" | "to" | "in" | "on" | "by" | "with" | "from" | "about" | "against"
    );
    if prep
        && (1..found.items.len()).all(|k| first_word(k) == p)
        && !fold(&found.items[0]).starts_with(&format!("{p} "))
    {
        let (a, b) = found.spans[0];
        let off = s[a..b].find(|c: char| c.is_alphabetic()).unwrap_or(0) + p.len();
        let rest = &s[a + off..b];
        found.spans[0] = (a + off + (rest.len() - rest.trim_start().len()), b);
    }
    // "two variables, x and y": the first item counts the others (an
    // apposition), it is not one of them
    let first = words(&found.items[0]);
    if (2..=3).contains(&first.len())
        && text::number_value(first[0].text) == Some(n - 1)
        && !found.numbered
    {
        found.items.remove(0);
        found.spans.remove(0);
    }
    let n = found.items.len();
    // a numbered or marked list keeps its first marker in the span ("the
    // one, by removing …; the other, by …" is asked as "…: ___.")
    if !found.numbered {
        found.start = found.spans[0].0;
    }
    found.end = found.spans[n - 1].1;
    // "both ancient | modern": a correlative cut in half
    if found.items.iter().any(|i| {
        matches!(
            fold(i).split(' ').next(),
            Some("both" | "either" | "neither")
        )
    }) {
        return false;
    }
    // the first item is much longer than every other: it runs back into
    // the sentence before the list ("ratification of this article the
    // manufacture"); cut it after its last function word
    // (the last item's "of" phrase may belong to every item: "the
    // manufacture, sale, or transportation of intoxicating liquors")
    let others = found.items[1..]
        .iter()
        .map(|i| text::word_count(i.split(" of ").next().unwrap_or(i)))
        .max()
        .unwrap_or(0);
    let (a, b) = found.spans[0];
    let w = words(&s[a..b]);
    if n >= 3 && others <= 2 && w.len() >= others + 2 && !found.numbered {
        if let Some(k) = w.iter().rposition(|x| text::is_stop(x.text)) {
            // only words of the sentence's frame are cut ("the physical
            // processes of", "this article the"), never a term
            // ("multi-polarization of the world")
            let frame = &s[a..a + w[k].end];
            // (nor a name: "The Republic of China")
            let capital = |j: usize| {
                w.get(j)
                    .is_some_and(|x| x.text.starts_with(char::is_uppercase))
            };
            let in_name = k > 0 && capital(k - 1) && capital(k + 1);
            if k + 1 < w.len()
                && w.len() - k - 1 <= others + 1
                && definitions::rarity(frame) > 4.0
                && !in_name
            {
                let start = a + w[k + 1].start;
                found.spans[0] = (start, b);
                found.items[0] = s[start..b].to_string();
                found.start = start;
            }
        }
    }
    // "the manufacture, sale, or transportation of intoxicating liquors":
    // bare nouns under one article share the last item's "of" phrase,
    // which stays in the question
    let n = found.items.len();
    let bare = |i: &str| {
        let w = words(i);
        !w.is_empty() && w.len() <= 2 && !w.iter().any(|x| text::is_stop(x.text))
    };
    let (la, lb) = found.spans[n - 1];
    let last_raw = &s[la..lb];
    // ("on account of race, color, or previous condition of servitude":
    // no article over the items, and a longer last head, keep it whole)
    let under_article = s[..found.spans[0].0]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| matches!(fold(w).as_str(), "the" | "a" | "an" | "any" | "all"));
    // (two items too: "the important diplomatic thoughts and propositions
    // of New China", a first item of up to three words)
    let bare_first = |i: &str| {
        let w = words(i);
        !w.is_empty() && w.len() <= 3 && !w.iter().any(|x| text::is_stop(x.text))
    };
    // (for two, only a name's "of" phrase: "a dark tablecloth and a pot
    // of boiling oatmeal" keeps its own)
    let of_name = last_raw
        .split_once(" of ")
        .is_some_and(|(_, o)| o.trim_start_matches("the ").starts_with(char::is_uppercase));
    let firsts_bare = if n == 2 {
        bare_first(&found.items[0]) && of_name
    } else {
        found.items[..n - 1].iter().all(|i| bare(i))
    };
    if n >= 2 && !found.numbered && under_article && firsts_bare {
        if let Some(k) = last_raw.find(" of ") {
            let head = last_raw[..k].trim();
            let head = head
                .strip_prefix("or ")
                .or_else(|| head.strip_prefix("and "))
                .unwrap_or(head);
            if bare(head) && !head.contains(' ') {
                let hs = la + last_raw.find(head).unwrap_or(0);
                found.spans[n - 1] = (hs, hs + head.len());
                found.items[n - 1] = head.to_string();
                found.end = hs + head.len();
            }
        }
    }
    // "the principles of justice and international law, adjustment or
    // settlement of disputes": a first item right after "and" belongs
    // to the phrase before
    let after_conj = s[..found.spans[0].0]
        .split_whitespace()
        .rev()
        .map(fold)
        .find(|w| !matches!(w.as_str(), "the" | "a" | "an"))
        .is_some_and(|w| w == "and" || w == "or");
    // "justice and international law | adjustment | settlement": only the
    // first item holds a conjunction (a list of pairs has one in each)
    let has_conj = |i: &String| {
        let f = format!(" {} ", fold(i));
        f.contains(" and ") || f.contains(" or ")
    };
    let conj_inside = found.items.len() >= 3
        && !found.numbered
        && has_conj(&found.items[0])
        && !found.items[1..].iter().any(has_conj);
    !after_conj && !conj_inside
}

/// Whether the grammar's list `g` should replace the comma list `a` over
/// the same items: as many items, each of `a`'s inside `g`'s, only the
/// first or last longer, and the middle ones nouns (noun phrases keep
/// their own modifiers; adjectives, "an economic, social … character",
/// share a head).
fn keeps_own_words(a: &lists::Found, g: &lists::Found) -> bool {
    let n = a.items.len();
    if n < 3 || g.items.len() != n {
        return false;
    }
    let inside = a
        .items
        .iter()
        .zip(&g.items)
        .all(|(x, y)| fold(y).contains(&fold(x)));
    let middle_same = (1..n - 1).all(|k| fold(&a.items[k]) == fold(&g.items[k]));
    // the first may gain one modifier before it, the last one noun after
    // it ("mutual respect", "win-win cooperation"), never an "of" phrase
    // ("virtues of wisdom", "account of race")
    let one_more = |short: &str, long: &str| {
        let (s, l) = (fold(short), fold(long));
        s == l || text::word_count(&l) == text::word_count(&s) + 1 && !l.contains(" of ")
    };
    let edges = one_more(&a.items[0], &g.items[0]) && one_more(&a.items[n - 1], &g.items[n - 1]);
    let middle_nouns = (1..n - 1).all(|k| {
        let w = a.items[k].trim();
        !w.contains(' ') && nlp::lexicon_tag(w).is_some_and(|t| t.is_noun())
    });
    let longer = a.items != g.items;
    inside && middle_same && middle_nouns && longer && edges
}

/// "should consider using open source, cloud-based, and commodity
/// solutions": verbs that open only the first item govern every item, so
/// they belong to the question ("should consider using ___").
pub fn verb_lead(s: &str, toks: &[nlp::Token<'_>], found: &mut lists::Found) {
    let verb = |t: &nlp::Token<'_>| matches!(t.tag.name(), "VB" | "VBP" | "VBZ" | "VBG" | "VBD");
    let item_toks = |(a, b): (usize, usize)| -> Vec<&nlp::Token<'_>> {
        toks.iter()
            .filter(|t| t.start >= a && t.end <= b)
            .skip_while(|t| matches!(t.tag.name(), "CC" | "DT"))
            .collect()
    };
    if found.numbered || found.items.len() < 2 {
        return;
    }
    let first = item_toks(found.spans[0]);
    // (the word must be a verb out of context too: "boils down to peace
    // without war" tags "peace" as a verb after "to")
    let lead = first
        .iter()
        .take_while(|t| verb(t) && nlp::lexicon_tag(t.text).is_none_or(|l| l.is_verb()))
        .count();
    let others_verbal = found.spans[1..]
        .iter()
        .any(|&sp| item_toks(sp).first().is_some_and(|t| verb(t)));
    // ("lasting peace, universal security, …": a participle right before
    // the item's one noun modifies it)
    let participle_adjective =
        lead == 1 && first.len() == 2 && first[0].tag.name() == "VBG" && first[1].tag.is_noun();
    if lead == 0 || lead >= first.len() || others_verbal || participle_adjective {
        return;
    }
    let start = first[lead].start;
    let (_, b) = found.spans[0];
    found.spans[0] = (start, b);
    found.items[0] = s[start..b].to_string();
    found.start = start;
}

/// "an economic, social, cultural, or humanitarian character": adjectives
/// sharing the head noun after the last of them. The head belongs to every
/// item, so it stays in the question ("… of an ___ character") and the
/// last item is its adjective alone.
pub fn shared_head(toks: &[nlp::Token<'_>], found: &mut lists::Found) {
    let n = found.items.len();
    if n < 3 || found.numbered {
        return;
    }
    // each item's words, without a leading article or conjunction
    let item_toks = |(a, b): (usize, usize)| -> Vec<&nlp::Token<'_>> {
        toks.iter()
            .filter(|t| t.start >= a && t.end <= b)
            .skip_while(|t| matches!(t.tag.name(), "CC" | "DT"))
            .collect()
    };
    let firsts: Vec<Vec<&nlp::Token<'_>>> = found.spans[..n - 1]
        .iter()
        .map(|&sp| item_toks(sp))
        .collect();
    // (one of them may come out as a noun: "an economic/NN, social, …")
    let lone_words = firsts.iter().all(|t| t.len() == 1);
    let adjectives = firsts
        .iter()
        .filter(|t| t.first().is_some_and(|x| x.tag.is_adjective()))
        .count();
    let lone_adjectives = lone_words && adjectives * 2 >= n - 1;
    let (a, _) = found.spans[n - 1];
    let last = item_toks(found.spans[n - 1]);
    // "median, 95th percentile, and 98th percentile performance": the last
    // item is an earlier one's shape and one noun more, which every item
    // shares
    let shape = |t: &[&nlp::Token<'_>]| -> Vec<String> {
        t.iter()
            .map(|x| {
                if x.tag.is_number() || x.text.starts_with(|c: char| c.is_ascii_digit()) {
                    "#".to_string()
                } else {
                    fold(x.text)
                }
            })
            .collect()
    };
    if last.len() >= 2 && last.last().is_some_and(|t| t.tag.is_noun()) {
        let body = shape(&last[..last.len() - 1]);
        if body.len() >= 2 && firsts.iter().any(|f| shape(f) == body) {
            let end = last[last.len() - 2].end;
            found.spans[n - 1] = (a, end);
            found.items[n - 1] = found.items[n - 1][..end - a].to_string();
            found.end = found.end.min(end);
            return;
        }
    }
    if !lone_words || last.len() < 2 {
        return;
    }
    if last.len() == 2 && last[1].tag.name() == "VBN" && !last[0].tag.is_adjective() {
        // "instability, injustice, and confusion introduced into the
        // public councils": the participle's phrase belongs to every item
        found.spans[n - 1] = (a, last[0].end);
        found.items[n - 1] = last[0].text.to_string();
        found.end = found.end.min(last[0].end);
        return;
    }
    // "a scientific, complete, rich and far-reaching ideological system":
    // the last item's first word is the item, the rest the shared head
    let head_is_noun = last.last().is_some_and(|t| t.tag.is_noun());
    // ("cruel, inhuman or degrading treatment or punishment": a
    // participle adjective, and a head of two nouns joined by "or")
    let rest_modifies = last[1..]
        .iter()
        .all(|t| t.tag.is_noun() || t.tag.is_adjective() || t.tag.name() == "CC");
    let modifier_first = last[0].tag.is_adjective() || last[0].tag.is_participle();
    if !lone_adjectives
        || !head_is_noun
        || !rest_modifies
        || last[0].tag.is_proper()
        || last.len() > 2 && !modifier_first
    {
        return;
    }
    found.spans[n - 1] = (a, last[0].end);
    found.items[n - 1] = last[0].text.to_string();
    found.end = found.end.min(last[0].end);
}

/// "There are two methods of curing X: …" → "What are the two methods of
/// curing X?": a clause that counts the list and ends at its colon.
fn colon_question(before: &str, n: usize) -> Option<String> {
    let head = before.trim().strip_suffix(':')?.trim();
    let phrase = lists::count_phrase(head, n)?;
    let at = head.find(phrase.as_str())?;
    let lead = fold(&head[..at]);
    let lead = lead.trim();
    // "There are (again) two …", "The two …", or the count opening the clause
    let rest = head[at..].trim();
    let ok = lead.is_empty()
        || lead == "the"
        || lead.starts_with("there are")
        || lead.starts_with("there were");
    if !ok || text::word_count(rest) > 14 || rest.contains([',', ';']) {
        return None;
    }
    Some(format!("What are the {rest}?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list of the given words of `s`, as a finder would report it.
    fn found_at(s: &str, words: &[&str]) -> lists::Found {
        let spans: Vec<(usize, usize)> = words
            .iter()
            .map(|w| {
                let a = s.find(w).unwrap_or(0);
                (a, a + w.len())
            })
            .collect();
        lists::Found {
            start: spans[0].0,
            end: spans[spans.len() - 1].1,
            items: words.iter().map(|w| w.to_string()).collect(),
            spans,
            numbered: false,
            counted: false,
        }
    }

    #[test]
    fn a_first_item_that_runs_back_into_the_sentence_is_cut() {
        let s = "The water moves by the physical processes of evaporation, condensation, precipitation and infiltration.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[0], "evaporation");
        assert!(
            s[..found.start].ends_with("processes of "),
            "{}",
            &s[..found.start]
        );
        let s = "Monitor performance in real-time (e.g. response time, latency, throughput, and error rates).";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[0], "response time", "{:?}", found.items);
        // a term is never cut, only the frame around it
        let s = "At the same time, the multi-polarization of the world, economic globalization, social informatization and cultural diversity are developing.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(
            found.items[0], "multi-polarization of the world",
            "{:?}",
            found.items
        );
        // a count before the items is no item ("two variables, x and y")
        let s = "We now have two variables, x and y, and both equal 5.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items, ["x", "y"]);
        assert!(s[..found.start].ends_with("two variables, "));
        let s = "After one year from the ratification of this article the manufacture, sale, or transportation of intoxicating liquors is prohibited.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items, ["manufacture", "sale", "transportation"]);
        assert!(s[found.end..].starts_with(" of intoxicating liquors"));
        let s = "The idea has inherited and developed the important diplomatic thoughts and propositions of New China in different periods.";
        let mut found = found_at(
            s,
            &["important diplomatic thoughts", "propositions of New China"],
        );
        assert!(tidy_items(s, &mut found));
        assert_eq!(
            found.items,
            ["important diplomatic thoughts", "propositions"]
        );
        assert!(s[found.end..].starts_with(" of New China"));
        let s = "The Republic of China, France, the Union of Soviet Socialist Republics, the United Kingdom of Great Britain and Northern Ireland, and the United States of America shall be permanent members.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[0], "Republic of China", "{:?}", found.items);
        // a repeated preposition stays in the question; a catch-all is no item
        let s = "A rage for paper money, for an abolition of debts, for an equal division of property, or for any other improper or wicked project, will pass.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items.len(), 3, "{:?}", found.items);
        assert!(
            s[..found.start].ends_with("rage for "),
            "{}",
            &s[..found.start]
        );
        assert!(s[found.end..].starts_with(", or for any other"));
        let s = "Settle disputes in conformity with the principles of justice and international law, adjustment or settlement of disputes.";
        let mut found = lists::find(s).into_iter().next().expect("a list to refuse");
        assert!(!tidy_items(s, &mut found), "{:?}", found.items);
        let s = "They put forward concepts such as the Five Principles, the establishment of a new international political and economic order, the path of peaceful development, and a harmonious world.";
        let mut found = lists::find(s).into_iter().next().expect("a list to refuse");
        assert!(!tidy_items(s, &mut found), "{:?}", found.items);
        // only separators between items; no pair cut from an "and" chain
        for s in [
            "Buddha was then teaching in India and Lao Tse and Confucius in China.",
            "Buddha was then teaching in India and Confucius and Lao Tse in China.",
        ] {
            let mut found = found_at(s, &["India", "Confucius"]);
            assert!(!tidy_items(s, &mut found), "{s}: {:?}", found.items);
        }
        // "A and B, C and D" pairs items: no list
        let s = "The connection subsists between his reason and his self-love, his opinions and his passions.";
        let mut found = lists::find(s).into_iter().next().expect("a list to refuse");
        assert!(!tidy_items(s, &mut found), "{:?}", found.items);
        // a compound first item without a function word stays whole
        let s = "This includes bringing in seasoned product managers, engineers, and designers.";
        let mut found = lists::find(s).into_iter().next().unwrap();
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[0], "seasoned product managers");
    }

    #[test]
    fn adjectives_sharing_a_head_noun_leave_it_in_the_question() {
        let s = "Members cooperate in solving problems of an economic, social, cultural, or humanitarian character.";
        let toks = nlp::tag(s);
        let mut found = lists::find(s).into_iter().next().unwrap();
        shared_head(&toks, &mut found);
        assert_eq!(
            found.items,
            ["economic", "social", "cultural", "humanitarian"]
        );
        assert!(
            s[found.end..].starts_with(" character"),
            "{}",
            &s[found.end..]
        );
        let s = "No one shall be subjected to torture or to cruel, inhuman or degrading treatment or punishment.";
        let toks = nlp::tag(s);
        let mut found = lists::find(s).into_iter().next().unwrap();
        shared_head(&toks, &mut found);
        assert_eq!(found.items, ["cruel", "inhuman", "degrading"]);
        // noun phrases keep their heads
        let s = "The ports were Tyre, Sidon, and the great city of Carthage.";
        let toks = nlp::tag(s);
        let mut found = lists::find(s).into_iter().next().unwrap();
        let before = found.items.clone();
        shared_head(&toks, &mut found);
        assert_eq!(found.items, before);
        // the last item repeats an earlier one with the shared noun
        let s = "Monitoring can measure median, 95th percentile, and 98th percentile performance.";
        let toks = nlp::tag(s);
        let mut found = found_at(
            s,
            &["median", "95th percentile", "98th percentile performance"],
        );
        shared_head(&toks, &mut found);
        assert_eq!(found.items[2], "98th percentile");
        assert!(s[found.end..].starts_with(" performance"));
    }

    #[test]
    fn nouns_in_a_list_keep_their_own_modifiers() {
        let s = "We promote relations featuring mutual respect, fairness, justice and win-win cooperation.";
        let a = found_at(s, &["respect", "fairness", "justice", "win-win"]);
        let g = found_at(
            s,
            &[
                "mutual respect",
                "fairness",
                "justice",
                "win-win cooperation",
            ],
        );
        assert!(keeps_own_words(&a, &g));
        // adjectives share their head
        let s = "Problems of an economic, social, cultural, or humanitarian character.";
        let a = found_at(s, &["economic", "social", "cultural", "humanitarian"]);
        let g = found_at(
            s,
            &["economic", "social", "cultural", "humanitarian character"],
        );
        assert!(!keeps_own_words(&a, &g));
    }

    #[test]
    fn verbs_opening_only_the_first_item_stay_in_the_question() {
        let s = "Teams should consider using open source, cloud-based, and commodity solutions across the stack.";
        let toks = nlp::tag(s);
        let mut found = found_at(
            s,
            &[
                "consider using open source",
                "cloud-based",
                "commodity solutions",
            ],
        );
        verb_lead(s, &toks, &mut found);
        assert_eq!(found.items[0], "open source");
        assert!(
            s[..found.start].ends_with("using "),
            "{}",
            &s[..found.start]
        );
        // verbs opening every item are the items
        let s = "This practice wastes time, weakens our plans, and results in higher costs.";
        let toks = nlp::tag(s);
        let mut found = found_at(
            s,
            &[
                "wastes time",
                "weakens our plans",
                "results in higher costs",
            ],
        );
        verb_lead(s, &toks, &mut found);
        assert_eq!(found.items[0], "wastes time");
        // a noun the tagger calls a verb stays
        let s = "The core boils down to peace without war, development without poverty, and win-win without single win.";
        let toks = nlp::tag(s);
        let mut found = found_at(
            s,
            &[
                "peace without war",
                "development without poverty",
                "win-win without single win",
            ],
        );
        verb_lead(s, &toks, &mut found);
        assert_eq!(found.items[0], "peace without war");
        // a participle before the item's one noun modifies it
        let s = "Its core is building a world of lasting peace, universal security, common prosperity and beauty.";
        let toks = nlp::tag(s);
        let mut found = found_at(
            s,
            &[
                "lasting peace",
                "universal security",
                "common prosperity",
                "beauty",
            ],
        );
        verb_lead(s, &toks, &mut found);
        assert_eq!(found.items[0], "lasting peace");
        // a last item chaining another "and" between nouns ends the list
        let s = "We abide by norms such as respect for sovereignty, independence and territorial integrity and non-interference in each other's internal affairs.";
        let mut found = found_at(
            s,
            &[
                "sovereignty",
                "independence",
                "territorial integrity and non-interference",
            ],
        );
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items[2], "territorial integrity");
        assert!(s[found.end..].starts_with(" and non-interference"));
        // items before a participle (followed by a comma) modify it
        let s = "(A) A hydrostatic test pump, hand or power operated, capable of producing the test pressure.";
        let mut found = found_at(s, &["hydrostatic test pump", "hand", "power"]);
        assert!(!tidy_items(s, &mut found));
        // a name's description after a comma makes no list
        let s = "Scholars point to the time of King Solomon, son of David and Bathsheba, three thousand years ago.";
        let mut found = found_at(s, &["King Solomon", "son of David", "Bathsheba"]);
        assert!(!tidy_items(s, &mut found));
        // "or similar techniques" is a catch-all, no item
        let s = "Perform deployments with deployment scripts, continuous delivery services, or similar techniques.";
        let mut found = found_at(
            s,
            &[
                "deployment scripts",
                "continuous delivery services",
                "similar techniques",
            ],
        );
        assert!(tidy_items(s, &mut found));
        assert_eq!(found.items.len(), 2);
        assert!(crate::builder::select::parallel_items(&found.items));
    }
}
