//! Tests of reading `data/status.yaml`: a valid board, and every kind of mistake.
use super::*;

fn config() -> Config {
    crate::config::from_text(
        Path::new("/site"),
        "title: T\nbase_url: https://e.org\ntimezone: America/New_York\nlanguages:\n  en: {}\n  es: {}\n",
    )
    .config
    .unwrap()
}

fn check(text: &str) -> (Board, Vec<Diagnostic>) {
    let mut diagnostics = Diagnostics::new();
    let board = from_text(&config(), text, &mut diagnostics);
    (board, diagnostics.into_vec())
}

#[test]
fn a_valid_board_is_read_in_file_order() {
    let (board, diagnostics) = check(
        "intro: { en: Call 911 in an emergency., es: Llame al 112. }\nservices:\n  - id: north-clinic\n    name: North Clinic\n    kind: clinic\n    status: limited\n    wait_minutes: 45\n    note: { en: Walk-ins only, es: Solo sin cita }\n    updated: 2026-06-01 08:30\n  - id: hotline\n    name: { en: Heat hotline, es: Línea de calor }\n    kind: Hotline\n    status: open\n    phone: 555-0100\n    updated: 2026-06-01T12:00:00Z\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let ids: Vec<_> = board.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["north-clinic", "hotline"]);
    let clinic = &board.services[0];
    assert_eq!(
        (clinic.kind, clinic.status, clinic.wait_minutes),
        (Kind::Clinic, Status::Limited, Some(45))
    );
    assert_eq!(clinic.updated.rfc3339(), "2026-06-01T12:30:00Z");
    assert_eq!((clinic.updated_at.line, clinic.updated_at.column), (9, 14));
    assert_eq!(board.services[1].phone.as_deref(), Some("555-0100"));
    assert_eq!(
        board.intro.as_ref().unwrap().get("es", "en"),
        "Llame al 112."
    );
    assert_eq!(board.updated().unwrap().rfc3339(), "2026-06-01T12:30:00Z");
}

#[test]
fn a_comma_in_a_flow_mapping_is_explained() {
    let (_, diagnostics) = check(
        "services:\n  - id: a\n    name: A\n    kind: clinic\n    status: open\n    hours: { en: Monday to Friday, 8 AM to 5 PM }\n    updated: 2026-06-01 10:00\n",
    );
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0].message.contains("needs quotes"),
        "{}",
        diagnostics[0].message
    );
}

#[test]
fn wrong_values_are_errors_with_hints() {
    let (board, diagnostics) = check(
        "services:\n  - id: a\n    name: A\n    kind: clinc\n    status: opne\n    updated: soon\n    stauts: closed\n  - id: a\n    name: { en: B, eng: C }\n    kind: hotline\n    status: open\n    updated: 2026-06-01 10:00\n  - name: No id\n",
    );
    assert!(board.services.is_empty(), "{:?}", board.services);
    let found: Vec<(String, usize, usize, String)> = diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.position.line,
                d.position.column,
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect();
    let expect = |code: &str, line: usize, column: usize, hint: &str| {
        assert!(
            found.contains(&(code.to_string(), line, column, hint.to_string())),
            "missing {code} {line}:{column} {hint} in {found:#?}"
        );
    };
    expect("status/unknown-field", 7, 5, "did you mean `status`?");
    expect("status/invalid", 4, 11, "did you mean `clinic`?");
    expect("status/invalid", 5, 13, "did you mean `open`?");
    expect(
        "status/invalid",
        6,
        14,
        "write when the status was last confirmed, e.g. `updated: 2026-06-01 14:30`",
    );
    expect(
        "status/invalid",
        8,
        9,
        "give each service its own id: it is the service's key in /status.json",
    );
    expect("status/invalid", 9, 20, "did you mean `en`?");
    expect(
        "status/invalid",
        13,
        5,
        "every service needs `id`, `name`, `kind`, `status` and `updated`",
    );
}
