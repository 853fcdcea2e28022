//! Every input the fuzzers found (and their seeds), kept in
//! tests/fixtures/fuzz-regressions/<target>/, must still run without a panic.

use crate::support::fixtures;

#[test]
fn fuzz_regressions_run_cleanly() {
    let mut count = 0;
    for (target, run) in [
        ("frontmatter", pamphlet::fuzzing::front_matter as fn(&str)),
        ("markdown_citations", pamphlet::fuzzing::article),
        ("config", pamphlet::fuzzing::config),
    ] {
        let dir = fixtures().join("fuzz-regressions").join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            run(&String::from_utf8_lossy(&bytes));
            count += 1;
        }
    }
    assert!(count >= 5, "the seeds are there");
}
