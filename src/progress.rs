//! A spinner for long work (builds, imports, exports): shown on standard
//! error only when it is a terminal and only once the work has taken about
//! a second; silent otherwise.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work may take before a spinner appears.
pub const DELAY: Duration = Duration::from_millis(1000);

/// A spinner; dropped or finished, it clears itself.
pub struct Spinner {
    bar: ProgressBar,
    done: Arc<AtomicBool>,
}

impl Spinner {
    /// Starts a (still invisible) spinner with `message`.
    pub fn start(message: &str) -> Spinner {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(message.to_string());
        let done = Arc::new(AtomicBool::new(false));
        if std::io::stderr().is_terminal() {
            let (bar2, done2) = (bar.clone(), done.clone());
            std::thread::spawn(move || {
                std::thread::sleep(DELAY);
                if !done2.load(Ordering::SeqCst) {
                    bar2.set_draw_target(ProgressDrawTarget::stderr());
                    bar2.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Spinner { bar, done }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        self.bar.finish_and_clear();
    }
}
