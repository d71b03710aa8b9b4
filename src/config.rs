//! `oneonone.yaml`: the notebook's settings, all optional; and the user's
//! own config file ([`UserConfig`]), which names the default notebook.

use std::path::{Path, PathBuf};

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
    /// Set in a shared space (see [`crate::space`]): whose space this
    /// folder is. Commands run in it then mean that one person.
    pub shared: Option<SharedSpace>,
}

/// The `shared:` block of a shared space's `oneonone.yaml`: the one
/// person the folder is shared with, and their manager.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SharedSpace {
    /// The person's folder in the space (`alice-smith`).
    pub person: String,
    /// Their name as notes show it.
    pub name: Option<String>,
    /// The manager's name.
    pub manager: Option<String>,
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
        fn visit_i64<E: serde::de::Error>(self, days: i64) -> std::result::Result<u32, E> {
            match u64::try_from(days) {
                Ok(days) => self.visit_u64(days),
                Err(_) => Err(E::custom(format_args!(
                    "{days} days; it must be from 1 to {MAX_CADENCE_DAYS}"
                ))),
            }
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<u32, E> {
            Err(E::custom(format_args!(
                "not a whole number of days; it must be from 1 to {MAX_CADENCE_DAYS}"
            )))
        }
        fn visit_str<E: serde::de::Error>(self, _: &str) -> std::result::Result<u32, E> {
            Err(E::custom(format_args!(
                "not a number of days; write a whole number from 1 to {MAX_CADENCE_DAYS}"
            )))
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
            d.deserialize_any(Days).map(Some)
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
    match read_settings_file(&dir.join(name), &path)? {
        Some(bytes) => parse_yaml_bytes(&bytes, &path),
        None => Ok(T::default()),
    }
}

/// Reads a settings file's bytes, `None` when there is no such file: never
/// through a link, only a regular file, and not a huge one.
///
/// # Errors
/// The file exists but cannot be read; the error names it as `shown`.
fn read_settings_file(path: &Path, shown: &Path) -> Result<Option<Vec<u8>>> {
    match crate::fs::read_regular(path, Some(crate::fs::SETTINGS_CAP)) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(shown, "cannot read", e)),
    }
}

/// Parses the bytes of a YAML settings file as [`parse_yaml_or_default`].
///
/// # Errors
/// The bytes are not UTF-8, or as [`parse_yaml_or_default`].
fn parse_yaml_bytes<T: serde::de::DeserializeOwned + Default>(
    bytes: &[u8],
    path: &Path,
) -> Result<T> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::Invalid {
        path: path.to_path_buf(),
        line: Some(1 + crate::note::count_newlines(&bytes[..e.valid_up_to()])),
        message: "not UTF-8 text".into(),
    })?;
    parse_yaml_or_default(text, path)
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

/// The user's own config file (`~/.config/oneonone/config.yaml`, see
/// [`crate::settings::USER_CONFIG`]): the notebook to use where none is
/// named and none is found at or above the current folder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UserConfig {
    /// The default notebook as written: an absolute path, or one that
    /// starts with `~/`.
    #[serde(deserialize_with = "notebook_value")]
    pub notebook: Option<String>,
}

/// Reads a `notebook:` value: a path that does not depend on the folder a
/// command runs in. The check runs inside the visitor, where the YAML
/// reader still knows the line to put on the error.
///
/// # Errors
/// Not a string, or a relative path.
fn notebook_value<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    struct Folder;
    impl serde::de::Visitor<'_> for Folder {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("the notebook folder's absolute path, or one that starts with ~/")
        }
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_str<E: serde::de::Error>(
            self,
            value: &str,
        ) -> std::result::Result<Self::Value, E> {
            if value == "~" || value.starts_with("~/") || Path::new(value).is_absolute() {
                Ok(Some(value.to_string()))
            } else {
                Err(E::custom(
                    "is a relative path, which would name a different folder wherever oneonone runs; \
                     give the notebook folder's absolute path, or one that starts with ~/",
                ))
            }
        }
    }
    d.deserialize_any(Folder)
}

impl UserConfig {
    /// Reads the user's config file at `path` (shown as `shown`); the
    /// defaults when there is none.
    ///
    /// # Errors
    /// The file exists but cannot be read or does not parse; the error
    /// names the file and the line.
    pub fn load(path: &Path, shown: &Path) -> Result<Self> {
        Self::read(path, shown).map(|(_, config)| config)
    }

    /// [`UserConfig::load`], with the file's bytes (`None` when there is no
    /// such file), for an edit made from them.
    ///
    /// # Errors
    /// As [`UserConfig::load`].
    pub fn read(path: &Path, shown: &Path) -> Result<(Option<Vec<u8>>, Self)> {
        let bytes = read_settings_file(path, shown)?;
        let config = match &bytes {
            Some(bytes) => parse_yaml_bytes(bytes, shown)?,
            None => UserConfig::default(),
        };
        Ok((bytes, config))
    }

    /// The default notebook's folder, `~/` taken as `home`; `None` when the
    /// file names none, or it starts with `~` and no home folder is known.
    #[must_use]
    pub fn notebook_path(&self, home: Option<&Path>) -> Option<PathBuf> {
        let value = self.notebook.as_deref()?;
        match value.strip_prefix('~') {
            Some(rest) => Some(home?.join(rest.trim_start_matches('/'))),
            None => Some(PathBuf::from(value)),
        }
    }

    /// The text of a config file with a `notebook:` line naming `folder`
    /// added at its end, every byte before it kept; `None` when that line
    /// would not be read back as `folder` (the file already has an empty
    /// `notebook:`, or ends in a way YAML does not continue), or `folder`
    /// is not UTF-8 text.
    #[must_use]
    pub fn with_notebook(text: &str, folder: &Path) -> Option<String> {
        let value = folder.to_str()?;
        let plain = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_alphanumeric() || "/._-+@,=".contains(c))
            && value.starts_with('/');
        let value_text = if plain {
            value.to_string()
        } else {
            // A JSON string is a YAML double-quoted scalar.
            serde_json::to_string(value).ok()?
        };
        let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let mut after = text.to_string();
        if !after.is_empty() && !after.ends_with('\n') {
            after.push_str(newline);
        }
        if after.is_empty() {
            after.push_str(
                "# oneonone's own settings: the notebook used where no other is named or found.",
            );
            after.push_str(newline);
        }
        after.push_str("notebook: ");
        after.push_str(&value_text);
        after.push_str(newline);
        let read_back: UserConfig = parse_yaml_or_default(&after, Path::new("")).ok()?;
        (read_back.notebook.as_deref() == Some(value)).then_some(after)
    }
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

    #[test]
    fn the_notebook_line_is_added_and_read_back() {
        let folder = Path::new("/home/sam/one-on-ones");
        assert_eq!(
            UserConfig::with_notebook("# mine\nother: 1", folder),
            None,
            "an unknown key is no file to add to"
        );
        assert_eq!(
            UserConfig::with_notebook("# mine\r\n# more", folder).as_deref(),
            Some("# mine\r\n# more\r\nnotebook: /home/sam/one-on-ones\r\n")
        );
        assert_eq!(
            UserConfig::with_notebook("", folder).as_deref(),
            Some(
                "# oneonone's own settings: the notebook used where no other is named or found.\n\
                 notebook: /home/sam/one-on-ones\n"
            )
        );
        // Quoted when a plain scalar could read otherwise.
        let odd = Path::new("/home/sam/1:1 notes #team");
        let text = UserConfig::with_notebook("\n", odd).unwrap();
        assert_eq!(text, "\nnotebook: \"/home/sam/1:1 notes #team\"\n");
        // Already set (even empty), or a document that ends: not added.
        assert_eq!(UserConfig::with_notebook("notebook:\n", folder), None);
        assert_eq!(UserConfig::with_notebook("---\n...\n", folder), None);
    }

    #[test]
    fn the_notebook_value_is_absolute_or_from_home() {
        let parse = |text: &str| parse_yaml_or_default::<UserConfig>(text, Path::new("c.yaml"));
        let home = Some(Path::new("/home/sam"));
        let at_home = parse("notebook: ~/one-on-ones\n").unwrap();
        assert_eq!(
            at_home.notebook_path(home),
            Some(PathBuf::from("/home/sam/one-on-ones"))
        );
        assert_eq!(at_home.notebook_path(None), None);
        assert_eq!(
            parse("notebook: /srv/notes\n").unwrap().notebook_path(None),
            Some(PathBuf::from("/srv/notes"))
        );
        assert_eq!(parse("notebook: ~\n").unwrap().notebook, None);
        assert_eq!(parse("notebook:\n").unwrap().notebook, None);
        let err = parse("\nnotebook: notes\n").unwrap_err().to_string();
        assert!(
            err.starts_with("c.yaml:2:11: notebook: is a relative path"),
            "{err}"
        );
    }
}
