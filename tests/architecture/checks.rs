//! The checks themselves, and tests showing that each one catches what it
//! is for (a check that cannot fail would prove nothing).

use super::*;

/// Layer number → (name, modules), read from ARCHITECTURE.md's table: the
/// lines `<number> <name>: <module> <module> …` of its "Layers" block.
fn layers(markdown: &str) -> BTreeMap<String, (usize, String)> {
    let block = markdown
        .split("<!-- layers -->")
        .nth(1)
        .expect("ARCHITECTURE.md marks its layer table with <!-- layers -->");
    let mut by_module = BTreeMap::new();
    for line in block
        .lines()
        .take_while(|l| !l.contains("<!-- /layers -->"))
    {
        let Some((head, modules)) = line.split_once(':') else {
            continue;
        };
        let Some((number, name)) = head.trim().split_once(' ') else {
            continue;
        };
        let Ok(number) = number.parse::<usize>() else {
            continue;
        };
        for module in modules.split_whitespace() {
            let old = by_module.insert(module.to_string(), (number, name.trim().to_string()));
            assert!(old.is_none(), "`{module}` is listed in two layers");
        }
    }
    assert!(!by_module.is_empty(), "no layer lines found");
    by_module
}

fn sources() -> Vec<SourceFile> {
    let src = root().join("src");
    let mut files: Vec<SourceFile> = rust_files(&src)
        .into_iter()
        .map(|path| SourceFile {
            module: module_of(&src, &path),
            text: std::fs::read_to_string(&path).unwrap(),
            path,
        })
        .collect();
    let test_only = test_only_files(&files);
    files.retain(|f| !test_only.contains(&f.path) && !is_crate_root(f));
    files
}

/// The modules `src/lib.rs` declares.
fn declared_modules() -> BTreeSet<String> {
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    let words = code_tokens(&lib);
    words
        .windows(3)
        .filter(|w| w[0] == "mod" && w[2] == ";")
        .map(|w| w[1].clone())
        .collect()
}

/// Each import that climbs: "file: `crate::x` (layer …) from layer …".
fn climbing(files: &[SourceFile], layers: &BTreeMap<String, (usize, String)>) -> Vec<String> {
    let mut problems = Vec::new();
    for file in files {
        let own = &file.module[0];
        let Some((own_layer, own_name)) = layers.get(own) else {
            continue;
        };
        let mut seen = BTreeSet::new();
        for path in references(&file.module, &code_tokens(&file.text)) {
            let Some(top) = path.first().filter(|t| *t != own) else {
                continue;
            };
            if let Some((layer, name)) = layers.get(top)
                && layer > own_layer
                && seen.insert(top.clone())
            {
                problems.push(format!(
                    "{}: imports `crate::{top}` ({layer} {name}) from layer {own_layer} {own_name}",
                    file.path
                        .strip_prefix(root())
                        .unwrap_or(&file.path)
                        .display()
                ));
            }
        }
    }
    problems
}

/// For the crate root and every module with children: which child imports
/// which sibling (from any file inside it).
fn sibling_graphs(files: &[SourceFile]) -> BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> {
    let known: BTreeSet<&ModPath> = files.iter().map(|f| &f.module).collect();
    let mut graphs: BTreeMap<ModPath, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in files {
        for path in references(&file.module, &code_tokens(&file.text)) {
            // The deepest module both share is where the import crosses.
            let shared = file
                .module
                .iter()
                .zip(&path)
                .take_while(|(a, b)| a == b)
                .count();
            if shared >= file.module.len() || shared >= path.len() {
                continue; // into itself or its own children: not between siblings
            }
            let parent = file.module[..shared].to_vec();
            let mut target = parent.clone();
            target.push(path[shared].clone());
            if !known.contains(&target) {
                continue; // an item of the parent, not a sibling module
            }
            graphs
                .entry(parent)
                .or_default()
                .entry(file.module[shared].clone())
                .or_default()
                .insert(path[shared].clone());
        }
    }
    graphs
}

/// The groups of modules that import each other in a circle (strongly
/// connected components of more than one module), each sorted.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    // Kosaraju: finish order on the graph, then components on its reverse.
    let nodes: BTreeSet<&String> = graph.keys().chain(graph.values().flatten()).collect();
    let mut order = Vec::new();
    let mut seen = BTreeSet::new();
    for &start in &nodes {
        let mut stack = vec![(start, false)];
        while let Some((node, done)) = stack.pop() {
            if done {
                order.push(node);
            } else if seen.insert(node) {
                stack.push((node, true));
                for next in graph.get(node).into_iter().flatten() {
                    stack.push((next, false));
                }
            }
        }
    }
    let mut reverse: BTreeMap<&String, Vec<&String>> = BTreeMap::new();
    for (from, tos) in graph {
        for to in tos {
            reverse.entry(to).or_default().push(from);
        }
    }
    let mut placed = BTreeSet::new();
    let mut groups = Vec::new();
    for &start in order.iter().rev() {
        let mut group = Vec::new();
        let mut stack = vec![start];
        while let Some(node) = stack.pop() {
            if placed.insert(node) {
                group.push(node.clone());
                stack.extend(reverse.get(node).into_iter().flatten().copied());
            }
        }
        if group.len() > 1 {
            group.sort();
            groups.push(group);
        }
    }
    groups.sort();
    groups
}

/// Each function longer than the limit: (lines, name), measured from its
/// `fn` line to the `}` at the same indentation (rustfmt's layout).
fn long_functions(text: &str, limit: usize) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        let Some(name) = function_name(trimmed) else {
            continue;
        };
        if trimmed.ends_with(';') {
            continue;
        }
        let closing = format!("{indent}}}");
        if let Some(end) = lines[i + 1..].iter().position(|l| *l == closing) {
            let length = end + 2;
            if length > limit {
                long.push((length, name));
            }
        }
    }
    long
}

/// `pub(crate) async fn name(` → `name`.
fn function_name(line: &str) -> Option<String> {
    let mut rest = line;
    for prefix in [
        "pub(crate) ",
        "pub(super) ",
        "pub ",
        "const ",
        "async ",
        "unsafe ",
    ] {
        rest = rest.strip_prefix(prefix).unwrap_or(rest);
    }
    let name = rest.strip_prefix("fn ")?;
    let end = name.find(|c: char| !(c.is_alphanumeric() || c == '_'))?;
    Some(name[..end].to_string())
}

/// Every Rust file of the project that people write: src/, tests/ (not the
/// fixtures, which are inputs), fuzz targets.
fn project_files() -> Vec<PathBuf> {
    let mut files = rust_files(&root().join("src"));
    files.extend(
        rust_files(&root().join("tests"))
            .into_iter()
            .filter(|p| !p.starts_with(root().join("tests/fixtures"))),
    );
    files.extend(rust_files(&root().join("fuzz/fuzz_targets")));
    files
}

fn architecture_md() -> String {
    std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md")
}

#[test]
fn every_module_has_one_layer() {
    let layers = layers(&architecture_md());
    let declared = declared_modules();
    let unlisted: Vec<_> = declared
        .iter()
        .filter(|m| !layers.contains_key(*m))
        .collect();
    let stale: Vec<_> = layers.keys().filter(|m| !declared.contains(*m)).collect();
    assert!(
        unlisted.is_empty(),
        "add these modules to ARCHITECTURE.md's layers: {unlisted:?}"
    );
    assert!(
        stale.is_empty(),
        "ARCHITECTURE.md lists modules src/lib.rs does not have: {stale:?}"
    );
}

#[test]
fn imports_only_point_down() {
    let problems = climbing(&sources(), &layers(&architecture_md()));
    assert!(
        problems.is_empty(),
        "imports that climb a layer:\n{}",
        problems.join("\n")
    );
}

#[test]
fn no_module_imports_in_a_circle() {
    let mut problems = Vec::new();
    for (parent, graph) in sibling_graphs(&sources()) {
        for circle in circles(&graph) {
            let at = if parent.is_empty() {
                "crate".to_string()
            } else {
                parent.join("::")
            };
            problems.push(format!("in {at}: {} import each other", circle.join(", ")));
        }
    }
    assert!(
        problems.is_empty(),
        "import circles:\n{}",
        problems.join("\n")
    );
}

#[test]
fn files_and_functions_are_small() {
    let mut problems = Vec::new();
    for path in project_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let shown = path.strip_prefix(root()).unwrap().display().to_string();
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            problems.push(format!("{shown}: {lines} lines (at most {MAX_FILE_LINES})"));
        }
        for (length, name) in long_functions(&text, MAX_FUNCTION_LINES) {
            problems.push(format!(
                "{shown}: fn {name} is {length} lines (at most {MAX_FUNCTION_LINES})"
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "split these by responsibility:\n{}",
        problems.join("\n")
    );
}

fn file(module: &str, text: &str) -> SourceFile {
    SourceFile {
        path: PathBuf::from(format!("src/{}.rs", module.replace("::", "/"))),
        module: module.split("::").map(String::from).collect(),
        text: text.to_string(),
    }
}

#[test]
fn a_climbing_import_is_caught_and_comments_and_tests_are_not() {
    let layers = layers("<!-- layers -->\n1 low: config\n4 high: site\n<!-- /layers -->");
    let quiet = file(
        "config",
        "//! See [`crate::site`].\nconst S: &str = \"crate::site\";\n\
         #[cfg(test)]\nmod tests {\n    use crate::site::Site;\n}\n",
    );
    assert!(climbing(&[quiet], &layers).is_empty());
    for text in [
        "use crate::site::Site;",
        "use crate::{dates, site::Page};",
        "fn f() { crate::site::assemble(); }",
        "use super::site;",
    ] {
        let loud = file("config", text);
        assert_eq!(climbing(&[loud], &layers).len(), 1, "{text}");
    }
}

#[test]
fn circles_are_found_among_siblings_at_any_depth() {
    let files = [
        file("serve", "mod live; mod inject;"),
        file("serve::live", "use super::inject::overlay;"),
        file("serve::inject", "use crate::serve::live::Snapshot;"),
        file("site", "use crate::serve;"),
    ];
    let graphs = sibling_graphs(&files);
    let serve = &graphs[&vec!["serve".to_string()]];
    assert_eq!(
        circles(serve),
        vec![vec!["inject".to_string(), "live".to_string()]]
    );
    assert!(
        circles(&graphs[&Vec::new()]).is_empty(),
        "site -> serve alone is no circle"
    );
}

#[test]
fn long_functions_and_test_items_are_measured_as_written() {
    let body = "    let x = 1;\n".repeat(79);
    let text = format!("pub(crate) fn long() {{\n{body}}}\nfn short() {{\n}}\n");
    assert_eq!(long_functions(&text, 80), vec![(81, "long".to_string())]);
    let words = code_tokens(
        "#[cfg(test)]\n#[allow(x)]\nfn a(\n    b: B,\n) {\n    crate::c();\n}\nfn d() {}",
    );
    assert!(!words.contains(&"c".to_string()) && words.contains(&"d".to_string()));
}
