//! `oneonone.yaml`: the notebook's settings, all optional.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The settings file's name, at the notebook's root.
pub const CONFIG_FILE: &str = "oneonone.yaml";

/// The commented file `oneonone init` writes.
pub const CONFIG_TEMPLATE: &str = include_str!("oneonone.yaml");

/// Days between 1:1s when neither oneonone.yaml nor person.yaml says.
pub const DEFAULT_CADENCE_DAYS: u32 = 14;

/// Suggested questions per section when oneonone.yaml does not say.
pub const DEFAULT_QUESTIONS_PER_SECTION: usize = 3;

/// The notebook's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The manager's name, written into new notes.
    pub manager: Option<String>,
    /// The framework new notes use.
    pub framework: Option<String>,
    /// How many suggested questions go in each section of a new note.
    pub questions_per_section: Option<usize>,
    /// Days between 1:1s, unless a person's person.yaml says otherwise.
    #[serde(deserialize_with = "cadence")]
    pub cadence_days: Option<u32>,
    /// The heading of the manager's private section (`Private`).
    pub private_section: Option<String>,
    /// Whether `export --shared` keeps the check-in fields.
    pub share_checkins: Option<bool>,
    /// Whether new notes and folders are readable by their owner only.
    pub private_files: Option<bool>,
    /// Whether `followups` and `people` keep a cache in `.oneonone/`.
    pub cache: Option<bool>,
}

/// The longest cadence oneonone takes: ten years, in days.
pub const MAX_CADENCE_DAYS: u32 = 3650;

/// Reads a `cadence_days` value: a whole number of days from 1 to
/// [`MAX_CADENCE_DAYS`]. Dates are computed from it, so a value a file
/// sets is bounded before any arithmetic sees it.
///
/// # Errors
/// Not a number, or out of range; the YAML error names the line.
pub fn cadence<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<u32>, D::Error> {
    // The check runs inside the visitor of the number, where the YAML
    // reader still knows the line and column to put on the error.
    struct Days;
    impl serde::de::Visitor<'_> for Days {
        type Value = u32;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "a number of days from 1 to {MAX_CADENCE_DAYS}")
        }
        fn visit_u64<E: serde::de::Error>(self, days: u64) -> std::result::Result<u32, E> {
            match u32::try_from(days) {
                Ok(days @ 1..=MAX_CADENCE_DAYS) => Ok(days),
                _ => Err(E::custom(format_args!(
                    "{days} days; it must be from 1 to {MAX_CADENCE_DAYS}"
                ))),
            }
        }
    }
    struct Maybe;
    impl<'de> serde::de::Visitor<'de> for Maybe {
        type Value = Option<u32>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "a number of days from 1 to {MAX_CADENCE_DAYS}")
        }
        fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Option<u32>, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Option<u32>, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Option<u32>, D::Error> {
            d.deserialize_u64(Days).map(Some)
        }
    }
    d.deserialize_option(Maybe)
}

/// Reads the YAML settings file `name` in `dir` (shown as `shown`) into `T`:
/// the default `T` when there is no such file.
///
/// # Errors
/// The file exists but cannot be read or does not parse.
pub fn load_yaml_file<T: serde::de::DeserializeOwned + Default>(
    dir: &Path,
    shown: &Path,
    name: &str,
) -> Result<T> {
    let path = shown.join(name);
    // Never through a link, only a regular file, and not a huge one.
    match crate::fs::read_regular(&dir.join(name), Some(crate::fs::SETTINGS_CAP)) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes).map_err(|e| Error::Invalid {
                path: path.clone(),
                line: Some(
                    1 + crate::note::count_newlines(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
                ),
                message: "not UTF-8 text".into(),
            })?;
            parse_yaml_or_default(&text, &path)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(Error::io(path, "cannot read", e)),
    }
}

/// Parses a YAML settings file into `T`; a file of only comments is the
/// default `T`. A file that fits `T` is parsed once (a 1 MiB file takes
/// a good part of a second).
///
/// # Errors
/// The file is larger than 1 MiB or nested too deeply
/// ([`crate::yaml::guard`]), the YAML does not parse, or it does not fit
/// `T`; the error names the line.
pub fn parse_yaml_or_default<T: serde::de::DeserializeOwned + Default>(
    text: &str,
    path: &Path,
) -> Result<T> {
    let parsed = crate::yaml::parse(text, path, 1, crate::yaml::SETTINGS_CAP);
    if parsed.is_err()
        && may_be_null(text)
        && let Ok(serde_yaml::Value::Null) =
            crate::yaml::parse(text, path, 1, crate::yaml::SETTINGS_CAP)
    {
        return Ok(T::default());
    }
    parsed
}

/// False when a line holds more than a YAML document that is null can:
/// anything but blanks, comments, `---`, `...`, `~` or `null`.
fn may_be_null(text: &str) -> bool {
    text.lines().all(|line| {
        let content = line.split('#').next().unwrap_or_default().trim();
        matches!(content, "" | "---" | "..." | "~" | "null" | "Null" | "NULL")
    })
}

impl Config {
    /// Reads `oneonone.yaml` from `root`; defaults when there is none.
    /// `shown` is how to name the notebook folder in errors.
    ///
    /// # Errors
    /// The file exists but cannot be read or does not parse.
    pub fn load(root: &Path, shown: &Path) -> Result<Self> {
        load_yaml_file(root, shown, CONFIG_FILE)
    }

    /// Parses the text of a settings file.
    ///
    /// # Errors
    /// The YAML does not parse or has a key oneonone does not know.
    #[cfg(test)]
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        parse_yaml_or_default(text, path)
    }

    /// Days between 1:1s when a person's profile does not say.
    #[must_use]
    pub fn cadence_days(&self) -> u32 {
        self.cadence_days.unwrap_or(DEFAULT_CADENCE_DAYS)
    }

    /// Suggested questions per section.
    #[must_use]
    pub fn questions_per_section(&self) -> usize {
        self.questions_per_section
            .unwrap_or(DEFAULT_QUESTIONS_PER_SECTION)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_init_template_parses_to_the_defaults_it_documents() {
        let config = Config::parse(CONFIG_TEMPLATE, Path::new(CONFIG_FILE)).unwrap();
        assert_eq!(
            config.framework.as_deref(),
            Some(crate::bank::DEFAULT_FRAMEWORK)
        );
        assert_eq!(
            config.questions_per_section(),
            DEFAULT_QUESTIONS_PER_SECTION
        );
        assert_eq!(config.manager, None);
        assert_eq!(config.cadence_days, Some(DEFAULT_CADENCE_DAYS));
    }

    #[test]
    fn empty_file_is_defaults_and_typos_are_errors() {
        for empty in [
            "# nothing\n",
            "",
            "---\n# only\n...\n",
            "~\n",
            "--- # c\nnull\n",
        ] {
            assert_eq!(
                Config::parse(empty, Path::new("c.yaml")).unwrap(),
                Config::default(),
                "{empty:?}"
            );
        }
        let err = Config::parse("questions_per_sektion: 2\n", Path::new("c.yaml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("c.yaml:1:1: unknown field `questions_per_sektion`"),
            "{err}"
        );
    }
}
