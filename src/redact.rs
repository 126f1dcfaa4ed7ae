//! How values become text in messages: the one place that knows sensitivity marks.
//!
//! A rule never formats a value itself. It reads strings as [`Text`], whose `Display` quotes the
//! string, or shows [`SENSITIVE`] in its place when the value is marked (see
//! `model::Value::Sensitive`); no other value is shown in a message. Did-you-mean
//! suggestions go through a [`Suggester`], which never offers a sensitive name nor answers for
//! one: a suggestion close to a secret would tell part of it.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

/// What a message shows in place of a sensitive value.
pub const SENSITIVE: &str = "(sensitive value)";

/// A string value with its sensitivity mark. `Display` writes it in backticks, or
/// [`SENSITIVE`] when it is marked.
#[derive(Debug, Clone, Copy)]
pub struct Text<'a> {
    text: &'a str,
    sensitive: bool,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str, sensitive: bool) -> Text<'a> {
        Text { text, sensitive }
    }

    pub fn into_sensitive(self) -> Text<'a> {
        Text {
            sensitive: true,
            ..self
        }
    }

    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// The string itself, to compare and look up; never for a message.
    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The same text without leading and trailing `c`, keeping the mark.
    pub fn trimmed(self, c: char) -> Text<'a> {
        Text {
            text: self.text.trim_matches(c),
            ..self
        }
    }

    /// In double quotes with Rust's escapes (`"eu/"`), or [`SENSITIVE`].
    pub fn quoted(self) -> Quoted<'a> {
        Quoted(self)
    }

    /// The bare string, for pictures (the playground's graph), or [`SENSITIVE`].
    pub fn plain(self) -> Cow<'a, str> {
        if self.sensitive {
            Cow::Borrowed(SENSITIVE)
        } else {
            Cow::Borrowed(self.text)
        }
    }
}

/// Comparisons ignore the mark, as `Value`'s do.
impl PartialEq for Text<'_> {
    fn eq(&self, other: &Text<'_>) -> bool {
        self.text == other.text
    }
}

impl PartialEq<str> for Text<'_> {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl PartialEq<&str> for Text<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.text == *other
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sensitive {
            f.write_str(SENSITIVE)
        } else {
            write!(f, "`{}`", self.text)
        }
    }
}

/// See [`Text::quoted`].
pub struct Quoted<'a>(Text<'a>);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.sensitive {
            f.write_str(SENSITIVE)
        } else {
            write!(f, "{:?}", self.0.text)
        }
    }
}

/// Did-you-mean suggestions for one lint run, within a budget: an edit distance costs the
/// product of the two names' lengths, and a hostile module (ten thousand misspelt references
/// against ten thousand names) would otherwise make the suggestions quadratic. Once the budget is
/// spent, findings come without a suggestion.
pub struct Suggester {
    budget: Cell<u64>,
}

/// Edit-distance cells (about one step each) a lint run may spend on suggestions.
const SUGGESTION_BUDGET: u64 = 20_000_000;

/// Longer names get no suggestion: no typo of a name that long is worth its cost.
const MAX_SUGGESTED_LEN: usize = 128;

impl Default for Suggester {
    fn default() -> Suggester {
        Suggester {
            budget: Cell::new(SUGGESTION_BUDGET),
        }
    }
}

impl Suggester {
    /// The closest of `candidates` to a misspelt `name`, if any is close enough to be a typo;
    /// never for a sensitive name, and never a sensitive candidate.
    pub fn text<'c>(
        &self,
        name: Text<'_>,
        candidates: impl IntoIterator<Item = Text<'c>>,
    ) -> Option<Text<'c>> {
        if name.sensitive {
            return None;
        }
        let names = candidates.into_iter().filter(|c| !c.sensitive);
        closest(name.text, names.map(|c| (c.text, c)), &self.budget)
    }

    /// The closest of `candidates` to a misspelt `name`, for names that are no values (argument,
    /// rule and resource names).
    pub fn name<'a>(
        &self,
        name: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        closest(name, candidates.into_iter().map(|c| (c, c)), &self.budget)
    }
}

/// [`Suggester::name`] for a one-off question (a rule id in the options or the config file),
/// with a budget of its own.
pub fn suggest_name<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    Suggester::default().name(name, candidates)
}

fn closest<'c, T>(
    name: &str,
    candidates: impl Iterator<Item = (&'c str, T)>,
    budget: &Cell<u64>,
) -> Option<T> {
    let len = name.chars().count();
    if len > MAX_SUGGESTED_LEN {
        return None;
    }
    let limit = (len / 3).max(1);
    let mut best: Option<(usize, &str, T)> = None;
    for (c, item) in candidates {
        // A length check first: most candidates are too long or too short to be a typo.
        if !spend(budget, 1 + c.len() as u64 / 16) {
            return None;
        }
        if c.len().abs_diff(name.len()) > limit * 4 || c.chars().count().abs_diff(len) > limit {
            continue;
        }
        if !spend(budget, (len * c.len()) as u64) {
            return None;
        }
        let distance = strsim::damerau_levenshtein(name, c);
        let better = best
            .as_ref()
            .is_none_or(|(d, b, _)| (distance, c) < (*d, *b));
        if distance <= limit && better {
            best = Some((distance, c, item));
        }
    }
    best.map(|(_, _, item)| item)
}

/// Takes `cost` from the budget, or empties it and says no.
fn spend(budget: &Cell<u64>, cost: u64) -> bool {
    match budget.get().checked_sub(cost) {
        Some(left) => {
            budget.set(left);
            true
        }
        None => {
            budget.set(0);
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_text_is_never_shown() {
        let secret = Text::new("hunter2", true);
        assert_eq!(secret.to_string(), SENSITIVE);
        assert_eq!(secret.quoted().to_string(), SENSITIVE);
        assert_eq!(secret.plain(), SENSITIVE);
        assert_eq!(secret.trimmed('h').to_string(), SENSITIVE);
        let plain = Text::new("/eu/", false);
        assert_eq!(plain.to_string(), "`/eu/`");
        assert_eq!(plain.quoted().to_string(), "\"/eu/\"");
        assert_eq!(plain.trimmed('/').to_string(), "`eu`");
    }

    #[test]
    fn suggestions_stop_when_the_budget_is_spent() {
        let suggester = Suggester::default();
        let names: Vec<String> = (0..20_000).map(|i| format!("name_{i:06}")).collect();
        let mut answered = 0;
        for i in 0..1_000 {
            let typo = format!("nmae_{i:06}");
            if suggester
                .name(&typo, names.iter().map(String::as_str))
                .is_some()
            {
                answered += 1;
            }
        }
        // The first few find their name; then the budget is gone and none is searched for.
        assert!((1..1_000).contains(&answered), "{answered}");
        assert_eq!(suggester.name("nmae", ["name"]), None);
        let long = "x".repeat(MAX_SUGGESTED_LEN + 1);
        assert_eq!(suggest_name(&long, [long.as_str()]), None);
    }

    #[test]
    fn suggestions_catch_typos_and_keep_secrets() {
        let names = ["name", "path", "mount", "key_collection"];
        assert_eq!(suggest_name("nmae", names), Some("name"));
        assert_eq!(suggest_name("key_colection", names), Some("key_collection"));
        assert_eq!(suggest_name("purpose", names), None);
        let candidates = [Text::new("signer", false), Text::new("signed", true)];
        let suggester = Suggester::default();
        let found = suggester.text(Text::new("signe", false), candidates);
        assert_eq!(found.map(|t| t.as_str()), Some("signer"));
        let only_secret = [Text::new("signed", true)];
        assert_eq!(suggester.text(Text::new("signe", false), only_secret), None);
        assert_eq!(suggester.text(Text::new("signe", true), candidates), None);
    }
}
