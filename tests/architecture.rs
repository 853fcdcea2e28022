//! The shape of the code, checked: imports only point down the layers that
//! ARCHITECTURE.md lists, modules import each other in no circle (at the
//! top level and among the children of any module), no source file is over
//! 600 lines and no function over 80.
//!
//! The layer table is read from ARCHITECTURE.md itself, so the document and
//! the check cannot drift apart. Code under `#[cfg(test)]` is exempt from
//! the layering (a test may build a whole site to check one helper), and
//! comments are ignored (a doc link to a higher module is not an import).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_FUNCTION_LINES: usize = 80;

/// A module's path below the crate root: `["site", "people"]`.
type ModPath = Vec<String>;

struct SourceFile {
    path: PathBuf,
    module: ModPath,
    text: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `.rs` file under a folder, in path order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter(|e| !e.path().components().any(|c| c.as_os_str() == "target"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// `src/site/people.rs` → `["site", "people"]`; `mod.rs` names its folder.
fn module_of(src: &Path, file: &Path) -> ModPath {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The files that are whole test modules (`#[cfg(test)] mod tests;`,
/// possibly with `#[path = "…"]`).
fn test_only_files(files: &[SourceFile]) -> BTreeSet<PathBuf> {
    let mut test_only = BTreeSet::new();
    for file in files {
        let dir = file.path.parent().unwrap();
        let children = if file.path.ends_with("mod.rs") || is_crate_root(file) {
            dir.to_path_buf()
        } else {
            dir.join(file.path.file_stem().unwrap())
        };
        let lines: Vec<&str> = file.text.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate() {
            if *line != "#[cfg(test)]" {
                continue;
            }
            let mut j = i + 1;
            let mut explicit = None;
            if let Some(p) = lines.get(j).and_then(|l| l.strip_prefix("#[path = \"")) {
                explicit = p.strip_suffix("\"]").map(str::to_string);
                j += 1;
            }
            let Some(name) = lines
                .get(j)
                .and_then(|l| l.strip_prefix("mod "))
                .and_then(|l| l.strip_suffix(';'))
            else {
                continue;
            };
            match explicit {
                Some(p) => test_only.insert(dir.join(p)),
                None => {
                    test_only.insert(children.join(format!("{name}.rs")));
                    test_only.insert(children.join(name).join("mod.rs"))
                }
            };
        }
    }
    test_only
}

fn is_crate_root(file: &SourceFile) -> bool {
    file.module.len() == 1 && (file.module[0] == "lib" || file.module[0] == "main")
}

/// Every module path a file's code names: `crate::a::b`, the items of
/// `crate::{a, b::c}`, and `super::…` resolved from the file's module.
fn references(module: &[String], words: &[String]) -> Vec<ModPath> {
    let mut found = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let base: ModPath = match word.as_str() {
            "crate" => Vec::new(),
            "super" if i == 0 || words[i - 1] != "::" => {
                let mut at = module.to_vec();
                let mut k = i;
                loop {
                    at.pop();
                    if words.get(k + 1).map(String::as_str) == Some("::")
                        && words.get(k + 2).map(String::as_str) == Some("super")
                    {
                        k += 2;
                    } else {
                        break;
                    }
                }
                let mut path = at;
                collect_path(words, k + 1, &mut path, &mut found);
                continue;
            }
            _ => continue,
        };
        let mut path = base;
        collect_path(words, i + 1, &mut path, &mut found);
    }
    found
}

/// Reads `::a::b` (or `::{a, b::c}`) from `words[at..]` onto `path`.
fn collect_path(words: &[String], at: usize, path: &mut ModPath, found: &mut Vec<ModPath>) {
    let mut k = at;
    while words.get(k).map(String::as_str) == Some("::") {
        match words.get(k + 1).map(String::as_str) {
            Some("{") => {
                let mut depth = 0;
                let mut item_start = k + 2;
                for j in k + 1..words.len() {
                    match words[j].as_str() {
                        "{" => depth += 1,
                        "}" if depth == 1 => {
                            branch(words, item_start, path, found);
                            return;
                        }
                        "}" => depth -= 1,
                        "," if depth == 1 => {
                            branch(words, item_start, path, found);
                            item_start = j + 1;
                        }
                        _ => {}
                    }
                }
                return;
            }
            Some(w) if is_ident(w) && w != "super" && w != "self" => path.push(w.to_string()),
            _ => break,
        }
        k += 2;
    }
    found.push(path.clone());
}

fn branch(words: &[String], start: usize, path: &ModPath, found: &mut Vec<ModPath>) {
    let Some(first) = words.get(start).filter(|w| is_ident(w)) else {
        return;
    };
    let mut inner = path.clone();
    if first != "self" {
        inner.push(first.clone());
    }
    collect_path(words, start + 1, &mut inner, found);
}

fn is_ident(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// The code's tokens (identifiers, `::` and punctuation) without comments,
/// string and character literals, and without `#[cfg(test)]` items.
fn code_tokens(text: &str) -> Vec<String> {
    without_test_items(tokens(text))
}

/// Identifiers, `::` and single punctuation marks. Comments, strings (raw
/// ones too), characters and lifetimes leave nothing.
fn tokens(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i = skip_block_comment(&chars, i);
        } else if c == '"' {
            i = skip_string(&chars, i + 1);
        } else if c == 'r' && matches!(next, Some('#' | '"')) && raw_string_at(&chars, i) {
            i = skip_raw_string(&chars, i + 1);
        } else if c == '\'' {
            i = skip_char_or_lifetime(&chars, i);
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            words.push(chars[start..i].iter().collect());
        } else if c == ':' && next == Some(':') {
            words.push("::".to_string());
            i += 2;
        } else {
            if !c.is_whitespace() {
                words.push(c.to_string());
            }
            i += 1;
        }
    }
    words
}

fn skip_block_comment(chars: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i + 1 < chars.len() {
        if chars[i] == '/' && chars[i + 1] == '*' {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && chars[i + 1] == '/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    chars.len()
}

/// From just inside a `"`: the index after the closing one.
fn skip_string(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] != '"' {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    i + 1
}

/// Whether `r` at `i` starts a raw string (`r"`, `r#"`), not an identifier.
fn raw_string_at(chars: &[char], i: usize) -> bool {
    let before_is_ident = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    !before_is_ident && chars.get(j) == Some(&'"')
}

/// From just after the `r`: the index after the closing `"#…`.
fn skip_raw_string(chars: &[char], mut i: usize) -> usize {
    let mut hashes = 0;
    while chars.get(i) == Some(&'#') {
        hashes += 1;
        i += 1;
    }
    i += 1;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return i + 1 + hashes;
        }
        i += 1;
    }
    i
}

/// `'a'`, `'\n'`, `'\u{1F}'` are characters; `'a` is a lifetime.
fn skip_char_or_lifetime(chars: &[char], i: usize) -> usize {
    if chars.get(i + 1) == Some(&'\\') {
        let mut j = i + 3;
        while j < chars.len() && chars[j] != '\'' {
            j += 1;
        }
        return j + 1;
    }
    if chars.get(i + 2) == Some(&'\'') {
        return i + 3;
    }
    i + 1 // a lifetime: its name follows as an identifier
}

/// Drops each item marked `#[cfg(test)]`: its other attributes, then up to
/// its `;` or through its braces.
fn without_test_items(words: Vec<String>) -> Vec<String> {
    let marker = ["#", "[", "cfg", "(", "test", ")", "]"];
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i..].starts_with(&marker.map(String::from)) {
            out.push(words[i].clone());
            i += 1;
            continue;
        }
        i += marker.len();
        while words.get(i).map(String::as_str) == Some("#") {
            i = after_balanced(&words, i + 1, "[", "]");
        }
        while i < words.len() && words[i] != ";" && words[i] != "{" {
            i += 1;
        }
        i = if words.get(i).map(String::as_str) == Some("{") {
            after_balanced(&words, i, "{", "}")
        } else {
            i + 1
        };
    }
    out
}

/// The index after the bracket that closes the one at `i`.
fn after_balanced(words: &[String], mut i: usize, open: &str, close: &str) -> usize {
    let mut depth = 0;
    while i < words.len() {
        if words[i] == open {
            depth += 1;
        } else if words[i] == close {
            depth -= 1;
            if depth == 0 {
                return i + 1;
            }
        }
        i += 1;
    }
    i
}

#[path = "architecture/checks.rs"]
mod checks;
