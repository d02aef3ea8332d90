//! Delivering on demand: a [`crate::TestApp`] runs no background courier worker; a test
//! that wants its messages delivers every due one, here and now, and then reads the
//! mailbox once. No polling, no sleeping, and "nothing was sent" is a real answer rather
//! than "nothing arrived within 200 ms".

use latchkey_courier::{Courier, DrainReport};

/// Runs the courier's delivery until no message is due, and returns what it did.
/// `Courier::drain` already loops over full batches; going round again until a drain
/// claims nothing also covers a message enqueued while the previous round ran.
pub async fn drain_courier(courier: &Courier) -> DrainReport {
    let mut total = DrainReport::default();
    loop {
        let report = courier.drain().await.expect("the courier reads the outbox");
        if report.claimed == 0 {
            return total;
        }
        total.claimed += report.claimed;
        total.sent += report.sent;
        total.retried += report.retried;
        total.abandoned += report.abandoned;
    }
}

/// The 6-digit code in a message: a word of exactly six digits (punctuation around it
/// aside), so digits inside a link's token cannot be taken for it; failing that (a
/// language that writes no space before the code), the first run of exactly six digits.
pub fn extract_code(text: &str) -> Option<String> {
    let six = |w: &str| w.len() == 6 && w.bytes().all(|b| b.is_ascii_digit());
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()))
        .find(|w| six(w))
        .or_else(|| text.split(|c: char| !c.is_ascii_digit()).find(|w| six(w)))
        .map(str::to_owned)
}
