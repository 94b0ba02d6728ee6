//! The document's tables, one `Parser` method each: metadata, indicators,
//! chapters and tasks, projects (checked against the stated total) and the
//! yearly key tasks. `grouped` reads the rows that the indicators and the key
//! tasks number under group cells.

use super::cells::*;
use super::*;
use grouped::Grouped;

mod grouped;

impl<'a> Parser<'a> {
    pub(super) fn err(&self, line: usize, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.seed, line as u64, 1, msg)
    }

    pub(super) fn find(&self, from: usize, pred: impl Fn(&str) -> bool, what: &str) -> Step<usize> {
        (from..=self.lines.len())
            .find(|&n| pred(self.lines.get(n)))
            .ok_or_else(|| {
                self.err(
                    self.lines.len(),
                    format!("the document ends without {what}"),
                )
            })
    }

    /// Resolve a cell of agency names to registry ids.
    pub(super) fn agencies(&mut self, line: usize, cell: &str) -> Vec<Ref> {
        match self.reg.resolve_cell(cell) {
            Ok(found) => found
                .into_iter()
                .map(|r| {
                    if let Some(w) = r.written_as {
                        self.written_as.entry(r.id.clone()).or_insert(w);
                    }
                    spanned(r.id)
                })
                .collect(),
            Err((name, help)) => {
                let d = self
                    .err(line, format!("unknown agency `{name}` in `{cell}`"))
                    .with_help(help.unwrap_or_else(|| {
                        "add it (or an alias) to content/agencies.yaml".to_string()
                    }));
                self.errors.push(d);
                Vec::new()
            }
        }
    }

    pub(super) fn metadata(&mut self) -> Step<RawDocument> {
        let field = |label: &str| -> Step<String> {
            let prefix = format!("[ {label} ]");
            (1..=self.lines.len())
                .map(|n| self.lines.get(n))
                .find_map(|l| {
                    let rest = l.strip_prefix(&prefix)?.trim();
                    // Single-field lines only (the page also lists two per line).
                    (!rest.contains("[ ")).then(|| rest.to_string())
                })
                .ok_or_else(|| self.err(1, format!("no `{prefix}` metadata line")))
        };
        let index_number = field("索引号")?;
        let doc_number = field("发文字号")?;
        let subject = field("主题分类")?;
        let genre = field("体裁分类")?;
        let issuer = field("发布机构")?;
        let published = field("发布日期")?;
        let written = field("成文日期")?;
        let validity = field("有效性").ok().filter(|v| !v.is_empty());
        let title_line = self.find(
            1,
            |l| l.contains("关于印发") && l.ends_with("的通知"),
            "a title line (…关于印发…的通知)",
        )?;
        let title = join_cjk(self.lines.get(title_line));
        let start = self.find(
            title_line + 1,
            |l| l.ends_with(':') || l.ends_with('：'),
            "the notice's addressee line",
        )?;
        let end = self.find(start, |l| l.contains("此件公开发布"), "(此件公开发布)")?;
        // The signature is the issuing office's name; the line after it is the date.
        let sign = (start..end)
            .rev()
            .find(|&n| title.starts_with(self.lines.get(n)) && !self.lines.get(n).is_empty())
            .ok_or_else(|| self.err(end, "no signature line before (此件公开发布)"))?;
        let (date_line, _) = self
            .lines
            .next_nonempty(sign + 1)
            .filter(|(n, _)| *n < end)
            .ok_or_else(|| self.err(sign, "no date after the signature"))?;
        let mut notice: Vec<String> = Vec::new();
        for n in start..sign {
            let l = self.lines.get(n);
            if l.is_empty() {
                continue;
            }
            let continues = notice.last().is_some_and(|p| {
                !p.ends_with(['。', ':', '：', ',', '，', ';', '；'])
                    && !l.chars().next().is_some_and(|c| c.is_ascii_digit())
            });
            match notice.last_mut() {
                Some(p) if continues => p.push_str(l),
                _ => notice.push(l.to_string()),
            }
        }
        Ok(RawDocument {
            title: zh(title),
            index_number,
            doc_number,
            subject: zh(subject),
            genre: zh(genre),
            issuer: zh(issuer),
            written,
            published,
            validity,
            source_url: None,
            seed: self
                .seed
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into(),
            notice: notice.into_iter().map(zh).collect(),
            signed_by: zh(self.lines.get(sign)),
            signed_date: self.lines.get(date_line).to_string(),
            corrections: self.lines.corrections(title_line..=date_line),
        })
    }

    /// Skip the header cells of a table, checking they are what we expect.
    pub(super) fn header(&self, from: usize, cells: &[&str]) -> Step<usize> {
        let mut n = from;
        for cell in cells {
            let (at, _) = self.lines.next_nonempty(n).ok_or_else(|| {
                self.err(
                    n,
                    format!("the document ends before the header cell `{cell}`"),
                )
            })?;
            if self.lines.get(at) != *cell {
                return Err(self.err(
                    at,
                    format!(
                        "expected the table header cell `{cell}`, found `{}`",
                        self.lines.get(at)
                    ),
                ));
            }
            n = at + 1;
        }
        Ok(n)
    }

    /// The next non-empty line before `end`, or an error saying what was expected.
    pub(super) fn cell(&self, from: usize, end: usize, what: &str) -> Step<usize> {
        match self.lines.next_nonempty(from) {
            Some((n, _)) if n < end => Ok(n),
            _ => Err(self.err(from.min(end), format!("the table ends before {what}"))),
        }
    }

    /// Line `at` is not `what` a table expects there.
    fn unexpected(&self, at: usize, what: &str) -> Diagnostic {
        let found = truncate(self.lines.get(at));
        self.err(at, format!("expected {what}, found `{found}`"))
    }

    pub(super) fn indicators(&mut self, start: usize, end: usize) -> Step<Vec<RawIndicator>> {
        let header = [
            "领域",
            "序号",
            "指标",
            "指标属性",
            "2025年目标值",
            "牵头单位",
        ];
        let first = self.header(start, &header)?;
        let mut rows = Grouped::new("indicator", "domain", first, end);
        let mut out: Vec<RawIndicator> = Vec::new();
        while let Some(at) = self.next_grouped_row(&mut rows, out.len() as u32 + 1)? {
            let expected = out.len() as u32 + 1;
            let what = |f: &str| format!("indicator {expected}'s {f}");
            let name = self.cell(at + 1, end, &what("name"))?;
            let attr = self.cell(name + 1, end, &what("attribute"))?;
            let attribute = self.lines.get(attr).to_string();
            if attribute != "约束性" && attribute != "预期性" {
                return Err(self.err(attr, format!("indicator {expected}: expected the attribute 约束性 or 预期性, found `{attribute}`")));
            }
            let target = self.cell(attr + 1, end, &what("2025 target"))?;
            let lead = self.cell(target + 1, end, &what("lead agency"))?;
            if is_number(self.lines.get(lead)) {
                return Err(self.err(lead, format!("indicator {expected} has no lead agency")));
            }
            let lead_ids = self.agencies(lead, self.lines.get(lead));
            out.push(RawIndicator {
                number: spanned_n(expected),
                domain: zh(rows.group.clone()),
                name: zh(self.lines.get(name)),
                attribute,
                target: zh(self.lines.get(target)),
                lead: lead_ids,
                source_line: at as u32,
                corrections: self.lines.corrections(at..=lead),
                written_as: std::mem::take(&mut self.written_as),
            });
            rows.next = lead + 1;
        }
        if out.is_empty() {
            return Err(self.err(start, "the indicator list has no rows"));
        }
        Ok(out)
    }

    pub(super) fn tasks(
        &mut self,
        start: usize,
        end: usize,
    ) -> Step<(Vec<RawChapter>, Vec<RawTask>)> {
        let mut n = self.header(start, &["序号", "任务清单", "牵头单位", "责任单位"])?;
        let mut chapters: Vec<RawChapter> = Vec::new();
        let mut tasks: Vec<RawTask> = Vec::new();
        while let Some((at, _)) = self.lines.next_nonempty(n).filter(|(at, _)| *at < end) {
            let line = self.lines.get(at);
            let expected = tasks.len() as u32 + 1;
            if let Some((num, title)) = chapter_heading(line) {
                let want = chapters.len() as u32 + 1;
                if num != want {
                    return Err(self.err(
                        at,
                        format!("chapter out of sequence: expected chapter {want}, found `{line}`"),
                    ));
                }
                chapters.push(RawChapter {
                    number: num,
                    title: zh(title),
                    sections: vec![],
                });
                n = at + 1;
                continue;
            }
            if let Some((num, title)) = section_heading(line) {
                let Some(ch) = chapters.last_mut() else {
                    return Err(self.err(at, "a section heading before the first chapter heading"));
                };
                let want = ch.sections.len() as u32 + 1;
                if num != want {
                    return Err(self.err(at, format!("section out of sequence in chapter {}: expected section {want}, found `{line}`", ch.number)));
                }
                ch.sections.push(RawSection {
                    number: num,
                    title: zh(title),
                });
                n = at + 1;
                continue;
            }
            if !is_number(line) {
                let what = format!("task {expected} (or a chapter or section heading)");
                return Err(self.unexpected(at, &what));
            }
            if line != expected.to_string() {
                return Err(self.err(
                    at,
                    format!("task number out of sequence: expected {expected}, found {line}"),
                ));
            }
            let Some(chapter) = chapters.last() else {
                return Err(self.err(
                    at,
                    format!("task {expected} comes before any chapter heading"),
                ));
            };
            let what = |f: &str| format!("task {expected}'s {f}");
            let text = self.cell(at + 1, end, &what("text"))?;
            let lead = self.cell(text + 1, end, &what("lead agency"))?;
            let resp = self.cell(lead + 1, end, &what("responsible units"))?;
            for (cell, name) in [(lead, "lead agency"), (resp, "responsible units")] {
                let l = self.lines.get(cell);
                if is_number(l) || chapter_heading(l).is_some() || section_heading(l).is_some() {
                    return Err(self.err(cell, format!("the row of task {expected} ends early: expected its {name}, found `{l}`")));
                }
            }
            let lead_ids = self.agencies(lead, self.lines.get(lead));
            let resp_ids = self.agencies(resp, self.lines.get(resp));
            let body = self.lines.get(text).to_string();
            tasks.push(RawTask {
                rivers: Vec::new(),
                number: spanned_n(expected),
                chapter: chapter.number,
                section: chapter.sections.last().map(|s| s.number),
                text: zh(body),
                lead: lead_ids,
                responsible: resp_ids,
                source_line: at as u32,
                corrections: self.lines.corrections(at..=resp),
                written_as: std::mem::take(&mut self.written_as),
            });
            n = resp + 1;
        }
        if tasks.is_empty() {
            return Err(self.err(start, "the task list has no rows"));
        }
        Ok((chapters, tasks))
    }

    pub(super) fn projects(&mut self, start: usize, end: usize) -> Step<RawProjects> {
        let mut n = self.header(
            start,
            &[
                "序号",
                "类别",
                "项目名称",
                "建设内容",
                "投资估算",
                "(亿元)",
                "建设年限",
                "责任单位",
            ],
        )?;
        let mut items: Vec<RawProject> = Vec::new();
        loop {
            let expected = items.len() as u32 + 1;
            let at = self.cell(n, end, &format!("project {expected} or the stated total"))?;
            let line = self.lines.get(at);
            // An amount that is not the next number is the stated total, which closes the table.
            if is_decimal(line) && line != expected.to_string() {
                let stated = line.to_string();
                let sum: u64 = items.iter().filter_map(|p| hundredths(&p.investment)).sum();
                let want = hundredths(&stated).unwrap_or(0);
                if sum != want {
                    return Err(self.err(at, format!(
                        "the project investments sum to {}.{:02} 亿元 but the document states a total of {stated}",
                        sum / 100, sum % 100
                    )));
                }
                if items.is_empty() {
                    return Err(self.err(at, "the project list has no rows"));
                }
                return Ok(RawProjects {
                    stated_total: stated,
                    items,
                });
            }
            if !is_number(line) {
                let what = format!("project {expected} or the stated total");
                return Err(self.unexpected(at, &what));
            }
            let what = |f: &str| format!("project {expected}'s {f}");
            let cat = self.cell(at + 1, end, &what("category"))?;
            let name = self.cell(cat + 1, end, &what("name"))?;
            // Content runs until an investment line followed by a year range.
            let mut content: Vec<String> = Vec::new();
            let mut k = name + 1;
            let (inv, years) = loop {
                let c = self.cell(k, end, &what("investment and years"))?;
                let l = self.lines.get(c);
                if is_decimal(l) {
                    let y = self.cell(c + 1, end, &what("years"))?;
                    if year_range(self.lines.get(y)).is_some() {
                        break (c, y);
                    }
                    if is_number(l) && l == (expected + 1).to_string() {
                        return Err(self.err(c, format!("the row of project {expected} ends early: expected its investment and years")));
                    }
                }
                content.push(l.to_string());
                k = c + 1;
            };
            if content.is_empty() {
                return Err(self.err(
                    inv,
                    format!("project {expected} has no construction content"),
                ));
            }
            let (start_year, end_year) = year_range(self.lines.get(years)).unwrap_or_default();
            let resp = self.cell(years + 1, end, &what("responsible unit"))?;
            if is_decimal(self.lines.get(resp)) {
                return Err(self.err(resp, format!("project {expected} has no responsible unit")));
            }
            let resp_ids = self.agencies(resp, self.lines.get(resp));
            let name_s = self.lines.get(name).to_string();
            let content_s = content.join("\n");
            items.push(RawProject {
                rivers: Vec::new(),
                number: spanned_n(expected),
                category: zh(self.lines.get(cat)),
                name: zh(name_s),
                content: zh(content_s),
                investment: self.lines.get(inv).to_string(),
                start_year,
                end_year,
                responsible: resp_ids,
                source_line: at as u32,
                corrections: self.lines.corrections(at..=resp),
                written_as: std::mem::take(&mut self.written_as),
            });
            n = resp + 1;
        }
    }

    /// A cell that may continue on the next line when it ends with 、.
    pub(super) fn agency_cell(&self, at: usize) -> (String, usize) {
        let mut cell = self.lines.get(at).to_string();
        let mut last = at;
        while cell.ends_with('、') {
            match self.lines.next_nonempty(last + 1) {
                Some((n, 1)) => {
                    cell.push_str(self.lines.get(n));
                    last = n;
                }
                _ => break,
            }
        }
        (cell, last)
    }

    pub(super) fn key_tasks(&mut self, start: usize, end: usize) -> Step<RawKeyTaskList> {
        let title_at = self.cell(start + 1, end, "the key-task list's title")?;
        let title = self.lines.get(title_at).to_string();
        let year = year_of(&title).ok_or_else(|| {
            self.err(
                title_at,
                format!("no year in the key-task list's title `{title}`"),
            )
        })?;
        let header = ["类别", "序号", "主要内容", "责任单位", "配合单位", "备注"];
        let first = self.header(title_at + 1, &header)?;
        let mut rows = Grouped::new("key task", "category", first, end);
        let mut items: Vec<RawKeyTask> = Vec::new();
        while let Some(at) = self.next_grouped_row(&mut rows, items.len() as u32 + 1)? {
            let expected = items.len() as u32 + 1;
            let text = self.cell(at + 1, end, &format!("key task {expected}'s text"))?;
            let lost = self.lines.lost_fields(at..=text);
            let mut item = RawKeyTask {
                rivers: Vec::new(),
                number: spanned_n(expected),
                category: zh(rows.group.clone()),
                text: zh(self.lines.get(text)),
                responsible: vec![],
                cooperating: vec![],
                note: None,
                lost: lost.iter().map(|(f, _)| f.clone()).collect(),
                source_line: at as u32,
                corrections: vec![],
                written_as: Default::default(),
            };
            // Cells after the text: one blank line between cells, one more per empty cell.
            let mut last = text;
            if lost.iter().any(|(f, _)| f == "responsible") {
                rows.next = text + 1;
            } else {
                match self.lines.next_nonempty(text + 1) {
                    Some((r, 1)) if r < end => {
                        let (cell, l) = self.agency_cell(r);
                        item.responsible = self.agencies(r, &cell);
                        last = l;
                        // Cooperating units follow after exactly one blank line.
                        if let Some((c, 1)) =
                            self.lines.next_nonempty(last + 1).filter(|(c, _)| *c < end)
                        {
                            if !is_number(self.lines.get(c)) {
                                let (cell, l) = self.agency_cell(c);
                                item.cooperating = self.agencies(c, &cell);
                                last = l;
                            }
                        }
                    }
                    _ => {
                        return Err(self.err(text, format!("key task {expected} has no responsible unit")).with_help(
                            "if the source lost it, record an erratum with `lost_field: responsible` on this line",
                        ));
                    }
                }
                rows.next = last + 1;
            }
            item.corrections = self.lines.corrections(at..=last);
            item.written_as = std::mem::take(&mut self.written_as);
            items.push(item);
        }
        if items.is_empty() {
            return Err(self.err(start, "the key-task list has no rows"));
        }
        Ok(RawKeyTaskList {
            year,
            title: zh(title),
            items,
        })
    }
}
