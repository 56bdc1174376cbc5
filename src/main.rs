use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = recall::cli::Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result =
        recall::app::run(cli, &mut out).and_then(|()| out.flush().map_err(recall::output::out_err));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(recall::error::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let msg = e.to_string().replace('\n', " ");
            let _ = writeln!(std::io::stderr(), "recall: {msg}");
            ExitCode::FAILURE
        }
    }
}
