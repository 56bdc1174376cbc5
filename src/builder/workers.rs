//! Runs the builder's per-block work on all cores, deterministically.
//!
//! The items (blocks, paragraphs) are cut into contiguous ranges of about
//! equal weight (bytes of text), several per thread so that a thread that
//! finishes early takes the next range. Results come back in range order,
//! so the output never depends on the number of threads or on timing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Below this much total weight (bytes) everything runs on the calling
/// thread: starting threads costs more than it saves.
pub const PARALLEL_MIN_WEIGHT: usize = 8 * 1024;

/// Ranges per thread (for balancing).
const RANGES_PER_THREAD: usize = 4;

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// Cuts `0..weights.len()` into at most `parts` contiguous, non-empty
/// ranges of about equal total weight.
pub fn split_by_weight(weights: &[usize], parts: usize) -> Vec<(usize, usize)> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let parts = parts.clamp(1, n);
    let total: usize = weights.iter().map(|w| w + 1).sum();
    let mut out = Vec::with_capacity(parts);
    let mut start = 0;
    let mut acc = 0usize;
    for (i, w) in weights.iter().enumerate() {
        let done = out.len() + 1;
        // close the range before this item when the item's middle lies past
        // the range's share of the total
        if done < parts && i > start && (2 * acc + w + 1) * parts > 2 * total * done {
            out.push((start, i));
            start = i;
        }
        acc += w + 1;
    }
    out.push((start, n));
    out
}

/// Calls `work(&mut state, from, to)` for ranges covering `0..weights.len()`
/// and returns the results in range order. Each worker thread makes its own
/// `state` with `init` (caches that are not shared between threads).
pub fn map_ranges<S, T, I, W>(weights: &[usize], init: I, work: W) -> Vec<T>
where
    T: Send,
    I: Fn() -> S + Sync,
    W: Fn(&mut S, usize, usize) -> T + Sync,
{
    let total: usize = weights.iter().sum();
    let threads = threads();
    if threads == 1 || total < PARALLEL_MIN_WEIGHT || weights.len() < 2 {
        let mut state = init();
        return vec![work(&mut state, 0, weights.len())];
    }
    let ranges = split_by_weight(weights, threads * RANGES_PER_THREAD);
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<T>>> = ranges.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads.min(ranges.len()) {
            scope.spawn(|| {
                let mut state = init();
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&(from, to)) = ranges.get(k) else {
                        break;
                    };
                    let result = work(&mut state, from, to);
                    if let Ok(mut slot) = slots[k].lock() {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    // A worker that panicked leaves its slot empty; `scope` has already
    // re-raised the panic, so every slot is filled here.
    slots
        .into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_everything_in_order_and_balance_weight() {
        let w = vec![10, 10, 10, 10, 1000, 10, 10, 10];
        let r = split_by_weight(&w, 4);
        assert_eq!(r.first().map(|x| x.0), Some(0));
        assert_eq!(r.last().map(|x| x.1), Some(w.len()));
        for pair in r.windows(2) {
            assert_eq!(pair[0].1, pair[1].0);
        }
        assert!(r.iter().all(|(a, b)| a < b));
        // the heavy item sits in a range of its own
        assert!(r.contains(&(4, 5)), "{r:?}");
        assert_eq!(split_by_weight(&[], 4), vec![]);
        assert_eq!(split_by_weight(&[5], 4), vec![(0, 1)]);
    }

    #[test]
    fn results_come_back_in_order_whatever_the_threads_do() {
        let weights = vec![PARALLEL_MIN_WEIGHT / 10; 100];
        let sums = map_ranges(
            &weights,
            || 0usize,
            |calls, from, to| {
                *calls += 1;
                (from..to).collect::<Vec<_>>()
            },
        );
        let flat: Vec<usize> = sums.into_iter().flatten().collect();
        assert_eq!(flat, (0..100).collect::<Vec<_>>());
    }
}
