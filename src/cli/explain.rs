//! `pamphlet check --explain CODE`: what a problem code means and how to
//! fix it, and the topics that explain behaviour rather than problems.

use crate::diagnostics::{codes, suggest};
use crate::error::{Error, Result};
use std::process::ExitCode;

/// An explanation `check --explain` gives that is not a problem code.
#[derive(Debug, Clone, Copy)]
struct Topic {
    name: &'static str,
    summary: &'static str,
    /// Built when asked, from the code that implements it, so it cannot drift.
    explanation: fn() -> String,
}

/// Explanations of behaviour rather than problems, in alphabetical order.
const TOPICS: &[Topic] = &[Topic {
    name: "translation/inherited",
    summary: "What a translation takes from its source when it does not write it (not a problem).",
    explanation: crate::site::inherit::explain,
}];

fn find_topic(name: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.name == name)
}

pub(super) fn explain(code: &str) -> Result<ExitCode> {
    if code == "all" {
        for c in codes::ALL {
            println!("{:<32} {:<7} {}", c.name, c.severity, c.summary);
        }
        for t in TOPICS {
            println!("{:<32} {:<7} {}", t.name, "info", t.summary);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(topic) = find_topic(code) {
        println!(
            "{}\n\n{}\n\n{}",
            topic.name,
            topic.summary,
            (topic.explanation)()
        );
        return Ok(ExitCode::SUCCESS);
    }
    match codes::find(code) {
        Some(c) => {
            println!(
                "{} ({})\n\n{}\n\n{}",
                c.name, c.severity, c.summary, c.explanation
            );
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let hint = suggest::did_you_mean(
                code,
                codes::ALL
                    .iter()
                    .map(|c| c.name)
                    .chain(TOPICS.iter().map(|t| t.name)),
            )
            .map(|h| format!(" ({h})"))
            .unwrap_or_default();
            Err(Error::Usage(format!(
                "there is no problem code `{code}`{hint}; `pamphlet check --explain all` lists them"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_kebab_case_and_not_codes() {
        for topic in TOPICS {
            assert!(
                codes::find(topic.name).is_none(),
                "{} is both a code and a topic",
                topic.name
            );
            assert!(
                topic
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '-' || c == '/'),
                "{} is not kebab-case",
                topic.name
            );
            assert!(!(topic.explanation)().is_empty());
        }
    }
}
