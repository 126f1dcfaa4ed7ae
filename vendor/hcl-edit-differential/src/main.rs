//! The patched string-literal parser against the published one, on generated quoted strings
//! over an alphabet dense in what the patch handles: `$` and `%` before and after `{`, the
//! escaped markers `$${` and `%%{`, escapes, quotes, interpolations, directives, non-ASCII.
//! Deterministic, so that a failure reproduces; exits non-zero on the first disagreement.

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
        let text = format!("x = \"{body}\"\ny = \"${{a}}{body}\"\n");
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
