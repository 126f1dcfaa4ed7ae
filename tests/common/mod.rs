//! Helpers shared by the integration tests: loading fixture modules and rendering reports.

// Each test crate uses a different subset of these helpers.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use keymgmt_lint::{Report, SourceFile};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fixture case: a directory is one module (configuration files first, then variable files,
/// each sorted, as the CLI orders them); a single file is a module of its own.
pub fn load(case: &Path) -> Vec<SourceFile> {
    let mut paths: Vec<PathBuf> = if case.is_dir() {
        fs::read_dir(case)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_file())
            .collect()
    } else {
        vec![case.to_path_buf()]
    };
    paths.sort_by_key(|p| {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        (name.contains(".tfvars"), name)
    });
    let base = if case.is_dir() {
        case
    } else {
        case.parent().unwrap()
    };
    paths
        .iter()
        .map(|p| {
            let name = p.strip_prefix(base).unwrap().to_string_lossy().to_string();
            SourceFile::new(name, fs::read_to_string(p).unwrap())
        })
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
