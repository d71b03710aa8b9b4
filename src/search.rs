//! Finding words again in what was said (`oneonone search`): a query of
//! words and `"phrases"`, each folded (case and accents gone, as
//! [`crate::slug::fold`] does, one character at a time so a match can be
//! shown where it was written); a note's lines from [`crate::said`]
//! (every line with `all`), grouped in their Markdown blocks. A block
//! matches when every word and phrase of the query is in it; a phrase's
//! words must follow each other (blanks and line breaks between them
//! count as one space).
//!
//! Speed: a note is parsed only if every word of the query may be in it,
//! which a byte search on its ASCII-lowercased text tells for notes whose
//! text is ASCII, and on the folded text of their lines that are not
//! (`cafe` is in `café` only once folded). The notes are read and
//! searched in parallel, as the follow-up scan reads them.

use std::ops::Range;
use std::path::Path;
use std::sync::atomic::Ordering;

use chrono::NaiveDate;

use crate::error::Error;
use crate::note::Note;
use crate::notebook::{NoteFile, NoteReader, Notebook};
use crate::said::{SaidLines, TemplateText};

/// What was asked: each term folded, a phrase's blanks made one space.
#[derive(Debug, Clone)]
pub struct Query {
    terms: Vec<String>,
    /// Each word of every term, for the pre-filter, when all are ASCII.
    words: Option<Vec<memchr::memmem::Finder<'static>>>,
}

impl Query {
    /// Reads a query: words, and phrases in double quotes (an unclosed
    /// quote runs to the end). `None` when it holds no word.
    #[must_use]
    pub fn parse(typed: &str) -> Option<Query> {
        let mut terms = Vec::new();
        for (i, part) in typed.split('"').enumerate() {
            if i % 2 == 1 {
                let phrase = fold(part);
                if !phrase.is_empty() {
                    terms.push(phrase);
                }
            } else {
                terms.extend(
                    fold(part)
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .map(String::from),
                );
            }
        }
        if terms.is_empty() {
            return None;
        }
        let words: Vec<&str> = terms.iter().flat_map(|t| t.split(' ')).collect();
        let words = words.iter().all(|w| w.is_ascii()).then(|| {
            words
                .iter()
                .map(|w| memchr::memmem::Finder::new(w.as_bytes()).into_owned())
                .collect()
        });
        Some(Query { terms, words })
    }

    /// False only when the note certainly does not hold every word.
    #[cfg(test)]
    fn may_match(&self, text: &str) -> bool {
        self.may_match_lowered(text, &text.as_bytes().to_ascii_lowercase())
    }

    /// [`Query::may_match`] given the text with its ASCII lowercased.
    fn may_match_lowered(&self, text: &str, lower: &[u8]) -> bool {
        let Some(words) = &self.words else {
            return true;
        };
        let mut folded_lines: Option<String> = None;
        words.iter().all(|finder| {
            if finder.find(lower).is_some() {
                return true;
            }
            if text.is_ascii() {
                return false;
            }
            // The lines with other characters, folded once for all words.
            let folded = folded_lines.get_or_insert_with(|| {
                text.lines()
                    .filter(|l| !l.is_ascii())
                    .map(fold)
                    .collect::<Vec<_>>()
                    .join("\n")
            });
            finder.find(folded.as_bytes()).is_some()
        })
    }

    /// Where each word is in a note, found once for the whole note (not
    /// block by block): for a query of words, no phrase, and a note all
    /// ASCII, where a word is found as written, ASCII case ignored (see
    /// [`Query::find`]). `lower` is the note's text with its ASCII
    /// lowercased; the offsets are in order, the matches not overlapping.
    /// They go in `positions` (a list per word, its lists reused); false
    /// when the note is not one for them.
    fn positions(&self, text: &str, lower: &[u8], positions: &mut Vec<Vec<usize>>) -> bool {
        let Some(words) = &self.words else {
            return false;
        };
        if self.terms.iter().any(|t| t.contains(' ')) || !text.is_ascii() {
            return false;
        }
        positions.resize_with(words.len(), Vec::new);
        for (word, at) in words.iter().zip(positions.iter_mut()) {
            at.clear();
            at.extend(word.find_iter(lower));
        }
        true
    }

    /// [`Query::find`] for a block whose lines are the ranges `lines` of a
    /// note (in order), given the [`Query::positions`] in the note of each
    /// word and, per word, how many of them are before this block (moved
    /// on past the block as it is read: blocks come in order, none
    /// overlapping the one before). What it finds goes to `found` as
    /// [`Query::find`]'s lines with marks, with their index in `lines`;
    /// false when the block does not match.
    ///
    /// The same marks as [`Query::find`] line by line because each range
    /// starts where its line does (`said` keeps whole lines, trailing
    /// blanks aside) and a folded word holds no line break: a match found
    /// over the whole note never starts before a line and ends in it. A
    /// range starting mid-line (a list marker left out, say) would break
    /// that (`aa` in `aaa` from its second byte).
    fn find_at(
        &self,
        positions: &[Vec<usize>],
        before: &mut [usize],
        lines: &[Range<usize>],
        found: &mut Marked,
    ) -> bool {
        let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
            return false;
        };
        debug_assert!(
            lines.is_sorted_by(|a, b| a.end <= b.start),
            "lines in order"
        );
        // Most blocks hold no word: told without a list.
        let mut all_in = true;
        for ((at, skip), term) in positions.iter().zip(before.iter_mut()).zip(&self.terms) {
            *skip += at[*skip..].partition_point(|&p| p < first.start);
            all_in &= at.get(*skip).is_some_and(|&p| p + term.len() <= last.end);
        }
        // A word between two lines of the block is in a line left out of
        // it: each word must be in one of them.
        let in_a_line = |at: &[usize], len: usize| {
            let mut lines = lines.iter().peekable();
            at.iter().take_while(|&&p| p < last.end).any(|&p| {
                while lines.next_if(|l| l.end < p + len).is_some() {}
                lines.peek().is_some_and(|l| l.start <= p)
            })
        };
        if !all_in
            || !positions
                .iter()
                .zip(before.iter())
                .zip(&self.terms)
                .all(|((at, skip), term)| in_a_line(&at[*skip..], term.len()))
        {
            return false;
        }
        // The words of this block are not needed again: `before` moves on.
        for (i, line) in lines.iter().enumerate() {
            let from = found.marks.len();
            for ((at, next), term) in positions.iter().zip(before.iter_mut()).zip(&self.terms) {
                *next += at[*next..].partition_point(|&p| p < line.start);
                for &p in at[*next..]
                    .iter()
                    .take_while(|&&p| p + term.len() <= line.end)
                {
                    found
                        .marks
                        .push(p - line.start..p - line.start + term.len());
                    *next += 1;
                }
            }
            merge_touching(&mut found.marks, from);
            if found.marks.len() > from {
                found.lines.push((i, from..found.marks.len()));
            }
        }
        true
    }

    /// Where the terms are in a block of lines: per line, the byte ranges
    /// to highlight; `None` unless every term is in the block.
    #[must_use]
    pub fn find(&self, lines: &[&str]) -> Option<Vec<Vec<Range<usize>>>> {
        let mut marks = vec![Vec::new(); lines.len()];
        if self.words.is_some()
            && self.terms.iter().all(|t| !t.contains(' '))
            && lines.iter().all(|l| l.is_ascii())
        {
            // ASCII folds to itself lowercased, byte for byte, and a word
            // cannot span a blank: found in each line as written, with no
            // folded copy to map back.
            for term in &self.terms {
                let mut found = false;
                for (line, marks) in lines.iter().zip(&mut marks) {
                    for at in ascii_matches(line.as_bytes(), term.as_bytes()) {
                        found = true;
                        marks.push(at..at + term.len());
                    }
                }
                if !found {
                    return None;
                }
            }
            return Some(merged(marks));
        }
        let (folded, map) = fold_mapped(lines);
        for term in &self.terms {
            let mut found = false;
            for (at, _) in folded.match_indices(term.as_str()) {
                found = true;
                let end = at + term.len();
                // Each line's part of the match (a phrase may span lines).
                let mut i = at;
                while i < end {
                    let (line, from, _) = map[i];
                    let mut j = i;
                    while j + 1 < end && map[j + 1].0 == line {
                        j += 1;
                    }
                    marks[line].push(from..map[j].2);
                    i = j + 1;
                }
            }
            if !found {
                return None;
            }
        }
        Some(merged(marks))
    }
}

/// Each line's ranges in order, those that touch made one.
fn merged(mut marks: Vec<Vec<Range<usize>>>) -> Vec<Vec<Range<usize>>> {
    for m in &mut marks {
        merge_touching(m, 0);
    }
    marks
}

/// The ranges of `marks` from `from` on (one line's) in order, those that
/// touch made one, in place.
fn merge_touching(marks: &mut Vec<Range<usize>>, from: usize) {
    let line = &mut marks[from..];
    if line.len() < 2 {
        return;
    }
    line.sort_unstable_by_key(|r| r.start);
    let mut kept = 0;
    for i in 1..line.len() {
        if line[i].start <= line[kept].end {
            line[kept].end = line[kept].end.max(line[i].end);
        } else {
            kept += 1;
            line[kept] = line[i].clone();
        }
    }
    marks.truncate(from + kept + 1);
}

/// Matching lines, each with its marks: an index (in the block or the
/// note), and the range of its marks in `marks`; one list of marks for
/// the whole note.
#[derive(Debug, Default)]
struct Marked {
    lines: Vec<(usize, Range<usize>)>,
    marks: Vec<Range<usize>>,
}

/// Where the lowercase ASCII `word` is in `line`, ignoring ASCII case,
/// the matches not overlapping (as [`str::match_indices`] finds them).
fn ascii_matches<'a>(line: &'a [u8], word: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    let first = word.first().copied().unwrap_or(0);
    let mut at = 0;
    std::iter::from_fn(move || {
        while at + word.len() <= line.len() {
            let i = at + memchr::memchr2(first, first.to_ascii_uppercase(), &line[at..])?;
            if line.get(i..i + word.len())?.eq_ignore_ascii_case(word) {
                at = i + word.len();
                return Some(i);
            }
            at = i + 1;
        }
        None
    })
}

/// Text folded as [`crate::slug::fold`] does it (case and accents gone),
/// with every run of blanks made one space, trimmed.
#[must_use]
pub fn fold(text: &str) -> String {
    fold_mapped(&[text]).0
}

/// Folds lines joined by a blank; each byte of the result knows the line
/// it comes from and the range of the character it comes from there
/// (line, start, end). Blanks that end a run fold to nothing.
fn fold_mapped(lines: &[&str]) -> (String, Vec<(usize, usize, usize)>) {
    let mut folded = String::new();
    let mut map = Vec::new();
    let mut blank = false;
    let mut buf = [0u8; 4];
    for (n, line) in lines.iter().enumerate() {
        blank |= n > 0;
        for (at, c) in line.char_indices() {
            // Most text is ASCII: one byte in, one byte out.
            if c.is_ascii() && !c.is_ascii_whitespace() {
                if blank && !folded.is_empty() {
                    folded.push(' ');
                    map.push((n, at, at));
                }
                blank = false;
                folded.push(c.to_ascii_lowercase());
                map.push((n, at, at + 1));
                continue;
            }
            let end = at + c.len_utf8();
            let piece: &str = if c.is_ascii() {
                c.to_ascii_lowercase().encode_utf8(&mut buf)
            } else {
                deunicode::deunicode_char(c).unwrap_or_else(|| c.encode_utf8(&mut buf))
            };
            for p in piece.chars() {
                if p.is_whitespace() {
                    blank = true;
                    continue;
                }
                if blank && !folded.is_empty() {
                    folded.push(' ');
                    map.push((n, at, at));
                }
                blank = false;
                let before = folded.len();
                folded.extend(p.to_lowercase());
                map.extend(std::iter::repeat_n((n, at, end), folded.len() - before));
            }
        }
    }
    (folded, map)
}

/// Which notes and lines to search besides the query.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Only lines under this `##` section (folded).
    pub section: Option<String>,
    /// Only notes with this tag (folded), in the frontmatter or inline; a
    /// nested tag (`team/infra`) has its parent's (`team`).
    pub tag: Option<String>,
    /// Every line, the template's too.
    pub all: bool,
}

/// The matching lines of one note, as places in its text.
#[derive(Debug)]
pub struct NoteHits<'t> {
    text: &'t str,
    said: SaidLines,
    /// Each matching line, by its index in `said`'s lines, with the byte
    /// ranges of it to highlight.
    hits: Marked,
}

/// A line that matched.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    /// Its 1-based line number in the note.
    pub line: usize,
    /// The `##` section it is under.
    pub section: Option<&'a str>,
    /// The line as written, without its line break and trailing blanks.
    pub text: &'a str,
    /// The byte ranges of `text` to highlight, in order, not touching.
    pub marks: &'a [Range<usize>],
}

impl NoteHits<'_> {
    /// Whether no line matched.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.hits.lines.is_empty()
    }

    /// The matching lines, in order.
    pub fn iter(&self) -> impl Iterator<Item = Hit<'_>> {
        self.hits.lines.iter().map(|(i, marks)| {
            let line = &self.said.lines[*i];
            Hit {
                line: line.line,
                section: self.said.section(line),
                text: &self.text[line.text.clone()],
                marks: &self.hits.marks[marks.clone()],
            }
        })
    }
}

/// Lists [`search_note`] reuses from note to note (on one thread).
#[derive(Debug, Default)]
struct Scratch {
    /// The note's text with its ASCII lowercased.
    lower: Vec<u8>,
    /// [`Query::positions`].
    positions: Vec<Vec<usize>>,
    /// Per word, how many of its positions are before the block read.
    before: Vec<usize>,
    /// A block's lines, as ranges of the note's text.
    ranges: Vec<Range<usize>>,
}

impl Scratch {
    /// Lets go of what one large note made grow, not kept for the rest
    /// of the scan.
    fn shrink(&mut self) {
        if self.lower.capacity() > KEEP_BUFFER {
            self.lower = Vec::new();
        }
        if self.positions.iter().map(Vec::capacity).sum::<usize>() > KEEP_BUFFER / 8 {
            self.positions = Vec::new();
        }
    }
}

/// The matching lines of one note, in order.
fn search_note<'t>(
    text: &'t str,
    date: Option<NaiveDate>,
    (template, query, filters): (&TemplateText, &Query, &Filters),
    scratch: &mut Scratch,
) -> NoteHits<'t> {
    let mut found = NoteHits {
        text,
        said: SaidLines::default(),
        hits: Marked::default(),
    };
    let Scratch {
        lower,
        positions,
        before,
        ranges,
    } = scratch;
    lower.clear();
    lower.extend(text.bytes().map(|b| b.to_ascii_lowercase()));
    let lower = &lower[..];
    if !query.may_match_lowered(text, lower) {
        return found;
    }
    if let Some(tag) = &filters.tag
        && !has_tag(text, tag)
    {
        return found;
    }
    let said = if filters.all {
        crate::said::every_line_lines(text)
    } else {
        // Code is searched with --all only, and so is the line of a
        // suggested question someone answered: the template wrote it.
        let mut said = crate::said::said_lines(text, date, template);
        said.lines.retain(|l| !l.code && !l.asked);
        said
    };
    // Whether each section is the one asked for, folded once.
    let sections: Option<Vec<bool>> = filters
        .section
        .as_ref()
        .map(|wanted| said.sections.iter().map(|s| fold(s) == *wanted).collect());
    // Where the words are, for most notes, found once.
    let positions = query
        .positions(text, lower, positions)
        .then_some(&positions[..]);
    before.clear();
    before.resize(positions.map_or(0, <[_]>::len), 0);
    // One list of a block's lines, reused from block to block.
    let mut texts: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(first) = said.lines.get(at) {
        let len = said.lines[at..]
            .iter()
            .take_while(|s| s.block == first.block)
            .count();
        let block = &said.lines[at..at + len];
        let first_index = at;
        at += len;
        if let Some(sections) = &sections
            && first.section.is_none_or(|i| !sections[i])
        {
            continue;
        }
        if let Some(positions) = positions {
            ranges.clear();
            ranges.extend(block.iter().map(|s| s.text.clone()));
            let from = found.hits.lines.len();
            if query.find_at(positions, before, ranges, &mut found.hits) {
                for (i, _) in &mut found.hits.lines[from..] {
                    *i += first_index;
                }
            }
            continue;
        }
        // Folding with the map back is the dear part: only for a block
        // that may match (its lines are one span of the note's text, the
        // lines left out between them included: a may, not a must).
        let last = &block[block.len() - 1];
        let span = first.text.start..last.text.end;
        if !query.may_match_lowered(&text[span.clone()], &lower[span]) {
            continue;
        }
        texts.clear();
        texts.extend(block.iter().map(|s| &text[s.text.clone()]));
        if let Some(marks) = query.find(&texts) {
            for (i, marks) in marks.into_iter().enumerate() {
                if !marks.is_empty() {
                    let from = found.hits.marks.len();
                    found.hits.marks.extend(marks);
                    let to = found.hits.marks.len();
                    found.hits.lines.push((first_index + i, from..to));
                }
            }
        }
    }
    found.said = said;
    found
}

/// Whether the note has the tag (folded), in its frontmatter or inline.
fn has_tag(text: &str, tag: &str) -> bool {
    let note = Note::split(text);
    let is = |t: &str| {
        let t = fold(t.trim_start_matches('#'));
        t == tag
            || t.strip_prefix(tag)
                .is_some_and(|rest| rest.starts_with('/'))
    };
    let fm = note.frontmatter_lenient(Path::new("")).0;
    fm.tags.iter().any(|t| is(t))
        || crate::said::inline_tags(text, fm.date)
            .iter()
            .any(|t| is(t))
}

/// One note to search: its file and date.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// The file.
    pub file: NoteFile,
    /// The meeting's date, from its name.
    pub date: NaiveDate,
}

/// What [`scan`] hands each note with hits to: the note, and its rendered
/// hits or why it could not be read.
pub type Found<'f, R> = dyn FnMut(&Candidate, Result<R, Error>) -> crate::error::Result<()> + 'f;

/// What became of each note of a batch (its first index): nothing, its
/// rendered hits, or an error.
type Done<R> = (usize, Vec<(Candidate, Option<Result<R, Error>>)>);

/// A buffer grown past this by one large note is let go after it, not
/// kept for the rest of the scan.
const KEEP_BUFFER: usize = 1 << 20;

/// Notes a thread takes at once: neither the counter nor the channel is
/// touched for every note.
const BATCH: usize = 32;

/// Batches done and not yet handed over, per thread, before the threads
/// wait: what is held stays small however slowly the output is read.
const AHEAD: usize = 4;

/// Searches the notes in parallel and hands what `render` makes of each
/// note's hits (on the thread that found them: a common word matches
/// hundreds of thousands of lines, and formatting them is work too) to
/// `found` with the note, in the order of `notes`, as soon as the notes
/// before it are done: nothing waits for the whole notebook, and a thread
/// that gets [`AHEAD`] batches ahead of `found` (a slow pipe) waits.
/// `notes` is read on the calling thread while the others search (listing
/// hundreds of folders is work too). Notes without hits are left out; a
/// note that cannot be read is handed over as its error, in the same
/// order.
///
/// # Errors
/// What `found` returns: the scan stops at its first error.
pub fn scan<R: Send>(
    notebook: &Notebook,
    notes: impl Iterator<Item = Candidate>,
    (template, query, filters): (&TemplateText, &Query, &Filters),
    render: &(dyn Fn(&Candidate, &NoteHits<'_>) -> R + Sync),
    found: &mut Found<'_, R>,
) -> crate::error::Result<()> {
    let stop = std::sync::atomic::AtomicBool::new(false);
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    // Batches to search (their first index), handed out as they are
    // listed; never full, so listing never waits for the searching.
    let (to_do, batches) = std::sync::mpsc::channel::<(usize, Vec<Candidate>)>();
    let batches = std::sync::Mutex::new(batches);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Done<R>>(AHEAD * threads);
    let work = |tx: std::sync::mpsc::SyncSender<Done<R>>| {
        let mut notes_read = NoteReader::new(notebook);
        // A note's bytes and what reading it takes, in buffers reused
        // from note to note.
        let (mut bytes, mut scratch) = (Vec::new(), Scratch::default());
        loop {
            let next = batches.lock().ok().and_then(|batches| batches.recv().ok());
            let Some((first, batch)) = next else { break };
            if stop.load(Ordering::Relaxed) {
                break;
            }
            // Each note goes back with what became of it: the caller
            // keeps no list of its own.
            let done = batch
                .into_iter()
                .map(|note| {
                    let done = match notes_read.read_into(&note.file, &mut bytes) {
                        Ok(text) => {
                            let hits = search_note(
                                text,
                                Some(note.date),
                                (template, query, filters),
                                &mut scratch,
                            );
                            (!hits.is_empty()).then(|| Ok(render(&note, &hits)))
                        }
                        Err(e) => Some(Err(e)),
                    };
                    if bytes.capacity() > KEEP_BUFFER {
                        bytes = Vec::new();
                    }
                    scratch.shrink();
                    (note, done)
                })
                .collect();
            if tx.send((first, done)).is_err() {
                break;
            }
        }
    };
    std::thread::scope(|s| {
        for _ in 0..threads {
            let tx = tx.clone();
            let work = &work;
            s.spawn(move || work(tx));
        }
        drop(tx);
        // The notes done out of order, waiting for those before them.
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        let mut result = Ok(());
        let mut hand_over = |(first, done): Done<R>| {
            waiting.insert(first, done);
            while let Some(batch) = waiting.remove(&due) {
                for (note, done) in batch {
                    if let Some(done) = done
                        && result.is_ok()
                        && let Err(e) = found(&note, done)
                    {
                        stop.store(true, Ordering::Relaxed);
                        result = Err(e);
                    }
                    due += 1;
                }
            }
        };
        let mut listed = 0;
        let mut batch = Vec::with_capacity(BATCH);
        for note in notes {
            batch.push(note);
            listed += 1;
            if batch.len() == BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                if to_do.send((listed - BATCH, full)).is_err() || stop.load(Ordering::Relaxed) {
                    break;
                }
                // What is done meanwhile goes out meanwhile.
                while let Ok(done) = rx.try_recv() {
                    hand_over(done);
                }
            }
        }
        if !batch.is_empty() {
            let _ = to_do.send((listed - batch.len(), batch));
        }
        drop(to_do);
        for done in rx {
            hand_over(done);
        }
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(query: &str, lines: &[&str]) -> Option<Vec<Vec<Range<usize>>>> {
        Query::parse(query).unwrap().find(lines)
    }

    #[test]
    fn folds_case_and_accents_and_shows_where_it_was_written() {
        assert_eq!(marks("cafe", &["Le Café!"]), Some(vec![vec![3..8]]));
        assert_eq!(marks("CHLOE", &["chloé"]), Some(vec![vec![0..6]]));
        assert_eq!(marks("café", &["CAFE"]), Some(vec![vec![0..4]]));
        // ASCII lines, found as written: matches that touch are one mark.
        assert_eq!(
            marks("ab", &["abab AB", "xaB", "a b"]),
            Some(vec![vec![0..4, 5..7], vec![1..3], vec![]])
        );
        assert_eq!(marks("ab", &["a b"]), None);
    }

    #[test]
    fn every_word_in_the_block_and_a_phrase_as_written() {
        assert_eq!(
            marks("call on", &["on-call is", "heavy"]),
            Some(vec![vec![0..2, 3..7], vec![]])
        );
        assert_eq!(marks("\"on call\"", &["on-call"]), None);
        assert_eq!(
            marks("\"is  Heavy\"", &["on-call is", "heavy"]),
            Some(vec![vec![8..10], vec![0..5]])
        );
        assert_eq!(marks("on missing", &["on"]), None);
        assert!(Query::parse(" \"\" ").is_none());
    }

    #[test]
    fn words_found_once_per_note_are_marked_as_block_by_block() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(15);
        let queries = ["ab", "a", "ba b", "AB aa", "bab ab", "x"];
        for _ in 0..2000 {
            let lines: Vec<String> = (0..rng.random_range(1..8))
                .map(|_| {
                    (0..rng.random_range(0..12))
                        .map(|_| ['a', 'A', 'b', 'B', ' ', 'x'][rng.random_range(0..6)])
                        .collect()
                })
                .collect();
            let text = lines.join("\n");
            let lower = text.to_ascii_lowercase();
            // Each line's range, trailing blanks left out, as `said` has it.
            let mut start = 0;
            let ranges: Vec<Range<usize>> = lines
                .iter()
                .map(|l| {
                    let range = start..start + l.trim_end().len();
                    start += l.len() + 1;
                    range
                })
                .collect();
            let query = Query::parse(queries[rng.random_range(0..queries.len())]).unwrap();
            let mut positions = Vec::new();
            assert!(query.positions(&text, lower.as_bytes(), &mut positions));
            let mut before = vec![0; positions.len()];
            // Blocks in order, some lines left out between and in them.
            let mut i = 0;
            while i < ranges.len() {
                let len = rng.random_range(1..=ranges.len() - i);
                let kept: Vec<usize> = (i..i + len)
                    .filter(|&j| j == i || rng.random_bool(0.7))
                    .collect();
                i += len;
                let block: Vec<Range<usize>> = kept.iter().map(|&j| ranges[j].clone()).collect();
                let texts: Vec<&str> = block.iter().map(|r| &text[r.clone()]).collect();
                let mut found = Marked::default();
                let matched = query.find_at(&positions, &mut before, &block, &mut found);
                let mut marks = vec![Vec::new(); block.len()];
                for (i, range) in found.lines {
                    marks[i] = found.marks[range].to_vec();
                }
                assert_eq!(
                    matched.then_some(marks),
                    query.find(&texts),
                    "{text:?} {block:?} {query:?}"
                );
            }
        }
    }

    #[test]
    fn the_pre_filter_never_drops_a_folded_match() {
        let q = Query::parse("cafe chloe").unwrap();
        assert!(q.may_match("A CAFÉ with\nChloé"));
        assert!(!q.may_match("A cafe with Zoe"));
        assert!(!q.may_match("A café with Zoé"));
    }
}
