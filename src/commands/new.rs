//! `oneonone new PERSON`: scaffold the note for a meeting, with suggested
//! questions, in `<slug>/<date>.md` (or the next free `<date>-N.md`).

use std::io::ErrorKind;

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::bank::{self, Bank, DEFAULT_FRAMEWORK, NOTE_TEMPLATE};
use crate::cli::NewArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::notebook::{Notebook, meeting_name};
use crate::output::Output;
use crate::settings::Settings;
use crate::template::{self, NoteFields};

/// How many `-N` names to try before giving up on a day.
const MAX_MEETINGS_A_DAY: u32 = 999;

/// Creates the note and prints its path.
///
/// # Errors
/// The person's name is refused, the bank or settings are broken, or the
/// note cannot be written.
pub fn run(args: &NewArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, true)?;
    let bank = Bank::load(notebook.root(), notebook.shown())?;
    let framework_name = notebook
        .config
        .framework
        .as_deref()
        .unwrap_or(DEFAULT_FRAMEWORK);
    let framework = bank.framework(framework_name)?;
    let person = notebook.resolve_person(&args.person, true)?;
    let date = args.date.unwrap_or(settings.today);

    let seed = args.seed.unwrap_or_else(rand::random);
    let mut rng = StdRng::seed_from_u64(seed);
    let per_section = notebook.config.questions_per_section();
    let questions = framework
        .sections
        .iter()
        .map(|s| {
            bank::pick(
                bank.pool(s.pool.as_deref().unwrap_or_default()),
                per_section,
                &mut rng,
            )
        })
        .collect();
    let text = template::render(
        NOTE_TEMPLATE,
        &NoteFields {
            person: &person.name,
            date: date.to_string(),
            framework,
            manager: notebook.config.manager.as_deref(),
            questions,
        },
    );

    let folder = notebook.path(person.slug.as_ref());
    crate::fs::create_dir_private(&folder).map_err(|e| {
        Error::io(
            notebook.show(person.slug.as_ref()),
            "cannot create the folder",
            e,
        )
    })?;
    for number in 1..=MAX_MEETINGS_A_DAY {
        let rel = std::path::Path::new(&person.slug).join(meeting_name(date, number));
        match crate::fs::write_new(&notebook.path(&rel), text.as_bytes()) {
            Ok(()) => {
                out.print(format_args!("{}\n", notebook.show(&rel).display()))?;
                out.notice(format_args!(
                    "created the {} note for {} ({})",
                    date,
                    person.name,
                    framework.title_or_name()
                ));
                return Ok(Outcome::Done);
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io(notebook.show(&rel), "cannot write", e)),
        }
    }
    Err(Error::Exists {
        path: notebook
            .show(&std::path::Path::new(&person.slug).join(meeting_name(date, MAX_MEETINGS_A_DAY))),
    })
}
