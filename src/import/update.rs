//! The one writer of update files (`content/updates/YEAR/NAME.md` and its
//! English twin `NAME.en.md`): `gongkai new update` writes a form to fill in,
//! `gongkai import-sheet` the rows a bureau filled in. Both go through
//! [`UpdateDraft::texts`] and [`write`], so the front matter the loader reads
//! is written in one place, in one order.

use crate::model::{Status, Subject};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};

/// The section titles of an update's body, in order.
const SECTIONS_ZH: [&str; 3] = ["进展情况", "存在的问题", "下一步措施"];
const SECTIONS_EN: [&str; 3] = ["Progress", "Problems", "Next steps"];

/// What a form's sections say until they are filled in.
const FORM_ZH: [&str; 3] = [
    "（填写已完成的工作）",
    "（填写存在的问题；没有则写“无”）",
    "（填写下一步措施）",
];
const FORM_EN: [&str; 3] = ["(What was done)", "(Problems, or \"None\")", "(Next steps)"];

/// The comment at the top of a form: what each field is for.
const FORM_HINT: &str = "\
# 报送对象、截至日期、状态（not-started 未开始 / in-progress 推进中 / completed 已完成 /
# delayed 滞后 / ongoing 持续推进），可选完成百分比、报送单位、佐证材料（url 或 content/files/ 下的文件）。
";

/// An update to write, before it is text.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateDraft {
    pub subject: Subject,
    /// The as-of date, YYYY-MM-DD.
    pub date: String,
    pub status: Status,
    pub percent: Option<u8>,
    /// The reporting agency's id.
    pub reporter: String,
    /// One piece of evidence: its address and title (empty: the address).
    pub evidence: Option<(String, String)>,
    /// The body's sections (progress, problems, next steps); an empty one is
    /// left out.
    pub zh: [String; 3],
    /// The English twin's sections; `None`: no twin.
    pub en: Option<[String; 3]>,
    /// A form to fill in: comments say what each field is for, and the
    /// optional fields left out appear as commented-out examples.
    pub form: bool,
}

impl UpdateDraft {
    /// The form `new update` writes: in progress, placeholders in every
    /// section of both files.
    pub fn form(subject: Subject, date: &str, reporter: &str) -> UpdateDraft {
        UpdateDraft {
            subject,
            date: date.to_string(),
            status: Status::InProgress,
            percent: None,
            reporter: reporter.to_string(),
            evidence: None,
            zh: FORM_ZH.map(String::from),
            en: Some(FORM_EN.map(String::from)),
            form: true,
        }
    }

    /// The text of the Chinese file, and of its English twin if it has one.
    pub fn texts(&self) -> (String, Option<String>) {
        let zh = format!("{}{}", self.front_matter(), body(SECTIONS_ZH, &self.zh));
        let en = self.en.as_ref().map(|en| body(SECTIONS_EN, en));
        (zh, en)
    }

    fn front_matter(&self) -> String {
        let mut front = String::from("---\n");
        if self.form {
            front.push_str(FORM_HINT);
        }
        front.push_str(&format!(
            "subjects: [{}]\ndate: \"{}\"\nstatus: {}\n",
            self.subject.key(),
            self.date,
            self.status.key()
        ));
        match self.percent {
            Some(p) => front.push_str(&format!("percent: {p}\n")),
            None if self.form => front.push_str("# percent: 50\n"),
            None => {}
        }
        front.push_str(&format!("reporter: {}\n", self.reporter));
        match &self.evidence {
            Some((url, title)) => {
                let title = if title.is_empty() { url } else { title };
                front.push_str(&format!(
                    "evidence:\n  - title: {{zh: {}}}\n    url: {}\n",
                    quoted(title),
                    quoted(url)
                ));
            }
            None => {
                front.push_str("evidence: []\n");
                if self.form {
                    front.push_str(
                        "#  - title: {zh: 通知标题, en: Title of the notice}\n#    url: https://\n",
                    );
                }
            }
        }
        front.push_str("---\n");
        front
    }

    /// The file name without `.md`: `DATE-SUBJECT`, or with the reporter
    /// too when the name must be the same for the same report.
    fn stem(&self, naming: Naming) -> String {
        let subject = self.subject.key().replace('/', "-");
        match naming {
            Naming::Fresh => format!("{}-{subject}", self.date),
            Naming::Stable => format!("{}-{subject}-{}", self.date, self.reporter),
        }
    }
}

/// A YAML double-quoted scalar (a JSON string is one).
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `## Title\n\ntext\n` for each section that has text, a blank line between.
fn body(titles: [&str; 3], texts: &[String; 3]) -> String {
    titles
        .iter()
        .zip(texts)
        .filter(|(_, t)| !t.is_empty())
        .map(|(h, t)| format!("## {h}\n\n{t}\n"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// How an update's files are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// `DATE-SUBJECT.md`, or `DATE-SUBJECT-2.md` … when that is taken: a new
    /// file every time (`new update`).
    Fresh,
    /// `DATE-SUBJECT-REPORTER.md` whatever is there: writing the same report
    /// again changes nothing, a changed one replaces it (`import-sheet`).
    Stable,
}

/// One file `write` wrote or found as it would have written it.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// False: the file already held this text and was left alone.
    pub changed: bool,
}

/// Write `draft` into `content/updates/YEAR/`: the Chinese file first, then
/// its English twin.
pub fn write(content: &Path, draft: &UpdateDraft, naming: Naming) -> Result<Vec<Written>> {
    let year = draft.date.get(..4).unwrap_or(&draft.date);
    let dir = content.join("updates").join(year);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut stem = draft.stem(naming);
    if naming == Naming::Fresh {
        let first = stem.clone();
        let mut n = 2;
        while dir.join(format!("{stem}.md")).exists() {
            stem = format!("{first}-{n}");
            n += 1;
        }
    }
    let (zh, en) = draft.texts();
    let zh_path = dir.join(format!("{stem}.md"));
    let mut files = vec![(zh_path.clone(), zh)];
    files.extend(en.map(|en| (dir.join(format!("{stem}.en.md")), en)));
    let mut written = Vec::new();
    for (path, text) in files {
        let changed = std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str());
        if changed {
            std::fs::write(&path, &text).with_context(|| format!("writing {}", path.display()))?;
        }
        written.push(Written { path, changed });
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> UpdateDraft {
        UpdateDraft {
            subject: Subject::KeyTask(2022, 5),
            date: "2023-01-12".into(),
            status: Status::Completed,
            percent: Some(100),
            reporter: "water".into(),
            evidence: Some(("https://example.gov.cn/n/1".into(), String::new())),
            zh: ["完成。".into(), String::new(), "验收。".into()],
            en: None,
            form: false,
        }
    }

    #[test]
    fn a_filled_row_writes_only_what_it_has() {
        let (zh, en) = filled().texts();
        assert_eq!(
            zh,
            "---\nsubjects: [key-task/2022/5]\ndate: \"2023-01-12\"\nstatus: completed\npercent: 100\nreporter: water\nevidence:\n  - title: {zh: \"https://example.gov.cn/n/1\"}\n    url: \"https://example.gov.cn/n/1\"\n---\n## 进展情况\n\n完成。\n\n## 下一步措施\n\n验收。\n"
        );
        assert_eq!(en, None);
    }

    #[test]
    fn a_form_explains_its_fields_and_has_both_files() {
        let (zh, en) = UpdateDraft::form(Subject::Task(3), "2023-01-12", "water").texts();
        assert!(zh.starts_with("---\n# 报送对象"), "{zh}");
        assert!(zh.contains("subjects: [task/3]\ndate: \"2023-01-12\"\nstatus: in-progress\n# percent: 50\nreporter: water\nevidence: []\n#  - title:"), "{zh}");
        assert!(
            zh.ends_with("## 下一步措施\n\n（填写下一步措施）\n"),
            "{zh}"
        );
        assert_eq!(
            en.as_deref(),
            Some("## Progress\n\n(What was done)\n\n## Problems\n\n(Problems, or \"None\")\n\n## Next steps\n\n(Next steps)\n")
        );
    }

    #[test]
    fn both_commands_write_files_the_loader_accepts() {
        for draft in [
            filled(),
            UpdateDraft::form(Subject::Task(3), "2023-01-12", "water"),
        ] {
            let (zh, _) = draft.texts();
            let front = zh.split("---\n").nth(1).unwrap();
            let raw: crate::load::raw::RawUpdateFront =
                crate::load::yaml::parse(Path::new("u.md"), front)
                    .unwrap_or_else(|d| panic!("{d}"));
            assert_eq!(raw.subjects[0].value, draft.subject.key());
            assert_eq!(raw.reporter.value, draft.reporter);
        }
    }

    #[test]
    fn fresh_names_never_overwrite_and_stable_names_rewrite_only_a_change() {
        let content = crate::env::scratch_dir("update-names");
        let form = UpdateDraft::form(Subject::KeyTask(2022, 5), "2023-01-12", "water");
        let names = |w: Vec<Written>| -> Vec<String> {
            w.iter()
                .map(|w| w.path.strip_prefix(&content).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(
            names(write(&content, &form, Naming::Fresh).unwrap()),
            [
                "updates/2023/2023-01-12-key-task-2022-5.md",
                "updates/2023/2023-01-12-key-task-2022-5.en.md"
            ]
        );
        assert_eq!(
            names(write(&content, &form, Naming::Fresh).unwrap()),
            [
                "updates/2023/2023-01-12-key-task-2022-5-2.md",
                "updates/2023/2023-01-12-key-task-2022-5-2.en.md"
            ]
        );
        let row = filled();
        let first = write(&content, &row, Naming::Stable).unwrap();
        assert_eq!(
            names(first),
            ["updates/2023/2023-01-12-key-task-2022-5-water.md"]
        );
        let again = write(&content, &row, Naming::Stable).unwrap();
        assert!(!again[0].changed, "the same report again changes nothing");
        let changed = UpdateDraft {
            percent: Some(90),
            ..row
        };
        assert!(write(&content, &changed, Naming::Stable).unwrap()[0].changed);
        std::fs::remove_dir_all(&content).unwrap();
    }
}
