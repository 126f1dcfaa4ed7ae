//! The patched parser against the published one, on the inputs the patches touch: quoted strings
//! over an alphabet dense in `$` and `%` before and after `{`, the escaped markers `$${` and
//! `%%{`, escapes, quotes, interpolations, directives, non-ASCII; and objects whose keys repeat
//! in every form a key can take (identifiers, quoted strings, numbers, expressions, templates),
//! for the linear duplicate-key check. Deterministic, so that a failure reproduces; exits
//! non-zero on the first disagreement.

const PIECES: &[&str] = &[
    "a",
    "$",
    "%",
    "{",
    "}",
    "\\",
    "\"",
    "n",
    "u",
    "0",
    "é",
    " ",
    "\n",
    "${x}",
    "%{if a}b%{endif}",
    "$${",
    "%%{",
    "\\u00e9",
    "\\\"",
    "\\\\",
    "$$",
    "%%",
];

/// Object keys: the same text as an identifier and as a quoted string must stay two keys, and
/// every form must repeat.
const KEYS: &[&str] = &[
    "a", "b", "\"a\"", "\"b\"", "1", "(a)", "\"${a}\"", "a.b", "\"a b\"", "true", "null",
];

const SEPARATORS: &[&str] = &["\n", ", ", ",\n", " # c\n"];

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .map(|a| a.parse().expect("COUNT is a number"))
        .unwrap_or(300_000);
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let (mut parsed, mut failed) = (0, 0);
    for _ in 0..count {
        let len = (next() % 12) as usize;
        let body: String = (0..len)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        let items = (next() % 6) as usize;
        let object: String = (0..items)
            .map(|_| {
                let key = KEYS[(next() % KEYS.len() as u64) as usize];
                let separator = SEPARATORS[(next() % SEPARATORS.len() as u64) as usize];
                format!("{key} = 1{separator}")
            })
            .collect();
        let text = format!("x = \"{body}\"\ny = \"${{a}}{body}\"\nz = {{\n{object}}}\n");
        match (
            published::parser::parse_body(&text),
            patched::parser::parse_body(&text),
        ) {
            (Ok(a), Ok(b)) if format!("{a:?}") == format!("{b:?}") => parsed += 1,
            (Err(a), Err(b)) if a.to_string() == b.to_string() => failed += 1,
            (a, b) => {
                eprintln!(
                    "hcl-edit patch disagrees on {text:?}:\npublished: {a:?}\npatched:   {b:?}"
                );
                std::process::exit(1);
            }
        }
    }
    println!("hcl-edit patch: {count} inputs agree ({parsed} parsed, {failed} rejected with the same error)");
}
