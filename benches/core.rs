//! recall benchmarks (criterion). Sizes: 10k, 100k, 1M cards in a
//! file-backed WAL database with a realistic shape: 30% new, 65% in review
//! with due dates spread over ±60 days, 5% retired, ten log rows per
//! reviewed card.
//!
//! `RECALL_BENCH_QUICK=1 cargo bench --bench core -- --quick` runs the 10k
//! size only (CI); `RECALL_BENCH_FULL=1` adds 1M cards and the 10 MB build.

use std::path::Path;
use std::time::Duration;

use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use rand::{rngs::StdRng, Rng, SeedableRng};

use recall::builder::{build_deck, BuildOptions};
use recall::import::import_deck;
use recall::model::{CardContent, CardKind, Deck, DeckMeta, Grade};
use recall::session::driver::{todays_queue, Scope};
use recall::storage::{decks, reviews, search, Store};

const SEED_DOC: &str = include_str!("../decks/sources/000_e83d40c0b69a7c7e.txt");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")
}

fn sizes() -> Vec<usize> {
    if std::env::var_os("RECALL_BENCH_QUICK").is_some() {
        vec![10_000]
    } else if std::env::var_os("RECALL_BENCH_FULL").is_some() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        vec![10_000, 100_000]
    }
}

fn synthetic_deck(n: usize, id: &str) -> Deck {
    let cards = (0..n)
        .map(|i| CardContent {
            id: format!("c{i}"),
            kind: if i % 3 == 0 {
                CardKind::List
            } else {
                CardKind::Cloze
            },
            front: format!("Question number {i} about topic {} asks for ___.", i % 97),
            back: if i % 3 == 0 {
                String::new()
            } else {
                format!("answer {i}")
            },
            items: if i % 3 == 0 {
                vec![
                    format!("alpha {i}"),
                    format!("beta {i}"),
                    format!("gamma {i}"),
                ]
            } else {
                vec![]
            },
            ordered: false,
            source: format!("{}.({})", i / 50, i % 50),
            context: format!("The source sentence of card {i}."),
            tags: vec![],
        })
        .collect();
    Deck {
        meta: DeckMeta {
            id: id.into(),
            name: format!("Bench deck {id}"),
            source: None,
        },
        cards,
    }
}

/// Creates (or reuses) a generated collection of `n` cards at `path`.
fn collection(dir: &Path, n: usize) -> std::path::PathBuf {
    let path = dir.join(format!("bench-{n}.db"));
    if path.exists() {
        return path;
    }
    let mut store = Store::open(&path).expect("open");
    let deck = synthetic_deck(n, "bench");
    import_deck(&mut store.conn, &deck, 0, false).expect("import");
    let mut rng = StdRng::seed_from_u64(n as u64);
    let tx = store.conn.transaction().expect("tx");
    {
        let mut upd = tx
            .prepare("UPDATE card_state SET ef = ?2, reps = ?3, interval = ?4, due = ?5 WHERE card_id = ?1")
            .expect("prepare");
        let mut log = tx
            .prepare(
                "INSERT INTO revlog(card_id, reviewed_at, day, grade, kind, ef_before, reps_before,
                 interval_before, due_before, lapses_before, ef_after, reps_after, interval_after,
                 due_after, lapses_after, taken_ms)
                 VALUES (?1, ?2, ?3, ?4, 'review', 2500, 1, 1, ?3, 0, 2500, 2, 6, ?3, 0, 4000)",
            )
            .expect("prepare");
        let mut retire = tx
            .prepare("UPDATE cards SET retired = 1 WHERE id = ?1")
            .expect("prepare");
        for rowid in 1..=n as i64 {
            let r: f64 = rng.gen();
            if r < 0.30 {
                continue; // new
            }
            if r >= 0.95 {
                retire.execute([rowid]).expect("retire");
                continue;
            }
            let offset: i64 = rng.gen_range(-60..=60);
            let due = if offset < 0 {
                today().checked_sub_days(Days::new(offset.unsigned_abs()))
            } else {
                today().checked_add_days(Days::new(offset as u64))
            }
            .expect("date");
            let due_s = due.format("%Y-%m-%d").to_string();
            upd.execute(rusqlite::params![
                rowid,
                rng.gen_range(1300..3000),
                rng.gen_range(1..10),
                rng.gen_range(1..200),
                due_s
            ])
            .expect("update");
            for k in 0..10 {
                let day = today()
                    .checked_sub_days(Days::new(200 - k * 15))
                    .expect("date");
                log.execute(rusqlite::params![
                    rowid,
                    1_700_000_000_000i64 + k as i64,
                    day.format("%Y-%m-%d").to_string(),
                    rng.gen_range(2..6)
                ])
                .expect("log");
            }
        }
    }
    tx.commit().expect("commit");
    store
        .conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
        .expect("checkpoint");
    path
}

fn bench_dir() -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("recall-bench");
    std::fs::create_dir_all(&dir).expect("bench dir");
    dir
}

fn limits() -> recall::queue::Limits {
    recall::queue::Limits {
        new_per_day: 20,
        review_cap: 200,
    }
}

fn queue_and_counts(c: &mut Criterion) {
    let dir = bench_dir();
    let mut g = c.benchmark_group("start");
    g.sample_size(20).measurement_time(Duration::from_secs(5));
    for n in sizes() {
        let path = collection(&dir, n);
        g.bench_with_input(BenchmarkId::new("open_and_queue", n), &path, |b, path| {
            b.iter(|| {
                let store = Store::open(path).expect("open");
                todays_queue(&store, Scope::default(), today(), limits(), None).expect("queue")
            })
        });
        let store = Store::open(&path).expect("open");
        g.bench_with_input(BenchmarkId::new("due_counts", n), &store, |b, store| {
            b.iter(|| decks::summaries(&store.conn, today()).expect("counts"))
        });
        g.bench_with_input(BenchmarkId::new("stats", n), &store, |b, store| {
            b.iter(|| {
                recall::stats::collect::collect(&store.conn, None, today(), 20).expect("stats")
            })
        });
    }
    g.finish();
}

/// A copy of the generated collection with limits of the deck's own, a
/// second deck of 1,000 cards (400 of them due) with limits of its own,
/// and one card in a hundred tagged: the queue with per-deck limits (a big
/// deck and a small one) and with a tag filter.
fn queue_with_limits_and_tags(c: &mut Criterion) {
    let dir = bench_dir();
    let mut g = c.benchmark_group("start");
    g.sample_size(20).measurement_time(Duration::from_secs(5));
    for n in sizes() {
        let path = dir.join(format!("limits-{n}.db"));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        std::fs::copy(collection(&dir, n), &path).expect("copy");
        {
            let mut store = Store::open(&path).expect("open");
            import_deck(&mut store.conn, &synthetic_deck(1000, "small"), 0, false).expect("import");
            store
                .conn
                .execute(
                    "UPDATE card_state SET reps = 2, interval = 6, due = '2026-05-30'
                     WHERE deck_id = 'small' AND card_id % 5 < 2",
                    [],
                )
                .expect("due");
            for deck in ["bench", "small"] {
                decks::set_own(&store.conn, deck, "new_per_day", Some(5)).expect("limit");
                decks::set_own(&store.conn, deck, "review_cap", Some(50)).expect("limit");
            }
            store
                .conn
                .execute("UPDATE cards SET tags = '[\"t1\"]' WHERE id % 100 = 0", [])
                .expect("tags");
        }
        g.bench_with_input(
            BenchmarkId::new("open_and_queue_deck_limits", n),
            &path,
            |b, path| {
                b.iter(|| {
                    let store = Store::open(path).expect("open");
                    todays_queue(&store, Scope::default(), today(), limits(), None).expect("queue")
                })
            },
        );
        g.bench_with_input(
            BenchmarkId::new("open_and_queue_tag", n),
            &path,
            |b, path| {
                b.iter(|| {
                    let store = Store::open(path).expect("open");
                    let scope = Scope {
                        deck: None,
                        tag: Some("t1"),
                    };
                    todays_queue(&store, scope, today(), limits(), None).expect("queue")
                })
            },
        );
    }
    g.finish();
}

/// `recall search` and `recall history` on the generated collection:
/// a rare word, two words where one is in every card, a short prefix that
/// begins a third of all list items, and a word in every card (the last two
/// rank at most `search::RANK_AT_MOST` matches).
fn search_and_history(c: &mut Criterion) {
    let dir = bench_dir();
    let mut g = c.benchmark_group("search");
    g.sample_size(20).measurement_time(Duration::from_secs(5));
    for n in sizes() {
        let store = Store::open(&collection(&dir, n)).expect("open");
        for (name, text) in [
            ("rare_word", "4242"),
            ("common_and_rare", "topic 42"),
            ("broad_prefix", "gam"),
            ("every_card", "question"),
        ] {
            g.bench_with_input(BenchmarkId::new(name, n), &store, |b, store| {
                b.iter(|| search::search(&store.conn, text, None, 20).expect("search"))
            });
        }
        let rowid = (n / 2) as i64;
        g.bench_with_input(BenchmarkId::new("history", n), &store, |b, store| {
            b.iter(|| reviews::history(&store.conn, rowid).expect("history"))
        });
    }
    g.finish();
}

fn answers(c: &mut Criterion) {
    let dir = bench_dir();
    let mut g = c.benchmark_group("answer");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    for n in sizes() {
        // answers pile up drill rows on "today": work on a copy, so the other
        // benchmarks keep measuring the collection as generated
        let path = dir.join(format!("answers-{n}.db"));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        std::fs::copy(collection(&dir, n), &path).expect("copy");
        let mut store = Store::open(&path).expect("open");
        let ids: Vec<i64> = todays_queue(
            &store,
            Scope::default(),
            today(),
            recall::queue::Limits {
                new_per_day: 1000,
                review_cap: 1000,
            },
            None,
        )
        .expect("queue")
        .cards
        .into_iter()
        .map(|(id, _)| id)
        .take(1000)
        .collect();
        let grade = Grade::new(4).expect("grade");
        g.throughput(Throughput::Elements(ids.len() as u64));
        g.bench_function(BenchmarkId::new("1000_durable", n), |b| {
            b.iter(|| {
                for &id in &ids {
                    // first pass: scheduled repetitions; later passes: drill answers
                    reviews::record_answer(
                        &mut store.conn,
                        id,
                        grade,
                        today(),
                        1,
                        &reviews::AnswerInfo::default(),
                    )
                    .expect("answer");
                }
            })
        });
    }
    g.finish();
}

fn imports(c: &mut Criterion) {
    let dir = bench_dir();
    let mut g = c.benchmark_group("import");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let n = if std::env::var_os("RECALL_BENCH_QUICK").is_some() {
        10_000
    } else {
        100_000
    };
    let deck = synthetic_deck(n, "imp");
    let mut changed = deck.clone();
    for (i, card) in changed.cards.iter_mut().enumerate() {
        if i % 100 == 0 {
            card.front.push_str(" (edited)");
        }
    }
    g.bench_function(BenchmarkId::new("fresh", n), |b| {
        b.iter_batched(
            || {
                let p = dir.join(format!("import-{n}.db"));
                for ext in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
                }
                Store::open(&p).expect("open")
            },
            |mut store| import_deck(&mut store.conn, &deck, 0, false).expect("import"),
            criterion::BatchSize::PerIteration,
        )
    });
    let p = dir.join(format!("reimport-{n}.db"));
    for ext in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
    }
    let mut store = Store::open(&p).expect("open");
    import_deck(&mut store.conn, &deck, 0, false).expect("import");
    let mut flip = false;
    g.bench_function(BenchmarkId::new("reimport_1pct_changed", n), |b| {
        b.iter(|| {
            flip = !flip;
            let d = if flip { &changed } else { &deck };
            import_deck(&mut store.conn, d, 0, false).expect("reimport")
        })
    });
    g.finish();
}

/// A document of about `bytes` bytes: the seed text repeated with each copy's
/// figures and names varied, so cards do not collapse into duplicates.
fn big_document(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + SEED_DOC.len());
    let mut k = 0;
    while out.len() < bytes {
        let copy = SEED_DOC
            .replace("2016", &(1900 + k % 120).to_string())
            .replace(
                "First,",
                if k % 2 == 0 {
                    "First,"
                } else {
                    "First of all,"
                },
            );
        out.push_str(&format!("\n\nPart {k}\n\n"));
        out.push_str(&copy);
        k += 1;
    }
    out
}

fn builds(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let opts = BuildOptions::default();
    g.throughput(Throughput::Bytes(SEED_DOC.len() as u64));
    g.bench_function("seed", |b| {
        b.iter(|| build_deck(SEED_DOC, &opts).expect("build"))
    });
    let mut docs = vec![("1MB", big_document(1 << 20))];
    if std::env::var_os("RECALL_BENCH_FULL").is_some() {
        docs.push(("10MB", big_document(10 << 20)));
    }
    for (name, doc) in &docs {
        g.throughput(Throughput::Bytes(doc.len() as u64));
        g.bench_function(*name, |b| b.iter(|| build_deck(doc, &opts).expect("build")));
    }
    g.finish();
}

/// A study group's files: a 1,000-card deck file (sections I-X, ten
/// points each, every third card a four-item list) and `members` progress
/// summaries of it with varied states, written to `dir`.
fn group_files(dir: &Path, members: usize) -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    use recall::group::summary::{self, CardProgress, DeckRef, ItemProgress, Member, Summary};
    let romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
    let mut deck = synthetic_deck(1000, "group");
    for (i, card) in deck.cards.iter_mut().enumerate() {
        card.source = format!("{}.({})", romans[i / 100], (i / 10) % 10 + 1);
        if card.kind == CardKind::List {
            card.items.push(format!("delta {i}"));
        }
    }
    std::fs::create_dir_all(dir).expect("group dir");
    let deck_file = dir.join("deck.toml");
    std::fs::write(&deck_file, recall::deckfile::to_toml(&deck)).expect("deck file");
    let hash = summary::deck_hash(&deck);
    let mut rng = StdRng::seed_from_u64(16);
    let files = (0..members)
        .map(|m| {
            let cards = deck
                .cards
                .iter()
                .map(|c| {
                    let reps: u32 = rng.gen_range(0..6);
                    CardProgress {
                        id: c.id.clone(),
                        hash: summary::card_hash(c),
                        source: c.source.clone(),
                        reps,
                        lapses: rng.gen_range(0..3),
                        interval: [0, 1, 6, 15, 40, 90][reps as usize],
                        ef: Some(rng.gen_range(1300..2800)),
                        retrievability: None,
                        last_grade: (reps > 0).then(|| rng.gen_range(0..6)),
                        days_since: (reps > 0).then(|| rng.gen_range(0..30)),
                        items: c
                            .items
                            .iter()
                            .map(|item| {
                                let attempts = rng.gen_range(0..8);
                                ItemProgress {
                                    item: item.clone(),
                                    attempts,
                                    misses: rng.gen_range(0..=attempts),
                                }
                            })
                            .collect(),
                    }
                })
                .collect();
            let s = Summary {
                format: summary::FORMAT,
                kind: summary::KIND.into(),
                date: "2026-06-01".into(),
                member: Member {
                    id: format!("m-{m:016x}"),
                    name: Some(format!("member {m}")),
                },
                deck: DeckRef {
                    id: deck.meta.id.clone(),
                    name: deck.meta.name.clone(),
                    hash: hash.clone(),
                },
                scheduler: summary::SCHEDULER.into(),
                cards,
            };
            let path = dir.join(format!("member-{m}.json"));
            std::fs::write(&path, s.to_json()).expect("summary");
            path
        })
        .collect();
    (deck_file, files)
}

/// `recall group report` of 100 members over a 1,000-card deck: read and
/// check the files, merge, and write the table, the SVG and the HTML page.
fn group_reports(c: &mut Criterion) {
    let dir = bench_dir().join("group");
    let (deck_file, files) = group_files(&dir, 100);
    let mut g = c.benchmark_group("group");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    let args = recall::cli::GroupArgs {
        command: recall::cli::GroupCommand::Report(recall::cli::GroupReportArgs {
            files,
            deck_file: Some(deck_file),
            json: false,
            svg: Some(dir.join("report.svg")),
            html: Some(dir.join("report.html")),
            min_interval: 6,
            width: Some(100),
            ascii: false,
        }),
    };
    let now = recall::clock::Now::parse("2026-06-01").expect("now");
    g.bench_function("report_100x1000", |b| {
        b.iter(|| {
            recall::group::command(&dir.join("unused.db"), now, &args, &mut std::io::sink())
                .expect("report")
        })
    });
    g.finish();
}

/// One scheduled answer under SM-2 and under FSRS, on the same collection
/// (10k cards; the FSRS copy switched with memories from its log), and the
/// FSRS optimizer on the real 12,580-review log. Only the answers are timed:
/// each batch of 1,000 is undone, untimed, before the next.
fn schedulers(c: &mut Criterion) {
    use recall::storage::deck_scheduler::{self, Kind};
    let dir = bench_dir();
    let mut g = c.benchmark_group("scheduler");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    let n = 10_000;
    for kind in [Kind::Sm2, Kind::Fsrs] {
        let path = dir.join(format!("scheduler-{}.db", kind.as_str()));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        std::fs::copy(collection(&dir, n), &path).expect("copy");
        let mut store = Store::open(&path).expect("open");
        deck_scheduler::switch(&mut store.conn, "bench", kind).expect("switch");
        let ids: Vec<i64> = todays_queue(
            &store,
            Scope::default(),
            today(),
            recall::queue::Limits {
                new_per_day: 0,
                review_cap: 1000,
            },
            None,
        )
        .expect("queue")
        .cards
        .into_iter()
        .map(|(id, _)| id)
        .collect();
        let grade = Grade::new(4).expect("grade");
        g.throughput(Throughput::Elements(ids.len() as u64));
        g.bench_function(
            BenchmarkId::new(format!("1000_reviews_{}", kind.as_str()), n),
            |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        let started = std::time::Instant::now();
                        let mut done = Vec::with_capacity(ids.len());
                        for &id in &ids {
                            let (_, entry) = reviews::record_answer(
                                &mut store.conn,
                                id,
                                grade,
                                today(),
                                1,
                                &reviews::AnswerInfo::default(),
                            )
                            .expect("answer");
                            done.push(entry.id);
                        }
                        total += started.elapsed();
                        for id in done.into_iter().rev() {
                            reviews::undo(&mut store.conn, id).expect("undo");
                        }
                    }
                    total
                })
            },
        );
    }
    let log = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review_log_josh.csv"),
    )
    .expect("review log");
    let rows = recall::evaluation::parse_log_csv(&log).expect("csv");
    assert_eq!(rows.len(), 12_580);
    let histories = recall::evaluation::day_histories(&rows, 4, 0);
    g.throughput(Throughput::Elements(rows.len() as u64));
    g.bench_function("optimize_12580_reviews", |b| {
        b.iter(|| recall::evaluation::fit(&histories).expect("fit"))
    });
    g.bench_function("optimize_12580_reviews_from_csv", |b| {
        b.iter(|| {
            let rows = recall::evaluation::parse_log_csv(&log).expect("csv");
            let histories = recall::evaluation::day_histories(&rows, 4, 0);
            recall::evaluation::fit(&histories).expect("fit")
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    builds,
    queue_and_counts,
    queue_with_limits_and_tags,
    search_and_history,
    answers,
    imports,
    group_reports,
    schedulers
);
criterion_main!(benches);
