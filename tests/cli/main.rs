//! Integration tests: the real `recall` binary, one test binary (fast links).

mod common;

mod anki;
mod bad_inputs;
mod build_cmd;
mod cards;
mod core_cmds;
mod errors;
mod first_week;
mod fsrs;
mod grading;
mod group;
mod hostile;
mod limits;
mod local_edits;
mod migrations;
mod reliability;
mod session;
mod stats;
mod study;
