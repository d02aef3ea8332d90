//! Argon2id on a bounded pool of hashing threads (docs/ARCHITECTURE.md, convention 6).
//!
//! Hashing is the most expensive thing the service does, so it runs on a fixed set of
//! threads (one per core by default) and at most `queue` requests may wait for one: past
//! that the caller gets [`HashError::Busy`] at once (a fast 503) instead of joining a pile
//! that would make every sign-in slow.
//!
//! The implementation is `argon2-rust` (a port of the reference implementation with
//! runtime-dispatched SIMD), chosen on measurement: BENCHMARKS.md. Each thread keeps one
//! Argon2 arena mapped between hashes (wiped after each), so the hashing memory of the
//! process is exactly `workers × m_cost` and no hash pays for page faults.

use argon2_rust::{Algorithm, Argon2, Params, Version, params::Memory};
use latchkey_domain::Password;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use tokio::sync::{Semaphore, oneshot};

#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error("the hashing pool is full")]
    Busy,
    #[error("hashing failed: {0}")]
    Failed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashParams {
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl Default for HashParams {
    /// OWASP's Argon2id floor, which Latchkey adopts (README, "Accounts and sign-in").
    fn default() -> Self {
        Self {
            m_cost_kib: 19456,
            t_cost: 2,
            p_cost: 1,
        }
    }
}

/// The `[hashing]` section of the config, in its units. The Argon2 defaults are
/// [`HashParams::default`]'s.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HashingConfig {
    /// Argon2id memory in KiB (OWASP floor 19456).
    pub memory_kib: u32,
    /// Argon2id iterations.
    pub iterations: u32,
    /// Threads hashing at once; 0 means one per core.
    pub workers: usize,
    /// Requests that may wait for a hashing thread before the answer is 503.
    pub queue: usize,
}

impl Default for HashingConfig {
    fn default() -> Self {
        let params = HashParams::default();
        Self {
            memory_kib: params.m_cost_kib,
            iterations: params.t_cost,
            workers: 0,
            queue: 64,
        }
    }
}

impl HashingConfig {
    /// Argon2id with this memory and these iterations, one lane.
    pub fn params(&self) -> HashParams {
        HashParams {
            m_cost_kib: self.memory_kib,
            t_cost: self.iterations,
            ..HashParams::default()
        }
    }

    /// The number of hashing threads: [`Self::workers`], or one per core when it is 0.
    pub fn worker_count(&self) -> usize {
        match self.workers {
            0 => std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(1),
            n => n,
        }
    }

    /// The hashing pool this section describes.
    pub fn hasher(&self) -> Result<Hasher, HashError> {
        Hasher::new(self.params(), self.worker_count(), self.queue)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Mismatch,
    Match { needs_rehash: bool },
}

/// Work for a hashing thread, run with that thread's own Argon2 arena.
type Job = Box<dyn FnOnce(&mut argon2_rust::Hasher) + Send>;

#[derive(Clone)]
pub struct Hasher {
    params: HashParams,
    jobs: mpsc::Sender<Job>,
    queue: Arc<Semaphore>,
    dummy: Arc<String>,
}

impl Hasher {
    /// `workers` threads hash at once; `queue` more may wait. The threads end when the
    /// last clone of the `Hasher` is dropped.
    pub fn new(params: HashParams, workers: usize, queue: usize) -> Result<Self, HashError> {
        let argon = argon(params)?;
        // The hash unknown identifiers are checked against, so that "no such account"
        // costs what "wrong password" costs.
        let dummy = argon
            .hash_password_with_random_salt(b"latchkey dummy password for timing")
            .map_err(|e| HashError::Failed(format!("{e:?}")))?;
        let (jobs, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..workers.max(1) {
            let rx = rx.clone();
            std::thread::Builder::new()
                .name(format!("latchkey-hash-{i}"))
                .spawn(move || {
                    let mut hasher = argon.hasher();
                    loop {
                        // The lock is held only while waiting for the next job.
                        let job = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        match job {
                            Ok(job) => job(&mut hasher),
                            Err(_) => return, // every Hasher clone is gone
                        }
                    }
                })
                .map_err(|e| HashError::Failed(e.to_string()))?;
        }
        Ok(Self {
            params,
            jobs,
            queue: Arc::new(Semaphore::new(workers.max(1) + queue)),
            dummy: Arc::new(dummy),
        })
    }

    pub fn params(&self) -> HashParams {
        self.params
    }

    async fn run<T: Send + 'static>(
        &self,
        job: impl FnOnce(&mut argon2_rust::Hasher) -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let place = self
            .queue
            .clone()
            .try_acquire_owned()
            .map_err(|_| HashError::Busy)?;
        let (tx, rx) = oneshot::channel();
        self.jobs
            .send(Box::new(move |hasher| {
                // Held until the hash is done, even when the caller has gone away, so
                // abandoned requests still count against the queue.
                let _place = place;
                let _ = tx.send(job(hasher));
            }))
            .map_err(|_| HashError::Failed("the hashing threads are gone".into()))?;
        rx.await
            .map_err(|_| HashError::Failed("a hashing thread panicked".into()))
    }

    pub async fn hash(&self, password: &Password) -> Result<String, HashError> {
        let pw = password.expose().to_owned();
        self.run(move |hasher| {
            hasher
                .hash_password_with_random_salt(pw.as_bytes())
                .map_err(|e| HashError::Failed(format!("{e:?}")))
        })
        .await?
    }

    /// Checks a password against a stored PHC string, or an imported hash of a legacy
    /// scheme (`kernel/legacy_hashes.rs`). Unknown formats count as a mismatch.
    pub async fn verify(&self, password: &Password, phc: &str) -> Result<Verdict, HashError> {
        let params = self.params;
        let pw = password.expose().to_owned();
        let phc = phc.to_owned();
        self.run(move |hasher| {
            let Some(algorithm) = algorithm_of(&phc) else {
                // An imported hash of another scheme: checked as it is, and replaced by
                // Argon2id at this sign-in when it matches.
                return match super::legacy_hashes::verify(pw.as_bytes(), &phc) {
                    Some(true) => Verdict::Match { needs_rehash: true },
                    Some(false) | None => Verdict::Mismatch,
                };
            };
            // The stored string carries its own parameters; verification uses those
            // (on a private arena when they ask for more memory than ours).
            match hasher.verify_encoded(&phc, pw.as_bytes(), algorithm) {
                Ok(()) => Verdict::Match {
                    needs_rehash: !phc.starts_with(&prefix(params)),
                },
                Err(_) => Verdict::Mismatch,
            }
        })
        .await
    }

    /// Spends the time of one verification for an identifier that has no password.
    pub async fn verify_dummy(&self, password: &Password) -> Result<(), HashError> {
        let dummy = self.dummy.clone();
        self.verify(password, &dummy).await.map(|_| ())
    }
}

fn argon(p: HashParams) -> Result<Argon2, HashError> {
    let params = Params::builder()
        .memory(Memory::kib(u64::from(p.m_cost_kib)))
        .passes(p.t_cost)
        .lanes(p.p_cost)
        .build()
        .map_err(|e| HashError::Failed(format!("{e:?}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The variant a PHC string names; imports may bring Argon2i or Argon2d hashes.
fn algorithm_of(phc: &str) -> Option<Algorithm> {
    let id = phc.strip_prefix('$')?.split('$').next()?;
    match id {
        "argon2id" => Some(Algorithm::Argon2id),
        "argon2i" => Some(Algorithm::Argon2i),
        "argon2d" => Some(Algorithm::Argon2d),
        _ => None,
    }
}

fn prefix(p: HashParams) -> String {
    format!(
        "$argon2id$v=19$m={},t={},p={}$",
        p.m_cost_kib, p.t_cost, p.p_cost
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Written by RustCrypto `argon2` 0.6 (the hasher before this one), password
    /// "correct horse", m=2048 t=1 p=1.
    const RUSTCRYPTO_PHC: &str = "$argon2id$v=19$m=2048,t=1,p=1$HKVN6Qk3u4K+CvbflKrvAw$WGO1LnA/fRPXIJKtnzhiGaORUWrt/hm+eH802Li55qU";

    fn small() -> HashParams {
        HashParams {
            m_cost_kib: 1024,
            t_cost: 1,
            p_cost: 1,
        }
    }

    #[tokio::test]
    async fn hash_verify_and_rehash_when_parameters_change() {
        let h = Hasher::new(small(), 2, 8).unwrap();
        let pw = Password::new("correct horse");
        let phc = h.hash(&pw).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=1024,t=1,p=1$"));
        assert_eq!(
            h.verify(&pw, &phc).await.unwrap(),
            Verdict::Match {
                needs_rehash: false
            }
        );
        assert_eq!(
            h.verify(&Password::new("wrong"), &phc).await.unwrap(),
            Verdict::Mismatch
        );
        let stronger = Hasher::new(
            HashParams {
                m_cost_kib: 2048,
                ..small()
            },
            1,
            1,
        )
        .unwrap();
        assert_eq!(
            stronger.verify(&pw, &phc).await.unwrap(),
            Verdict::Match { needs_rehash: true }
        );
        assert_eq!(
            h.verify(&pw, "not a phc string").await.unwrap(),
            Verdict::Mismatch
        );
    }

    /// Hashes stored before the switch from RustCrypto `argon2` (PHC strings that crate
    /// wrote) still verify.
    #[tokio::test]
    async fn verifies_hashes_written_by_rustcrypto_argon2() {
        let h = Hasher::new(small(), 1, 1).unwrap();
        let rustcrypto = RUSTCRYPTO_PHC;
        assert_eq!(
            h.verify(&Password::new("correct horse"), rustcrypto)
                .await
                .unwrap(),
            Verdict::Match { needs_rehash: true }
        );
        assert_eq!(
            h.verify(&Password::new("correct horsf"), rustcrypto)
                .await
                .unwrap(),
            Verdict::Mismatch
        );
    }

    #[tokio::test]
    async fn default_parameters_are_the_design_floor() {
        let h = Hasher::new(HashParams::default(), 1, 1).unwrap();
        let phc = h.hash(&Password::new("x")).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    }

    #[tokio::test]
    async fn a_full_queue_answers_busy_at_once() {
        // Full-size parameters: with the small test ones the first hash could finish (and
        // free its place) before the second is even asked for.
        let h = Hasher::new(HashParams::default(), 1, 0).unwrap();
        let pw = Password::new("x");
        let (a, b) = tokio::join!(h.hash(&pw), h.hash(&pw));
        assert!(
            a.is_ok() != b.is_ok(),
            "exactly one of two concurrent hashes fits"
        );
    }
}
