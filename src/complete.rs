//! What the shell offers for a PERSON argument: the people of the notebook
//! the command would use, by folder name, with the name notes show as the
//! description, and their aliases (`aliases:` in person.yaml).
//!
//! The shell runs the binary on every Tab (`oneonone completions SHELL`
//! registers it), so this reads as little as it can and never writes: no
//! lock, no cache, no notebook made. Any problem means no suggestions,
//! never a message in the middle of the user's command line.

use crate::notebook::Notebook;
use crate::settings::Settings;

/// One suggestion: the value to insert and what to show beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The folder name, as typed on the command line.
    pub value: String,
    /// The person's name, when the notebook knows one other than the
    /// folder's.
    pub help: Option<String>,
}

/// The people whose folder name starts with what was typed so far (case
/// and accents folded, as names are everywhere else).
#[must_use]
pub fn people(settings: &Settings, typed: &str) -> Vec<Candidate> {
    let Ok(notebook) = Notebook::open(settings, false) else {
        return Vec::new();
    };
    let Ok(slugs) = notebook.person_slugs() else {
        return Vec::new();
    };
    let typed = fold(typed.trim_end_matches('/'));
    let mut offered = Vec::new();
    for slug in slugs {
        let folder = std::path::Path::new(&slug);
        let profile = crate::person::Profile::load(&notebook.path(folder), &notebook.show(folder))
            .unwrap_or_default();
        let name = profile
            .name
            .clone()
            .or_else(|| crate::person::latest_name(&notebook, &slug));
        let shown = name.clone().unwrap_or_else(|| slug.clone());
        for alias in &profile.aliases {
            if fold(alias).starts_with(&typed) {
                offered.push(Candidate {
                    value: alias.clone(),
                    help: Some(format!("{shown} ({slug}/)")),
                });
            }
        }
        if fold(&slug).starts_with(&typed) {
            let help = name.filter(|name| *name != slug);
            offered.push(Candidate { value: slug, help });
        }
    }
    offered.sort_by(|a, b| a.value.cmp(&b.value));
    offered
}

/// Lower case without accents; spaces become the `-` of folder names.
fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase().replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::DirSource;

    #[test]
    fn offers_the_folders_that_start_with_the_typed_text() {
        let dir = tempfile::tempdir().unwrap();
        for (folder, profile) in [
            ("alice", Some("name: Alice Smith\naliases: [ally, bee]\n")),
            ("alex-kim", None),
            ("bob", Some("name: bob\n")),
        ] {
            std::fs::create_dir(dir.path().join(folder)).unwrap();
            if let Some(profile) = profile {
                std::fs::write(dir.path().join(folder).join("person.yaml"), profile).unwrap();
            }
        }
        let settings = Settings::for_tests(dir.path(), DirSource::Flag(dir.path().into()));
        let values = |typed: &str| -> Vec<(String, Option<String>)> {
            people(&settings, typed)
                .into_iter()
                .map(|c| (c.value, c.help))
                .collect()
        };
        assert_eq!(
            values("al"),
            [
                ("alex-kim".to_string(), None),
                ("alice".to_string(), Some("Alice Smith".to_string())),
                ("ally".to_string(), Some("Alice Smith (alice/)".to_string()))
            ]
        );
        assert_eq!(
            values("B"),
            [
                ("bee".to_string(), Some("Alice Smith (alice/)".to_string())),
                ("bob".to_string(), None)
            ]
        );
        assert_eq!(values("Alé"), [("alex-kim".to_string(), None)]);
        assert_eq!(values("alex kim/").len(), 1);
        assert_eq!(values("").len(), 5);
        assert!(values("z").is_empty());
        // No notebook there: nothing offered, nothing made.
        let gone = dir.path().join("missing");
        let settings = Settings::for_tests(dir.path(), DirSource::Flag(gone.clone()));
        assert!(people(&settings, "").is_empty());
        assert!(!gone.exists());
    }
}
