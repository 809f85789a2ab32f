//! Where Lipa's own requests may go: merchant-given URLs (webhook endpoints)
//! reach only public internet addresses, in test mode too, unless the
//! operator sets `LIPA_WEBHOOK_ALLOW_PRIVATE=1` for local development.
//!
//! A URL is checked when the merchant gives it (an IP literal, or the
//! addresses its host resolves to now; a name that does not resolve yet is
//! accepted) and again at every delivery, where the connection goes to the
//! very addresses checked (no second lookup an attacker could change in
//! between) and redirects are not followed.
//!
//! "Public" means outside every range of the IANA IPv4 and IPv6
//! Special-Purpose Address Registries (as of 2025-10: RFC 6890 and its
//! updates), multicast, and, for IPv6, outside global unicast `2000::/3`
//! (which also rules out the deprecated site-local `fec0::/10` and
//! IPv4-compatible `::a.b.c.d`). An IPv4-mapped address (`::ffff:a.b.c.d`)
//! is judged as the IPv4 address it carries.

use ipnet::{Ipv4Net, Ipv6Net};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::LazyLock;
use std::time::Duration;

/// IANA IPv4 Special-Purpose Address Registry, every entry, and multicast.
const V4: &[(&str, &str)] = &[
    ("0.0.0.0/8", "\"this network\""),
    ("10.0.0.0/8", "private-use"),
    ("100.64.0.0/10", "shared address space (carrier-grade NAT)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
    ("172.16.0.0/12", "private-use"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.0.2.0/24", "documentation (TEST-NET-1)"),
    ("192.31.196.0/24", "AS112 service"),
    ("192.52.193.0/24", "AMT relay"),
    ("192.88.99.0/24", "deprecated 6to4 relay anycast"),
    ("192.168.0.0/16", "private-use"),
    ("192.175.48.0/24", "AS112 direct delegation"),
    ("198.18.0.0/15", "benchmarking"),
    ("198.51.100.0/24", "documentation (TEST-NET-2)"),
    ("203.0.113.0/24", "documentation (TEST-NET-3)"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
    ("255.255.255.255/32", "limited broadcast"),
];

/// IANA IPv6 Special-Purpose Address Registry, every entry, with multicast
/// and the deprecated ranges named for clearer refusals (anything outside
/// `2000::/3` is refused anyway).
const V6: &[(&str, &str)] = &[
    ("::/128", "unspecified"),
    ("::1/128", "loopback"),
    ("::/96", "IPv4-compatible (deprecated)"),
    ("64:ff9b::/96", "IPv4/IPv6 translation (NAT64)"),
    ("64:ff9b:1::/48", "local-use IPv4/IPv6 translation"),
    ("100::/64", "discard-only"),
    ("100:0:0:1::/64", "dummy prefix"),
    ("2001::/23", "IETF protocol assignments"),
    ("2001::/32", "Teredo"),
    ("2001:2::/48", "benchmarking"),
    ("2001:db8::/32", "documentation"),
    ("2002::/16", "6to4"),
    ("2620:4f:8000::/48", "AS112 direct delegation"),
    ("3fff::/20", "documentation"),
    ("5f00::/16", "segment routing SIDs"),
    ("fc00::/7", "unique-local"),
    ("fe80::/10", "link-local"),
    ("fec0::/10", "site-local (deprecated)"),
    ("ff00::/8", "multicast"),
];

static V4_NETS: LazyLock<Vec<(Ipv4Net, &'static str)>> = LazyLock::new(|| {
    V4.iter()
        .map(|(net, name)| (net.parse().expect("a valid range"), *name))
        .collect()
});

static V6_NETS: LazyLock<Vec<(Ipv6Net, &'static str)>> = LazyLock::new(|| {
    V6.iter()
        .map(|(net, name)| (net.parse().expect("a valid range"), *name))
        .collect()
});

static GLOBAL_UNICAST: LazyLock<Ipv6Net> = LazyLock::new(|| "2000::/3".parse().expect("valid"));

/// The special-purpose range an address falls in (the most specific one),
/// or `None` for a public address.
pub fn special_purpose(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => special_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => special_v4(v4),
            None => special_v6(v6),
        },
    }
}

fn special_v4(ip: Ipv4Addr) -> Option<&'static str> {
    V4_NETS
        .iter()
        .filter(|(net, _)| net.contains(&ip))
        .max_by_key(|(net, _)| net.prefix_len())
        .map(|(_, name)| *name)
}

fn special_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let listed = V6_NETS
        .iter()
        .filter(|(net, _)| net.contains(&ip))
        .max_by_key(|(net, _)| net.prefix_len())
        .map(|(_, name)| *name);
    match listed {
        Some(name) => Some(name),
        None if !GLOBAL_UNICAST.contains(&ip) => Some("reserved by the IETF"),
        None => None,
    }
}

pub fn is_public(ip: IpAddr) -> bool {
    special_purpose(ip).is_none()
}

/// Which addresses merchant-given URLs may reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Public internet addresses only (the default, every mode).
    Public,
    /// Anything, loopback included: `LIPA_WEBHOOK_ALLOW_PRIVATE=1`.
    Any,
}

/// Why a URL may not be used; never names an address a lookup returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("is not a valid http(s) URL")]
    NotAUrl,
    #[error("is a {0} address; webhooks only go to public internet addresses")]
    Literal(&'static str),
    #[error(
        "names a host that resolves to an address that is not public (loopback, private or reserved); webhooks only go to public internet addresses"
    )]
    Resolved,
}

impl From<Refusal> for app::domain::FieldError {
    fn from(refused: Refusal) -> Self {
        let field = app::domain::Field::WebhookUrl;
        app::domain::FieldError::new("url_invalid", field, refused.to_string())
    }
}

/// How long a check when a URL is given waits for DNS before accepting.
const LOOKUP_WAIT: Duration = Duration::from_secs(2);

impl Reach {
    /// The check when a merchant gives a URL: a literal address must be
    /// public, and a name must not resolve to anything that is not. A name
    /// that does not resolve (yet) is accepted: every delivery checks again.
    pub async fn check_url(self, url: &str) -> Result<(), Refusal> {
        if self == Reach::Any {
            return Ok(());
        }
        match host_of(url)? {
            Host::Ip(ip) => literal(ip),
            Host::Name(name) => {
                let lookup = tokio::net::lookup_host((name.as_str(), 0));
                match tokio::time::timeout(LOOKUP_WAIT, lookup).await {
                    Ok(Ok(addrs)) => all_public(addrs),
                    _ => Ok(()),
                }
            }
        }
    }

    /// [`Reach::check_url`] for a URL a merchant may or may not have given.
    pub async fn check_given(self, url: Option<&str>) -> Result<(), Refusal> {
        match url {
            Some(u) => self.check_url(u).await,
            None => Ok(()),
        }
    }

    /// The check at delivery for an IP literal (names go through
    /// [`PublicOnly`], which the client uses to resolve).
    pub fn check_literal(self, url: &str) -> Result<(), Refusal> {
        match (self, host_of(url)?) {
            (Reach::Public, Host::Ip(ip)) => literal(ip),
            _ => Ok(()),
        }
    }
}

enum Host {
    Ip(IpAddr),
    Name(String),
}

fn host_of(url: &str) -> Result<Host, Refusal> {
    let parsed = url::Url::parse(url).map_err(|_| Refusal::NotAUrl)?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(Refusal::NotAUrl);
    }
    match parsed.host() {
        Some(url::Host::Ipv4(ip)) => Ok(Host::Ip(IpAddr::V4(ip))),
        Some(url::Host::Ipv6(ip)) => Ok(Host::Ip(IpAddr::V6(ip))),
        Some(url::Host::Domain(d)) => Ok(Host::Name(d.to_owned())),
        None => Err(Refusal::NotAUrl),
    }
}

fn literal(ip: IpAddr) -> Result<(), Refusal> {
    match special_purpose(ip) {
        Some(range) => Err(Refusal::Literal(range)),
        None => Ok(()),
    }
}

fn all_public(mut addrs: impl Iterator<Item = SocketAddr>) -> Result<(), Refusal> {
    if addrs.any(|a| !is_public(a.ip())) {
        Err(Refusal::Resolved)
    } else {
        Ok(())
    }
}

/// The delivery client's resolver: fails rather than return an address we
/// must not call; the connection then goes to exactly the addresses checked.
pub struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if addrs.is_empty() {
                return Err(format!("{host} has no address").into());
            }
            all_public(addrs.iter().copied())
                .map_err(|refused| format!("refused: {host} {refused}"))?;
            let addrs: reqwest::dns::Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every registry range: its first and last address are refused (with
    /// the range's name), and where the neighbour just outside is public,
    /// it passes.
    #[test]
    fn every_special_purpose_range_is_refused_and_its_neighbours_are_not() {
        #[rustfmt::skip]
        let table: &[(&str, &str, &str, Option<&str>)] = &[
            // (first, last, range named, a public neighbour)
            ("0.0.0.0", "0.255.255.255", "\"this network\"", Some("1.0.0.0")),
            ("10.0.0.0", "10.255.255.255", "private-use", Some("11.0.0.0")),
            ("100.64.0.0", "100.127.255.255", "shared address space (carrier-grade NAT)", Some("100.128.0.0")),
            ("127.0.0.0", "127.255.255.255", "loopback", Some("128.0.0.0")),
            ("169.254.0.0", "169.254.255.255", "link-local", Some("169.255.0.0")),
            ("172.16.0.0", "172.31.255.255", "private-use", Some("172.32.0.0")),
            ("192.0.0.0", "192.0.0.255", "IETF protocol assignments", Some("192.0.1.0")),
            ("192.0.2.0", "192.0.2.255", "documentation (TEST-NET-1)", Some("192.0.3.0")),
            ("192.31.196.0", "192.31.196.255", "AS112 service", Some("192.31.197.0")),
            ("192.52.193.0", "192.52.193.255", "AMT relay", Some("192.52.194.0")),
            ("192.88.99.0", "192.88.99.255", "deprecated 6to4 relay anycast", Some("192.88.100.0")),
            ("192.168.0.0", "192.168.255.255", "private-use", Some("192.169.0.0")),
            ("192.175.48.0", "192.175.48.255", "AS112 direct delegation", Some("192.175.49.0")),
            ("198.18.0.0", "198.19.255.255", "benchmarking", Some("198.20.0.0")),
            ("198.51.100.0", "198.51.100.255", "documentation (TEST-NET-2)", Some("198.51.101.0")),
            ("203.0.113.0", "203.0.113.255", "documentation (TEST-NET-3)", Some("203.0.114.0")),
            ("224.0.0.0", "239.255.255.255", "multicast", Some("223.255.255.255")),
            ("240.0.0.0", "255.255.255.254", "reserved", None),
            ("255.255.255.255", "255.255.255.255", "limited broadcast", None),
            ("::", "::", "unspecified", None),
            ("::1", "::1", "loopback", None),
            ("::2", "::ffff:ffff", "IPv4-compatible (deprecated)", None),
            ("::10.0.0.1", "::8.8.8.8", "IPv4-compatible (deprecated)", None),
            ("64:ff9b::", "64:ff9b::ffff:ffff", "IPv4/IPv6 translation (NAT64)", None),
            ("64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "local-use IPv4/IPv6 translation", None),
            ("100::", "100::ffff:ffff:ffff:ffff", "discard-only", None),
            ("100:0:0:1::", "100::1:ffff:ffff:ffff:ffff", "dummy prefix", None),
            ("2001::", "2001:0:ffff:ffff:ffff:ffff:ffff:ffff", "Teredo", Some("2001:200::1")),
            ("2001:1::1", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "IETF protocol assignments", Some("2001:200::")),
            ("2001:2::", "2001:2:0:ffff:ffff:ffff:ffff:ffff", "benchmarking", None),
            ("2001:db8::", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "documentation", Some("2001:db9::")),
            ("2002::", "2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "6to4", Some("2003::1")),
            ("2620:4f:8000::", "2620:4f:8000:ffff:ffff:ffff:ffff:ffff", "AS112 direct delegation", Some("2620:4f:8001::")),
            ("3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "documentation", Some("3ffe:ffff::1")),
            ("5f00::", "5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "segment routing SIDs", None),
            ("fc00::", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "unique-local", None),
            ("fe80::", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "link-local", None),
            ("fec0::", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "site-local (deprecated)", None),
            ("ff00::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "multicast", None),
            ("4000::", "4000::1", "reserved by the IETF", Some("3fff:1000::")),
            ("::ffff:127.0.0.1", "::ffff:127.255.255.255", "loopback", Some("::ffff:1.1.1.1")),
            ("::ffff:169.254.169.254", "::ffff:169.254.169.254", "link-local", None),
        ];
        for (first, last, range, public) in table {
            for ip in [first, last] {
                let ip: IpAddr = ip.parse().unwrap();
                assert_eq!(special_purpose(ip), Some(*range), "{ip}");
            }
            if let Some(p) = public {
                assert_eq!(special_purpose(p.parse().unwrap()), None, "{p}");
            }
        }
        for public in [
            "8.8.8.8",
            "196.28.1.1",
            "41.220.0.1",
            "2606:4700::1111",
            "2c0f:f000::1",
        ] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn literal_and_resolved_hosts_are_checked_without_naming_the_address() {
        let public = Reach::Public;
        let err = public.check_url("http://127.0.0.1:9/x").await.unwrap_err();
        assert_eq!(err, Refusal::Literal("loopback"));
        assert!(public.check_url("https://[::a00:1]/").await.is_err());
        assert!(public.check_url("https://[2002:7f00:1::]/").await.is_err());
        let err = public.check_url("http://localhost:9/x").await.unwrap_err();
        assert_eq!(err, Refusal::Resolved);
        assert!(!err.to_string().contains("127.0.0.1"));
        assert!(!err.to_string().contains("::1"));
        // Unresolvable names are accepted now and checked at delivery.
        assert!(public.check_url("https://hooks.invalid/x").await.is_ok());
        assert!(public.check_url("https://8.8.8.8/hook").await.is_ok());
        assert_eq!(
            public.check_url("ftp://8.8.8.8/").await,
            Err(Refusal::NotAUrl)
        );
        assert!(Reach::Any.check_url("http://127.0.0.1:9/x").await.is_ok());
    }

    #[tokio::test]
    async fn the_delivery_resolver_refuses_loopback_names() {
        use reqwest::dns::Resolve;
        let name: reqwest::dns::Name = "localhost".parse().unwrap();
        let err = match PublicOnly.resolve(name).await {
            Ok(_) => panic!("localhost must be refused"),
            Err(e) => e.to_string(),
        };
        assert!(err.contains("not public"), "{err}");
        assert!(!err.contains("127.0.0.1"), "{err}");
    }
}
