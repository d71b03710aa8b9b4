//! Person slugs: the folder name a person's notes live in.
//!
//! "Alice Smith" becomes `alice-smith`, "José" becomes `jose`. A name that
//! would leave the notebook, hide its folder, or collide with the notebook's
//! own files is refused rather than quietly rewritten.

use unicode_properties::{GeneralCategory, UnicodeEmoji, UnicodeGeneralCategory};

use crate::error::{Error, Result};

/// Folder and file names the notebook itself uses; no person may take them.
const RESERVED: &[&str] = &["question-bank", "oneonone-yaml", "agenda", "person"];

/// Names Windows will not create as files or folders, whatever the extension.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Text folded as names are when matched: accents and case gone
/// (`Book the Café`: `book the cafe`), so a search typed without them
/// finds text written with them.
#[must_use]
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// `text` without its emoji and other symbols (general category So and
/// Sk, characters shown as emoji by default, and the joiners, selectors,
/// tags and keycap that build emoji sequences), trimmed: what a folder
/// name and a sort key are made of, since a transliteration would spell
/// them out (`🦊 Renard` is `Renard`, not `fox-face-renard`). ASCII stays
/// as it is.
#[must_use]
pub fn without_symbols(text: &str) -> String {
    let symbol = |c: char| {
        !c.is_ascii()
            && (matches!(
                c.general_category(),
                GeneralCategory::OtherSymbol | GeneralCategory::ModifierSymbol
            ) || matches!(
                c.emoji_status(),
                unicode_properties::EmojiStatus::EmojiPresentation
                    | unicode_properties::EmojiStatus::EmojiPresentationAndModifierBase
                    | unicode_properties::EmojiStatus::EmojiPresentationAndEmojiComponent
                    | unicode_properties::EmojiStatus::EmojiPresentationAndModifierAndEmojiComponent
            ) || matches!(
                c,
                '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}' | '\u{e0020}'..='\u{e007f}'
            ))
    };
    text.chars()
        .filter(|&c| !symbol(c))
        .collect::<String>()
        .trim()
        .to_string()
}

/// Turns a person's name into a slug, or explains why it cannot be one.
/// Emoji and other symbols are left out ([`without_symbols`]).
///
/// # Errors
/// The name is empty after folding, contains a path separator, `..`, a
/// control character or a bidirectional control, starts with a dot, or is
/// a name the notebook or Windows reserves.
pub fn slugify(name: &str) -> Result<String> {
    let refuse = |reason: &str| Error::PersonName {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    let trimmed = name.trim();
    if trimmed.contains('/') || trimmed.contains('\\') {
        return Err(refuse("a name cannot contain `/` or `\\`"));
    }
    if trimmed.contains("..") {
        return Err(refuse("a name cannot contain `..`"));
    }
    // It is written into the note's frontmatter and shown in every
    // listing: nothing in it may drive a terminal or reorder the text.
    if trimmed
        .chars()
        .any(|c| c.is_control() || crate::output::is_unsafe(c))
    {
        return Err(refuse(
            "a name cannot contain control characters (line breaks, tabs, escapes) or invisible direction marks",
        ));
    }
    if trimmed.starts_with('.') {
        return Err(refuse(
            "a name cannot start with a dot (hidden folders are never read)",
        ));
    }
    let folded = fold(&without_symbols(trimmed));
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        return Err(refuse(
            "it has no letters or digits to make a folder name from",
        ));
    }
    if RESERVED.contains(&slug.as_str()) {
        return Err(refuse(&format!(
            "`{slug}` is a name the notebook uses itself"
        )));
    }
    if WINDOWS_RESERVED.contains(&slug.as_str()) {
        return Err(refuse(&format!(
            "`{slug}` is a reserved file name on Windows"
        )));
    }
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::{slugify, without_symbols};

    #[test]
    fn emoji_and_symbols_stay_out_of_slugs() {
        assert_eq!(slugify("🦊 Renard").unwrap(), "renard");
        assert_eq!(slugify("Greta ✨").unwrap(), "greta");
        assert_eq!(slugify("Sam 🚀 Park").unwrap(), "sam-park");
        // Sequences: a skin tone, a ZWJ family, a flag, a keycap, VS16.
        assert_eq!(slugify("Ana 👋🏽").unwrap(), "ana");
        assert_eq!(slugify("👨\u{200d}👩\u{200d}👧 Kim").unwrap(), "kim");
        assert_eq!(slugify("🇫🇷 Zoé").unwrap(), "zoe");
        assert_eq!(slugify("Team 1\u{fe0f}\u{20e3}").unwrap(), "team-1");
        assert_eq!(slugify("❤\u{fe0f} Lou").unwrap(), "lou");
        assert_eq!(slugify("Ab © ™ ° Cd").unwrap(), "ab-cd");
        // Letters of every script stay, ASCII as it was.
        assert_eq!(slugify("李娜").unwrap(), "li-nuo");
        assert_eq!(slugify("Team #2 (infra)").unwrap(), "team-2-infra");
        assert_eq!(without_symbols(" 🦊 Renard ✨ "), "Renard");
        assert_eq!(without_symbols("a^b`c"), "a^b`c");
        // Nothing but symbols is no name.
        assert!(slugify("🦊").is_err());
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(slugify("Alice Smith").unwrap(), "alice-smith");
        assert_eq!(slugify("José").unwrap(), "jose");
        assert_eq!(
            slugify("  Zoë  O'Brien-Núñez ").unwrap(),
            "zoe-o-brien-nunez"
        );
        assert_eq!(slugify("Björn Ødegård").unwrap(), "bjorn-odegard");
        assert_eq!(slugify("alice").unwrap(), "alice");
        assert_eq!(slugify("Team #2 (infra)").unwrap(), "team-2-infra");
        assert_eq!(slugify("Straße").unwrap(), "strasse");
    }

    #[test]
    fn refuses_names_that_leave_or_hide() {
        for name in [
            "..",
            "../etc",
            "a/b",
            "a\\b",
            ".git",
            ".alice",
            "",
            "   ",
            "!!!",
            "—",
            "Eve\nMallory",
            "a\u{1b}[2J",
            "a\u{9b}2J",
            "Eve\u{85}Mallory",
            "Alice\u{202e}htims",
            "Bob\u{2066}",
            "Carol\u{200f}",
            "Dan\u{061c}",
        ] {
            assert!(slugify(name).is_err(), "{name:?} should be refused");
        }
    }

    #[test]
    fn refuses_reserved_names() {
        let err = slugify("Question Bank").unwrap_err().to_string();
        assert_eq!(
            err,
            "cannot use \"Question Bank\" as a person: `question-bank` is a name the notebook uses itself"
        );
        assert!(slugify("CON").is_err());
        assert!(slugify("nul").is_err());
        assert!(slugify("Connie").is_ok());
    }
}
