//! The line renderings: the crawler's text form (cells glued), pipe tables with or without the
//! leading pipe, the mixed form (captions glued to header rows), and samples-only pages. They
//! share one reader because a page can mix them line by line; each line is classified by content.

use crate::diag::Diagnostics;
use crate::facts::{EnumMemberFact, LineUse, Located, PageFacts, Rendering, RowFact, TableFact, TableKind};
use crate::read::dto_code;
use crate::read::enum_rows::{
    EnumRows, is_enum_header, is_enum_row, split_glued_member, split_member, split_valued_member,
};
use crate::read::samples::{read_samples, request_line};
use crate::read::text::is_identifier;
use crate::read::text::truncate;
use crate::read::vocab::{self, RowCells};
use crate::type_grammar::TypeRef;

const BACK_LINK: &str = "<back to all web services";
const ROUTES_CAPTION: &str = "The following routes are available for this service:";
const HEADER_CELLS: &str = "NameParameterDataTypeRequiredDescription";
/// Lines not understood that are listed one by one; a binary or garbage page has hundreds of
/// thousands, and the rest are only counted so that the page's other diagnostics stay readable.
const MAX_NOT_UNDERSTOOD: usize = 20;

/// Auth lines: prefix, and whether it lists roles (else permissions).
const AUTH_PREFIXES: &[(&str, bool)] = &[
    ("Requires any of the roles:", true),
    ("Requires the role:", true),
    ("Required roles:", true),
    ("Required role:", true),
    ("Requires any of the permissions:", false),
    ("Requires the permission:", false),
    ("Required permissions:", false),
    ("Required permission:", false),
];

fn starts_samples(line: &str) -> bool {
    let t = line.trim();
    t.starts_with("To override the Content-type")
        || t.starts_with("To embed the response")
        || t.starts_with("The following are sample HTTP")
        || t.starts_with("HTTP + ")
        || t.starts_with("HTTP/1.")
        || request_line(t).is_some()
}

/// Reads a page in any line rendering.
pub fn read_lines(file: &str, text: &str, diags: &mut Diagnostics) -> PageFacts {
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    let samples_at = lines.iter().position(|(_, l)| starts_samples(l)).unwrap_or(lines.len());
    let (head, tail) = lines.split_at(samples_at);

    let mut facts = PageFacts { file: file.to_string(), ..PageFacts::default() };
    // The lines are the page's own, numbered as they come: a body's lines never pass its end.
    let (request, response) = read_samples(file, tail, usize::MAX, diags);
    facts.request_sample = request;
    facts.response_sample = response;

    let known_paths: Vec<String> = facts.request_sample.iter().filter_map(|s| s.path.clone()).collect();
    let sample_names = sample_keys(&facts);
    let mut reader = HeadReader {
        file,
        facts,
        diags,
        known_paths,
        sample_names,
        other_words: vocab::OtherWords::default(),
        pipes: false,
        glued: false,
        enum_rows: EnumRows::default(),
        enum_values: false,
    };
    reader.read(head);
    reader.say_other_words();
    let HeadReader { mut facts, pipes, glued, .. } = reader;
    account_samples(file, tail, &mut facts, diags);
    warn_if_cut(file, &lines, tail.is_empty(), &facts, diags);
    facts.rendering = if pipes {
        Rendering::Tables
    } else if glued || facts.operation.is_some() || !facts.tables.is_empty() || !facts.routes.is_empty() {
        Rendering::Text
    } else if facts.request_sample.is_some() || facts.response_sample.is_some() {
        Rendering::SamplesOnly
    } else {
        Rendering::Empty
    };
    facts
}

/// The call-info text between the tables and the samples, in every wording ServiceStack has used.
const CALL_INFO: &[&str] = &[
    "To override the Content-type in your clients",
    "To embed the response in a jsonp callback",
    "HTTP + ",
    "The following are sample HTTP requests and responses",
    "The placeholders shown need to be replaced with actual values",
];

/// Marks how the samples' lines were used: the request and status lines and the bodies are
/// facts, headers and the call-info text furniture; any other line before the request is said.
fn account_samples(file: &str, tail: &[(usize, &str)], facts: &mut PageFacts, diags: &mut Diagnostics) {
    let request = facts.request_sample.as_ref().map(|s| (s.line, s.body.as_ref().map(|b| b.line)));
    let response = facts.response_sample.as_ref().map(|s| (s.line, s.body.as_ref().map(|b| b.line)));
    let first_sample = request.or(response).map_or(usize::MAX, |(line, _)| line);
    let status = response.map_or(usize::MAX, |(line, _)| line);
    let in_body = |n: usize| {
        request.and_then(|(_, b)| b).is_some_and(|b| n >= b && n < status)
            || response.and_then(|(_, b)| b).is_some_and(|b| n >= b)
    };
    let mut unread = 0usize;
    for &(n, raw) in tail {
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let how = if n == first_sample
            || n == status
            || in_body(n)
            || t.starts_with("HTTP/1.")
            || request_line(t).is_some()
        {
            LineUse::Fact
        } else if ["Host:", "Accept:", "Content-Type:", "Content-Length:"].iter().any(|h| t.starts_with(h))
            // (or a page cut inside one: `The following are sample HTTP requests and`)
            || CALL_INFO.iter().any(|c| t.starts_with(c) || (t.len() >= 12 && c.starts_with(t)))
        {
            LineUse::Furniture
        } else {
            unread += 1;
            if unread <= MAX_NOT_UNDERSTOOD {
                diags.warn(
                    file,
                    n,
                    format!(
                        "this line of the samples section was not understood and was skipped: `{}`",
                        truncate(t, 120)
                    ),
                );
                continue;
            }
            LineUse::Said
        };
        facts.line_uses.push((n, how));
    }
    if unread > MAX_NOT_UNDERSTOOD {
        let last = tail.last().map_or(0, |(n, _)| *n);
        diags.warn(
            file,
            last,
            format!(
                "{} more lines of the samples section were not understood and were skipped",
                unread - MAX_NOT_UNDERSTOOD
            ),
        );
    }
}

/// Pages cut by a crawler end early; say where, since everything after that line is missing.
fn warn_if_cut(file: &str, lines: &[(usize, &str)], no_samples: bool, facts: &PageFacts, diags: &mut Diagnostics) {
    let Some(&(last, text)) = lines.iter().rev().find(|(_, l)| !l.trim().is_empty()) else { return };
    let has_head = facts.operation.is_some() || !facts.tables.is_empty() || !facts.routes.is_empty();
    let cut = if no_samples && has_head {
        "before its HTTP samples"
    } else if !no_samples && facts.request_sample.is_none() && facts.response_sample.is_none() {
        "before its sample request"
    } else if facts.request_sample.is_some() && facts.response_sample.is_none() {
        "before its sample response"
    } else {
        return;
    };
    diags.warn(
        file,
        last,
        format!(
            "the page ends here ({cut}) at `{}`; it looks cut off, so anything after this line is missing",
            truncate(text.trim(), 60)
        ),
    );
}

/// Every key of the page's samples, at any depth (names a glued row may start with).
fn sample_keys(facts: &PageFacts) -> Vec<String> {
    let mut names = std::collections::BTreeSet::new();
    let mut stack: Vec<&crate::facts::SampleValue> = [&facts.request_sample, &facts.response_sample]
        .into_iter()
        .flatten()
        .filter_map(|s| s.body.as_ref())
        .map(|b| &b.value)
        .collect();
    while let Some(value) = stack.pop() {
        match value {
            crate::facts::SampleValue::Object(o) => {
                for (k, v) in &o.entries {
                    names.insert(k.clone());
                    stack.push(v);
                }
            }
            crate::facts::SampleValue::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    // Longest first: `OrderIdmodel` starts with `OrderId` before `Order`.
    let mut names: Vec<String> = names.into_iter().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names
}

struct HeadReader<'a> {
    file: &'a str,
    facts: PageFacts,
    diags: &'a mut Diagnostics,
    known_paths: Vec<String>,
    sample_names: Vec<String>,
    other_words: vocab::OtherWords,
    pipes: bool,
    glued: bool,
    enum_rows: EnumRows,
    /// The current enum table has a `Name | Value` header: its members carry values.
    enum_values: bool,
}

impl HeadReader<'_> {
    fn read(&mut self, lines: &[(usize, &str)]) {
        // A set: glued rows ask it for every candidate type, and pages can hold thousands of tables.
        let captions: std::collections::HashSet<String> =
            lines.iter().filter_map(|(_, l)| caption_of(l.trim()).map(|(name, _, _)| name.to_string())).collect();
        let defined = |name: &str| captions.contains(name);

        let mut i = 0;
        let mut expect_operation = false;
        let mut plain: Vec<(usize, &str)> = Vec::new();
        while i < lines.len() {
            let (number, raw) = lines[i];
            let line = raw.trim();
            i += 1;
            if is_separator(line) {
                self.separator_after_member(number);
                self.used(number, LineUse::Furniture);
                continue;
            }
            if line.is_empty() {
                continue;
            }
            if line == BACK_LINK {
                if let Some((service_line, service)) = plain.pop() {
                    self.facts.service = Some(service.to_string());
                    self.used(service_line, LineUse::Fact);
                }
                expect_operation = true;
                self.used(number, LineUse::Furniture);
                continue;
            }
            if expect_operation {
                expect_operation = false;
                self.facts.operation = Some(Located { value: line.to_string(), line: number });
                self.used(number, LineUse::Fact);
                continue;
            }
            if line == "Requires Authentication" {
                self.facts.requires_auth = true;
                self.used(number, LineUse::Fact);
                continue;
            }
            if self.auth_line(line) {
                self.used(number, LineUse::Fact);
                continue;
            }
            if let Some(rest) = line.strip_prefix(ROUTES_CAPTION) {
                let rest = rest.trim();
                if rest.is_empty() || self.route_line(rest, number) {
                    self.used(number, LineUse::Furniture);
                } else {
                    self.diags.warn(
                        self.file,
                        number,
                        format!(
                            "the text after the routes caption is not a route and was skipped: `{}`",
                            truncate(rest, 120)
                        ),
                    );
                }
                continue;
            }
            if let Some((name, kind, rest)) = caption_of(line) {
                self.used(number, LineUse::Fact);
                let caption = if is_primitive_name(name) {
                    // `string Parameters:` cannot caption a type of the API: the type would
                    // shadow the built-in one. Read the rows, but as a table without a name.
                    self.diags.warn(
                        self.file,
                        number,
                        format!(
                            "`{}` is a built-in type, not a type of this API, so it cannot caption a table; the table is read as one without a caption",
                            truncate(name, 120)
                        ),
                    );
                    None
                } else {
                    Some(name.to_string())
                };
                self.start_table(kind, caption, number);
                let rest = rest.trim();
                if kind == TableKind::Enum && is_enum_header(rest) {
                    self.enum_values = true;
                } else if !rest.is_empty() && !is_header(rest) {
                    self.table_line(rest, number, &defined);
                }
                continue;
            }
            if is_enum_header(line) {
                // `Name | Value |`: the enum's members carry values (ServiceStack shows the header
                // only then); without it the second cell is the member's description.
                self.pipes |= line.contains('|');
                if self.facts.tables.last().is_none_or(|t| t.kind != TableKind::Enum || !t.members.is_empty()) {
                    self.start_table(TableKind::Enum, None, number);
                }
                self.enum_values = true;
                self.used(number, LineUse::Furniture);
                continue;
            }
            if is_header(line) {
                self.used(number, LineUse::Furniture);
                self.pipes |= line.contains('|');
                let fresh = self.facts.tables.last().is_some_and(|t| t.rows.is_empty() && t.caption.is_some());
                if !fresh {
                    self.start_table(TableKind::Params, None, number);
                }
                continue;
            }
            if dto_code::starts_code_block(line) {
                let end =
                    lines[i..].iter().position(|(_, l)| is_code_link_line(l.trim())).map_or(lines.len(), |p| i + p + 1);
                let block = &lines[i - 1..end];
                let code = dto_code::read_code(self.file, block, self.diags);
                self.facts.code.extend(code);
                // A block in a known language is read as DTO code, line by line (its readers say
                // the declarations they cannot read); one in no known language is skipped whole,
                // said once at its first line.
                let how = if dto_code::language_known(block) { LineUse::Fact } else { LineUse::Said };
                for &(n, _) in block {
                    self.used(n, how);
                }
                i = end;
                continue;
            }
            if self.route_line(line, number) {
                self.used(number, LineUse::Fact);
                continue;
            }
            if !self.facts.tables.is_empty() {
                self.table_line(line, number, &defined);
                continue;
            }
            if self.facts.operation.is_some() && self.facts.routes.is_empty() {
                if is_identifier(line) {
                    self.facts.tags.push(line.to_string());
                } else {
                    // A description over several lines keeps them all.
                    self.facts.description = Some(match self.facts.description.take() {
                        Some(before) => format!("{before} {line}"),
                        None => line.to_string(),
                    });
                }
                self.used(number, LineUse::Fact);
                continue;
            }
            plain.push((number, line));
        }
        self.warn_if_empty_enum();
        for &(number, line) in plain.iter().take(MAX_NOT_UNDERSTOOD) {
            self.diags.warn(
                self.file,
                number,
                format!("this line was not understood and was skipped: `{}`", truncate(line, 120)),
            );
        }
        for &(number, _) in plain.iter().skip(MAX_NOT_UNDERSTOOD + 1) {
            self.used(number, LineUse::Said);
        }
        if let Some(&(number, _)) = plain.get(MAX_NOT_UNDERSTOOD) {
            self.diags.warn(
                self.file,
                number,
                format!(
                    "{} more lines from here on were not understood and were skipped; is this a metadata page?",
                    plain.len() - MAX_NOT_UNDERSTOOD
                ),
            );
        }
    }

    /// An enum table with no members is a cut or garbled page: say so, naming the enum, since
    /// its type is otherwise read as an enum without values.
    fn warn_if_empty_enum(&mut self) {
        let Some(table) = self.facts.tables.last() else { return };
        if table.kind == TableKind::Enum && table.members.is_empty() {
            let name = table.caption.as_deref().map_or_else(|| "(no caption)".to_string(), |c| truncate(c, 120));
            self.diags.warn(
                self.file,
                table.line,
                format!("the enum table `{name}` has no members; check the page for a cut or garbled table"),
            );
        }
    }

    /// A `|---|---|` line right under an enum member row (not the table's first): that row was
    /// the header of a new table, as markdown-style table renderings show an uncaptioned enum
    /// table (its first member as the header row).
    fn separator_after_member(&mut self, number: usize) {
        let Some(table) = self.facts.tables.last_mut() else { return };
        if table.kind != TableKind::Enum || table.members.len() < 2 {
            return;
        }
        if table.members.last().is_some_and(|m| m.line + 1 == number) {
            let Some(member) = table.members.pop() else { return };
            let line = member.line;
            self.diags.warn(
                self.file,
                line,
                "two enum tables follow each other here without a caption; this row, set off as a header, starts the second",
            );
            self.start_table(TableKind::Enum, None, line);
            if let Some(t) = self.facts.tables.last_mut() {
                t.members.push(member);
            }
        }
    }

    fn auth_line(&mut self, line: &str) -> bool {
        parse_auth_line(line, &mut self.facts)
    }

    fn route_line(&mut self, line: &str, number: usize) -> bool {
        if line.contains('|') {
            let cells = cells(line);
            let Some((verbs, rest)) = cells.first().and_then(|c| vocab::split_verbs(c)) else { return false };
            let Some(path) = cells.get(1).filter(|p| p.starts_with('/') && rest.trim().is_empty()) else {
                return false;
            };
            let text = |i: usize| cells.get(i).map(|c| c.to_string()).filter(|c| !c.is_empty());
            self.pipes = true;
            self.facts.routes.push(crate::facts::RouteFact {
                verbs,
                path: path.to_string(),
                summary: text(2),
                notes: text(3),
                line: number,
            });
            return true;
        }
        match vocab::split_glued_route_guessing(line, &self.known_paths, number) {
            Some((route, guessed)) => {
                if guessed {
                    self.diags.warn(
                        self.file,
                        number,
                        format!(
                            "the route's path and summary are glued and no sample request shows the path, so where the path ends is a guess: read as path `{}`{}",
                            truncate(&route.path, 120),
                            route.summary.as_deref().map(|s| format!(" and summary `{}`", truncate(s, 80))).unwrap_or_default()
                        ),
                    );
                }
                self.glued = true;
                self.facts.routes.push(route);
                true
            }
            None => false,
        }
    }

    fn start_table(&mut self, kind: TableKind, caption: Option<String>, line: usize) {
        self.warn_if_empty_enum();
        self.enum_rows = EnumRows::default();
        self.enum_values = false;
        self.facts.tables.push(TableFact { kind, caption, line, rows: Vec::new(), members: Vec::new() });
    }

    /// Says, once per page, which rows were read with words that are not ServiceStack's.
    fn say_other_words(&mut self) {
        std::mem::take(&mut self.other_words).say(self.file, self.diags);
    }

    fn table_line(&mut self, line: &str, number: usize, defined: &dyn Fn(&str) -> bool) {
        let mut piped = line.contains('|');
        let mut row = if piped { vocab::split_pipe_row(&cells(line)) } else { vocab::split_glued_row(line, defined) };
        let in_enum = self.facts.tables.last().is_some_and(|t| t.kind == TableKind::Enum);
        if row.is_none() && !piped && !in_enum {
            row =
                vocab::split_glued_row_by_structure(line, defined, &self.other_words.param_words(), &self.sample_names);
            if row.is_some() {
                self.other_words.note_guess(number);
            }
        }
        if row.is_none() && piped && !self.pipes {
            // A text-form row whose description holds a `|` (`KindpathstringYesone of a|b|c`):
            // on a page with no pipe table yet, the glued reading comes first.
            if let Some(glued) = vocab::split_glued_row(line, defined).filter(|r| r.name.is_some()) {
                row = Some(glued);
                piped = false;
            }
        }
        self.pipes |= piped;
        if let Some(row) = row {
            if !piped {
                self.glued = true;
            }
            if let Some(other) = &row.alternative {
                self.diags.warn(
                    self.file,
                    number,
                    format!(
                        "this glued row splits two ways that are equally plausible: it was read as {}, but {} is possible too; check the page's HTML or table rendering",
                        truncate(&row.describe(), 200),
                        truncate(other, 200)
                    ),
                );
            }
            if self.facts.tables.last().is_none_or(|t| t.kind == TableKind::Enum) {
                self.start_table(TableKind::Params, None, number);
            }
            self.push_row(row, number);
            return;
        }
        let member_cells = if piped { cells(line) } else { vec![line] };
        let first = member_cells.first().copied().unwrap_or("");
        // A line is an enum member only inside an enum table, or as a pipe row shaped like one
        // (`UStVA | |`): a stray word or a row cut short after a parameter table is not, and
        // taking it for one made an uncaptioned enum that became the response type.
        let in_enum = self.facts.tables.last().is_some_and(|t| t.kind == TableKind::Enum);
        // A member glued to its description or value (`InternalPwC DE`): member names are
        // identifiers; where the description starts is a guess, and the warning below says it.
        let (name, glued_rest) = match (piped, self.enum_values) {
            (true, _) => split_member(first),
            (false, true) => split_valued_member(first),
            (false, false) => split_glued_member(first),
        };
        let max_cells = if self.enum_values { 4 } else { 3 };
        if is_identifier(name) && member_cells.len() <= max_cells && (in_enum || piped && is_enum_row(&member_cells)) {
            let pipe_count = line.matches('|').count();
            if self.facts.tables.last().is_none_or(|t| t.kind != TableKind::Enum) {
                self.start_table(TableKind::Enum, None, number);
            } else if piped && self.enum_rows.ends_table(pipe_count) {
                // The table form drops captions; a table's last row is the shorter one (its
                // empty last cell is trimmed), so a row after it starts the next enum table.
                self.diags.warn(
                    self.file,
                    number,
                    "two enum tables follow each other here without a caption; the shorter row before this one ended the first, so a second enum table starts here",
                );
                self.start_table(TableKind::Enum, None, number);
            }
            if piped {
                self.enum_rows.push(pipe_count);
            }
            let cell = |i: usize| member_cells.get(i).map(|c| c.to_string()).filter(|c| !c.is_empty());
            // ServiceStack's enum table is `Name | Value | description` when members have values
            // (with a header saying so), else `Name | description`.
            let (mut value, mut description) = if self.enum_values { (cell(1), cell(2)) } else { (None, cell(1)) };
            if let Some(rest) = glued_rest {
                let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-').len();
                let (glued_value, after) = rest.split_at(digits);
                if self.enum_values && value.is_none() && glued_value.parse::<i64>().is_ok() {
                    value = Some(glued_value.to_string());
                    if !after.trim().is_empty() && description.is_none() {
                        description = Some(after.trim().to_string());
                    }
                } else if rest.parse::<i64>().is_ok() && value.is_none() {
                    value = Some(rest.to_string());
                } else if description.is_none() {
                    description = Some(rest.to_string());
                }
                // Where a space also splits the line otherwise (`CreditCard Paid by card`), say so.
                let other = match split_member(first) {
                    (n, Some(d)) if !piped && !self.enum_values && n != name => {
                        format!("; `{}` with the description `{}` is possible too", truncate(n, 80), truncate(d, 80))
                    }
                    _ => String::new(),
                };
                self.diags.warn(
                    self.file,
                    number,
                    format!(
                        "the enum member `{name}` is glued to `{}`; it was read as member `{name}`{}{}{other}",
                        truncate(rest, 80),
                        value.as_deref().map(|v| format!(", value `{v}`")).unwrap_or_default(),
                        description
                            .as_deref()
                            .map(|d| format!(", description `{}`", truncate(d, 80)))
                            .unwrap_or_default(),
                    ),
                );
            }
            if let Some(table) = self.facts.tables.last_mut() {
                table.members.push(EnumMemberFact {
                    name: name.to_string(),
                    value,
                    description,
                    line: number,
                    glued: glued_rest.is_some() && !piped,
                });
            }
            self.used(number, LineUse::Fact);
            return;
        }
        if in_enum {
            let enum_name =
                self.facts.tables.last().and_then(|t| t.caption.clone()).unwrap_or_else(|| "(no caption)".into());
            self.diags.error(
                self.file,
                number,
                format!(
                    "this line inside the enum table `{}` is not a member name, so the member list may be incomplete: `{}`; fix or remove the line",
                    truncate(&enum_name, 80),
                    truncate(line, 120)
                ),
            );
            return;
        }
        let unknown_kind = if piped {
            vocab::unknown_param_kind(&cells(line)).map(str::to_string)
        } else {
            vocab::split_glued_row_unknown_kind(line, defined).map(|r| r.param)
        };
        let why = match unknown_kind {
            Some(kind) => format!(
                " (its Parameter `{}` is none of the kinds known: {})",
                truncate(&kind, 40),
                vocab::PARAM_KINDS.join(", ")
            ),
            None => String::new(),
        };
        self.diags.warn(
            self.file,
            number,
            format!(
                "this table row could not be split into Name, Parameter, Data Type, Required and Description{why}, so it was skipped: `{}`",
                truncate(line, 120)
            ),
        );
    }

    fn used(&mut self, line: usize, how: LineUse) {
        self.facts.line_uses.push((line, how));
    }

    fn push_row(&mut self, row: RowCells, number: usize) {
        self.used(number, LineUse::Fact);
        self.other_words.note(&row.param, &row.data_type, number);
        let parsed_type = match vocab::parse_data_type(&row.data_type) {
            Ok(ty) => Some(ty),
            Err(e) => {
                let name = row.name.as_deref().unwrap_or("(unnamed)");
                self.diags.warn(
                    self.file,
                    number,
                    format!(
                        "the Data Type `{}` of `{}` does not parse ({}); the field is read as Object",
                        truncate(&row.data_type, 120),
                        truncate(name, 120),
                        truncate(&e, 200)
                    ),
                );
                None
            }
        };
        if let Some(table) = self.facts.tables.last_mut() {
            table.rows.push(RowFact {
                name: row.name,
                param: row.param,
                data_type: row.data_type,
                parsed_type,
                required: row.required,
                description: row.description,
                line: number,
            });
        }
    }
}

/// Reads `Required role:AdminRequired permission:CanAccess` (glued, piped or plain) into `facts`.
pub fn parse_auth_line(line: &str, facts: &mut PageFacts) -> bool {
    if !AUTH_PREFIXES.iter().any(|(p, _)| line.trim_start_matches(['|', ' ']).starts_with(p)) {
        return false;
    }
    facts.requires_auth = true;
    let flat = line.replace('|', " ");
    let mut rest = flat.trim();
    while let Some((prefix, roles)) = AUTH_PREFIXES.iter().find(|(p, _)| rest.starts_with(p)) {
        rest = &rest[prefix.len()..];
        let end = AUTH_PREFIXES.iter().filter_map(|(p, _)| rest.find(p)).min().unwrap_or(rest.len());
        let names = rest[..end].split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_string);
        // "Requires any of the ...": one of them suffices; every other form requires them all.
        let any = prefix.starts_with("Requires any of");
        match (*roles, any) {
            (true, false) => facts.roles.extend(names),
            (true, true) => facts.any_roles.extend(names),
            (false, false) => facts.permissions.extend(names),
            (false, true) => facts.any_permissions.extend(names),
        }
        rest = rest[end..].trim_start();
    }
    true
}

/// `Email Parameters:` or `VatType Enum:UStVA | |` → (name, kind, rest of the line).
fn caption_of(line: &str) -> Option<(&str, TableKind, &str)> {
    for (marker, kind) in [(" Parameters:", TableKind::Params), (" Enum:", TableKind::Enum)] {
        if let Some(at) = line.find(marker) {
            let name = line[..at].trim_start_matches(['|', ' ']).trim();
            if is_type_name(name) {
                return Some((name, kind, &line[at + marker.len()..]));
            }
        }
    }
    None
}

/// `string`, `int?`, `List<int>`: a caption naming one of these is not a type of the API. A
/// capitalised bare name (`String`, `Object`) is: ServiceStack shows no table for CLR types, so
/// such a table is the API's own class of that name.
pub fn is_primitive_name(name: &str) -> bool {
    let bare_capitalised =
        name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    !bare_capitalised && TypeRef::parse(name).is_ok_and(|t| t.user_types().is_empty())
}

fn is_header(line: &str) -> bool {
    let squeezed: String = line.chars().filter(|c| !c.is_whitespace() && *c != '|').collect();
    squeezed == HEADER_CELLS
}

fn is_separator(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn is_code_link_line(line: &str) -> bool {
    line.ends_with(" DTOs") && line.split_whitespace().count() <= 4
}

fn is_type_name(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 200
        && text.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '<' | '>' | ',' | ' ' | '.' | '`'))
}

fn cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enum_tables_in_text_form() {
        let page = "GetDefinitionKeys Parameters:\nNameParameterData TypeRequiredDescription\nVatTypequeryVatTypeNoThe type.\nVatType Enum:\nUStVA\nZM\n";
        let mut diags = Diagnostics::default();
        let facts = read_lines("p", page, &mut diags);
        let t = &facts.tables[1];
        assert_eq!((t.kind, t.caption.as_deref()), (TableKind::Enum, Some("VatType")));
        assert_eq!(t.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["UStVA", "ZM"]);
    }
}
