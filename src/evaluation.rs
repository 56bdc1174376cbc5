//! How well a scheduler predicts recall on a review log, and FSRS parameters
//! fitted to one. Pure: histories in, numbers out (no I/O).
//!
//! A history is a card's scheduled reviews, one per study day (the day's
//! first answer, as recall schedules), with FSRS ratings 1–4. Every review
//! after a card's first is predicted from the reviews before it:
//!
//! * FSRS: the retrievability of the memory the earlier reviews left (the
//!   `fsrs` crate's model) after the days elapsed;
//! * SM-2: read as "90% recall at the due date": with interval I (from
//!   SM-2 run on the same ratings, Again as grade 1, Hard 3, Good 4, Easy 5),
//!   p = 0.9^(t / I) after t days, an exponential forgetting curve that
//!   passes 90% on the due date.
//!
//! The outcome is "recalled" unless the rating is Again. Metrics: log loss
//! (mean binary cross-entropy), RMSE (bins) as the FSRS benchmark bins
//! reviews (by days elapsed, review count and lapses, each on a log scale;
//! bins weighted by their size), and AUC.

use std::collections::HashMap;

use chrono::NaiveDate;
use fsrs::{ComputeParametersInput, FSRSItem, FSRS};

use crate::fsrs_scheduler::{self, days_between, grade_for, DayReview, Memory, AGAIN};
use crate::scheduler::{self, CardState};

/// The crate's minimum: below this many reviews that follow an earlier
/// review of the same card, `compute_parameters` returns its defaults.
pub const MIN_TRAINING_REVIEWS: usize = 8;
/// From this many the crate's optimizer trains every parameter; below it,
/// only the four initial stabilities are fitted.
pub const FULL_TRAINING_REVIEWS: usize = 64;

/// One card's scheduled reviews, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    pub card: i64,
    pub reviews: Vec<DayReview>,
}

/// One predicted review.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    /// Predicted probability of recall.
    pub p: f64,
    pub recalled: bool,
    /// The benchmark's bin: (days elapsed, reviews, lapses).
    pub bin: (u32, u32, u32),
    /// Which review: the card and the review's index in its history.
    pub card: i64,
    pub index: usize,
}

/// Log loss, RMSE (bins) and AUC of a set of predictions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    pub log_loss: f64,
    pub rmse_bins: f64,
    pub auc: f64,
    /// Reviews predicted.
    pub n: usize,
}

/// A review of a raw log: card, FSRS rating 1–4, time (unix ms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogRow {
    pub card: i64,
    pub rating: u32,
    pub at_ms: i64,
}

/// Reads a review log in the FSRS benchmark's CSV shape: a header naming
/// `card_id`, `review_rating` (1–4) and `review_time` (RFC 3339, or unix
/// milliseconds), any other columns ignored. Errors name the line.
pub fn parse_log_csv(text: &str) -> Result<Vec<LogRow>, String> {
    let mut lines = text.lines().enumerate();
    let (_, header) = lines.next().ok_or("empty file: no header line")?;
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    let col = |name: &str| {
        cols.iter()
            .position(|c| *c == name)
            .ok_or(format!("line 1: no column '{name}' in the header"))
    };
    let (c_card, c_rating, c_time) = (col("card_id")?, col("review_rating")?, col("review_time")?);
    let mut out = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(',').map(str::trim).collect();
        let at = |c: usize| {
            fields
                .get(c)
                .copied()
                .ok_or(format!("line {}: too few columns", i + 1))
        };
        let card = at(c_card)?.parse::<i64>().map_err(|_| {
            format!(
                "line {}: card_id '{}' is not a number",
                i + 1,
                at(c_card).unwrap_or("")
            )
        })?;
        let rating = at(c_rating)?
            .parse::<u32>()
            .ok()
            .filter(|r| (1..=4).contains(r))
            .ok_or(format!("line {}: review_rating must be 1-4", i + 1))?;
        let time = at(c_time)?;
        let at_ms = match time.parse::<i64>() {
            Ok(ms) => ms,
            Err(_) => chrono::DateTime::parse_from_rfc3339(time)
                .map_err(|e| format!("line {}: review_time '{time}': {e}", i + 1))?
                .timestamp_millis(),
        };
        out.push(LogRow {
            card,
            rating,
            at_ms,
        });
    }
    Ok(out)
}

/// Day-level histories from a raw log: reviews grouped by card, the study
/// day of each (`rollover_hour` after midnight at `utc_offset_hours`), and
/// only each day's first review (later ones are same-day repeats, which
/// recall's final drill logs without rescheduling).
pub fn day_histories(rows: &[LogRow], rollover_hour: i64, utc_offset_hours: i64) -> Vec<History> {
    let mut by_card: HashMap<i64, Vec<LogRow>> = HashMap::new();
    for r in rows {
        by_card.entry(r.card).or_default().push(*r);
    }
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let mut out: Vec<History> = by_card
        .into_iter()
        .map(|(card, mut rows)| {
            rows.sort_by_key(|r| r.at_ms);
            let mut reviews: Vec<DayReview> = Vec::new();
            for r in rows {
                let shifted = r.at_ms.saturating_add(
                    utc_offset_hours
                        .saturating_sub(rollover_hour)
                        .saturating_mul(3_600_000),
                );
                let days = shifted.div_euclid(86_400_000).max(0) as u64;
                // (a date beyond chrono's range is no review)
                let Some(day) = epoch.checked_add_days(chrono::Days::new(days)) else {
                    continue;
                };
                if reviews.last().is_none_or(|l| l.day < day) {
                    reviews.push(DayReview {
                        day,
                        rating: r.rating,
                    });
                }
            }
            History { card, reviews }
        })
        .collect();
    out.sort_by_key(|h| (h.reviews.first().map(|r| r.day), h.card));
    out
}

/// The benchmark's bin of the `i`-th review (i ≥ 1) of a history.
fn bin(reviews: &[DayReview], i: usize) -> (u32, u32, u32) {
    let delta = f64::from(days_between(reviews[i - 1].day, reviews[i].day));
    let delta_bin = (2.48 * 3.62f64.powf(delta.log(3.62).floor()) * 100.0).round() as u32;
    let length = i as f64 + 1.0;
    let length_bin = (1.99 * 1.89f64.powf(length.log(1.89).floor())).round() as u32;
    // lapses before this review, first review excluded
    let lapses = reviews[1..i].iter().filter(|r| r.rating == AGAIN).count();
    let lapse_bin = if lapses == 0 {
        0
    } else {
        (1.65 * 1.73f64.powf((lapses as f64).log(1.73).floor())).round() as u32
    };
    (delta_bin, length_bin, lapse_bin)
}

fn prediction(h: &History, i: usize, p: f64) -> Prediction {
    Prediction {
        p,
        recalled: h.reviews[i].rating != AGAIN,
        bin: bin(&h.reviews, i),
        card: h.card,
        index: i,
    }
}

/// The predictions of `all` for the same reviews as `subset`.
pub fn same_reviews(all: &[Prediction], subset: &[Prediction]) -> Vec<Prediction> {
    let keys: std::collections::HashSet<(i64, usize)> =
        subset.iter().map(|x| (x.card, x.index)).collect();
    all.iter()
        .filter(|x| keys.contains(&(x.card, x.index)))
        .copied()
        .collect()
}

/// SM-2's predictions, read as 90% recall at the due date.
pub fn sm2_predictions(histories: &[History]) -> Vec<Prediction> {
    let mut out = Vec::new();
    for h in histories {
        let mut state = CardState::NEW;
        for (i, r) in h.reviews.iter().enumerate() {
            if i > 0 {
                let t = f64::from(days_between(h.reviews[i - 1].day, r.day));
                let interval = state.interval.max(1) as f64;
                out.push(prediction(h, i, 0.9f64.powf(t / interval)));
            }
            state = scheduler::review(&state, grade_for(r.rating), r.day);
        }
    }
    out
}

/// FSRS's predictions with the given parameters (`None`: the defaults).
pub fn fsrs_predictions(params: Option<&[f32]>, histories: &[History]) -> Vec<Prediction> {
    let fsrs = fsrs_scheduler::model(params);
    let decay = fsrs_scheduler::decay(params);
    let mut out = Vec::new();
    for h in histories {
        let mut memory: Option<Memory> = None;
        for (i, r) in h.reviews.iter().enumerate() {
            let elapsed = if i > 0 {
                days_between(h.reviews[i - 1].day, r.day)
            } else {
                0
            };
            if let (true, Some(m)) = (i > 0, memory) {
                let p = fsrs_scheduler::retrievability(m.stability, f64::from(elapsed), decay);
                out.push(prediction(h, i, p));
            }
            memory = fsrs_scheduler::next_memory(&fsrs, memory, elapsed, r.rating).or(memory);
        }
    }
    out
}

/// Log loss, RMSE (bins) and AUC.
pub fn metrics(preds: &[Prediction]) -> Metrics {
    let n = preds.len();
    if n == 0 {
        return Metrics {
            log_loss: f64::NAN,
            rmse_bins: f64::NAN,
            auc: f64::NAN,
            n,
        };
    }
    let eps = 1e-7;
    let log_loss = preds
        .iter()
        .map(|x| {
            let p = x.p.clamp(eps, 1.0 - eps);
            if x.recalled {
                -p.ln()
            } else {
                -(1.0 - p).ln()
            }
        })
        .sum::<f64>()
        / n as f64;
    let mut bins: HashMap<(u32, u32, u32), (f64, f64, f64)> = HashMap::new();
    for x in preds {
        let b = bins.entry(x.bin).or_default();
        b.0 += x.p;
        b.1 += f64::from(u8::from(x.recalled));
        b.2 += 1.0;
    }
    let mut keys: Vec<_> = bins.keys().copied().collect();
    keys.sort_unstable();
    let (mut sum, mut weight) = (0.0, 0.0);
    for k in keys {
        let (p, y, count) = bins[&k];
        sum += (p / count - y / count).powi(2) * count;
        weight += count;
    }
    Metrics {
        log_loss,
        rmse_bins: (sum / weight).sqrt(),
        auc: auc(preds),
        n,
    }
}

/// Area under the ROC curve (Mann–Whitney, ties counted half).
fn auc(preds: &[Prediction]) -> f64 {
    let mut sorted: Vec<(f64, bool)> = preds.iter().map(|x| (x.p, x.recalled)).collect();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let positives = sorted.iter().filter(|x| x.1).count() as f64;
    let negatives = sorted.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return f64::NAN;
    }
    // average ranks over ties
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        let avg_rank = (i + 1 + j) as f64 / 2.0;
        rank_sum += avg_rank * sorted[i..j].iter().filter(|x| x.1).count() as f64;
        i = j;
    }
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

/// The crate's training items for the histories, oldest review first, with
/// the card id of each.
pub fn training_items(histories: &[History]) -> (Vec<FSRSItem>, Vec<i64>) {
    let mut dated: Vec<(NaiveDate, i64, FSRSItem)> = Vec::new();
    for h in histories {
        for (i, item) in fsrs_scheduler::items(&h.reviews).into_iter().enumerate() {
            dated.push((h.reviews[i + 1].day, h.card, item));
        }
    }
    dated.sort_by_key(|(day, card, item)| (*day, *card, item.reviews.len()));
    dated
        .into_iter()
        .map(|(_, card, item)| (item, card))
        .unzip()
}

/// Why parameters could not be fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FitError {
    /// Fewer training reviews than the crate needs (found, needed).
    TooFew { found: usize, needed: usize },
    /// The crate's optimizer failed.
    Optimizer(String),
}

impl std::fmt::Display for FitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FitError::TooFew { found, needed } => write!(
                f,
                "{found} review(s) that follow an earlier review of the same card; \
                 the fsrs optimizer needs at least {needed}"
            ),
            FitError::Optimizer(e) => write!(f, "the fsrs optimizer failed: {e}"),
        }
    }
}

/// FSRS parameters fitted to the histories by the crate's optimizer.
pub fn fit(histories: &[History]) -> Result<Vec<f32>, FitError> {
    let (items, cards) = training_items(histories);
    if items.len() < MIN_TRAINING_REVIEWS {
        return Err(FitError::TooFew {
            found: items.len(),
            needed: MIN_TRAINING_REVIEWS,
        });
    }
    let params = fsrs::compute_parameters(ComputeParametersInput {
        train_set: items,
        card_ids: Some(cards),
        ..ComputeParametersInput::default()
    })
    .map_err(|e| FitError::Optimizer(format!("{e:?}")))?;
    if params.as_slice() == fsrs::DEFAULT_PARAMETERS.as_slice() {
        // the crate fell below its minimum after removing outliers
        return Err(FitError::TooFew {
            found: 0,
            needed: MIN_TRAINING_REVIEWS,
        });
    }
    // the crate refuses nothing it produced, but check before storing
    FSRS::new(&params).map_err(|e| FitError::Optimizer(format!("{e:?}")))?;
    Ok(params)
}

/// Out-of-sample predictions of fitted FSRS: the reviews, in time order, cut
/// into `splits + 1` parts; part k+1 is predicted with parameters fitted on
/// parts 1..=k (the FSRS benchmark's time-series split). Parts whose
/// training reviews are too few are predicted with the defaults.
pub fn time_series_predictions(histories: &[History], splits: usize) -> Vec<Prediction> {
    // every (history, review index) that is predicted, by day
    let mut targets: Vec<(NaiveDate, usize, usize)> = Vec::new();
    for (h_i, h) in histories.iter().enumerate() {
        for i in 1..h.reviews.len() {
            targets.push((h.reviews[i].day, h_i, i));
        }
    }
    targets.sort_unstable();
    let part = targets.len() / (splits + 1);
    let mut out = Vec::new();
    if part == 0 {
        return out;
    }
    for k in 1..=splits {
        let boundary = targets[k * part].0;
        let end = if k == splits {
            targets.len()
        } else {
            (k + 1) * part
        };
        // train on every review strictly before the test part's first day
        let train: Vec<History> = histories
            .iter()
            .map(|h| History {
                card: h.card,
                reviews: h
                    .reviews
                    .iter()
                    .copied()
                    .filter(|r| r.day < boundary)
                    .collect(),
            })
            .filter(|h| h.reviews.len() > 1)
            .collect();
        let params = fit(&train).ok();
        let fsrs = fsrs_scheduler::model(params.as_deref());
        let decay = fsrs_scheduler::decay(params.as_deref());
        for &(_, h_i, i) in &targets[k * part..end] {
            let h = &histories[h_i];
            let reviews = &h.reviews;
            let memory = fsrs_scheduler::memory_from_history(
                &fsrs,
                fsrs_scheduler::Start::New,
                &reviews[..i],
            );
            let elapsed = days_between(reviews[i - 1].day, reviews[i].day);
            let p = memory.map_or(0.5, |m| {
                fsrs_scheduler::retrievability(m.stability, f64::from(elapsed), decay)
            });
            out.push(prediction(h, i, p));
        }
    }
    out
}

/// A review log of known shape, for tests and benchmarks: `cards` cards,
/// each reviewed `reviews` times from `start`, recall drawn (seeded) from
/// FSRS with `params` as the true model, each review on the due date that
/// model gives at 90% retention (Again on failure; Hard, Good or Easy on
/// success, Good most often).
pub fn generated_histories(
    params: &[f32],
    cards: usize,
    reviews: usize,
    start: NaiveDate,
    seed: u64,
) -> Vec<History> {
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let truth = fsrs_scheduler::model(Some(params));
    let decay = fsrs_scheduler::decay(Some(params));
    (0..cards)
        .map(|c| {
            let mut day = start + chrono::Days::new((c % 30) as u64);
            let mut memory: Option<Memory> = None;
            let mut out = Vec::with_capacity(reviews);
            for i in 0..reviews {
                let rating = match memory {
                    Some(m) if i > 0 => {
                        let elapsed =
                            days_between(out.last().map_or(day, |r: &DayReview| r.day), day);
                        let p =
                            fsrs_scheduler::retrievability(m.stability, f64::from(elapsed), decay);
                        if rng.gen::<f64>() >= p {
                            AGAIN
                        } else {
                            [2, 3, 3, 3, 3, 3, 4][rng.gen_range(0..7)]
                        }
                    }
                    _ => [1, 2, 3, 3, 3, 4][rng.gen_range(0..6)],
                };
                let elapsed = out
                    .last()
                    .map_or(0, |r: &DayReview| days_between(r.day, day));
                out.push(DayReview { day, rating });
                memory = fsrs_scheduler::next_memory(&truth, memory, elapsed, rating).or(memory);
                // the next review: the true model's interval, give or take a day
                let interval = memory.map_or(1, |m| fsrs_scheduler::interval_for(&truth, m, 0.9));
                let jitter = rng.gen_range(0..=2) as i64 - 1;
                day = day + chrono::Days::new((interval + jitter).max(1) as u64);
            }
            History {
                card: c as i64 + 1,
                reviews: out,
            }
        })
        .collect()
}

/// Parameters unlike the defaults, for [`generated_histories`]: a learner
/// who forgets about three times as fast as FSRS's average one.
pub fn forgetful_parameters() -> Vec<f32> {
    let mut p = fsrs::DEFAULT_PARAMETERS.to_vec();
    for w in &mut p[0..4] {
        *w /= 3.0;
    }
    p[8] -= 0.8;
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The optimizer on a log of known shape: fitted parameters predict it
    /// better than the defaults, and come closer to the true ones.
    #[test]
    fn fitting_a_generated_log_lowers_its_log_loss() {
        let truth = forgetful_parameters();
        let log = generated_histories(&truth, 400, 8, day(0), 7);
        let before = metrics(&fsrs_predictions(None, &log));
        let fitted = fit(&log).unwrap();
        let after = metrics(&fsrs_predictions(Some(&fitted), &log));
        let ideal = metrics(&fsrs_predictions(Some(&truth), &log));
        assert!(
            after.log_loss < before.log_loss - 0.01,
            "{before:?} -> {after:?}"
        );
        assert!(
            after.rmse_bins < before.rmse_bins,
            "{before:?} -> {after:?}"
        );
        assert!(
            after.log_loss < ideal.log_loss + 0.02,
            "{after:?} vs truth {ideal:?}"
        );
        // the forgetful learner's first-day stabilities are found lower
        assert!(fitted[2] < fsrs::DEFAULT_PARAMETERS[2], "{fitted:?}");
    }

    fn day(n: u64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(n)
    }

    fn pred(p: f64, recalled: bool) -> Prediction {
        Prediction {
            p,
            recalled,
            bin: (0, 0, 0),
            card: 0,
            index: 0,
        }
    }

    #[test]
    fn log_loss_and_auc_of_known_predictions() {
        let m = metrics(&[pred(0.8, true), pred(0.4, false)]);
        let expected = (-(0.8f64.ln()) - (0.6f64.ln())) / 2.0;
        assert!((m.log_loss - expected).abs() < 1e-12);
        assert_eq!(m.auc, 1.0);
        let m = metrics(&[pred(0.3, true), pred(0.7, false)]);
        assert_eq!(m.auc, 0.0);
        let m = metrics(&[pred(0.5, true), pred(0.5, false)]);
        assert_eq!(m.auc, 0.5);
        // one bin: predicted mean 0.5, actual 0.5
        assert!((m.rmse_bins - 0.0).abs() < 1e-12);
        let m = metrics(&[pred(0.9, true), pred(0.9, false)]);
        assert!((m.rmse_bins - 0.4).abs() < 1e-12);
    }

    #[test]
    fn csv_logs_are_read_and_bad_lines_named() {
        let text = "card_id,review_rating,review_time,review_duration\n\
                    1,3,2024-03-29T20:32:32.250000+00:00,25060\n\
                    1,1,2024-03-29T21:00:00+00:00,1\n\
                    1,4,2024-04-02T08:00:00+00:00,1\n";
        let rows = parse_log_csv(text).unwrap();
        assert_eq!(rows.len(), 3);
        let h = day_histories(&rows, 4, 0);
        assert_eq!(h.len(), 1);
        // the same-day repeat is dropped
        assert_eq!(h[0].reviews.len(), 2);
        assert_eq!(h[0].reviews[1].rating, 4);
        assert_eq!(
            parse_log_csv("card_id,review_rating,review_time\n1,7,5\n").unwrap_err(),
            "line 2: review_rating must be 1-4"
        );
        assert!(parse_log_csv("a,b\n").unwrap_err().contains("card_id"));
        // a review far beyond the calendar is skipped, not a panic
        let far =
            parse_log_csv("card_id,review_rating,review_time\n1,3,9000000000000000000\n").unwrap();
        assert!(day_histories(&far, 4, 0)[0].reviews.is_empty());
    }

    #[test]
    fn sm2_predicts_90_percent_on_the_due_date() {
        let h = History {
            card: 1,
            reviews: vec![
                DayReview {
                    day: day(0),
                    rating: 3,
                },
                DayReview {
                    day: day(1),
                    rating: 3,
                },
                DayReview {
                    day: day(13),
                    rating: 1,
                },
            ],
        };
        let p = sm2_predictions(&[h]);
        assert!(
            (p[0].p - 0.9).abs() < 1e-12,
            "interval 1, reviewed after 1 day"
        );
        assert!(
            (p[1].p - 0.81).abs() < 1e-12,
            "interval 6, reviewed after 12 days"
        );
        assert!(!p[1].recalled);
    }

    #[test]
    fn fsrs_predictions_come_from_the_crate() {
        let reviews = vec![
            DayReview {
                day: day(0),
                rating: 3,
            },
            DayReview {
                day: day(3),
                rating: 3,
            },
            DayReview {
                day: day(20),
                rating: 2,
            },
        ];
        let p = fsrs_predictions(
            None,
            &[History {
                card: 1,
                reviews: reviews.clone(),
            }],
        );
        assert_eq!(p.len(), 2);
        let fsrs = FSRS::default();
        let items = fsrs_scheduler::items(&reviews);
        let state = fsrs
            .memory_state(
                FSRSItem {
                    reviews: items[1].reviews[..2].to_vec(),
                },
                None,
            )
            .unwrap();
        let r = fsrs::current_retrievability(state, 17.0, fsrs::DEFAULT_PARAMETERS[20]);
        assert!((p[1].p - f64::from(r)).abs() < 1e-6);
    }

    /// The README's table is what the evaluation gives on the shared log
    /// (a copy in tests/fixtures), SM-2 far behind FSRS.
    #[test]
    fn the_real_log_gives_the_readme_numbers() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let text =
            std::fs::read_to_string(format!("{dir}/tests/fixtures/review_log_josh.csv")).unwrap();
        let readme = std::fs::read_to_string(format!("{dir}/README.md")).unwrap();
        let rows = parse_log_csv(&text).unwrap();
        assert_eq!(rows.len(), 12_580);
        let log = day_histories(&rows, 4, 0);
        assert_eq!(log.len(), 1_205);
        let row = |name: &str, m: Metrics| {
            format!(
                "| {name} | {:.4} | {:.4} | {:.4} |",
                m.log_loss, m.rmse_bins, m.auc
            )
        };
        let sm2 = metrics(&sm2_predictions(&log));
        let default = metrics(&fsrs_predictions(None, &log));
        assert_eq!(sm2.n, 6_276);
        assert!(default.log_loss < sm2.log_loss - 0.05);
        for line in [
            row("SM-2, read as 90% recall at the due date", sm2),
            row("FSRS-6, default parameters", default),
        ] {
            assert!(readme.contains(&line), "README lacks {line}");
        }
        let fitted = fit(&log).unwrap();
        let in_sample = metrics(&fsrs_predictions(Some(&fitted), &log));
        assert!(in_sample.log_loss < default.log_loss);
        assert!(readme.contains(&row("FSRS-6, fitted on this log (in-sample)", in_sample)));
    }

    #[test]
    fn too_few_reviews_are_refused() {
        let h = History {
            card: 1,
            reviews: vec![
                DayReview {
                    day: day(0),
                    rating: 3,
                },
                DayReview {
                    day: day(2),
                    rating: 3,
                },
            ],
        };
        assert_eq!(
            fit(&[h]),
            Err(FitError::TooFew {
                found: 1,
                needed: MIN_TRAINING_REVIEWS
            })
        );
    }
}
