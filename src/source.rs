//! Source files and the conversion of byte offsets into line/column positions.

use crate::diagnostic::{Position, Range};

/// Where something stands: a byte range in one of the module's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: usize, range: std::ops::Range<usize>) -> Span {
        Span {
            file,
            start: range.start,
            end: range.end,
        }
    }

    /// A span of `len` bytes inside this one, starting `offset` bytes after its start.
    pub fn sub(self, offset: usize, len: usize) -> Span {
        let start = (self.start + offset).min(self.end);
        Span {
            file: self.file,
            start,
            end: (start + len).min(self.end),
        }
    }

    /// Whether `inner` lies within this span, in the same file.
    pub fn contains(&self, inner: Span) -> bool {
        self.file == inner.file && self.start <= inner.start && inner.end <= self.end
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `.tf`
    Hcl,
    /// `.tf.json`
    Json,
    /// `.tfvars`
    HclVars,
    /// `.tfvars.json`
    JsonVars,
    /// Anything else: reported, not read.
    Other,
}

impl FileKind {
    pub fn of(path: &str) -> FileKind {
        let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
        if name.ends_with(".tfvars.json") {
            FileKind::JsonVars
        } else if name.ends_with(".tfvars") {
            FileKind::HclVars
        } else if name.ends_with(".tf.json") {
            FileKind::Json
        } else if name.ends_with(".tf") {
            FileKind::Hcl
        } else {
            FileKind::Other
        }
    }
}

#[derive(Debug)]
pub struct File {
    pub path: String,
    pub text: String,
    pub kind: FileKind,
    line_starts: Vec<usize>,
}

impl File {
    pub fn new(path: &str, text: &str) -> File {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        File {
            path: path.to_string(),
            text: text.to_string(),
            kind: FileKind::of(path),
            line_starts,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.line_starts[line];
        let column = self.text[line_start..offset].encode_utf16().count();
        Position {
            line: to_u32(line + 1),
            column: to_u32(column + 1),
            offset: to_u32(offset),
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range {
            start: self.position(span.start),
            end: self.position(span.end.max(span.start)),
        }
    }

    /// The text of a span, as long as it lies on char boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_utf16_columns_and_bytes() {
        let file = File::new("a.tf", "a = 1\nb = \"é𝄞x\"\n");
        let x = file.text.find('x').unwrap();
        let pos = file.position(x);
        assert_eq!((pos.line, pos.column, pos.offset as usize), (2, 9, x));
        assert_eq!(file.position(0).column, 1);
        assert_eq!(file.position(file.text.len()).line, 3);
    }

    #[test]
    fn kinds_follow_terraform_file_names() {
        assert_eq!(FileKind::of("dir/main.tf"), FileKind::Hcl);
        assert_eq!(FileKind::of("main.tf.json"), FileKind::Json);
        assert_eq!(FileKind::of("terraform.tfvars"), FileKind::HclVars);
        assert_eq!(FileKind::of("x.auto.tfvars.json"), FileKind::JsonVars);
        assert_eq!(FileKind::of("README.md"), FileKind::Other);
    }
}
