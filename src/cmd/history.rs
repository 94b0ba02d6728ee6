//! `gongkai history task/8`: the history of one item, as its page shows it,
//! printed as text. An id that names nothing is the user's to fix (exit 1,
//! with a did-you-mean).

use crate::cli::{HistoryArgs, Problem};
use crate::diagnostics::did_you_mean;
use crate::model::{Site, Subject};
use anyhow::Result;
use std::process::ExitCode;

pub fn execute(args: HistoryArgs) -> Result<ExitCode> {
    let content = args.site.content_dir();
    let Some(site) = super::validated_content(&content) else {
        eprintln!("fix the content first: the history names its items by the content's ids");
        return Ok(ExitCode::from(1));
    };
    let known = subjects(&site);
    let subject = Subject::parse(&args.id).filter(|s| known.contains(s));
    let Some(subject) = subject else {
        let problem = Problem::new(format!("`{}` names no item of the plan", args.id));
        return Err(problem.with_help(help(&args.id, &known)).into());
    };
    let (raw_theme, _) = crate::load::theme::load(args.site.theme.as_deref());
    let lang = if args.en {
        crate::model::Lang::En
    } else {
        crate::model::Lang::Zh
    };
    let strings = raw_theme.strings.get(&lang).cloned().unwrap_or_default();
    let mut site = site;
    site.history = crate::history::read(&content, crate::history::head(&content).as_ref());
    print!(
        "{}",
        crate::views::history_text(&site, &strings, lang, subject)
    );
    Ok(ExitCode::SUCCESS)
}

/// What to say of an id that names nothing: the range of its kind where
/// it is one (`task/8000`), else the closest id, else the forms of an id.
fn help(id: &str, known: &[Subject]) -> String {
    let keys: Vec<String> = known.iter().map(|s| s.key()).collect();
    let kind = id.rsplit_once('/').map(|(k, _)| format!("{k}/"));
    let same: Vec<&String> = match &kind {
        Some(k) if Subject::parse(id).is_some() => {
            keys.iter().filter(|x| x.starts_with(k.as_str())).collect()
        }
        _ => Vec::new(),
    };
    match (same.first(), same.last()) {
        (Some(first), Some(last)) => format!("the plan has {first} to {last}"),
        _ => did_you_mean(id, keys.iter().map(String::as_str)).unwrap_or_else(|| {
            "name an item as its page does: task/8, key-task/2022/5, project/3, indicator/2"
                .to_string()
        }),
    }
}

/// Every item of the plan, by the ids its pages have.
fn subjects(site: &Site) -> Vec<Subject> {
    let tasks = site.plan.tasks.iter().map(|t| Subject::Task(t.number));
    let indicators = site
        .plan
        .indicators
        .iter()
        .map(|i| Subject::Indicator(i.number));
    let projects = site
        .plan
        .projects
        .iter()
        .map(|p| Subject::Project(p.number));
    let key_tasks = site
        .plan
        .key_task_lists
        .iter()
        .flat_map(|l| l.items.iter().map(|k| Subject::KeyTask(l.year, k.number)));
    tasks
        .chain(indicators)
        .chain(projects)
        .chain(key_tasks)
        .collect()
}
