//! Share links: plain `<a href>` addresses of each platform's own share
//! page, so the share bar works with JavaScript off and loads nothing from
//! third parties. Campaign (UTM) parameters are added only when site.yaml
//! sets `social.utm`.

use crate::config::UtmConfig;
use url::Url;

/// A place an article can be shared to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Platform {
    WhatsApp,
    Facebook,
    X,
    LinkedIn,
    Telegram,
    Email,
}

impl Platform {
    /// The share bar's platforms, in display order.
    pub const BAR: [Platform; 6] = [
        Platform::WhatsApp,
        Platform::Facebook,
        Platform::X,
        Platform::LinkedIn,
        Platform::Telegram,
        Platform::Email,
    ];

    /// Short lower-case name (CSS class, `utm_source`, social-kit key).
    pub fn id(self) -> &'static str {
        match self {
            Platform::WhatsApp => "whatsapp",
            Platform::Facebook => "facebook",
            Platform::X => "x",
            Platform::LinkedIn => "linkedin",
            Platform::Telegram => "telegram",
            Platform::Email => "email",
        }
    }

    /// The platform's own name (not translated).
    pub fn name(self) -> &'static str {
        match self {
            Platform::WhatsApp => "WhatsApp",
            Platform::Facebook => "Facebook",
            Platform::X => "X",
            Platform::LinkedIn => "LinkedIn",
            Platform::Telegram => "Telegram",
            Platform::Email => "Email",
        }
    }
}

/// What is being shared.
pub struct Shared<'a> {
    /// Absolute URL of the page.
    pub url: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// Without `#`.
    pub hashtags: &'a [String],
    /// `@handle` of the site on X.
    pub x_handle: Option<&'a str>,
}

/// The page URL with the site's campaign parameters for a platform (the
/// URL unchanged when the site sets none).
pub fn tracked(url: &str, utm: Option<&UtmConfig>, platform: &str) -> String {
    let Some(utm) = utm else {
        return url.to_string();
    };
    let Ok(mut parsed) = Url::parse(url) else {
        return url.to_string();
    };
    {
        let mut query = parsed.query_pairs_mut();
        query.append_pair("utm_source", utm.source.as_deref().unwrap_or(platform));
        query.append_pair("utm_medium", &utm.medium);
        if let Some(campaign) = &utm.campaign {
            query.append_pair("utm_campaign", campaign);
        }
    }
    parsed.to_string()
}

/// The share address for a platform.
pub fn share_url(platform: Platform, shared: &Shared, utm: Option<&UtmConfig>) -> String {
    let url = tracked(shared.url, utm, platform.id());
    let tags: String = shared.hashtags.iter().map(|h| format!(" #{h}")).collect();
    // The endpoints are fixed addresses without a query: only the query
    // needs encoding, as a form would send it.
    let with = |base: &str, pairs: &[(&str, &str)]| -> String {
        let start = format!("{base}?");
        let query_at = start.len();
        let mut query = url::form_urlencoded::Serializer::for_suffix(start, query_at);
        query.extend_pairs(pairs.iter().filter(|(_, v)| !v.is_empty()));
        query.finish()
    };
    match platform {
        Platform::WhatsApp => with(
            "https://wa.me/",
            &[("text", &format!("{}{tags} {url}", shared.title))],
        ),
        Platform::Facebook => with("https://www.facebook.com/sharer/sharer.php", &[("u", &url)]),
        Platform::X => {
            let via = shared
                .x_handle
                .map(|h| h.trim_start_matches('@'))
                .unwrap_or("");
            with(
                "https://x.com/intent/post",
                &[
                    ("text", shared.title),
                    ("url", &url),
                    ("hashtags", &shared.hashtags.join(",")),
                    ("via", via),
                ],
            )
        }
        Platform::LinkedIn => with(
            "https://www.linkedin.com/sharing/share-offsite/",
            &[("url", &url)],
        ),
        Platform::Telegram => with(
            "https://t.me/share/url",
            &[("url", &url), ("text", &format!("{}{tags}", shared.title))],
        ),
        Platform::Email => {
            // mailto: wants %20 for spaces, not `+`.
            let encode = |s: &str| crate::site::urls::encode_component(s);
            format!(
                "mailto:?subject={}&body={}",
                encode(shared.title),
                encode(&format!("{}\n\n{url}", shared.summary))
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(hashtags: &[String]) -> Shared<'_> {
        Shared {
            url: "https://e.org/en/heart/bp/",
            title: "High blood pressure & you",
            summary: "What it is.",
            hashtags,
            x_handle: Some("@clinic"),
        }
    }

    #[test]
    fn links_carry_the_page_and_no_tracking_by_default() {
        let tags = vec!["HeartHealth".to_string()];
        let s = shared(&tags);
        let x = share_url(Platform::X, &s, None);
        assert_eq!(
            x,
            "https://x.com/intent/post?text=High+blood+pressure+%26+you&url=https%3A%2F%2Fe.org%2Fen%2Fheart%2Fbp%2F&hashtags=HeartHealth&via=clinic"
        );
        for p in Platform::BAR {
            assert!(!share_url(p, &s, None).contains("utm_"), "{p:?}");
        }
        let mail = share_url(Platform::Email, &s, None);
        assert_eq!(
            mail,
            "mailto:?subject=High%20blood%20pressure%20%26%20you&body=What%20it%20is.%0A%0Ahttps%3A%2F%2Fe.org%2Fen%2Fheart%2Fbp%2F"
        );
    }

    #[test]
    fn utm_is_added_per_platform_when_configured() {
        let utm = UtmConfig {
            campaign: Some("heart month".into()),
            ..UtmConfig::default()
        };
        assert_eq!(
            tracked("https://e.org/en/bp/", Some(&utm), "whatsapp"),
            "https://e.org/en/bp/?utm_source=whatsapp&utm_medium=social&utm_campaign=heart+month"
        );
        let fb = share_url(Platform::Facebook, &shared(&[]), Some(&utm));
        assert!(fb.contains("utm_source%3Dfacebook"), "{fb}");
    }
}
