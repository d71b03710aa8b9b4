//! What a character does on a terminal, for the one sanitizer
//! ([`crate::output`]) and the messages that name what was typed
//! ([`crate::error`]).

/// True for what a terminal may act on or what makes text read otherwise
/// than it is: control characters (C0 but tab, DEL, C1) and the invisible
/// bidirectional marks, embeddings, overrides and isolates.
#[must_use]
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}
