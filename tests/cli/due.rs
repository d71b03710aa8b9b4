//! `oneonone due` (issue 14): who is due a 1:1 within some days, soonest
//! first, and an exit status a shell prompt or a cron job can use.

use crate::Test;

/// Five people on 2026-11-29 (cadence 14 days): Chloé overdue by 14 days,
/// Alice by 5, Eve's next note ready for 12-03, Bob due 12-04, Dan never
/// met (only a talking point), Fay due in three weeks.
fn team() -> Test {
    let t = Test::new();
    let note = |rel: &str, name: &str, date: &str| {
        t.write(rel, format!("---\nperson: {name}\ndate: {date}\n---\n"));
    };
    note("alice-smith/2026-11-10.md", "Alice Smith", "2026-11-10");
    note("bob/2026-11-20.md", "Bob", "2026-11-20");
    note("chloe-dubois/2026-11-01.md", "Chloé Dubois", "2026-11-01");
    note("eve/2026-11-25.md", "Eve", "2026-11-25");
    note("eve/2026-12-03.md", "Eve", "2026-12-03");
    note("fay/2026-11-28.md", "Fay", "2026-11-28");
    t.write("fay/person.yaml", "name: Fay\ncadence_days: 21\n");
    t.write("dan-lee/agenda.md", "- [ ] First point\n");
    t
}

#[test]
fn issue14_due_lists_who_is_due_soonest_first_and_exits_1_when_one_is_overdue() {
    let t = team();
    t.run(&["--today", "2026-11-29", "due"])
        .status(1)
        .stderr("")
        .stdout(
            "Chloé Dubois  overdue 14 days (due 2026-11-15)\n\
             Alice Smith   overdue 5 days (due 2026-11-24)\n\
             dan-lee       first 1:1 to hold\n\
             Eve           2026-12-03, in 4 days, note ready\n\
             Bob           due 2026-12-04, in 5 days\n",
        );
    // Nobody overdue: exit 0.
    t.run(&["--today", "2026-11-12", "due", "--within", "3"])
        .ok()
        .stdout(
            "dan-lee       first 1:1 to hold\n\
             Chloé Dubois  due 2026-11-15, in 3 days\n",
        );
    // With nobody at all due, the next one is named.
    t.write("dan-lee/2026-11-27.md", "---\nperson: Dan Lee\n---\n");
    t.run(&["--today", "2026-11-12", "due", "--within", "2"])
        .ok()
        .stdout("")
        .stderr("oneonone: no 1:1 due within 2 days; the next: Chloé Dubois on 2026-11-15\n");
    // Three weeks ahead, Fay's turn comes too.
    let run = t
        .run(&["--today", "2026-11-29", "due", "--within", "21"])
        .status(1);
    assert!(
        run.stdout
            .ends_with("Fay           due 2026-12-19, in 20 days\n"),
        "{}",
        run.stdout
    );
}
