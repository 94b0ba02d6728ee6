//! A synthetic plan of N tasks for the benchmark (`gongkai scale N`) and for
//! tests: valid content in both languages with agencies, rivers, indicators,
//! projects, key tasks and updates in proportion to the real plan (446
//! tasks: 19 indicators, 31 projects, 66 key tasks, about 60 agencies and 20
//! water bodies). Deterministic: the same N gives the same files, so two
//! benchmark runs (and the peers' sites `bench/mkinput.py` makes from it)
//! build the same pages.

use crate::import::emit::to_yaml;
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const RIVERS: [(&str, &str, &str); 12] = [
    ("laixi", "濑溪河", "Laixi River"),
    ("huaiyuan", "淮远河", "Huaiyuan River"),
    ("taiping", "太平河", "Taiping River"),
    ("kulong", "窟窿河", "Kulong River"),
    ("yongxi", "雍溪河", "Yongxi River"),
    ("tangba", "塘坝河", "Tangba River"),
    ("hualong-creek", "化龙溪", "Hualong Creek"),
    ("gaosheng", "高升河", "Gaosheng River"),
    ("yutan-reservoir", "玉滩水库", "Yutan Reservoir"),
    ("hualong-reservoir", "化龙水库", "Hualong Reservoir"),
    ("shangyou-reservoir", "上游水库", "Shangyou Reservoir"),
    ("longshui-lake", "龙水湖", "Longshui Lake"),
];

const ACTIONS: [(&str, &str); 6] = [
    ("加强", "Strengthen"),
    ("推进", "Advance"),
    ("完善", "Improve"),
    ("开展", "Carry out"),
    ("落实", "Implement"),
    ("健全", "Perfect"),
];

const OBJECTS: [(&str, &str); 6] = [
    (
        "水生态环境保护",
        "the protection of the water ecological environment",
    ),
    (
        "污水收集管网建设",
        "the construction of sewage collection networks",
    ),
    (
        "饮用水水源地规范化建设",
        "the standardised construction of drinking water sources",
    ),
    (
        "农村人居环境整治",
        "the improvement of the rural living environment",
    ),
    (
        "大气污染联防联控",
        "joint prevention and control of air pollution",
    ),
    ("土壤污染风险管控", "risk control of soil pollution"),
];

fn text(zh: String, en: String) -> Value {
    json!({"zh": zh, "en": en})
}

fn write(path: &Path, value: &Value) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(path, to_yaml(value)).with_context(|| format!("writing {}", path.display()))
}

/// Write the synthetic plan of `tasks` tasks (at least 7: one per chapter)
/// into `out`/content and `out`/seeds; returns the content folder.
pub fn write_plan(out: &Path, tasks: usize) -> Result<PathBuf> {
    let n = tasks.max(7);
    let content = out.join("content");
    let plan = content.join("plan");
    let agencies_n = 60usize;
    let agency = |i: usize| format!("a{:02}", i % agencies_n + 1);
    let mut agencies: Vec<Value> = (0..agencies_n)
        .map(|i| json!({"id": agency(i), "zh": format!("区第{}局", i + 1), "en": format!("District Bureau {}", i + 1), "kind": "district-bureau"}))
        .collect();
    agencies.push(json!({"id": "district-units", "zh": "区级有关单位", "en": "relevant district-level units", "kind": "group"}));
    write(&content.join("agencies.yaml"), &Value::Array(agencies))?;
    let rivers: Vec<Value> = RIVERS
        .iter()
        .map(|(id, zh, en)| {
            json!({"id": id, "zh": zh, "en": en, "kind": if zh.ends_with('河') || zh.ends_with('溪') { "river" } else { "reservoir" },
                   "sections": [{"id": format!("{id}-section"), "zh": format!("{zh}断面"), "en": format!("{en} section"),
                                 "target_class": "Ⅲ", "source": {"zh": "合成数据", "en": "synthetic data"}}]})
        })
        .collect();
    write(&content.join("rivers.yaml"), &Value::Array(rivers))?;
    write(
        &content.join("config.yaml"),
        &json!({"title": {"zh": format!("合成规划（{}项任务）", zh_count(n)), "en": format!("Synthetic plan ({} tasks)", crate::model::amount::thousands(n as u64))}, "base_url": "/", "build_date": "2023-06-30", "require_english": true}),
    )?;
    write(
        &plan.join("document.yaml"),
        &json!({
            "document": {
                "title": text("合成规划文件".into(), "Synthetic plan document".into()),
                "index_number": "000/2022-00000", "doc_number": "合成〔2022〕1号",
                "subject": text("环境".into(), "Environment".into()), "genre": text("其他公文".into(), "Other".into()),
                "issuer": text("合成办公室".into(), "Synthetic Office".into()),
                "written": "2022-07-27", "published": "2022-08-05", "validity": null, "source_url": null, "seed": "synthetic.txt",
                "notice": [text("请认真组织实施。".into(), "Please implement it.".into())],
                "signed_by": text("合成办公室".into(), "Synthetic Office".into()), "signed_date": "2022年7月27日"
            },
            "titles": {
                "attachment1": text("任务分解方案".into(), "Task breakdown".into()),
                "attachment2": text("2022年重点任务".into(), "2022 key tasks".into()),
                "indicators": text("指标清单".into(), "Indicators".into()),
                "tasks": text("任务清单".into(), "Tasks".into()),
                "projects": text("项目清单".into(), "Projects".into()),
            }
        }),
    )?;
    let chapters: Vec<Value> = (1..=7)
        .map(|c| {
            json!({"number": c, "title": text(format!("第{c}章"), format!("Chapter {c}")),
                   "sections": (1..=4).map(|s| json!({"number": s, "title": text(format!("第{c}章第{s}节"), format!("Chapter {c}, section {s}"))})).collect::<Vec<_>>()})
        })
        .collect();
    write(&plan.join("chapters.yaml"), &Value::Array(chapters))?;
    let tasks: Vec<Value> = (1..=n)
        .map(|i| {
            let (a_zh, a_en) = ACTIONS[i % ACTIONS.len()];
            let (o_zh, o_en) = OBJECTS[(i / 3) % OBJECTS.len()];
            let (_, r_zh, r_en) = RIVERS[i % RIVERS.len()];
            let chapter = (i - 1) * 7 / n + 1;
            json!({
                "number": i, "chapter": chapter, "section": (i % 4) + 1,
                "text": text(format!("{a_zh}{r_zh}流域{o_zh}，到2025年完成第{i}项目标。"), format!("{a_en} {o_en} in the {r_en} basin, and complete target {i} by 2025.")),
                "lead": [agency(i), agency(i * 7 + 3)], "responsible": ["district-units"], "source_line": i,
            })
        })
        .collect();
    write(&plan.join("tasks.yaml"), &Value::Array(tasks))?;
    let indicators: Vec<Value> = (1..=(n * 19 / 446).max(1))
        .map(|i| json!({"number": i, "domain": text("环境质量".into(), "Environmental quality".into()),
                        "name": text(format!("第{i}项指标(%)"), format!("Indicator {i} (%)")), "attribute": "约束性",
                        "target": text("95".into(), "95".into()), "lead": [agency(i)], "source_line": i}))
        .collect();
    write(&plan.join("indicators.yaml"), &Value::Array(indicators))?;
    let projects_n = (n * 31 / 446).max(1);
    let projects: Vec<Value> = (1..=projects_n)
        .map(|i| json!({"number": i, "category": text("生态保护修复".into(), "Ecological restoration".into()),
                        "name": text(format!("第{i}号修复工程"), format!("Restoration project {i}")),
                        "content": text(format!("修复河岸{i}公里。"), format!("Restore {i} km of river banks.")),
                        "investment": "1.5", "start_year": 2021, "end_year": 2025, "responsible": [agency(i)], "source_line": i}))
        .collect();
    write(
        &plan.join("projects.yaml"),
        &json!({"stated_total": format!("{}.{}", projects_n * 15 / 10, if projects_n % 2 == 1 { "5" } else { "0" }), "items": projects}),
    )?;
    let key: Vec<Value> = (1..=(n * 66 / 446).max(1))
        .map(|i| json!({"number": i, "category": text("碧水保卫战".into(), "Battle for clear waters".into()),
                        "text": text(format!("完成第{i}项年度任务。"), format!("Complete yearly task {i}.")),
                        "responsible": [agency(i)], "cooperating": ["district-units"], "source_line": i}))
        .collect();
    write(
        &plan.join("key-tasks-2022.yaml"),
        &json!({"year": 2022, "title": text("2022年重点任务".into(), "2022 key tasks".into()), "items": key}),
    )?;
    // One update for every fourth task, as staff might report in a year.
    let statuses = ["in-progress", "completed", "delayed", "ongoing"];
    for i in (1..=n).step_by(4) {
        let dir = content.join("updates").join("2023");
        std::fs::create_dir_all(&dir)?;
        let stem = format!("2023-03-31-task-{i}");
        std::fs::write(
            dir.join(format!("{stem}.md")),
            format!("---\nsubjects: [task/{i}]\ndate: \"2023-03-31\"\nstatus: {}\nreporter: {}\n---\n## 进展情况\n\n完成第{i}项年度工作。\n", statuses[i % 4], agency(i)),
        )?;
        std::fs::write(
            dir.join(format!("{stem}.en.md")),
            format!("## Progress\n\nCompleted annual work item {i}.\n"),
        )?;
    }
    let seeds = out.join("seeds");
    std::fs::create_dir_all(&seeds)?;
    std::fs::write(seeds.join("synthetic.txt"), "合成规划文件（基准测试用）\n")?;
    Ok(content)
}

/// A count as the plan's Chinese writes it: whole ten-thousands in 万
/// (5万), so that the translation check finds it in the English (50,000).
fn zh_count(n: usize) -> String {
    if n >= 10_000 && n.is_multiple_of(10_000) {
        format!("{}万", n / 10_000)
    } else {
        n.to_string()
    }
}
