//! Fuzzes the note parser and its rewrites: frontmatter split, task
//! extraction, checkbox toggle, carry-over, agenda moves, check-ins and the
//! shared copy, against the invariants in `oneonone::invariants`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        oneonone::invariants::check(text);
    }
});
