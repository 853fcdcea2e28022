//! The workflow is valid YAML and does what docs/install.md says it does.

use super::*;
use serde_json::Value;

fn workflow() -> Value {
    crate::yaml::parse_value(&text()).expect("the workflow is valid YAML")
}

fn steps(job: &str) -> Vec<Value> {
    workflow()["jobs"][job]["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("job `{job}` has steps"))
        .clone()
}

fn step_using(job: &str, action: &str) -> Value {
    steps(job)
        .into_iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with(&format!("{action}@")))
        })
        .unwrap_or_else(|| panic!("job `{job}` uses {action}"))
}

/// The shell commands of a job, in order.
fn runs(job: &str) -> Vec<String> {
    steps(job)
        .iter()
        .filter_map(|s| s["run"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn installs_this_version_with_pip_then_checks_then_builds() {
    let runs = runs("build");
    let pin = format!(
        "pip install \"pamphlet-ssg=={}\"",
        env!("CARGO_PKG_VERSION")
    );
    let at = |needle: &str| {
        runs.iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("no step runs `{needle}`: {runs:?}"))
    };
    assert!(at(&pin) < at("pamphlet check"));
    assert!(at("pamphlet check") < at("pamphlet build"));
    assert!(!text().contains(VERSION_SLOT), "the version is filled in");
}

#[test]
fn check_and_build_use_the_same_date() {
    let runs = runs("build");
    for command in ["pamphlet check", "pamphlet build"] {
        let run = runs.iter().find(|r| r.contains(command)).unwrap();
        assert!(run.contains("--today \"$PAMPHLET_TODAY\""), "{run}");
    }
    assert!(runs.iter().any(|r| r.contains("PAMPHLET_TODAY=")));
}

#[test]
fn keeps_the_default_cache_folder_between_runs() {
    let cache = step_using("build", "actions/cache");
    let path = cache["with"]["path"].as_str().unwrap();
    let default = crate::config::ShareImagesConfig::default().cache;
    assert!(
        default.starts_with(path),
        "the workflow caches `{path}`, the share images go to `{}`",
        default.display()
    );
    assert!(cache["with"]["restore-keys"].is_string());
}

#[test]
fn publishes_public_only_from_main_never_from_a_pull_request() {
    let upload = step_using("build", "actions/upload-pages-artifact");
    assert_eq!(upload["with"]["path"], "public");
    let deploy = &workflow()["jobs"]["deploy"];
    step_using("deploy", "actions/deploy-pages");
    for condition in [&upload["if"], &deploy["if"]] {
        let condition = condition.as_str().expect("publishing is conditional");
        assert!(condition.contains("github.event_name != 'pull_request'"));
        assert!(condition.contains("github.ref == 'refs/heads/main'"));
    }
    // Only the deploy job may write to Pages; the build reads.
    assert_eq!(workflow()["permissions"]["contents"], "read");
    assert_eq!(deploy["permissions"]["pages"], "write");
    assert!(workflow()["jobs"]["build"]["permissions"].is_null());
}

#[test]
fn write_creates_the_file_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path()).unwrap();
    assert_eq!(path, dir.path().join(PATH));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text());
    std::fs::write(&path, "mine").unwrap();
    assert!(matches!(write(dir.path()), Err(Error::Usage(_))));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}
