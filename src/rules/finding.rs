//! What a rule reports, before the runner adds its rule and severity.

use super::Rule;
use crate::diagnostic::Severity;
use crate::model::Resource;
use crate::source::Span;

/// A finding with the rule that made it, on its way to becoming a diagnostic.
pub type RuleFinding = (&'static Rule, Finding);

/// What a rule reports: the runner adds the rule id and severity and turns spans into ranges.
#[derive(Debug, Clone)]
pub struct Finding {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub related: Vec<(Span, String)>,
    pub resource: Option<String>,
    /// Set where one case of a rule is milder (or graver) than the rule's default severity.
    pub severity: Option<Severity>,
    pub fixes: Vec<crate::fix::Fix>,
    /// Findings like this one about the same subject that its rule counted but did not build:
    /// past [`crate::report::MAX_FINDINGS_PER_SUBJECT`] they would only be counted anyway.
    pub unlisted: usize,
}

impl Finding {
    pub fn new(span: Span, message: impl Into<String>) -> Finding {
        Finding {
            span,
            message: message.into(),
            help: None,
            related: Vec::new(),
            resource: None,
            severity: None,
            fixes: Vec::new(),
            unlisted: 0,
        }
    }

    /// Adds `fix`, when there is one: a fix is offered only where the source allows it.
    pub fn fix(mut self, fix: Option<crate::fix::Fix>) -> Finding {
        self.fixes.extend(fix);
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Finding {
        self.related.push((span, message.into()));
        self
    }

    pub fn severity(mut self, severity: Severity) -> Finding {
        self.severity = Some(severity);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn about(mut self, resource: &Resource) -> Finding {
        self.resource = Some(resource.address().to_string());
        self
    }
}
