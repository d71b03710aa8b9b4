//! The question bank: suggested questions grouped in pools, and the
//! frameworks that give a note its sections.
//!
//! The built-in bank is the `question-bank/` folder of this repository,
//! compiled into the binary. A notebook's own `question-bank/*.yaml` files
//! are merged on top: their questions join the pools of the same name, and a
//! framework with a built-in's name replaces it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rand::Rng;
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::notebook::BANK_DIR;
use crate::settings::Settings;

/// The bank files compiled into the binary, as (shown name, text).
const BUILT_IN: &[(&str, &str)] = &[
    (
        "question-bank/questions.yaml (built in)",
        include_str!("../question-bank/questions.yaml"),
    ),
    (
        "question-bank/frameworks.yaml (built in)",
        include_str!("../question-bank/frameworks.yaml"),
    ),
];

/// The note template compiled into the binary.
pub const NOTE_TEMPLATE: &str = include_str!("../question-bank/note.md");

/// The framework used when neither a flag nor oneonone.yaml names one.
pub const DEFAULT_FRAMEWORK: &str = "listen-learn-lift";

/// One suggested question, written in a bank file either as a plain string
/// or as a map with `text` and `tags`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The question as it appears in a note.
    pub text: String,
    /// Free-form labels (`energy`, `blockers`, ...).
    pub tags: Vec<String>,
}

impl<'de> Deserialize<'de> for Question {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(QuestionVisitor)
    }
}

/// Reads either form of a question, naming a misspelt key (`tag:`) rather
/// than ignoring it.
struct QuestionVisitor;

impl<'de> serde::de::Visitor<'de> for QuestionVisitor {
    type Value = Question;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a question: a string, or a map with `text` and `tags`")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Question, E> {
        Ok(Question {
            text: text.trim().to_string(),
            tags: Vec::new(),
        })
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Question, A::Error> {
        const FIELDS: &[&str] = &["text", "tags"];
        let mut text: Option<String> = None;
        let mut tags = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "text" => text = Some(map.next_value()?),
                "tags" => tags = map.next_value()?,
                other => return Err(serde::de::Error::unknown_field(other, FIELDS)),
            }
        }
        let text = text.ok_or_else(|| serde::de::Error::missing_field("text"))?;
        Ok(Question {
            text: text.trim().to_string(),
            tags,
        })
    }
}

/// A way of running a 1:1: the sections a note is made of.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// The name notes and oneonone.yaml use, e.g. `listen-learn-lift`.
    pub name: String,
    /// A title for people, e.g. "Listen, Learn, Lift".
    #[serde(default)]
    pub title: String,
    /// One line on what the framework is for.
    #[serde(default)]
    pub description: String,
    /// The note's sections, in order.
    pub sections: Vec<Section>,
}

impl Framework {
    /// The title, or the name when there is no title.
    #[must_use]
    pub fn title_or_name(&self) -> &str {
        if self.title.is_empty() {
            &self.name
        } else {
            &self.title
        }
    }
}

/// One section of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section's heading, e.g. "Listen".
    pub heading: String,
    /// A one-line reminder printed under the heading.
    #[serde(default)]
    pub reminder: Option<String>,
    /// The question pool suggestions are drawn from.
    #[serde(default)]
    pub pool: Option<String>,
    /// Patterns to look for, printed as one line.
    #[serde(default)]
    pub watch: Vec<String>,
    /// The columns of a table the note holds for the person and the
    /// manager to fill in (`[activity, skill, joy]` for the zone of
    /// genius): written as a GFM table, a header, its delimiter row and a
    /// few empty rows. Empty for a section of questions only.
    #[serde(default)]
    pub table: Vec<String>,
}

/// The shape of one bank file.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct BankFile {
    #[serde(default)]
    questions: BTreeMap<String, Vec<Question>>,
    #[serde(default)]
    frameworks: Vec<Framework>,
}

/// The merged bank.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    /// Question pools by name, each in bank order.
    pub pools: BTreeMap<String, Vec<Question>>,
    /// Frameworks, built-ins first, in file order.
    pub frameworks: Vec<Framework>,
}

/// The framework a note follows, by name: the one asked for, else the
/// notebook's `framework:` setting, else the built-in default. The one place
/// that says so (`new`, `prep`, `questions` and `frameworks` ask it).
#[must_use]
pub fn framework_name<'a>(asked: Option<&'a str>, config: &'a crate::config::Config) -> &'a str {
    asked
        .or(config.framework.as_deref())
        .unwrap_or(DEFAULT_FRAMEWORK)
}

impl Bank {
    /// The bank and the default framework's name: the notebook's when there is
    /// one; the built-in ones when no notebook is named, found, or set in the
    /// user's config file.
    ///
    /// # Errors
    /// A named notebook is missing, or the bank or settings are broken.
    pub fn for_settings(settings: &Settings) -> Result<(Bank, String)> {
        match crate::notebook::Notebook::open(settings, false) {
            Ok(nb) => Ok((
                Bank::load(nb.root(), nb.shown())?,
                framework_name(None, &nb.config).to_string(),
            )),
            Err(Error::NoNotebookFound { .. }) => Ok((Bank::built_in(), DEFAULT_FRAMEWORK.into())),
            Err(e) => Err(e),
        }
    }

    /// The built-in bank alone.
    ///
    /// # Panics
    /// Never for a released binary: the built-in files are tested.
    #[must_use]
    pub fn built_in() -> Self {
        let mut bank = Bank::default();
        for (name, text) in BUILT_IN {
            bank.merge_text(Path::new(name), text)
                .expect("the built-in question bank parses");
        }
        bank
    }

    /// The built-in bank merged with the notebook's `question-bank/*.yaml`
    /// files (in name order). `root` is where to read, `shown` how to name
    /// the folder in errors.
    ///
    /// # Errors
    /// A bank file cannot be read or does not parse; the error names the
    /// file, line and column.
    pub fn load(root: &Path, shown: &Path) -> Result<Self> {
        let mut bank = Bank::built_in();
        let dir = root.join(BANK_DIR);
        if crate::fs::is_link(&dir) {
            return Err(Error::io(
                shown.join(BANK_DIR),
                "cannot read the folder",
                std::io::Error::new(std::io::ErrorKind::InvalidInput, crate::fs::LINK_REFUSED),
            ));
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(bank),
            Err(e) => return Err(Error::io(shown.join(BANK_DIR), "cannot read the folder", e)),
        };
        let mut files: Vec<PathBuf> = Vec::new();
        for entry in entries {
            let entry =
                entry.map_err(|e| Error::io(shown.join(BANK_DIR), "cannot read the folder", e))?;
            let name = entry.file_name();
            let name = Path::new(&name);
            let is_yaml = name.extension().is_some_and(|ext| {
                ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml")
            });
            let hidden = name.as_os_str().as_encoded_bytes().starts_with(b".");
            if is_yaml && !hidden {
                files.push(name.to_path_buf());
            }
        }
        files.sort();
        for name in files {
            let rel = Path::new(BANK_DIR).join(&name);
            let path = shown.join(&rel);
            // Never through a link, only a regular file, and not a huge one.
            let bytes = crate::fs::read_regular(&root.join(&rel), Some(crate::fs::SETTINGS_CAP))
                .map_err(|e| Error::io(&path, "cannot read", e))?;
            let text = String::from_utf8(bytes).map_err(|e| Error::Invalid {
                path: path.clone(),
                line: None,
                message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
            })?;
            bank.merge_text(&path, &text)?;
        }
        Ok(bank)
    }

    /// Parses one bank file and merges it in.
    fn merge_text(&mut self, path: &Path, text: &str) -> Result<()> {
        let file: BankFile = if is_blank_yaml(text) {
            BankFile::default()
        } else {
            crate::yaml::parse(text, path, 1, crate::yaml::SETTINGS_CAP)?
        };
        check_one_line(path, &file)?;
        for (pool, questions) in file.questions {
            let into = self.pools.entry(pool).or_default();
            for q in questions {
                if !q.text.is_empty() && !into.iter().any(|have| have.text == q.text) {
                    into.push(q);
                }
            }
        }
        for framework in file.frameworks {
            if let Some(have) = self
                .frameworks
                .iter_mut()
                .find(|f| f.name == framework.name)
            {
                *have = framework;
            } else {
                self.frameworks.push(framework);
            }
        }
        Ok(())
    }

    /// The framework of that name.
    ///
    /// # Errors
    /// No framework has that name; the error lists the known ones.
    pub fn framework(&self, name: &str) -> Result<&Framework> {
        self.frameworks
            .iter()
            .find(|f| f.name == name)
            .ok_or_else(|| Error::UnknownFramework {
                name: name.to_string(),
                known: self.frameworks.iter().map(|f| f.name.clone()).collect(),
            })
    }

    /// The questions of a pool (empty when there is no such pool).
    #[must_use]
    pub fn pool(&self, name: &str) -> &[Question] {
        self.pools.get(name).map_or(&[], Vec::as_slice)
    }
}

/// Picks up to `n` distinct questions from `pool` at random and returns
/// them in bank order, so a pick reads the same way the bank does.
pub fn pick<'a, R: Rng + ?Sized>(pool: &'a [Question], n: usize, rng: &mut R) -> Vec<&'a Question> {
    let mut indices = rand::seq::index::sample(rng, pool.len(), n.min(pool.len())).into_vec();
    indices.sort_unstable();
    indices.into_iter().map(|i| &pool[i]).collect()
}

/// Like [`pick`], but prefers questions for which `asked` is false (not
/// asked recently); asked ones fill in only when the pool runs short.
pub fn pick_fresh<'a, R: Rng + ?Sized>(
    pool: &'a [Question],
    n: usize,
    rng: &mut R,
    asked: &dyn Fn(&Question) -> bool,
) -> Vec<&'a Question> {
    let (stale, fresh): (Vec<&Question>, Vec<&Question>) = pool.iter().partition(|q| asked(q));
    let mut chosen = pick_refs(&fresh, n, rng);
    if chosen.len() < n {
        chosen.extend(pick_refs(&stale, n - chosen.len(), rng));
    }
    chosen.sort_by_key(|q| pool.iter().position(|p| std::ptr::eq(p, *q)));
    chosen
}

fn pick_refs<'a, R: Rng + ?Sized>(
    from: &[&'a Question],
    n: usize,
    rng: &mut R,
) -> Vec<&'a Question> {
    rand::seq::index::sample(rng, from.len(), n.min(from.len()))
        .into_iter()
        .map(|i| from[i])
        .collect()
}

/// Picks `n` questions for each section of the framework, preferring ones
/// that none of the `recent` note texts contains.
pub fn pick_for_sections<'a, R: Rng + ?Sized>(
    bank: &'a Bank,
    framework: &Framework,
    n: usize,
    rng: &mut R,
    recent: &[&str],
) -> Vec<Vec<&'a Question>> {
    let asked = |q: &Question| recent.iter().any(|text| text.contains(&q.text));
    framework
        .sections
        .iter()
        .map(|s| {
            pick_fresh(
                bank.pool(s.pool.as_deref().unwrap_or_default()),
                n,
                rng,
                &asked,
            )
        })
        .collect()
}

/// The questions `new` writes in a note, and `prep` shows under "Ask
/// today": `per_section` per section of `framework`, preferring ones that
/// none of the `recent` note texts asked, picked with `seed`. The one
/// pick both commands make, so they agree.
#[must_use]
pub fn suggest<'a>(
    bank: &'a Bank,
    framework: &Framework,
    per_section: usize,
    seed: u64,
    recent: &[&str],
) -> Vec<Vec<&'a Question>> {
    use rand::SeedableRng as _;
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    pick_for_sections(bank, framework, per_section, &mut rng, recent)
}

/// The seed of a person's question pick on a day when no `--seed` is
/// given: a stable function of their folder name and the date, so `prep`
/// and `new` pick the same questions and a second run the same again.
/// FNV-1a (64 bits), written out: std's hasher may change between Rust
/// releases, and with it every pick.
#[must_use]
pub fn default_seed(slug: &str, date: chrono::NaiveDate) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let day = date.format("%Y-%m-%d").to_string();
    [slug.as_bytes(), b"\0", day.as_bytes()]
        .concat()
        .iter()
        .fold(OFFSET, |hash, &byte| {
            (hash ^ u64::from(byte)).wrapping_mul(PRIME)
        })
}

/// Refuses bank text that spans lines or starts a list or task: it goes
/// into notes as one line, where it must not open a code block, a comment
/// or a task that would swallow or fake the note's follow-ups.
fn check_one_line(path: &Path, file: &BankFile) -> Result<()> {
    let bad = |what: String, text: &str| -> Option<Error> {
        let t = text.trim_start();
        let multi = text.contains(['\n', '\r']);
        let opens = t.starts_with("```")
            || t.starts_with("~~~")
            || t.contains("<!--")
            || t.starts_with("[ ]");
        (multi || opens).then(|| Error::Invalid {
            path: path.to_path_buf(),
            line: None,
            message: format!(
                "{what}: {text:?} must be one line of plain text (no line breaks, code fences, HTML comments or `[ ]`)"
            ),
        })
    };
    for (pool, questions) in &file.questions {
        for q in questions {
            if let Some(e) = bad(format!("questions.{pool}"), &q.text) {
                return Err(e);
            }
        }
    }
    for f in &file.frameworks {
        let mut texts = vec![
            ("name", &f.name),
            ("title", &f.title),
            ("description", &f.description),
        ];
        for s in &f.sections {
            texts.push(("heading", &s.heading));
            if let Some(r) = &s.reminder {
                texts.push(("reminder", r));
            }
            texts.extend(s.watch.iter().map(|w| ("watch", w)));
            texts.extend(s.table.iter().map(|c| ("table", c)));
        }
        for (what, text) in texts {
            if let Some(e) = bad(format!("frameworks.{}.{what}", f.name), text) {
                return Err(e);
            }
        }
        for s in &f.sections {
            if let Some(column) = s
                .table
                .iter()
                .find(|c| c.trim().is_empty() || c.contains(['|', '\\', '`']))
            {
                return Err(Error::Invalid {
                    path: path.to_path_buf(),
                    line: None,
                    message: format!(
                        "frameworks.{}.table: {column:?} must be a column name: not empty, no `|`, `\\` or backquote",
                        f.name
                    ),
                });
            }
        }
    }
    Ok(())
}

/// True when a YAML text holds nothing but blanks and comments.
fn is_blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---"
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    const SOURCE_QUESTIONS: &[(&str, &str)] = &[
        ("listen", "What's on your mind this week?"),
        ("listen", "How have you been feeling about work lately?"),
        ("listen", "What's been energizing or draining you?"),
        (
            "listen",
            "What do you want to make sure we talk about today?",
        ),
        ("listen", "Where are you feeling stuck?"),
        (
            "listen",
            "What's something you're not sure how to bring up?",
        ),
        ("learn", "What's going well in your current projects?"),
        ("learn", "Any blockers or frustrations lately?"),
        ("learn", "Do you feel clear on what's expected of you?"),
        ("learn", "What skills are you trying to build right now?"),
        ("learn", "Are you feeling challenged in the right ways?"),
        ("learn", "What kind of work gives you energy?"),
        ("learn", "What's challenged you since we last talked?"),
        ("lift", "What's one thing we should follow up on next time?"),
        ("lift", "What's one way I can support you this week?"),
        ("lift", "Is there anything I can take off your plate?"),
        ("lift", "Is there someone I can connect you with?"),
        ("lift", "What would make this better?"),
        ("lift", "If you were in my shoes, what would you try next?"),
        (
            "lift",
            "What's one thing you'd like to start, stop or continue?",
        ),
    ];

    #[test]
    fn built_in_bank_holds_the_method_and_enough_questions() {
        let bank = Bank::built_in();
        for (pool, text) in SOURCE_QUESTIONS {
            assert!(
                bank.pool(pool).iter().any(|q| q.text == *text),
                "{pool}: {text}"
            );
        }
        for pool in ["listen", "learn", "lift"] {
            assert!(
                bank.pool(pool).len() >= 20,
                "{pool} has {}",
                bank.pool(pool).len()
            );
        }
        let llf = bank.framework(DEFAULT_FRAMEWORK).unwrap();
        let headings: Vec<&str> = llf.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, ["Listen", "Learn", "Lift"]);
    }

    #[test]
    fn parses_both_question_forms_and_merges_without_duplicates() {
        let mut bank = Bank::default();
        let text = "questions:\n  listen:\n    - Plain one?\n    - text: Tagged one?\n      tags: [energy]\n";
        bank.merge_text(Path::new("a.yaml"), text).unwrap();
        bank.merge_text(
            Path::new("b.yaml"),
            "questions:\n  listen:\n    - Plain one?\n    - New one?\n",
        )
        .unwrap();
        let texts: Vec<&str> = bank
            .pool("listen")
            .iter()
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(texts, ["Plain one?", "Tagged one?", "New one?"]);
        assert_eq!(bank.pool("listen")[1].tags, ["energy"]);
        bank.merge_text(Path::new("c.yaml"), "# only a comment\n")
            .unwrap();
    }

    #[test]
    fn broken_bank_file_names_file_line_and_column() {
        let mut bank = Bank::default();
        let err = bank
            .merge_text(
                Path::new("qb/mine.yaml"),
                "questions:\n  listen:\n    - ok\n   - bad: [\n",
            )
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("qb/mine.yaml:4:"), "{err}");
        let err = bank
            .merge_text(
                Path::new("qb/tag.yaml"),
                "questions:\n  listen:\n    - text: Hi?\n      tag: [x]\n",
            )
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("qb/tag.yaml:3:7: "), "{err}");
        assert!(
            err.contains("unknown field `tag`, expected `text` or `tags`"),
            "{err}"
        );
        let err = bank
            .merge_text(Path::new("qb/typo.yaml"), "questons:\n  listen: []\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("qb/typo.yaml:1:1: unknown field `questons`"),
            "{err}"
        );
    }

    #[test]
    fn bank_text_must_be_one_plain_line() {
        let mut bank = Bank::default();
        let err = bank
            .merge_text(
                Path::new("q.yaml"),
                "questions:\n  listen:\n    - \"Ask\\n```\"\n",
            )
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "q.yaml: questions.listen: \"Ask\\n```\" must be one line of plain text (no line breaks, code fences, HTML comments or `[ ]`)"
        );
        let text = "frameworks:\n  - name: x\n    sections:\n      - heading: \"Wins <!--\"\n";
        assert!(
            bank.merge_text(Path::new("f.yaml"), text)
                .unwrap_err()
                .to_string()
                .starts_with("f.yaml: frameworks.x.heading: ")
        );
    }

    #[test]
    fn a_section_may_hold_a_table_of_plain_column_names() {
        let bank = Bank::built_in();
        let zones = bank.framework("zone-of-genius").unwrap();
        assert_eq!(zones.sections[1].table, ["activity", "skill", "joy"]);
        assert!(zones.sections[0].table.is_empty(), "no table by default");
        let mut bank = Bank::default();
        let text = "frameworks:\n  - name: x\n    sections:\n      - heading: T\n        table: [a, \"b | c\"]\n";
        assert_eq!(
            bank.merge_text(Path::new("f.yaml"), text)
                .unwrap_err()
                .to_string(),
            "f.yaml: frameworks.x.table: \"b | c\" must be a column name: not empty, no `|`, `\\` or backquote"
        );
    }

    #[test]
    fn notebook_framework_replaces_built_in_of_same_name() {
        let mut bank = Bank::built_in();
        let text =
            "frameworks:\n  - name: listen-learn-lift\n    sections:\n      - heading: Only\n";
        bank.merge_text(Path::new("f.yaml"), text).unwrap();
        assert_eq!(bank.framework(DEFAULT_FRAMEWORK).unwrap().sections.len(), 1);
        let err = bank.framework("nope").unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown framework \"nope\"\n  \
             hint: known frameworks: listen-learn-lift, start-stop-continue,\n    \
             rainbows-and-clouds, zone-of-genius"
        );
    }

    #[test]
    fn pick_fresh_skips_asked_questions_while_the_pool_allows() {
        let bank = Bank::built_in();
        let pool = bank.pool("listen");
        let asked = |q: &Question| q.text != pool[3].text && q.text != pool[7].text;
        let picked = pick_fresh(pool, 2, &mut StdRng::seed_from_u64(1), &asked);
        assert_eq!(picked, [&pool[3], &pool[7]]);
        let picked = pick_fresh(pool, 3, &mut StdRng::seed_from_u64(1), &asked);
        assert_eq!(picked.len(), 3);
        assert!(picked.contains(&&pool[3]) && picked.contains(&&pool[7]));
    }

    #[test]
    fn pick_is_reproducible_distinct_and_in_bank_order() {
        let bank = Bank::built_in();
        let pool = bank.pool("learn");
        let a = pick(pool, 3, &mut StdRng::seed_from_u64(7));
        let b = pick(pool, 3, &mut StdRng::seed_from_u64(7));
        assert_eq!(a, b);
        assert_eq!(a.len(), 3);
        let positions: Vec<usize> = a
            .iter()
            .map(|q| pool.iter().position(|p| p == *q).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        assert_eq!(
            pick(pool, 1000, &mut StdRng::seed_from_u64(1)).len(),
            pool.len()
        );
    }
}
