//! oneonone: plain-markdown notes for managers' 1:1 meetings.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod error;
pub mod note;
pub mod slug;
pub mod task;

pub fn run<I>(_args: I) -> u8 { 0 }
