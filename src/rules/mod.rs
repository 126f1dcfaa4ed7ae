//! The rule registry.
//!
//! A rule is one file in this folder, declaring its `RULE` with `declare_rule!` (rule.rs): its
//! metadata and, in the doc comment, its documentation. The registry below lists them. What a
//! rule works with is its `Context` (context.rs); what it reports, `Finding`s (finding.rs).

#[macro_use]
mod rule;

mod credentials_conflict;
mod credentials_incomplete;
mod distribution;
mod duplicate_distribution;
mod duplicate_name;
mod evaluation_limit;
mod hardcoded_secret;
mod invalid_expression;
mod invalid_ignore;
mod invalid_value;
mod key_collection_format;
mod key_multiple_kms;
mod key_type_unsupported;
mod missing_required_argument;
mod mixed_schema_generation;
mod module_not_followed;
mod mount_mismatch;
mod mount_type;
mod namespace_format;
mod parse_error;
mod protection_unsupported;
mod purpose_key_type;
mod replica_region_invalid;
mod replicate_no_replica_regions;
mod replicate_not_distributed;
mod replicate_ordering;
mod replicate_provider;
mod unknown_argument;
mod unknown_key;
mod unknown_kms;
mod unknown_name;
mod unresolved_reference;
mod unused_ignore;

mod context;
mod finding;

pub use context::Context;
pub use finding::{Finding, RuleFinding};
pub use rule::{Check, Docs, Fixes, Inputs, Phase, Rule};

/// Every rule, in the order of the catalogue of the project's specification.
pub static RULES: &[&Rule] = &[
    &parse_error::RULE,
    &unknown_argument::RULE,
    &missing_required_argument::RULE,
    &invalid_value::RULE,
    &mixed_schema_generation::RULE,
    &evaluation_limit::RULE,
    &invalid_expression::RULE,
    &key_type_unsupported::RULE,
    &purpose_key_type::RULE,
    &protection_unsupported::RULE,
    &replicate_provider::RULE,
    &replicate_no_replica_regions::RULE,
    &replicate_not_distributed::RULE,
    &replicate_ordering::RULE,
    &replica_region_invalid::RULE,
    &credentials_conflict::RULE,
    &credentials_incomplete::RULE,
    &hardcoded_secret::RULE,
    &unresolved_reference::RULE,
    &module_not_followed::RULE,
    &unknown_kms::RULE,
    &unknown_key::RULE,
    &mount_mismatch::RULE,
    &mount_type::RULE,
    &duplicate_name::RULE,
    &duplicate_distribution::RULE,
    &key_multiple_kms::RULE,
    &key_collection_format::RULE,
    &namespace_format::RULE,
    &unused_ignore::RULE,
    &invalid_ignore::RULE,
];

pub fn find(id: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_with_examples() {
        for rule in RULES {
            assert!(rule.docs.contains("## What it checks"), "{} docs", rule.id);
            assert!(rule.docs.contains("## Why"), "{} docs", rule.id);
            assert!(rule.docs.contains("## Bad"), "{} docs", rule.id);
            assert!(rule.docs.contains("## Good"), "{} docs", rule.id);
            assert_eq!(find(rule.id).map(|r| r.id), Some(rule.id));
        }
    }
}
