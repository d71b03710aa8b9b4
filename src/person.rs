//! `<slug>/person.yaml`: what the notebook knows about a person beyond
//! their notes: the name to show, their role, and how often to meet.
//!
//! ```yaml
//! name: Alice Smith
//! role: Staff Engineer
//! cadence_days: 7     # overrides oneonone.yaml's cadence_days (default 14)
//! ```

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};

/// The profile's file name in a person's folder.
pub const PROFILE_FILE: &str = "person.yaml";

/// A person's profile; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Profile {
    /// The name notes and listings show.
    pub name: Option<String>,
    /// Their role, shown by `people` and `prep`.
    pub role: Option<String>,
    /// Days between 1:1s with them.
    pub cadence_days: Option<u32>,
}

impl Profile {
    /// Reads `<folder>/person.yaml`; the default profile when there is none.
    /// `shown` names the folder in errors.
    ///
    /// # Errors
    /// The file exists but cannot be read or does not parse.
    pub fn load(folder: &Path, shown: &Path) -> Result<Self> {
        let shown = shown.join(PROFILE_FILE);
        let text = match std::fs::read_to_string(folder.join(PROFILE_FILE)) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Profile::default()),
            Err(e) => return Err(Error::io(shown, "cannot read", e)),
        };
        crate::config::parse_yaml_or_default(&text, &shown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let p: Profile =
            crate::config::parse_yaml_or_default("name: Alice\nrole: SRE\ncadence_days: 7\n", Path::new("p.yaml")).unwrap();
        assert_eq!(
            p,
            Profile {
                name: Some("Alice".into()),
                role: Some("SRE".into()),
                cadence_days: Some(7)
            }
        );
        let err = crate::config::parse_yaml_or_default::<Profile>("cadence: 7\n", Path::new("p.yaml")).unwrap_err();
        assert!(err.to_string().starts_with("p.yaml:1:1: unknown field `cadence`"), "{err}");
    }
}
