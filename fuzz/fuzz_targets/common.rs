//! What every target expects of a report, beyond not panicking: each diagnostic (and each of its
//! related places) names one of the linted files, and its range lies inside that file, on
//! character boundaries, with the line and UTF-16 column that its byte offset gives.
//! tests/fuzz_regressions.rs runs these same checks on the inputs kept from fuzzing.

use keymgmt_lint::{Range, Report, SourceFile};

pub fn check(files: &[SourceFile], report: &Report) {
    for d in &report.diagnostics {
        check_range(files, &d.file, &d.range);
        for related in &d.related {
            check_range(files, &related.file, &related.range);
        }
    }
    serde_json::to_string(report).expect("a report serialises");
}

fn check_range(files: &[SourceFile], path: &str, range: &Range) {
    let file = files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("diagnostic in `{path}`, which is not a linted file"));
    assert!(
        range.start.offset <= range.end.offset,
        "reversed range {range:?}"
    );
    for position in [range.start, range.end] {
        let offset = position.offset as usize;
        assert!(
            file.text.is_char_boundary(offset),
            "offset {offset} outside `{path}` or inside a character"
        );
        let before = &file.text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        let column = before[line_start..].encode_utf16().count() + 1;
        assert_eq!(
            (position.line as usize, position.column as usize),
            (line, column),
            "position {position:?} in `{path}` does not match its offset"
        );
    }
}
