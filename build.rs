//! Turns the `//!` doc comment of each `src/rules/<rule>.rs` into a string constant, so that a
//! rule's documentation lives in one place: its own source file.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("src/rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("src/rules exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs") && !p.ends_with("mod.rs"))
        .collect();
    entries.sort();
    let mut out = String::new();
    for path in entries {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("rule file is readable");
        // Shared helper modules in the folder are not rules.
        if !text.contains("pub static RULE: Rule") {
            continue;
        }
        let docs: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| {
                l.strip_prefix("//! ")
                    .unwrap_or(l.trim_start_matches("//!"))
            })
            .collect();
        let stem = path.file_stem().unwrap().to_string_lossy().to_uppercase();
        writeln!(
            out,
            "pub const {stem}: &str = {:?};",
            docs.join("\n").trim()
        )
        .unwrap();
    }
    let dest = Path::new(&env::var("OUT_DIR").unwrap()).join("rule_docs.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
