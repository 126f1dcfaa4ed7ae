//! Helpers shared by the integration tests: loading fixture modules and rendering reports.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use keymgmt_lint::{Report, SourceFile};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fixture case: a directory is a root module (configuration files first, then variable
/// files, each sorted, as the CLI orders them) and, in its subdirectories, the modules it calls;
/// a single file is a module of its own.
pub fn load(case: &Path) -> Vec<SourceFile> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    if case.is_dir() {
        walk(case, &mut paths);
    } else {
        paths.push(case.to_path_buf());
    }
    let base = if case.is_dir() {
        case
    } else {
        case.parent().unwrap()
    };
    let mut files: Vec<(String, PathBuf)> = paths
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, p)
        })
        .collect();
    // The root module's files first: the root module is the directory of the first one.
    files.sort_by_key(|(name, _)| {
        (
            name.matches('/').count(),
            name.contains(".tfvars"),
            name.clone(),
        )
    });
    files
        .into_iter()
        .map(|(name, p)| SourceFile::new(name, fs::read_to_string(p).unwrap()))
        .collect()
}

/// Every case of a fixture group, sorted by name.
pub fn cases(group: &str) -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(fixtures().join(group))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    cases
}

/// One line per diagnostic (`file:line:col-line:col severity rule message`), then its help and
/// related locations indented: the form the snapshots keep.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let (s, e) = (d.range.start, d.range.end);
        out.push_str(&format!(
            "{}:{}:{}-{}:{} {} {} {}\n",
            d.file,
            s.line,
            s.column,
            e.line,
            e.column,
            d.severity.as_str(),
            d.rule,
            d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("    help: {help}\n"));
        }
        for r in &d.related {
            out.push_str(&format!(
                "    related: {}:{}:{} {}\n",
                r.file, r.range.start.line, r.range.start.column, r.message
            ));
        }
    }
    if out.is_empty() {
        out.push_str("(no diagnostics)\n");
    }
    out
}
