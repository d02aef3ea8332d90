//! The import journey: accounts brought from another system, one at a time (the admin
//! API's `POST /admin/api/identities`) or many (`latchkey import FILE`). A row is
//! validated the same way on both paths; a `password` is hashed with Argon2id, a
//! `password_hash` of a supported scheme is stored as it is and replaced by Argon2id at
//! the account's next sign-in (`kernel/legacy_hashes.rs`).
//!
//! Addresses follow the rule every way of proving one follows (docs/ARCHITECTURE.md,
//! "crates/flows"): an address imported as verified is proved, so it fails when another
//! account holds it verified, and it releases other accounts' unverified claims (their
//! owners told, `contact.dropped` recorded); an unverified imported address is a claim and
//! never blocks anyone. Many rows go to the store in batches (`Imports`); the rare row
//! whose address other accounts claim takes the one-account path, which tells them.

use crate::kernel::legacy_hashes::{self, HashProblem};
use crate::{FlowError, Flows};
use latchkey_domain::{Email, EventType, IdentityId, Password, Phone};
use latchkey_i18n::Locale;
use latchkey_store::{
    Contact, ContactKind, Event, Identity, IdentityState, ImportAccount, ImportOutcome,
    NewIdentity, StoreError,
};
use uuid::Uuid;

/// Rows per store batch (one transaction each).
pub const BATCH_ROWS: usize = 10_000;
/// Plaintext passwords hashed at once: below the hashing pool's default queue, so an
/// import never answers itself `server_busy`.
const HASHES_IN_FLIGHT: usize = 16;

/// One account to import: the fields of `POST /admin/api/identities` and of one line of
/// an import file.
#[derive(Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportRow {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub name: Option<String>,
    pub password: Option<String>,
    pub password_hash: Option<String>,
    #[serde(default)]
    pub email_verified: bool,
    #[serde(default)]
    pub phone_verified: bool,
    pub locale: Option<String>,
}

/// Written by hand: the password and the hash are never printed.
impl std::fmt::Debug for ImportRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |v: &Option<String>| v.as_ref().map(|_| "<redacted>");
        f.debug_struct("ImportRow")
            .field("email", &self.email)
            .field("phone", &self.phone)
            .field("name", &self.name)
            .field("password", &redacted(&self.password))
            .field("password_hash", &redacted(&self.password_hash))
            .field("email_verified", &self.email_verified)
            .field("phone_verified", &self.phone_verified)
            .field("locale", &self.locale)
            .finish()
    }
}

/// What an import of many rows did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub imported: u64,
    /// The rows that were not imported, in line order.
    pub failed: Vec<ImportFailure>,
}

/// One row that was not imported: its line, the stable code of the reason (the
/// `FlowError` code the admin API would answer) and a sentence for the operator. The
/// message never repeats the password or the hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFailure {
    pub line: u64,
    pub code: &'static str,
    pub message: String,
}

impl ImportFailure {
    pub fn new(line: u64, error: &FlowError) -> Self {
        Self {
            line,
            code: error.code(),
            message: describe(error),
        }
    }
}

/// The operator's sentence for a refused row.
fn describe(e: &FlowError) -> String {
    match e {
        FlowError::InvalidInput { field: "password" } => {
            "give either password or password_hash, not both".into()
        }
        FlowError::InvalidInput { field } if field.ends_with("_verified") => {
            format!("{field} is true but the address is missing")
        }
        FlowError::InvalidInput { field } => format!("{field} is not valid"),
        FlowError::InvalidIdentifier => "an email or a phone is required".into(),
        FlowError::WeakPassword(problems) => {
            let codes: Vec<&str> = problems.iter().map(|p| p.code()).collect();
            format!(
                "the password is refused by the policy ({})",
                codes.join(", ")
            )
        }
        FlowError::UnsupportedHash => "password_hash is not a supported scheme (argon2, \
             bcrypt $2a$/$2b$/$2y$, WordPress $wp$, phpass $P$/$H$, pbkdf2_sha256, scrypt), \
             or is malformed"
            .into(),
        FlowError::HashCostTooHigh => "password_hash's cost parameters exceed the limits \
             (bcrypt cost ≤ 15, PBKDF2 ≤ 2,000,000 iterations, phpass ≤ 2^20 rounds, \
             scrypt ≤ 128 MiB, argon2 m ≤ 256 MiB)"
            .into(),
        FlowError::IdentityExists => {
            "a verified email or phone of this row already belongs to another account".into()
        }
        other => other.to_string(),
    }
}

/// A row that passed validation, with its password not yet hashed.
struct Checked {
    email: Option<(Email, bool)>,
    phone: Option<(Phone, bool)>,
    name: Option<String>,
    locale: Locale,
    secret: Secret,
}

enum Secret {
    None,
    /// Hashed with Argon2id before it is stored.
    Password(Password),
    /// A supported hash, stored as it is.
    Hash(String),
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.filter(|s| !s.trim().is_empty())
}

/// `flows.import()`: accounts brought from another system.
#[derive(Clone, Copy)]
pub struct Import<'a>(&'a Flows);

impl Flows {
    pub fn import(&self) -> Import<'_> {
        Import(self)
    }

    /// Every rule a row must pass, without the store and without hashing.
    fn check_import_row(&self, row: ImportRow) -> Result<Checked, FlowError> {
        let email = non_empty(row.email)
            .map(|e| Email::parse(&e).map_err(|_| FlowError::InvalidInput { field: "email" }))
            .transpose()?;
        let phone = non_empty(row.phone)
            .map(|p| {
                Phone::parse(&p, self.settings.default_phone_region.as_deref())
                    .map_err(|_| FlowError::InvalidInput { field: "phone" })
            })
            .transpose()?;
        if email.is_none() && phone.is_none() {
            return Err(FlowError::InvalidIdentifier);
        }
        if row.email_verified && email.is_none() {
            return Err(FlowError::InvalidInput {
                field: "email_verified",
            });
        }
        if row.phone_verified && phone.is_none() {
            return Err(FlowError::InvalidInput {
                field: "phone_verified",
            });
        }
        let name = non_empty(row.name).map(|n| n.trim().to_owned());
        if name
            .as_ref()
            .is_some_and(|n| n.chars().count() > crate::journeys::registration::MAX_NAME_CHARS)
        {
            return Err(FlowError::InvalidInput { field: "name" });
        }
        let locale = match non_empty(row.locale) {
            None => Locale::default(),
            Some(tag) => Locale::parse(&tag).ok_or(FlowError::InvalidInput { field: "locale" })?,
        };
        let secret = match (row.password, row.password_hash) {
            (Some(_), Some(_)) => return Err(FlowError::InvalidInput { field: "password" }),
            (Some(raw), None) => {
                let pw = Password::new(&raw);
                let mut inputs: Vec<&str> = Vec::new();
                if let Some(e) = &email {
                    inputs.push(e.as_str());
                }
                if let Some(p) = &phone {
                    inputs.push(p.as_str());
                }
                if let Some(n) = &name {
                    inputs.push(n);
                }
                let problems = self.passwords.check(&pw, &inputs);
                if !problems.is_empty() {
                    return Err(FlowError::WeakPassword(problems));
                }
                Secret::Password(pw)
            }
            (None, Some(hash)) => {
                let hash = hash.trim().to_owned();
                match legacy_hashes::check_hash(&hash) {
                    Ok(()) => Secret::Hash(hash),
                    Err(HashProblem::Unsupported) => return Err(FlowError::UnsupportedHash),
                    Err(HashProblem::CostTooHigh { .. }) => {
                        return Err(FlowError::HashCostTooHigh);
                    }
                }
            }
            (None, None) => Secret::None,
        };
        Ok(Checked {
            email: email.map(|e| (e, row.email_verified)),
            phone: phone.map(|p| (p, row.phone_verified)),
            name,
            locale,
            secret,
        })
    }

    /// The stored form of a checked row (its password hashed, if any).
    async fn import_account(&self, checked: Checked) -> Result<ImportAccount, FlowError> {
        let now = self.now();
        let id = IdentityId::new();
        let phc = match checked.secret {
            Secret::None => None,
            Secret::Hash(h) => Some(h),
            Secret::Password(pw) => Some(self.hash_patiently(&pw).await?),
        };
        let contact = |kind, address: &str, key: String, verified| Contact {
            id: Uuid::now_v7(),
            identity_id: id,
            kind,
            address: address.to_owned(),
            address_key: key,
            verified,
            primary: true,
            created_at: now,
        };
        let mut contacts = Vec::new();
        if let Some((e, verified)) = &checked.email {
            contacts.push(contact(ContactKind::Email, e.as_str(), e.key(), *verified));
        }
        if let Some((p, verified)) = &checked.phone {
            contacts.push(contact(
                ContactKind::Phone,
                p.as_str(),
                p.as_str().to_owned(),
                *verified,
            ));
        }
        let new = NewIdentity {
            identity: Identity {
                id,
                name: checked.name,
                locale: Some(checked.locale.tag().to_owned()),
                state: IdentityState::Active,
                created_at: now,
                updated_at: now,
            },
            contacts,
            credentials: phc
                .map(|phc| Self::password_credential(id, &phc, now))
                .into_iter()
                .collect(),
        };
        Ok(ImportAccount {
            new,
            event: Event {
                id: Uuid::now_v7(),
                identity_id: id,
                kind: EventType::IdentityCreated,
                at: now,
                ip: None,
                user_agent: None,
                data: serde_json::json!({"method": "import"}),
                actor: None,
                outcome: latchkey_domain::Outcome::Success,
            },
        })
    }

    /// Argon2id on the pool, waiting for a place instead of answering `server_busy`: an
    /// import is a batch job, not a request that must fail fast.
    async fn hash_patiently(&self, pw: &Password) -> Result<String, FlowError> {
        loop {
            match self.hasher.hash(pw).await {
                Ok(phc) => return Ok(phc),
                Err(crate::kernel::hashing::HashError::Busy) => {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// One account the way registration creates one: a verified address taken by
    /// another verified holder is `IdentityExists`; other accounts' unverified claims of
    /// it are released (their owners told) and their pending changes to it voided.
    async fn import_one(&self, account: ImportAccount) -> Result<IdentityId, FlowError> {
        let id = account.new.identity.id;
        let proved: Vec<(ContactKind, String)> = account
            .new
            .contacts
            .iter()
            .filter(|c| c.verified)
            .map(|c| (c.kind, c.address_key.clone()))
            .collect();
        let mut messages = Vec::new();
        let mut holders = Vec::new();
        for (kind, key) in &proved {
            if self
                .store
                .contact_by_key(*kind, key)
                .await?
                .is_some_and(|c| c.verified && c.identity_id != id)
            {
                return Err(FlowError::IdentityExists);
            }
            holders.push(self.claim_holders(*kind, key, id).await?);
            messages.extend(self.claims_released_notices(*kind, key, id).await?);
        }
        match self.store.create_identity(&account.new, &messages).await {
            Ok(()) => {}
            // Someone proved the address between the check and the write.
            Err(StoreError::Conflict(_)) => return Err(FlowError::IdentityExists),
            Err(e) => return Err(e.into()),
        }
        if !messages.is_empty() {
            self.wake_courier();
        }
        for ((kind, key), holders) in proved.iter().zip(&holders) {
            self.address_proved(*kind, key, id, holders).await?;
        }
        self.record(id, account.event.kind, None, account.event.data.clone())
            .await;
        Ok(id)
    }

    /// The rows of one store batch.
    async fn import_batch(
        &self,
        rows: Vec<(u64, ImportRow)>,
        report: &mut ImportReport,
    ) -> Result<(), FlowError> {
        let mut ready: Vec<(u64, ImportAccount)> = Vec::with_capacity(rows.len());
        let mut to_hash: Vec<(u64, Checked)> = Vec::new();
        for (line, row) in rows {
            match self.check_import_row(row) {
                Ok(
                    checked @ Checked {
                        secret: Secret::Password(_),
                        ..
                    },
                ) => to_hash.push((line, checked)),
                Ok(checked) => ready.push((line, self.import_account(checked).await?)),
                Err(e) => report.failed.push(ImportFailure::new(line, &e)),
            }
        }
        // Plaintext passwords: Argon2id on the pool, a few at a time.
        let mut pending = to_hash.into_iter();
        loop {
            let group: Vec<(u64, Checked)> = pending.by_ref().take(HASHES_IN_FLIGHT).collect();
            if group.is_empty() {
                break;
            }
            let mut tasks = tokio::task::JoinSet::new();
            for (line, checked) in group {
                let flows = self.clone();
                tasks.spawn(async move { (line, flows.import_account(checked).await) });
            }
            while let Some(done) = tasks.join_next().await {
                let (line, account) = done.map_err(FlowError::internal)?;
                ready.push((line, account?));
            }
        }
        // In line order: of two rows proving one address, the earlier one wins.
        ready.sort_by_key(|(line, _)| *line);
        let (lines, accounts): (Vec<u64>, Vec<ImportAccount>) = ready.into_iter().unzip();
        let mut outcomes = None;
        // A concurrent writer that takes an address between the batch's check and its
        // insert (PostgreSQL) rolls the batch back; the retry sees that address.
        for _ in 0..3 {
            match self.store.import_accounts(&accounts, self.now()).await {
                Ok(o) => {
                    outcomes = Some(o);
                    break;
                }
                Err(StoreError::Conflict(_)) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        let outcomes = match outcomes {
            Some(o) => o,
            None => vec![ImportOutcome::ClaimsPending; accounts.len()],
        };
        let mut failed = Vec::new();
        for ((line, account), outcome) in lines.into_iter().zip(accounts).zip(outcomes) {
            match outcome {
                ImportOutcome::Imported => report.imported += 1,
                ImportOutcome::AddressTaken => {
                    failed.push(ImportFailure::new(line, &FlowError::IdentityExists));
                }
                ImportOutcome::ClaimsPending => match self.import_one(account).await {
                    Ok(_) => report.imported += 1,
                    Err(e @ FlowError::Internal(_)) => return Err(e),
                    Err(e) => failed.push(ImportFailure::new(line, &e)),
                },
            }
        }
        report.failed.extend(failed);
        Ok(())
    }
}

impl Import<'_> {
    /// One account (the admin API): validated exactly as a file row; `password` is
    /// hashed with Argon2id. `IdentityExists` when a verified address is already another
    /// account's verified one. Records `identity.created`.
    pub async fn create(&self, row: ImportRow) -> Result<IdentityId, FlowError> {
        let checked = self.0.check_import_row(row)?;
        let account = self.0.import_account(checked).await?;
        self.0.import_one(account).await
    }

    /// Many rows (the file import), in batches of [`BATCH_ROWS`], one transaction each:
    /// bad rows and conflicting rows become [`ImportFailure`]s with their line, the rest
    /// import. `Err` only when the store fails (the batches before it stay imported).
    pub async fn rows(&self, rows: Vec<(u64, ImportRow)>) -> Result<ImportReport, FlowError> {
        let mut report = ImportReport::default();
        let mut rows = rows.into_iter().peekable();
        while rows.peek().is_some() {
            let batch: Vec<(u64, ImportRow)> = rows.by_ref().take(BATCH_ROWS).collect();
            self.0.import_batch(batch, &mut report).await?;
        }
        report.failed.sort_by_key(|f| f.line);
        Ok(report)
    }
}
