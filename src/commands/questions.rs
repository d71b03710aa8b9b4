//! `oneonone questions`: suggested questions from the bank, a few at random
//! or the whole bank by section.

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::bank::{self, Bank};
use crate::cli::QuestionsArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::output::{Output, sanitize, style};
use crate::settings::Settings;

/// Prints the suggestions.
///
/// # Errors
/// The bank is broken, the section does not exist, or standard output
/// cannot be written.
pub fn run(args: &QuestionsArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let (bank, framework_name) = Bank::for_settings(settings)?;
    let sections = match &args.section {
        Some(section) => {
            let Some(found) = bank.pools.keys().find(|k| k.eq_ignore_ascii_case(section)) else {
                return Err(Error::UnknownSection {
                    name: section.clone(),
                    known: bank.pools.keys().cloned().collect(),
                });
            };
            vec![found.clone()]
        }
        None => pool_order(&bank, &framework_name, args.all),
    };
    if args.all {
        for (i, section) in sections.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            let pool = bank.pool(section);
            out.styled(style::HEADING, section)?;
            out.styled(style::DIM, format_args!(" ({})", pool.len()))?;
            writeln!(out)?;
            for q in pool {
                write!(out, "  {}", sanitize(&q.text))?;
                if !q.tags.is_empty() {
                    out.styled(style::DIM, format_args!("  [{}]", q.tags.join(", ")))?;
                }
                writeln!(out)?;
            }
        }
        return Ok(Outcome::Done);
    }
    let mut rng = StdRng::seed_from_u64(settings.seed.unwrap_or(settings.random_seed));
    let labelled = sections.len() > 1;
    for section in &sections {
        for q in bank::pick(bank.pool(section), args.count, &mut rng) {
            if labelled {
                out.styled(style::DIM, format_args!("{section}: "))?;
            }
            writeln!(out, "{}", sanitize(&q.text))?;
        }
    }
    Ok(Outcome::Done)
}

/// The pools to show: the framework's, in its order; with `all`, every
/// other pool after them, by name.
fn pool_order(bank: &Bank, framework: &str, all: bool) -> Vec<String> {
    let mut order: Vec<String> = bank
        .framework(framework)
        .map(|f| f.sections.iter().filter_map(|s| s.pool.clone()).collect())
        .unwrap_or_default();
    if all || order.is_empty() {
        for name in bank.pools.keys() {
            if !order.contains(name) {
                order.push(name.clone());
            }
        }
    }
    order
}
