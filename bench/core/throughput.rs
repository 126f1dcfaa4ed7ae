//! Native throughput of `lint`: the generated modules of `bench/gen.mjs` (made with `node` when
//! missing), each linted several times; prints MB/s. Figures only, no thresholds.
//!
//!   cargo bench --bench throughput            → N = 100, 1000, 10000
//!   cargo bench --bench throughput -- 500     → the sizes given

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use keymgmt_lint::{lint, Options, SourceFile};

fn module(n: usize) -> SourceFile {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let file: PathBuf = root.join("bench/out").join(n.to_string()).join("main.tf");
    if !file.exists() {
        let status = Command::new("node")
            .arg(root.join("bench/gen.mjs"))
            .arg(n.to_string())
            .status()
            .expect("node runs bench/gen.mjs");
        assert!(status.success(), "bench/gen.mjs {n} failed");
    }
    let text = std::fs::read_to_string(&file).expect("generated module is readable");
    SourceFile::new("main.tf", text)
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; every other argument is a size.
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![100, 1000, 10000]
    } else {
        sizes
    };
    let options = Options::default();
    println!(
        "{:>7} {:>10} {:>11} {:>10} {:>9}",
        "keys", "bytes", "resources", "median ms", "MB/s"
    );
    for n in sizes {
        let files = [module(n)];
        let bytes = files[0].text.len();
        let repeats = if n >= 10000 { 5 } else { 15 };
        let mut resources = 0;
        let times = (0..repeats)
            .map(|_| {
                let start = Instant::now();
                let report = lint(&files, &options).expect("default options are valid");
                let took = start.elapsed();
                resources = report.summary.resources;
                assert!(
                    report.diagnostics.is_empty(),
                    "the generated module lints clean"
                );
                took
            })
            .collect();
        let ms = median(times);
        println!(
            "{:>7} {:>10} {:>11} {:>10.1} {:>9.1}",
            n,
            bytes,
            resources,
            ms.as_secs_f64() * 1e3,
            bytes as f64 / 1e6 / ms.as_secs_f64()
        );
    }
}
