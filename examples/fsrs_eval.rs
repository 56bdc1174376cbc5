//! How well SM-2 and FSRS predict recall on a real review log.
//!
//! ```sh
//! cargo run --release --example fsrs_eval -- ../shared/data/review_logs_josh_1711744352250_to_1728234780857.csv
//! ```
//!
//! The log is a CSV with `card_id`, `review_rating` (1-4) and `review_time`
//! columns (the FSRS benchmark's shape). Options: `--rollover-hour H`
//! (default 4) and `--utc-offset H` (default 0) set the study day;
//! `--splits N` (default 5) the time-series split of the out-of-sample row.
//! Method and numbers: README, "FSRS: how well it predicts".

use std::process::ExitCode;
use std::time::Instant;

use recall::evaluation::{self, History, Metrics};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fsrs_eval: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let (mut file, mut rollover, mut offset, mut splits) = (None, 4i64, 0i64, 5usize);
    while let Some(a) = args.next() {
        let mut num = |name: &str| -> Result<i64, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a whole number"))
        };
        match a.as_str() {
            "--rollover-hour" => rollover = num("--rollover-hour")?,
            "--utc-offset" => offset = num("--utc-offset")?,
            "--splits" => splits = num("--splits")?.clamp(1, 20) as usize,
            "-h" | "--help" => {
                println!(
                    "usage: fsrs_eval LOG.csv [--rollover-hour H] [--utc-offset H] [--splits N]"
                );
                return Ok(());
            }
            _ if file.is_none() => file = Some(a),
            _ => return Err(format!("unexpected argument '{a}'")),
        }
    }
    let file =
        file.ok_or("usage: fsrs_eval LOG.csv (a CSV with card_id, review_rating, review_time)")?;
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
    let rows = evaluation::parse_log_csv(&text).map_err(|e| format!("{file}: {e}"))?;
    let histories: Vec<History> = evaluation::day_histories(&rows, rollover, offset);
    let scheduled: usize = histories.iter().map(|h| h.reviews.len()).sum();
    println!(
        "{file}: {} reviews of {} cards; {scheduled} scheduled (first of each study day), \
         {} of them predicted (after a card's first review)",
        rows.len(),
        histories.len(),
        scheduled - histories.len()
    );
    println!();
    let header = || {
        println!(
            "{:<44} {:>9} {:>11} {:>7} {:>7}",
            "model", "log loss", "RMSE(bins)", "AUC", "reviews"
        )
    };
    let line = |name: &str, m: Metrics| {
        println!(
            "{name:<44} {:>9.4} {:>11.4} {:>7.4} {:>7}",
            m.log_loss, m.rmse_bins, m.auc, m.n
        )
    };
    let sm2 = evaluation::sm2_predictions(&histories);
    let default = evaluation::fsrs_predictions(None, &histories);
    let started = Instant::now();
    let fitted = evaluation::fit(&histories).map_err(|e| e.to_string())?;
    let fit_secs = started.elapsed().as_secs_f64();
    let in_sample = evaluation::fsrs_predictions(Some(&fitted), &histories);
    println!("Every review after a card's first:");
    header();
    line(
        "SM-2 (90% recall at the due date)",
        evaluation::metrics(&sm2),
    );
    line("FSRS-6, default parameters", evaluation::metrics(&default));
    line(
        "FSRS-6, fitted on this log (in-sample)",
        evaluation::metrics(&in_sample),
    );
    let oos = evaluation::time_series_predictions(&histories, splits);
    println!();
    println!(
        "Time-series split: the log cut into {} parts by date; each part after the first \
         predicted with parameters fitted on the parts before it:",
        splits + 1
    );
    header();
    line(
        "SM-2 (90% recall at the due date)",
        evaluation::metrics(&evaluation::same_reviews(&sm2, &oos)),
    );
    line(
        "FSRS-6, default parameters",
        evaluation::metrics(&evaluation::same_reviews(&default, &oos)),
    );
    line(
        "FSRS-6, fitted on earlier reviews (out)",
        evaluation::metrics(&oos),
    );
    println!();
    println!("fitting on the whole log took {fit_secs:.2} s");
    println!(
        "fitted parameters: [{}]",
        fitted
            .iter()
            .map(|w| format!("{w:.4}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}
