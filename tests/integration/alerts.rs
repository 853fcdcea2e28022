//! Alerts: banners while active, gone after expiry (build date pinned),
//! their feed, and CAP 1.2 documents validated against the OASIS schema.

use crate::support::*;
use pamphlet::dates::Date;
use std::path::Path;
use std::process::Command;

fn build_on(site: &TestSite, today: Date) -> pamphlet::BuildReport {
    let mut options = site.options();
    options.today = today;
    site.build_with(&options)
}

#[test]
fn an_active_alert_shows_on_every_page_of_its_language() {
    let site = TestSite::new("sites/social");
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    for page in [
        "en/index.html",
        "en/heart/salt/index.html",
        "en/tags/index.html",
        "en/alerts/heat-wave/index.html",
    ] {
        let html = site.html(page);
        assert_eq!(
            select_text(&html, ".alert a"),
            ["Heat wave this week"],
            "{page}"
        );
        // Urgent: announced at once.
        assert_eq!(select_attr(&html, ".alert", "role"), ["alert"], "{page}");
        assert_eq!(
            select_attr(&html, ".alert", "class"),
            ["alert alert-urgent"],
            "{page}"
        );
        // The dismiss button exists only for script-enabled browsers and
        // only hides visually (no aria-hidden anywhere).
        assert_eq!(select_attr(&html, ".alert-dismiss", "hidden").len(), 1);
        assert!(select_attr(&html, ".alert [aria-hidden]", "aria-hidden").is_empty());
    }
    let es = site.html("es/index.html");
    assert_eq!(select_text(&es, ".alert-label"), ["Urgente:"]);
    assert!(select_text(&es, ".alert-until")[0].contains("10 de junio de 2026"));
    // Arabic has no alert.
    assert!(select_text(&site.html("ar/index.html"), ".alert").is_empty());
    // Its own page says where and until when, and links the CAP document.
    let page = site.html("en/alerts/heat-wave/index.html");
    assert_eq!(
        select_attr(&page, ".alert-details time", "datetime"),
        ["2026-06-10T00:00:00Z"]
    );
    assert_eq!(
        select_attr(&page, ".alert-details a", "href"),
        ["/en/alerts/heat-wave.cap.xml"]
    );
    // Its feed.
    let feed = feed_rs::parser::parse(site.read("en/alerts/atom.xml").as_bytes()).unwrap();
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(
        feed.entries[0].title.as_ref().unwrap().content,
        "Heat wave this week"
    );
    // The expired one is reported, and the next expiry is known.
    let warnings: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.file.display().to_string(), d.position.line))
        .collect();
    assert_eq!(
        warnings,
        [(
            "alert/expired",
            "content/en/alerts/flu-clinic.md".to_string(),
            7
        )]
    );
    let (next, file) = report.next_alert_expiry.unwrap();
    assert_eq!(next.rfc3339(), "2026-06-10T00:00:00Z");
    assert_eq!(file, Path::new("content/en/alerts/heat-wave.md"));
    assert!(!site.exists("en/alerts/flu-clinic/index.html"));
}

#[test]
fn warnings_and_notices_use_quieter_roles() {
    let site = TestSite::new("sites/social");
    let file = site.root.join("content/en/alerts/heat-wave.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("severity: urgent", "severity: warning")).unwrap();
    assert!(site.build().published);
    let html = site.html("en/index.html");
    assert_eq!(select_attr(&html, ".alert", "role"), ["status"]);
    std::fs::write(&file, text.replace("severity: urgent", "severity: info")).unwrap();
    assert!(site.build().published);
    let html = site.html("en/index.html");
    assert_eq!(select_attr(&html, ".alert", "role"), ["region"]);
    assert_eq!(
        select_attr(&html, ".alert", "aria-labelledby").len(),
        1,
        "a region is named"
    );
}

#[test]
fn an_alert_is_gone_after_it_expires() {
    let site = TestSite::new("sites/social");
    // 2026-06-10 00:00 UTC is the expiry: a build on that day no longer shows it.
    let report = build_on(&site, Date::new(2026, 6, 10).unwrap());
    assert!(report.published);
    assert!(report.next_alert_expiry.is_none());
    for page in ["en/index.html", "es/index.html", "en/heart/salt/index.html"] {
        assert!(select_text(&site.html(page), ".alert").is_empty(), "{page}");
    }
    assert!(!site.exists("en/alerts/heat-wave/index.html"));
    assert!(!site.exists("en/alerts/heat-wave.cap.xml"));
    assert!(!site.exists("es/alerts/ola-de-calor.cap.xml"));
    // The alerts feed stays, empty, for its subscribers.
    let feed = feed_rs::parser::parse(site.read("en/alerts/atom.xml").as_bytes()).unwrap();
    assert!(feed.entries.is_empty());
    assert!(!site.read("sitemap.xml").contains("heat-wave"));
    assert!(!site.read("social/en.json").contains("heat-wave"));
    let expired: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "alert/expired")
        .map(|d| d.file.display().to_string())
        .collect();
    assert_eq!(
        expired,
        [
            "content/en/alerts/flu-clinic.md",
            "content/en/alerts/heat-wave.md",
            "content/es/alerts/ola-de-calor.md"
        ]
    );
    // The day before, it is still there.
    assert!(build_on(&site, Date::new(2026, 6, 9).unwrap()).published);
    assert_eq!(
        select_text(&site.html("en/index.html"), ".alert a"),
        ["Heat wave this week"]
    );
}

#[test]
fn a_link_to_an_expired_alert_says_so() {
    let site = TestSite::new("sites/social");
    std::fs::write(
        site.root.join("content/en/heart/links.md"),
        "---\ntitle: Links\nsummary: S\ndate: 2026-01-01\n---\nSee [the clinic](../alerts/flu-clinic.md).\n",
    )
    .unwrap();
    let report = site.build();
    let message = report
        .diagnostics
        .iter()
        .find(|d| d.code == "link/broken")
        .map(|d| d.message.clone())
        .unwrap();
    assert!(message.contains("an alert that has expired"), "{message}");
}

#[test]
fn translations_become_one_cap_alert_valid_against_the_schema() {
    let site = TestSite::new("sites/social");
    assert!(site.build().published);
    let en = site.read("en/alerts/heat-wave.cap.xml");
    assert_eq!(
        en,
        site.read("es/alerts/ola-de-calor.cap.xml"),
        "one document per translation group"
    );
    let doc = resvg::usvg::roxmltree::Document::parse(&en).unwrap();
    let ns = "urn:oasis:names:tc:emergency:cap:1.2";
    let text = |name: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name((ns, name)))
            .filter_map(|n| n.text().map(str::to_string))
            .collect()
    };
    assert_eq!(text("sender"), ["health.example.org"]);
    assert_eq!(text("sent"), ["2026-05-30T00:00:00-00:00"]);
    assert_eq!(text("status"), ["Actual"]);
    assert_eq!(text("msgType"), ["Alert"]);
    assert_eq!(text("scope"), ["Public"]);
    assert_eq!(text("language"), ["en", "es"]);
    assert_eq!(text("category"), ["Health", "Health"]);
    assert_eq!(text("severity"), ["Severe", "Severe"]);
    assert_eq!(text("urgency"), ["Immediate", "Immediate"]);
    assert_eq!(text("certainty"), ["Observed", "Observed"]);
    assert_eq!(
        text("expires"),
        ["2026-06-10T00:00:00-00:00", "2026-06-10T00:00:00-00:00"]
    );
    assert_eq!(
        text("areaDesc"),
        ["Riverside County", "Condado de Riverside"]
    );

    // A configured sender and explicit urgency/certainty are used.
    let yaml = site.root.join("site.yaml");
    let config = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        format!("{config}alerts: {{ sender: alerts@health.example.org }}\n"),
    )
    .unwrap();
    let file = site.root.join("content/en/alerts/heat-wave.md");
    let alert = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        alert.replace(
            "  area:",
            "  urgency: expected\n  certainty: likely\n  area:",
        ),
    )
    .unwrap();
    assert!(site.build().published);
    let en = site.read("en/alerts/heat-wave.cap.xml");
    assert!(en.contains("<sender>alerts@health.example.org</sender>"));
    assert!(
        en.contains("<urgency>Expected</urgency>") && en.contains("<certainty>Likely</certainty>")
    );

    validate_cap(&site.public().join("en/alerts/heat-wave.cap.xml"));
}

/// Validates a CAP file with xmllint against the OASIS schema kept in the
/// shared folder beside the repository. Without xmllint (`.ci/run` installs
/// it, so in CI its absence fails) only the elements CAP 1.2 requires, in
/// its order, are checked.
fn validate_cap(file: &Path) {
    assert_cap_structure(&std::fs::read_to_string(file).unwrap());
    if Command::new("xmllint").arg("--version").output().is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "xmllint is needed in CI (apt-get install libxml2-utils)"
        );
        eprintln!(
            "SKIPPED CAP schema validation: xmllint is not installed (apt-get install libxml2-utils)"
        );
        return;
    }
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/CAP-v1.2.xsd");
    assert!(
        schema.exists(),
        "the CAP 1.2 schema is expected at {}",
        schema.display()
    );
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The elements CAP 1.2 requires of an alert and of each of its `<info>`
/// blocks, in the order its schema puts them.
fn assert_cap_structure(text: &str) {
    assert!(
        text.contains("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"),
        "{text}"
    );
    let in_order = |text: &str, names: &[&str]| {
        let mut from = 0;
        for name in names {
            let at = text[from..].find(&format!("<{name}>"));
            assert!(at.is_some(), "<{name}> missing or out of order: {text}");
            from += at.unwrap();
        }
    };
    in_order(
        text,
        &[
            "identifier",
            "sender",
            "sent",
            "status",
            "msgType",
            "scope",
            "info",
        ],
    );
    let infos: Vec<&str> = text.split("<info>").skip(1).collect();
    assert!(!infos.is_empty(), "{text}");
    for info in infos {
        in_order(
            info,
            &["category", "event", "urgency", "severity", "certainty"],
        );
        assert!(info.contains("</info>"), "{info}");
    }
}
