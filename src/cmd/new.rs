//! `gongkai new update`: write a ready-to-fill update (Chinese and English
//! files) for one subject, checked against the content, and print its path.

use crate::cli::NewUpdateArgs;
use crate::model::Subject;
use anyhow::{bail, Context, Result};
use std::process::ExitCode;

pub fn update(args: NewUpdateArgs) -> Result<ExitCode> {
    let subject = match (args.task, args.indicator, args.project, &args.key_task) {
        (Some(n), ..) => Subject::Task(n),
        (_, Some(n), ..) => Subject::Indicator(n),
        (_, _, Some(n), _) => Subject::Project(n),
        (_, _, _, Some(k)) => Subject::parse(&format!("key-task/{k}"))
            .with_context(|| format!("--key-task `{k}`: write YEAR/N, e.g. 2022/5"))?,
        _ => bail!("name a subject: --task, --indicator, --project or --key-task"),
    };
    let (raw, diags) = crate::load::load(&args.content);
    let site = match crate::validate::validate(raw, diags) {
        Ok((site, _)) => site,
        Err(d) => {
            eprintln!("{}", crate::diagnostics::Failed::from(d));
            eprintln!("fix the content first: the new update must be checked against it");
            return Ok(ExitCode::from(1));
        }
    };
    let agencies: Vec<String> = match subject {
        Subject::Task(n) => site
            .tasks
            .iter()
            .find(|t| t.number == n)
            .map(|t| t.lead.clone()),
        Subject::Indicator(n) => site
            .indicators
            .iter()
            .find(|i| i.number == n)
            .map(|i| i.lead.clone()),
        Subject::Project(n) => site
            .projects
            .iter()
            .find(|p| p.number == n)
            .map(|p| p.responsible.clone()),
        Subject::KeyTask(y, n) => site
            .key_task_lists
            .iter()
            .find(|l| l.year == y)
            .and_then(|l| l.items.iter().find(|k| k.number == n))
            .map(|k| k.responsible.clone()),
    }
    .with_context(|| format!("there is no {} in the plan", subject.key()))?;
    let reporter = match &args.reporter {
        Some(r) if site.agency(r).is_some() => r.clone(),
        Some(r) => bail!("--reporter `{r}` is not an agency id of agencies.yaml"),
        None => agencies
            .iter()
            .find(|a| site.agency(a).is_some_and(|x| !x.is_group))
            .cloned()
            .unwrap_or_default(),
    };
    let date = match &args.date {
        Some(d) if crate::validate::valid_date(d) => d.clone(),
        Some(d) => bail!("--date `{d}` is not a date (YYYY-MM-DD)"),
        None => crate::dates::today(),
    };
    let subject_ref = subject.key();
    let key = subject_ref.replace('/', "-");
    let dir = args.content.join("updates").join(&date[..4]);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut stem = format!("{date}-{key}");
    let mut n = 2;
    while dir.join(format!("{stem}.md")).exists() {
        stem = format!("{date}-{key}-{n}");
        n += 1;
    }
    let zh = format!(
        "---\n\
         # 报送对象、截至日期、状态（not-started 未开始 / in-progress 推进中 / completed 已完成 /\n\
         # delayed 滞后 / ongoing 持续推进），可选完成百分比、报送单位、佐证材料（url 或 content/files/ 下的文件）。\n\
         subjects: [{subject_ref}]\n\
         date: \"{date}\"\n\
         status: in-progress\n\
         # percent: 50\n\
         reporter: {reporter}\n\
         evidence: []\n\
         #  - title: {{zh: 通知标题, en: Title of the notice}}\n\
         #    url: https://\n\
         ---\n\
         ## 进展情况\n\n（填写已完成的工作）\n\n## 存在的问题\n\n（填写存在的问题；没有则写“无”）\n\n## 下一步措施\n\n（填写下一步措施）\n"
    );
    let en = "## Progress\n\n(What was done)\n\n## Problems\n\n(Problems, or \"None\")\n\n## Next steps\n\n(Next steps)\n";
    let zh_path = dir.join(format!("{stem}.md"));
    std::fs::write(&zh_path, zh).with_context(|| format!("writing {}", zh_path.display()))?;
    std::fs::write(dir.join(format!("{stem}.en.md")), en)
        .with_context(|| format!("writing the English twin of {}", zh_path.display()))?;
    println!("{}", zh_path.display());
    eprintln!(
        "wrote {} and its English twin {stem}.en.md: fill them in, then run `gongkai check`",
        zh_path.display()
    );
    Ok(ExitCode::SUCCESS)
}
