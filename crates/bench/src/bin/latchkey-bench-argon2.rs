//! The hashing ceiling: raw Argon2id hashes per second with every core busy, for each
//! implementation on crates.io we consider, after checking each against the RFC 9106 test
//! vector and against the other's PHC strings. `bench/run` divides sign-ins/s by the
//! fastest correct one.
//!
//! Prints `key=value` lines (read by `bench/run`) and a human summary on stderr.

use anyhow::{Context, bail, ensure};
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use clap::Parser;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(about = "Argon2id hashes/second of RustCrypto argon2 and argon2-rust")]
struct Args {
    /// Seconds of hashing per implementation.
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
    /// Threads hashing at once (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    #[arg(long, default_value_t = 19456)]
    m_kib: u32,
    #[arg(long, default_value_t = 2)]
    t: u32,
}

/// RFC 9106 §5.3, Argon2id.
const RFC_TAG: &str = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let threads = match args.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };

    let rc_ok = rustcrypto_rfc_vector()?;
    let ar_ok = argon2rust_rfc_vector()?;
    ensure!(
        rc_ok,
        "RustCrypto argon2 fails the RFC 9106 Argon2id vector"
    );
    ensure!(ar_ok, "argon2-rust fails the RFC 9106 Argon2id vector");
    cross_verify(args.m_kib, args.t)?;
    println!("argon2.rfc9106=ok");
    println!("argon2.cross_phc=ok");
    println!("argon2.rust_backend={:?}", argon2_rust::detected_backend());

    let rc_params =
        argon2::Params::new(args.m_kib, args.t, 1, None).map_err(|e| anyhow::anyhow!("{e}"))?;
    let rc = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        rc_params,
    );
    let ar = argon2_rust::Argon2::new(
        argon2_rust::Algorithm::Argon2id,
        argon2_rust::Version::V0x13,
        ar_params(args.m_kib, args.t, 1)?,
    );
    // Interleaved in short rounds so that load from other processes on a shared machine
    // drifts over all three alike instead of landing on whichever ran last.
    let rounds = (args.seconds / 0.5).ceil().max(1.0) as u32;
    let slice = Duration::from_secs_f64(args.seconds / f64::from(rounds));
    let (mut rc_n, mut ar_n, mut arp_n, mut rc_t, mut ar_t, mut arp_t) = (0, 0, 0, 0.0, 0.0, 0.0);
    let mut arp_cpu = 0.0;
    for _ in 0..rounds {
        let rc = rc.clone();
        let (n, t) = throughput(threads, slice, move || {
            let rc = rc.clone();
            move || {
                rc.hash_password(b"bench password")
                    .map(|h| h.to_string().len())
                    .unwrap_or(0)
            }
        });
        (rc_n, rc_t) = (rc_n + n, rc_t + t);
        // One-shot API: maps a fresh arena per hash (what a stateless call costs).
        let (n, t) = throughput(threads, slice, move || {
            move || {
                ar.hash_password_with_random_salt(b"bench password")
                    .map(|h| h.len())
                    .unwrap_or(0)
            }
        });
        (ar_n, ar_t) = (ar_n + n, ar_t + t);
        // Per-thread `Hasher`: the arena stays mapped between hashes (what a fixed pool
        // of hashing threads does; the product's hasher since BENCHMARKS.md's change).
        let cpu_before = cpu_seconds();
        let (n, t) = throughput(threads, slice, move || {
            let mut h = ar.hasher();
            move || {
                h.hash_password_with_random_salt(b"bench password")
                    .map(|h| h.len())
                    .unwrap_or(0)
            }
        });
        (arp_n, arp_t) = (arp_n + n, arp_t + t);
        arp_cpu += cpu_seconds() - cpu_before;
    }
    let rc_hps = rc_n as f64 / rc_t;
    let ar_hps = ar_n as f64 / ar_t;
    let ar_pooled_hps = arp_n as f64 / arp_t;
    let fastest = rc_hps.max(ar_hps).max(ar_pooled_hps);
    println!("argon2.threads={threads}");
    println!("argon2.rustcrypto_hps={rc_hps:.2}");
    println!("argon2.argon2rust_hps={ar_hps:.2}");
    println!("argon2.argon2rust_pooled_hps={ar_pooled_hps:.2}");
    println!("argon2.fastest_hps={fastest:.2}");
    // Hashes per CPU-second: what a hash costs whatever share of the machine we got.
    if arp_cpu > 0.0 {
        println!("argon2.pooled_per_cpu_s={:.2}", arp_n as f64 / arp_cpu);
    }
    // With every core busy one hash takes threads / rate.
    println!(
        "argon2.busy_hash_ms={:.2}",
        1000.0 * threads as f64 / fastest
    );
    eprintln!(
        "argon2id m={} t={} p=1, {threads} threads: RustCrypto {rc_hps:.1}/s, argon2-rust {ar_hps:.1}/s, argon2-rust pooled {ar_pooled_hps:.1}/s",
        args.m_kib, args.t
    );
    Ok(())
}

fn ar_params(m_kib: u32, t: u32, p: u32) -> anyhow::Result<argon2_rust::Params> {
    argon2_rust::Params::builder()
        .memory(argon2_rust::params::Memory::kib(u64::from(m_kib)))
        .passes(t)
        .lanes(p)
        .build()
        .map_err(|e| anyhow::anyhow!("argon2-rust params: {e:?}"))
}

/// User + system CPU seconds of this process so far (Linux; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses and may hold spaces.
    let Some(rest) = stat.rsplit_once(')').map(|(_, r)| r) else {
        return 0.0;
    };
    let f: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 here (from 1),
    // in clock ticks, which are 100 per second on Linux.
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

/// `threads` workers, each running the job made by `make` until the deadline. Returns
/// the hashes done and the seconds they took.
fn throughput<F, J>(threads: usize, secs: Duration, make: F) -> (u64, f64)
where
    F: Fn() -> J + Send + Sync + 'static,
    J: FnMut() -> usize,
{
    let make = Arc::new(make);
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let stop = stop.clone();
            let done = done.clone();
            let make = make.clone();
            std::thread::spawn(move || {
                let mut job = make();
                while !stop.load(Ordering::Relaxed) {
                    if job() > 0 {
                        done.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(secs);
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        let _ = h.join();
    }
    // Hashes finished after the deadline are counted against the time they really took.
    (done.load(Ordering::Relaxed), start.elapsed().as_secs_f64())
}

fn rfc_inputs() -> ([u8; 32], [u8; 16], [u8; 8], [u8; 12]) {
    ([0x01; 32], [0x02; 16], [0x03; 8], [0x04; 12])
}

fn rustcrypto_rfc_vector() -> anyhow::Result<bool> {
    let (pwd, salt, secret, ad) = rfc_inputs();
    let params = argon2::ParamsBuilder::new()
        .m_cost(32)
        .t_cost(3)
        .p_cost(4)
        .data(argon2::AssociatedData::new(&ad).map_err(|e| anyhow::anyhow!("{e}"))?)
        .output_len(32)
        .build()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let a = argon2::Argon2::new_with_secret(
        &secret,
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        params,
    )
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut out = [0u8; 32];
    a.hash_password_into(&pwd, &salt, &mut out)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(hex::encode(out) == RFC_TAG)
}

fn argon2rust_rfc_vector() -> anyhow::Result<bool> {
    let (pwd, salt, secret, ad) = rfc_inputs();
    let a = argon2_rust::Argon2::new(
        argon2_rust::Algorithm::Argon2id,
        argon2_rust::Version::V0x13,
        ar_params(32, 3, 4)?,
    );
    let mut out = [0u8; 32];
    a.hash_into_with_ad(&pwd, &salt, &secret, &ad, &mut out)
        .map_err(|e| anyhow::anyhow!("argon2-rust: {e:?}"))?;
    Ok(hex::encode(out) == RFC_TAG)
}

/// Each implementation verifies the other's PHC strings (and refuses a wrong password),
/// and both produce the same string for the same salt.
fn cross_verify(m_kib: u32, t: u32) -> anyhow::Result<()> {
    let rc = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(m_kib, t, 1, None).map_err(|e| anyhow::anyhow!("{e}"))?,
    );
    let ar = argon2_rust::Argon2::new(
        argon2_rust::Algorithm::Argon2id,
        argon2_rust::Version::V0x13,
        ar_params(m_kib, t, 1)?,
    );
    for pw in ["correct horse battery staple", "pässwörd ✓", ""] {
        let from_rc = rc
            .hash_password(pw.as_bytes())
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .to_string();
        argon2_rust::Argon2::verify_encoded(
            &from_rc,
            pw.as_bytes(),
            argon2_rust::Algorithm::Argon2id,
        )
        .map_err(|e| anyhow::anyhow!("argon2-rust refused a RustCrypto hash: {e:?}"))?;
        if argon2_rust::Argon2::verify_encoded(&from_rc, b"wrong", argon2_rust::Algorithm::Argon2id)
            .is_ok()
        {
            bail!("argon2-rust accepted a wrong password");
        }
        let from_ar = ar
            .hash_password_with_random_salt(pw.as_bytes())
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let parsed =
            PasswordHash::new(&from_ar).context("RustCrypto cannot parse argon2-rust PHC")?;
        rc.verify_password(pw.as_bytes(), &parsed)
            .map_err(|e| anyhow::anyhow!("RustCrypto refused an argon2-rust hash: {e}"))?;
        ensure!(
            rc.verify_password(b"wrong", &parsed).is_err(),
            "RustCrypto accepted a wrong password"
        );
        // Same salt, same string.
        let salt = [7u8; 16];
        let mut tag_rc = [0u8; 32];
        rc.hash_password_into(pw.as_bytes(), &salt, &mut tag_rc)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let mut tag_ar = [0u8; 32];
        ar.hash_into(pw.as_bytes(), &salt, &mut tag_ar)
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        ensure!(
            tag_rc == tag_ar,
            "the two implementations disagree on a tag"
        );
    }
    Ok(())
}
