//! Link text that says nothing out of context ("click here", "leer más"),
//! in every language the default theme ships. Screen reader users often
//! jump from link to link, hearing only the link text; "here" tells them
//! nothing. Every list is checked on every page: a vague phrase is vague
//! whatever the page's language.

/// Vague link texts, per language, lower-case, without final punctuation.
const VAGUE: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "click here",
            "click",
            "here",
            "read more",
            "more",
            "learn more",
            "find out more",
            "more info",
            "more information",
            "this link",
            "link",
            "this page",
            "this",
            "details",
            "continue reading",
            "go",
        ],
    ),
    (
        "es",
        &[
            "aquí",
            "haga clic aquí",
            "haz clic aquí",
            "pulse aquí",
            "pincha aquí",
            "clic aquí",
            "leer más",
            "lea más",
            "más",
            "más información",
            "saber más",
            "ver más",
            "este enlace",
            "enlace",
        ],
    ),
    (
        "fr",
        &[
            "ici",
            "cliquez ici",
            "clique ici",
            "en savoir plus",
            "lire la suite",
            "lire plus",
            "plus",
            "plus d'informations",
            "ce lien",
            "lien",
            "voir plus",
        ],
    ),
    (
        "ar",
        &[
            "هنا",
            "اضغط هنا",
            "انقر هنا",
            "اقرأ المزيد",
            "المزيد",
            "اعرف المزيد",
            "لمزيد من المعلومات",
            "هذا الرابط",
            "رابط",
        ],
    ),
    (
        "zh-Hans",
        &[
            "点击这里",
            "这里",
            "点击此处",
            "此处",
            "点这里",
            "更多",
            "阅读更多",
            "了解更多",
            "详情",
            "链接",
            "这个链接",
        ],
    ),
];

/// What is wrong with a link's text, if anything.
pub(super) fn problem(text: &str) -> Option<String> {
    let normal = normalize(text);
    if normal.is_empty() {
        return Some("this link has no text".to_string());
    }
    let vague = VAGUE
        .iter()
        .flat_map(|(_, phrases)| phrases.iter())
        .any(|phrase| *phrase == normal);
    vague.then(|| {
        format!(
            "the link text “{}” says nothing out of context",
            text.trim()
        )
    })
}

/// Lower case, single spaces, straight apostrophes, no surrounding punctuation.
fn normalize(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    words
        .join(" ")
        .to_lowercase()
        .replace(['’', '‘'], "'")
        .trim_matches(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ':'
                        | ';'
                        | '!'
                        | '?'
                        | '…'
                        | '¡'
                        | '¿'
                        | '«'
                        | '»'
                        | '"'
                        | '“'
                        | '”'
                        | '('
                        | ')'
                        | '['
                        | ']'
                        | '→'
                        | '›'
                        | '>'
                        | '。'
                        | '，'
                        | '：'
                        | '！'
                        | '、'
                        | '،'
                        | '؛'
                        | '؟'
                )
        })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vague_phrases_in_every_shipped_language() {
        for text in [
            "click here",
            "Click here.",
            "Read more…",
            "  here ",
            "Haga clic aquí",
            "Leer más »",
            "En savoir plus",
            "plus d’informations",
            "اضغط هنا",
            "هنا",
            "点击这里",
            "这里",
        ] {
            assert!(problem(text).is_some(), "{text}");
        }
        assert_eq!(problem(" ").as_deref(), Some("this link has no text"));
    }

    #[test]
    fn descriptive_text_passes() {
        for text in [
            "how to measure your blood pressure",
            "more about salt",
            "here is how to check your pulse",
            "Clínica Riverside",
            "هذا الدليل عن ضغط الدم",
        ] {
            assert_eq!(problem(text), None, "{text}");
        }
    }

    #[test]
    fn every_shipped_theme_language_has_a_list() {
        let mut languages = 0;
        for (path, _) in crate::theme::DEFAULT_FILES {
            if let Some(file) = path.strip_prefix("i18n/") {
                let lang = file.trim_end_matches(".yaml");
                assert!(VAGUE.iter().any(|(l, _)| *l == lang), "{lang}");
                languages += 1;
            }
        }
        // English, Spanish and Arabic at least: the loop saw the theme's files.
        assert!(languages >= 3, "{languages} theme languages");
    }
}
