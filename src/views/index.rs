//! Who and what each task and project involves, indexed once per build so
//! agency and river pages (and their feeds) look their items up instead of
//! scanning every task.

use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// Each agency's and river's tasks, projects and updates.
pub struct Involved<'a> {
    /// Tasks an agency leads or shares, in task order.
    agency_tasks: BTreeMap<&'a str, Vec<&'a Task>>,
    /// Tasks and projects naming a river, in their order.
    river_tasks: BTreeMap<&'a str, Vec<&'a Task>>,
    river_projects: BTreeMap<&'a str, Vec<&'a Project>>,
    /// Updates an agency reported or that concern its items (its feed), in
    /// update order.
    agency_updates: BTreeMap<&'a str, Vec<&'a Update>>,
    /// Updates on items naming a river (its feed), in update order.
    river_updates: BTreeMap<&'a str, Vec<&'a Update>>,
}

impl<'a> Involved<'a> {
    pub fn new(site: &'a Site) -> Self {
        let mut agency_tasks: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
        let mut river_tasks: BTreeMap<&str, Vec<&Task>> = BTreeMap::new();
        let mut river_projects: BTreeMap<&str, Vec<&Project>> = BTreeMap::new();
        for t in &site.plan.tasks {
            let agencies: BTreeSet<&str> = t
                .lead
                .iter()
                .chain(&t.responsible)
                .map(String::as_str)
                .collect();
            for a in agencies {
                agency_tasks.entry(a).or_default().push(t);
            }
            for r in &t.rivers {
                river_tasks.entry(r).or_default().push(t);
            }
        }
        for p in &site.plan.projects {
            for r in &p.rivers {
                river_projects.entry(r).or_default().push(p);
            }
        }
        // Who and which rivers each subject of an update concerns.
        let mut concerns: BTreeMap<Subject, (Vec<&str>, &[String])> = BTreeMap::new();
        let ids = |v: &'a [String]| v.iter().map(String::as_str).collect::<Vec<_>>();
        for t in &site.plan.tasks {
            let mut who = ids(&t.lead);
            who.extend(ids(&t.responsible));
            concerns.insert(Subject::Task(t.number), (who, &t.rivers));
        }
        for i in &site.plan.indicators {
            concerns.insert(Subject::Indicator(i.number), (ids(&i.lead), &[]));
        }
        for p in &site.plan.projects {
            concerns.insert(Subject::Project(p.number), (ids(&p.responsible), &p.rivers));
        }
        for l in &site.plan.key_task_lists {
            for k in &l.items {
                let mut who = ids(&k.responsible);
                who.extend(ids(&k.cooperating));
                concerns.insert(Subject::KeyTask(l.year, k.number), (who, &k.rivers));
            }
        }
        let mut agency_updates: BTreeMap<&str, Vec<&Update>> = BTreeMap::new();
        let mut river_updates: BTreeMap<&str, Vec<&Update>> = BTreeMap::new();
        for u in &site.updates {
            let mut agencies = BTreeSet::from([u.reporter.as_str()]);
            let mut rivers = BTreeSet::new();
            for (who, on) in u.subjects.iter().filter_map(|s| concerns.get(s)) {
                agencies.extend(who.iter().copied());
                rivers.extend(on.iter().map(String::as_str));
            }
            for a in agencies {
                agency_updates.entry(a).or_default().push(u);
            }
            for r in rivers {
                river_updates.entry(r).or_default().push(u);
            }
        }
        Involved {
            agency_tasks,
            river_tasks,
            river_projects,
            agency_updates,
            river_updates,
        }
    }
    pub fn agency_updates(&self, id: &str) -> &[&'a Update] {
        self.agency_updates.get(id).map_or(&[], Vec::as_slice)
    }
    pub fn river_updates(&self, id: &str) -> &[&'a Update] {
        self.river_updates.get(id).map_or(&[], Vec::as_slice)
    }
    pub fn agency_tasks(&self, id: &str) -> &[&'a Task] {
        self.agency_tasks.get(id).map_or(&[], Vec::as_slice)
    }
    pub fn river_tasks(&self, id: &str) -> &[&'a Task] {
        self.river_tasks.get(id).map_or(&[], Vec::as_slice)
    }
    pub fn river_projects(&self, id: &str) -> &[&'a Project] {
        self.river_projects.get(id).map_or(&[], Vec::as_slice)
    }
}
