//! End-to-end tests of `oneonone questions` and the question bank: the
//! notebook's bank merged with the built-in one, broken bank files named.

use crate::Test;

#[test]
fn broken_bank_file_names_its_line() {
    let t = Test::new();
    t.write(
        "question-bank/mine.yaml",
        "questions:\n  listen:\n    - fine?\n    - [unclosed\n",
    );
    t.run(&["new", "Alice"]).status(2).stderr("oneonone: error: question-bank/mine.yaml:4:7: questions.listen[1]: invalid type: sequence, \
         expected a question: a string, or a map with `text` and `tags`\n");
    assert!(!t.path("alice").exists());
    t.write(
        "question-bank/mine.yaml",
        "questions:\n  listen:\n    - fine?\n  \tbad: tab\n",
    );
    let run = t.run(&["new", "Alice"]).status(2);
    assert!(
        run.stderr
            .starts_with("oneonone: error: question-bank/mine.yaml:4:"),
        "{}",
        run.stderr
    );
}

#[test]
fn notebook_bank_is_merged_with_the_built_in_one() {
    let t = Test::new();
    t.write(
        "question-bank/team.yaml",
        "questions:\n  listen:\n    - How was the on-call week?\n  retro:\n    - text: What surprised you?\n      tags: [growth]\n",
    );
    let run = t.run(&["questions", "--all", "--color", "never"]).ok();
    assert!(
        run.stdout
            .starts_with("listen (26)\n  What's on your mind this week?  [opener]\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("  How was the on-call week?\n"));
    assert!(
        run.stdout
            .contains("\nretro (1)\n  What surprised you?  [growth]\n"),
        "{}",
        run.stdout
    );
    t.run(&["questions", "--section", "Retro"])
        .ok()
        .stdout("What surprised you?\n");
}

#[test]
fn questions_are_picked_per_section() {
    let t = Test::new();
    let run = t
        .run(&["questions", "--section", "lift", "-n", "3", "--seed", "5"])
        .ok();
    let all = t
        .run(&[
            "questions",
            "--all",
            "--section",
            "lift",
            "--color",
            "never",
        ])
        .ok()
        .stdout;
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3);
    for line in &lines {
        assert!(
            all.lines().any(|l| l.trim_start().starts_with(line)),
            "{line} not in lift"
        );
    }
    let again = t
        .run(&["questions", "--section", "lift", "-n", "3", "--seed", "5"])
        .ok();
    assert_eq!(run.stdout, again.stdout);

    let run = t
        .run(&["questions", "--seed", "1", "--color", "never"])
        .ok();
    let sections: Vec<&str> = run
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    assert_eq!(sections, ["listen", "learn", "lift"]);

    t.run(&["questions", "--section", "nope"]).status(2).stderr("oneonone: error: no question section \"nope\"\n  hint: sections: clouds, continue, learn, lift, listen, rainbows, start, stop\n");
}

#[test]
fn an_alias_bomb_in_a_bank_file_is_an_error_at_once() {
    let t = Test::new();
    let mut bomb = String::from("questions:\n  listen:\n    - &a [x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h"])
    {
        bomb.push_str(&format!(
            "    - &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    t.write("question-bank/bomb.yaml", bomb);
    let started = std::time::Instant::now();
    let run = t.run(&["questions"]).status(2);
    assert!(started.elapsed().as_secs() < 10);
    assert!(
        run.stderr
            .starts_with("oneonone: error: question-bank/bomb.yaml:"),
        "{}",
        run.stderr
    );
}
