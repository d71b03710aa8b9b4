//! `oneonone followups`: the open follow-ups across the notebook, grouped
//! by person with overdue items first and then the newest meeting first, or
//! as JSON. Talking points waiting in agenda.md files are counted, and
//! listed with `--agenda`. `--owner` takes a person of the notebook, or
//! the name of someone outside it that mentions give. When the filters
//! leave nothing, it says what they left out, and how to see it.
//! Carried items (`[>]`) that no later note holds
//! (the note `new` carried them into was deleted) are hidden from the
//! listing: each person who has some is named on standard error with the
//! command that reopens them, as the waiting talking points are (a notice:
//! the listing itself is whole, so the exit status stays 0).
//! A follow-up in a private section of its note is marked `🔒` (in JSON,
//! `"private": true`); `--shared` leaves it out, for a screen the report
//! sees.
//! A person with a shared space: the points of its agenda count and are
//! listed as those of their private agenda.md, with their path in the
//! space; and for `followups PERSON`, the open items they added to the
//! shared copies there are listed apart ("NAME, in the shared notes").
//! In JSON, each of those is marked `"shared": true`.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use serde::Serialize;

use crate::agenda;
use crate::cli::FollowupsArgs;
use crate::commands::Outcome;
use crate::error::{Error, Result};
use crate::followup::{self, FollowUp, Owner};
use crate::notebook::Notebook;
use crate::output::{Output, Shown, sanitize, style};
use crate::person::{People, Wanted};
use crate::render::print_item;
use crate::settings::Settings;
use crate::slug::slugify;
use crate::space::Space;

/// Lists the open follow-ups.
///
/// # Errors
/// The notebook cannot be opened, the person matches no one, the owner
/// matches no one and owns nothing under that name, or standard output
/// cannot be written.
#[allow(clippy::too_many_lines)] // one filter after another, each a few lines
pub fn run(args: &FollowupsArgs, settings: &Settings, out: &mut Output) -> Result<Outcome> {
    let notebook = Notebook::open(settings, false)?;
    // Who the names and the mentions mean, read once for all of them.
    let mut people = People::new(&notebook)?;
    let person = args.person.as_ref().or(args.person_flag.as_ref());
    let only = match person {
        Some(typed) => Some(people.resolve(typed, Wanted::Existing, &mut |e| out.warn(&e))?),
        None => None,
    };
    // `me` is the manager, as in a follow-up's `@me`. A name that matches
    // nobody may still be someone outside the notebook whose mentions
    // are in it: it stands as written if the scan finds any.
    let mut unknown = None;
    let owner = match &args.owner {
        Some(typed) if typed.trim().eq_ignore_ascii_case("me") => Some((Owner::Me, None)),
        Some(typed) => match people.resolve(typed, Wanted::Existing, &mut |e| out.warn(&e)) {
            Ok(p) => Some((Owner::named(&p.slug), Some(p.name))),
            Err(e @ Error::UnknownPerson { .. }) => {
                let raw = slugify(typed)?;
                unknown = Some(e);
                Some((Owner::named(&raw), Some(raw)))
            }
            Err(e) => return Err(e),
        },
        None => None,
    };
    // The whole notebook's list as JSON, with nothing that needs every
    // item first: written part by part as the scan goes.
    let mine = args.mine || matches!(owner, Some((Owner::Me, _)));
    let someone = args.theirs || owner.as_ref().is_some_and(|(o, _)| !o.is_me());
    let wanted = |i: &FollowUp| {
        (!mine || i.owner.is_me())
            && (!someone || !i.owner.is_me())
            && (!args.overdue || i.due.is_some_and(|d| d < settings.today))
    };
    let theirs = |i: &FollowUp| {
        !someone
            || ((!args.theirs || i.is_theirs())
                && owner.as_ref().is_none_or(|(o, _)| i.owner == *o))
    };
    if args.json && only.is_none() && unknown.is_none() && !args.agenda {
        let filters = Filters {
            wanted: &wanted,
            theirs: &theirs,
            mine,
        };
        stream_json(&notebook, settings, args, &mut people, &filters, out)?;
        return Ok(Outcome::Done);
    }
    let (mut items, trails) = match &only {
        Some(p) => followup::scan_folder_keyed(&notebook, &p.slug, &mut |e| out.warn(&e), true),
        None => followup::scan_keyed(&notebook, &mut |e| out.warn(&e), true),
    };
    // On a shared screen a private item is not there at all: not listed,
    // not counted, not said to be hidden.
    if args.shared {
        items.retain(|item| !item.private);
    }
    for (_, notice) in orphan_notices(
        &notebook,
        &items,
        &trails,
        only.as_ref().map(|p| p.slug.as_str()),
    ) {
        out.notice(notice);
    }
    // Their shared spaces: the points of each agenda are talking points
    // as the private ones are.
    let spaces = spaces(&notebook, settings, only.as_ref(), out);
    let mut in_space: HashSet<Arc<str>> = HashSet::new();
    for space in &spaces {
        match space.agenda_items() {
            Ok(points) => {
                in_space.extend(points.iter().map(|p| p.path.clone()));
                items.extend(points);
            }
            Err(e) => out.warn(&e),
        }
    }
    let is_point = |i: &FollowUp| agenda::is_agenda_path(&i.path) || in_space.contains(&i.path);
    if let Some(p) = &only {
        items.retain(|item| item.folder.as_deref() == Some(p.slug.as_str()));
    }
    if let (Some(e), Some((raw, _))) = (unknown, &owner)
        && !items.iter().any(|i| i.owner == *raw)
    {
        return Err(e);
    }
    // What the filters below leave out, to say so when they leave nothing.
    let in_scope = items.iter().filter(|i| args.agenda || !is_point(i)).count();
    // Whether an item is the manager's needs no resolving: filter first.
    items.retain(|i| wanted(i));
    followup::resolve_owners(&mut items, &mut people, &mut |e| out.warn(&e));
    // The whole notebook's listing says which person.yaml cannot be read,
    // whether or not a mention needed it.
    people.check_profiles(&mut |e| out.warn(&e));
    items.retain(|i| theirs(i));
    // Taken out, not copied: a notebook may hold many thousands of items.
    let points: Vec<FollowUp> = items.extract_if(.., |i| is_point(i)).collect();
    if args.agenda {
        items.extend(points.iter().cloned());
        items.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    } else {
        let mut waiting = Waiting::default();
        for point in &points {
            waiting.add(&point.path);
        }
        waiting.tell(&notebook, out);
    }
    let filters = Filters {
        wanted: &wanted,
        theirs: &theirs,
        mine,
    };
    let added_by = added_by(&notebook, &spaces, &filters, &mut people);
    let added: Vec<&FollowUp> = added_by.iter().flat_map(|(_, a)| a).collect();
    if args.json {
        let listed: Vec<JsonItem<'_>> = items
            .iter()
            .map(|item| JsonItem {
                item,
                shared: in_space.contains(&item.path),
            })
            .chain(added.iter().map(|&item| JsonItem { item, shared: true }))
            .collect();
        out.json(&listed)?;
        return Ok(Outcome::Done);
    }
    let listed = !items.is_empty();
    if items.is_empty() && added.is_empty() {
        let filter = Filter {
            person: only.as_ref().map(|p| (p.name.as_str(), p.slug.as_str())),
            mine,
            theirs: args.theirs,
            owner: owner.as_ref().and_then(|(_, name)| name.as_deref()),
            overdue: args.overdue,
            agenda: args.agenda,
            shared: args.shared,
        };
        out.notice(filter.left_nothing(&notebook, settings, in_scope));
    } else if !items.is_empty() {
        print_grouped(&notebook, settings, items, out)?;
    }
    for (i, (space, added)) in added_by.iter().enumerate() {
        let first = i == 0 && !listed;
        print_shared(&notebook, settings, &space.name, added, first, out)?;
    }
    Ok(Outcome::Done)
}

/// An item as `followups --json` writes it: with `"shared": true` when it
/// is in the person's shared space (a point of its agenda, or an item they
/// added to a shared copy), its path then the full path there.
#[derive(Serialize)]
struct JsonItem<'a> {
    #[serde(flatten)]
    item: &'a FollowUp,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    shared: bool,
}

/// The shared spaces to read: the person's asked for, else everyone's who
/// has one. A person.yaml naming a space that is not there, or not
/// theirs, is warned about.
fn spaces(
    notebook: &Notebook,
    settings: &Settings,
    only: Option<&crate::person::Person>,
    out: &mut Output,
) -> Vec<Space> {
    let home = settings.home.as_deref();
    let slugs = match only {
        Some(p) => vec![p.slug.clone()],
        None => notebook.person_slugs().unwrap_or_else(|e| {
            out.warn(&e);
            Vec::new()
        }),
    };
    let mut found = Vec::new();
    for slug in slugs {
        match Space::of(notebook, &slug, home) {
            Ok(Some(space)) => found.push(space),
            Ok(None) => {}
            Err(e) => out.warn(&e),
        }
    }
    found
}

/// The open items the person added to the shared copies in their space
/// (`shared`), listed apart under "NAME, in the shared notes".
fn print_shared(
    notebook: &Notebook,
    settings: &Settings,
    name: &str,
    shared: &[FollowUp],
    first: bool,
    out: &mut Output,
) -> Result<()> {
    let today = settings.today;
    if shared.is_empty() {
        return Ok(());
    }
    if !first {
        writeln!(out)?;
    }
    out.styled(
        style::HEADING,
        format_args!("{}, in the shared notes", sanitize(name)),
    )?;
    out.styled(style::DIM, format_args!(" ({} open)", shared.len()))?;
    writeln!(out)?;
    for item in shared {
        print_item(notebook, today, item, settings.listing_width(), out)?;
    }
    Ok(())
}

/// What `followups` was asked to show, to say what left nothing.
#[allow(clippy::struct_excessive_bools)] // each is one flag of the command
struct Filter<'a> {
    /// Only the notes of this person: their name and folder.
    person: Option<(&'a str, &'a str)>,
    /// `--mine`, or `--owner me`.
    mine: bool,
    /// `--theirs`.
    theirs: bool,
    /// The name of the person `--owner` names (not the manager).
    owner: Option<&'a str>,
    overdue: bool,
    agenda: bool,
    /// `--shared`: the command it suggests keeps it.
    shared: bool,
}

impl Filter<'_> {
    /// "nothing owned by Chloé Dubois is open; `oneonone followups` lists
    /// the 67 open": what the filters left out (`in_scope` items, in the
    /// person's notes or all of them), and how to see it; or, when there
    /// was nothing to leave out, that nothing is open there.
    fn left_nothing(&self, notebook: &Notebook, settings: &Settings, in_scope: usize) -> String {
        let filtered = self.mine || self.theirs || self.owner.is_some() || self.overdue;
        let person = self.person.map(|(name, slug)| (sanitize(name), slug));
        if !filtered || in_scope == 0 {
            return match &person {
                Some((name, _)) => format!("no open follow-ups in {name}'s notes"),
                None => format!("no open follow-ups in {}", Shown(&notebook.shown_root())),
            };
        }
        let whose = if self.mine {
            " of yours".to_string()
        } else if let Some(owner) = self.owner {
            format!(" owned by {}", sanitize(owner))
        } else if self.theirs {
            match &person {
                Some((name, _)) => format!(" of {name}'s own"),
                None => " owned by the person of its note".to_string(),
            }
        } else {
            String::new()
        };
        let place = match &person {
            // "of Bob's own" says where already.
            Some((name, _)) if !(self.theirs && self.owner.is_none()) => {
                format!(" in {name}'s notes")
            }
            _ => String::new(),
        };
        let state = if self.overdue { "overdue" } else { "open" };
        let mut words = vec!["followups".to_string()];
        words.extend(person.map(|(_, slug)| slug.to_string()));
        if self.agenda {
            words.push("--agenda".into());
        }
        if self.shared {
            words.push("--shared".into());
        }
        format!(
            "nothing{whose} is {state}{place}; `{}` lists the {in_scope} open",
            crate::commands::command_line(settings, words)
        )
    }
}

/// What names each person (or with `only`, that person) whose carried
/// items no later note holds, with how many and the command that reopens
/// them, by folder.
fn orphan_notices(
    notebook: &Notebook,
    items: &[FollowUp],
    trails: &[followup::Trail],
    only: Option<&str>,
) -> Vec<(String, String)> {
    let orphaned = followup::orphan_counts(trails);
    // Named as the listing heads their follow-ups (the newest note's
    // `person`); read from their folder only when none is open.
    let mut named: BTreeMap<&str, &FollowUp> = BTreeMap::new();
    // Items come by path, so by folder: each folder's newest is found in
    // one run, and looked up once.
    let mut run: Option<(&str, bool, Option<&FollowUp>)> = None;
    for item in items {
        let Some(folder) = item.folder.as_deref() else {
            continue;
        };
        if run.is_none_or(|(last, _, _)| last != folder) {
            if let Some((last, true, Some(newest))) = run {
                named.insert(last, newest);
            }
            run = Some((folder, orphaned.contains_key(folder), None));
        }
        if let Some((_, true, newest)) = &mut run
            && newest.is_none_or(|n| item.date >= n.date)
            && !agenda::is_agenda_path(&item.path)
        {
            // As the listing's heading: the last of the newest.
            *newest = Some(item);
        }
    }
    if let Some((last, true, Some(newest))) = run {
        named.insert(last, newest);
    }
    let mut notices = Vec::new();
    for (folder, count) in orphaned {
        if only.is_some_and(|o| o != folder) {
            continue;
        }
        let name = named
            .get(folder.as_str())
            .and_then(|i| i.person.as_deref().map(str::to_string))
            .or_else(|| crate::person::display_name(notebook, &folder))
            .unwrap_or_else(|| folder.clone());
        let notice = followup::orphan_notice(count, &name);
        notices.push((folder, notice));
    }
    notices
}

/// The talking points left out of a listing: how many, and the one file
/// they are all in, while they are.
#[derive(Default)]
struct Waiting {
    count: usize,
    one_file: Option<Arc<str>>,
}

impl Waiting {
    /// One more point, in the file at `path`.
    fn add(&mut self, path: &Arc<str>) {
        let same = self.count == 0 || self.one_file.as_ref() == Some(path);
        self.one_file = same.then(|| path.clone());
        self.count += 1;
    }

    /// "3 talking points are waiting in agenda.md", if any are.
    fn tell(&self, notebook: &Notebook, out: &mut Output) {
        if self.count == 0 {
            return;
        }
        // One person's: the file they wait in, as the user can open it.
        let place = match &self.one_file {
            Some(path) => Shown(&notebook.show(std::path::Path::new(&**path))).to_string(),
            None => "agenda.md".to_string(),
        };
        out.notice(format_args!(
            "{} waiting in {place}\n  hint: `oneonone followups --agenda` lists them too",
            if self.count == 1 {
                "1 talking point is".to_string()
            } else {
                format!("{} talking points are", self.count)
            }
        ));
    }
}

/// What `--mine`, `--theirs`, `--owner` and `--overdue` keep.
struct Filters<'f> {
    /// Before owners are resolved: whose (the manager's or not) and when
    /// due.
    wanted: &'f dyn Fn(&FollowUp) -> bool,
    /// After: whose exactly.
    theirs: &'f dyn Fn(&FollowUp) -> bool,
    /// Only the manager's: nothing the people added is listed.
    mine: bool,
}

/// What the people added to the shared copies in their spaces, filtered:
/// theirs, never the manager's; listed apart, person by person.
fn added_by<'s>(
    notebook: &Notebook,
    spaces: &'s [Space],
    filters: &Filters<'_>,
    people: &mut People<'_>,
) -> Vec<(&'s Space, Vec<FollowUp>)> {
    let mut added_by = Vec::new();
    for space in spaces.iter().filter(|_| !filters.mine) {
        let mut added = crate::space::publish::report_items(notebook, space);
        added.retain(|i| (filters.wanted)(i));
        // Their person.yaml files were said above already.
        followup::resolve_owners(&mut added, people, &mut |_| {});
        added.retain(|i| (filters.theirs)(i));
        if !added.is_empty() {
            added_by.push((space, added));
        }
    }
    added_by
}

/// `followups --json` for the whole notebook, written part by part as the
/// scan reads it (see [`followup::scan_units`]): what is held at once stays
/// small however large the notebook. What it says on standard error comes
/// in the same order as when the list is written whole.
fn stream_json(
    notebook: &Notebook,
    settings: &Settings,
    args: &FollowupsArgs,
    people: &mut People<'_>,
    filters: &Filters<'_>,
    out: &mut Output,
) -> Result<()> {
    let mut list = crate::output::JsonList::default();
    let mut written = Ok(());
    let mut orphans = Vec::new();
    let mut resolving = Vec::new();
    let mut points = Waiting::default();
    let warnings = followup::scan_units(notebook, true, &mut |unit| {
        let mut items = unit.items;
        if args.shared {
            items.retain(|item| !item.private);
        }
        orphans.extend(orphan_notices(notebook, &items, &unit.trails, None));
        items.retain(|i| (filters.wanted)(i));
        followup::resolve_owners(&mut items, people, &mut |e| resolving.push(e));
        items.retain(|i| (filters.theirs)(i));
        for point in items.extract_if(.., |i| agenda::is_agenda_path(&i.path)) {
            points.add(&point.path);
        }
        // Once the output fails, the rest is still read: what is said on
        // standard error is said whole.
        for item in &items {
            if written.is_ok() {
                written = out.json_item(
                    &mut list,
                    &JsonItem {
                        item,
                        shared: false,
                    },
                );
            }
        }
    });
    for e in &warnings {
        out.warn(e);
    }
    // By folder, as a whole scan names them.
    orphans.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, notice) in orphans {
        out.notice(notice);
    }
    let spaces = spaces(notebook, settings, None, out);
    for space in &spaces {
        match space.agenda_items() {
            Ok(mut found) => {
                found.retain(|i| (filters.wanted)(i));
                followup::resolve_owners(&mut found, people, &mut |e| resolving.push(e));
                for point in found.iter().filter(|i| (filters.theirs)(i)) {
                    points.add(&point.path);
                }
            }
            Err(e) => out.warn(&e),
        }
    }
    for e in resolving {
        out.warn(&e);
    }
    people.check_profiles(&mut |e| out.warn(&e));
    points.tell(notebook, out);
    // Said after all the rest, as when the list is written whole.
    written?;
    for (_, added) in added_by(notebook, &spaces, filters, people) {
        for item in &added {
            out.json_item(&mut list, &JsonItem { item, shared: true })?;
        }
    }
    out.json_end(list)
}

/// Prints the items grouped by person folder (named by the newest note's
/// `person`), overdue first, then newest meeting first.
fn print_grouped(
    notebook: &Notebook,
    settings: &Settings,
    items: Vec<FollowUp>,
    out: &mut Output,
) -> Result<()> {
    let today = settings.today;
    let mut groups: BTreeMap<Option<std::sync::Arc<str>>, Vec<FollowUp>> = BTreeMap::new();
    for item in items {
        groups.entry(item.folder.clone()).or_default().push(item);
    }
    let mut groups: Vec<(String, Vec<FollowUp>)> = groups
        .into_iter()
        .map(|(folder, mut group)| {
            group.sort_by(|a, b| followup::overdue_first(a, b, today));
            let name = group
                .iter()
                .filter(|i| !agenda::is_agenda_path(&i.path))
                .max_by_key(|i| i.date)
                .and_then(|i| i.person.as_deref())
                .or(folder.as_deref())
                .map_or_else(|| "(no person)".to_string(), str::to_string);
            (name, group)
        })
        .collect();
    groups.sort_by_key(|g| g.0.to_lowercase());
    for (i, (name, group)) in groups.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        out.styled(style::HEADING, sanitize(name))?;
        out.styled(style::DIM, format_args!(" ({} open)", group.len()))?;
        writeln!(out)?;
        for item in group {
            print_item(notebook, today, item, settings.listing_width(), out)?;
        }
    }
    Ok(())
}
