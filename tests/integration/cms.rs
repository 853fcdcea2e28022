//! `pamphlet cms`: the web editor's configuration written from the field
//! definitions, the admin page, and what the build does with them.

use crate::support::*;

fn cms(site: &TestSite, extra: &[&str]) -> std::process::Output {
    let root = site.root.to_string_lossy().into_owned();
    let mut args = vec!["cms", "--root", &root];
    args.extend_from_slice(extra);
    run_pamphlet(&args)
}

fn admin(site: &TestSite, file: &str) -> String {
    std::fs::read_to_string(site.root.join("static/admin").join(file)).unwrap()
}

#[test]
fn the_configuration_of_a_site_with_sections_updates_and_a_status_board() {
    let site = TestSite::new("sites/updates");
    let out = cms(&site, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The script is not there yet: the command says where to get it.
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("decap-cms (version 3.16.3)"), "{said}");
    insta::assert_snapshot!(admin(&site, "config.yml"));
    let page = admin(&site, "index.html");
    assert!(page.contains(r#"<meta name="robots" content="noindex, nofollow">"#));
    assert!(page.contains(r#"<script src="/admin/decap-cms.js"></script>"#));
    assert!(!page.contains("https://"), "no third-party load: {page}");
}

#[test]
fn a_hand_edited_configuration_is_kept_unless_forced() {
    let site = TestSite::new("sites/updates");
    assert!(cms(&site, &[]).status.success());
    let generated = admin(&site, "config.yml");
    // Pamphlet's own file: written again without asking, or left as it is.
    let out = cms(&site, &[]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("up to date"));

    let path = site.root.join("static/admin/config.yml");
    std::fs::write(&path, "backend:\n  name: github\n").unwrap();
    let out = cms(&site, &[]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("was not written by `pamphlet cms`") && said.contains("--force"),
        "{said}"
    );
    assert_eq!(admin(&site, "config.yml"), "backend:\n  name: github\n");

    assert!(cms(&site, &["--force"]).status.success());
    assert_eq!(admin(&site, "config.yml"), generated);
}

#[test]
fn the_site_chooses_the_script_and_backend() {
    let site = TestSite::new("sites/updates");
    site.edit("site.yaml", |s| {
        s + "cms:\n  script: /vendor/sveltia-cms.js\n  backend: github\n  repo: clinic/site\n  branch: live\n  site_domain: clinic-sign-in.netlify.app\n"
    });
    std::fs::create_dir_all(site.root.join("static/vendor")).unwrap();
    std::fs::write(site.root.join("static/vendor/sveltia-cms.js"), "").unwrap();
    let out = cms(&site, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("does not have yet"));
    assert!(
        admin(&site, "index.html").contains(r#"<script src="/vendor/sveltia-cms.js"></script>"#)
    );
    let config = admin(&site, "config.yml");
    assert!(
        config.contains("backend:\n  branch: live\n  name: github\n  repo: clinic/site\n  site_domain: clinic-sign-in.netlify.app\n"),
        "{config}"
    );
}

#[test]
fn the_admin_page_is_published_but_never_listed() {
    let site = TestSite::new("sites/updates");
    assert!(cms(&site, &[]).status.success());
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    assert!(site.exists("admin/index.html") && site.exists("admin/config.yml"));
    assert!(!site.read("sitemap.xml").contains("/admin"));
    for file in site.output_files() {
        if file.starts_with("search-index/") {
            assert!(!site.read(&file).contains("/admin"), "{file}");
        }
    }
}

#[test]
fn the_admin_page_has_a_policy_of_its_own_and_the_site_keeps_its_strict_one() {
    let site = TestSite::new("sites/updates");
    let before = site.build();
    assert!(before.published, "{:?}", before.diagnostics);
    assert!(!site.read("_headers").contains("/admin/"));
    site.edit("site.yaml", |yaml| {
        format!("{yaml}\ncms:\n  backend: github\n  repo: clinic/site\n")
    });
    assert!(cms(&site, &[]).status.success());
    let report = site.build();
    assert!(report.published, "{:?}", report.diagnostics);
    let headers = site.read("_headers");
    let (pages, admin) = headers.split_once("\n/admin/*\n").expect("an /admin/ rule");
    assert!(pages.contains("/*\n  Content-Security-Policy: default-src 'self'; script-src 'self'"));
    assert!(!pages.contains("unsafe-"), "{pages}");
    let admin = admin.lines().next().unwrap();
    assert!(
        admin.contains("script-src 'self' 'unsafe-eval';"),
        "{admin}"
    );
    assert!(
        admin.contains("connect-src 'self' https://api.github.com;"),
        "{admin}"
    );
}
