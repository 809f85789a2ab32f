//! When to try a delivery again, and what an answer means.
//!
//! The first attempt leaves at once. After a failure the next waits
//! `base × STEPS[n]`, ±20% jitter, so the default `base` of 5 seconds gives
//! 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h and 20 h: eleven
//! attempts over about three days (71 h 36 min without jitter). A test sets
//! `LIPA_WEBHOOK_RETRY_BASE_MS` to a few milliseconds and the whole
//! schedule shrinks with it.

use rand::Rng;
use std::time::Duration;

/// Waits after the 1st, 2nd, ... failed attempt, in units of the base delay.
pub const STEPS: [u64; 10] = [1, 12, 60, 360, 1440, 3600, 7200, 10080, 14400, 14400];

/// Attempts in all, the first included.
pub const MAX_ATTEMPTS: i64 = STEPS.len() as i64 + 1;

/// The longest a `Retry-After` may push the next attempt back (as a multiple
/// of the base delay: one day at the default).
const RETRY_AFTER_CAP: u64 = 17_280;

/// The delay after `failed` failed attempts (1-based) without jitter, or
/// `None` when none are left.
pub fn nominal_delay(base: Duration, failed: i64) -> Option<Duration> {
    let step = STEPS.get(usize::try_from(failed).ok()?.checked_sub(1)?)?;
    Some(base.saturating_mul(*step as u32))
}

/// The delay after `failed` failed attempts, with ±20% jitter so that many
/// events failing together do not all come back at the same instant.
pub fn delay(base: Duration, failed: i64) -> Option<Duration> {
    let nominal = nominal_delay(base, failed)?;
    let factor = rand::rng().random_range(0.8..=1.2);
    Some(nominal.mul_f64(factor))
}

/// What one HTTP answer (or its absence) means for the delivery.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// 2xx.
    Delivered,
    /// 410: the receiver wants no more events here.
    Gone,
    /// 429, 502, 504: try later, no sooner than `Retry-After` if it says.
    SlowDown(Option<Duration>),
    /// Anything else, a 3xx included (never followed), or no answer.
    Failed,
}

pub fn verdict(status: Option<u16>, retry_after: Option<&str>, now_s: i64) -> Verdict {
    match status {
        Some(200..=299) => Verdict::Delivered,
        Some(410) => Verdict::Gone,
        Some(429 | 502 | 504) => {
            Verdict::SlowDown(retry_after.and_then(|v| parse_retry_after(v, now_s)))
        }
        _ => Verdict::Failed,
    }
}

/// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2026 07:28:00 GMT`.
pub fn parse_retry_after(value: &str, now_s: i64) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let format = time::format_description::well_known::Rfc2822;
    let when = time::OffsetDateTime::parse(value, &format).ok()?;
    let secs = when.unix_timestamp() - now_s;
    Some(Duration::from_secs(secs.max(0) as u64))
}

/// The next attempt after a slow-down: the schedule's delay or what the
/// receiver asked for, whichever is longer, but never more than a day (at
/// the default base).
pub fn slow_down_delay(base: Duration, failed: i64, asked: Option<Duration>) -> Option<Duration> {
    let scheduled = delay(base, failed)?;
    let cap = base.saturating_mul(RETRY_AFTER_CAP as u32);
    Some(scheduled.max(asked.unwrap_or_default().min(cap)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_spans_about_three_days_and_scales_with_the_base() {
        let base = Duration::from_secs(5);
        let total: Duration = (1..MAX_ATTEMPTS)
            .map(|n| nominal_delay(base, n).unwrap())
            .sum();
        assert_eq!(total.as_secs(), 71 * 3600 + 36 * 60 + 5);
        assert_eq!(nominal_delay(base, 1), Some(Duration::from_secs(5)));
        assert_eq!(nominal_delay(base, 2), Some(Duration::from_secs(60)));
        assert_eq!(nominal_delay(base, 5), Some(Duration::from_secs(2 * 3600)));
        assert_eq!(nominal_delay(base, MAX_ATTEMPTS), None);
        assert_eq!(nominal_delay(base, 0), None);
        let fast = Duration::from_millis(10);
        assert_eq!(nominal_delay(fast, 2), Some(Duration::from_millis(120)));
        for n in 1..MAX_ATTEMPTS {
            let d = delay(base, n).unwrap();
            let nominal = nominal_delay(base, n).unwrap();
            assert!(
                d >= nominal.mul_f64(0.8) && d <= nominal.mul_f64(1.2),
                "{n}: {d:?}"
            );
        }
    }

    #[test]
    fn answers_mean_what_the_spec_says() {
        assert_eq!(verdict(Some(200), None, 0), Verdict::Delivered);
        assert_eq!(verdict(Some(204), None, 0), Verdict::Delivered);
        assert_eq!(verdict(Some(301), None, 0), Verdict::Failed);
        assert_eq!(verdict(Some(500), None, 0), Verdict::Failed);
        assert_eq!(verdict(None, None, 0), Verdict::Failed);
        assert_eq!(verdict(Some(410), None, 0), Verdict::Gone);
        assert_eq!(
            verdict(Some(429), Some("30"), 0),
            Verdict::SlowDown(Some(Duration::from_secs(30)))
        );
        assert_eq!(verdict(Some(502), None, 0), Verdict::SlowDown(None));
        assert_eq!(verdict(Some(503), Some("30"), 0), Verdict::Failed);
        // 2026-10-21 07:28:00 UTC is 1792567680.
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", 1_792_567_680 - 90),
            Some(Duration::from_secs(90))
        );
        assert_eq!(parse_retry_after("soon", 0), None);
    }

    #[test]
    fn a_slow_down_waits_for_the_longer_of_schedule_and_retry_after() {
        let base = Duration::from_secs(5);
        let asked = Some(Duration::from_secs(600));
        let d = slow_down_delay(base, 1, asked).unwrap();
        assert_eq!(d, Duration::from_secs(600));
        let d = slow_down_delay(base, 1, Some(Duration::from_secs(1))).unwrap();
        assert!(d >= Duration::from_secs(4));
        // A receiver asking for a week gets a day.
        let d = slow_down_delay(base, 1, Some(Duration::from_secs(7 * 86_400))).unwrap();
        assert_eq!(d, Duration::from_secs(86_400));
    }
}
