//! Where things live (issue 10): a module depends only on modules below it.
//! No two modules of `src/` import each other, directly or around a loop
//! (a child module may use its parent), and no command imports another
//! command: what two commands share belongs in a library module.
//!
//! The modules' dependencies are read from the source, as `crate::a::b`
//! paths outside comments and unit tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/` (`followup::cache`, `commands::new`) and its
/// source without comments and without its `mod tests`.
fn modules() -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&root).unwrap().with_extension("");
            let mut name: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if name.last().is_some_and(|n| n == "mod") {
                name.pop();
            }
            let name = name.join("::");
            if name == "lib" || name == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap()
                .lines()
                .map(|line| line.split("//").next().unwrap())
                .collect::<Vec<_>>()
                .join("\n");
            found.insert(name, code);
        }
    }
    found
}

/// What each module uses of the others (not its parent or children).
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let modules = modules();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, code) in &modules {
        let uses = deps.entry(name.clone()).or_default();
        for (at, _) in code.match_indices("crate::") {
            let path: String = code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            // The longest prefix that is a module.
            let target = (1..=parts.len())
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|m| modules.contains_key(m));
            if let Some(target) = target {
                let related = target == *name
                    || name.starts_with(&format!("{target}::"))
                    || target.starts_with(&format!("{name}::"));
                if !related {
                    uses.insert(target);
                }
            }
        }
    }
    deps
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let deps = dependencies();
    // A loop shows as a module reaching itself.
    let mut loops = Vec::new();
    for start in deps.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, route)) = todo.pop() {
            for next in &deps[&at] {
                if next == start {
                    loops.push(route.join(" -> ") + " -> " + start);
                } else if seen.insert(next.clone()) {
                    let mut longer = route.clone();
                    longer.push(next.clone());
                    todo.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(loops.is_empty(), "import loops:\n{}", loops.join("\n"));
}

#[test]
fn no_command_imports_another_command() {
    let crossing: Vec<String> = dependencies()
        .into_iter()
        .filter(|(name, _)| name.starts_with("commands::"))
        .flat_map(|(name, uses)| {
            uses.into_iter()
                .filter(|u| u.starts_with("commands::"))
                .map(move |u| format!("{name} -> {u}"))
        })
        .collect();
    assert!(crossing.is_empty(), "{}", crossing.join("\n"));
}

#[test]
fn the_check_sees_the_modules() {
    // A guard for the guard: if the reading above broke, both tests would
    // pass on nothing.
    let deps = dependencies();
    assert!(deps["commands::new"].contains("new_note"), "{deps:?}");
    assert!(deps["people"].contains("person"), "{deps:?}");
    // What was said sits below the commands that quote it.
    assert!(deps["commands::prep"].contains("said"), "{deps:?}");
    // A child may use its parent: that is no loop.
    assert!(!deps["followup::cache"].contains("followup"), "{deps:?}");
    assert!(deps.len() > 30, "{}", deps.len());
}

#[test]
fn the_calendar_file_sits_below_the_commands_and_above_the_ground_floor() {
    // `ics` (issue 14) writes what `people --ics` asks; it knows nothing of
    // the commands or of the people report, only the ground floor.
    let deps = dependencies();
    assert!(deps["commands::people"].contains("ics"), "{deps:?}");
    let uses: Vec<&String> = deps["ics"].iter().collect();
    assert_eq!(uses, ["error", "fs"], "{deps:?}");
}
