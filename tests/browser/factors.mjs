// Shared steps for the second-factor and passkey browser tests: an RFC 6238 authenticator
// app in Node, Chromium's virtual WebAuthn authenticator over CDP, a recorder of the
// page's WebAuthn calls, a counter of top-level document loads, and a few page steps
// (sign out, re-authenticate when asked, open the security settings).

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { PASSWORD, checkPage } from './harness.mjs';

// ---------------------------------------------------------------- TOTP (RFC 6238)

export const TOTP_STEP_SECONDS = 30;

/** RFC 4648 base32 (any case, spaces and padding ignored) to bytes. */
export function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const index = alphabet.indexOf(ch);
    if (index < 0) throw new Error(`not base32: ${JSON.stringify(ch)} in ${text}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** The 6-digit HOTP (RFC 4226) of `key` at `counter`, HMAC-SHA1. */
export function hotp(key, counter) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, '0');
}

export function currentStep(nowMs = Date.now()) {
  return Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS);
}

/**
 * An authenticator app holding one base32 secret. The server spends each accepted time
 * step (a replayed step is refused), so code() never gives the same step twice: it gives
 * the current step's code, or, when that one is spent, the next step's, which the server's
 * documented one-step clock skew accepts (a phone whose clock runs a little fast); only
 * when that is spent too does it wait for the clock.
 */
export class TotpApp {
  constructor(secret) {
    this.key = base32Decode(secret);
    this.lastStep = -1;
  }

  async code() {
    for (;;) {
      const now = currentStep();
      const step = Math.max(now, this.lastStep + 1);
      if (step <= now + 1) {
        this.lastStep = step;
        return hotp(this.key, step);
      }
      const msIntoStep = Date.now() % (TOTP_STEP_SECONDS * 1000);
      await sleep(TOTP_STEP_SECONDS * 1000 - msIntoStep + 50);
    }
  }

  /** A well-formed code that is certainly wrong now (no step within the skew). */
  wrongCode() {
    const now = currentStep();
    const near = new Set([-1, 0, 1].map((d) => hotp(this.key, now + d)));
    for (let n = 0; ; n += 1) {
      const candidate = String((123456 + n * 7919) % 1_000_000).padStart(6, '0');
      if (!near.has(candidate)) return candidate;
    }
  }
}

// ---------------------------------------------------------------- WebAuthn

/**
 * Adds Chromium's virtual platform authenticator (CTAP2, internal, resident keys, user
 * verification that always succeeds) to `page`. With `presence: true` every request the
 * page makes is answered at once, without a prompt. Returns helpers to turn that on and
 * off, list the stored credentials and count assertions.
 */
export async function addVirtualAuthenticator(page, { presence = true } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: presence,
    },
  });
  const asserted = [];
  cdp.on('WebAuthn.credentialAsserted', (event) => asserted.push(event));
  return {
    cdp,
    authenticatorId,
    asserted,
    setPresence: (enabled) =>
      cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled }),
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
  };
}

/**
 * Records, in Node, every navigator.credentials.get()/create() the page's scripts make
 * (with its mediation and how it ended) and every click on a [data-testid] element, across
 * navigations. The wrapper is injected through CDP, so the pages' CSP does not apply to it.
 * Returns the live list of events.
 */
export async function recordWebAuthn(page) {
  const events = [];
  await page.exposeBinding('__latchkeyTestRecord', (_source, event) => {
    events.push(event);
  });
  await page.addInitScript(() => {
    const report = (event) => window.__latchkeyTestRecord({ ...event, path: location.pathname });
    const container = navigator.credentials;
    if (container) {
      for (const call of ['get', 'create']) {
        const original = container[call].bind(container);
        container[call] = (options = {}) => {
          const mediation = options.mediation || 'optional';
          const id = Math.random().toString(36).slice(2);
          report({ id, call, mediation, state: 'started' });
          return original(options).then(
            (credential) => {
              report({ id, call, mediation, state: 'resolved' });
              return credential;
            },
            (error) => {
              report({ id, call, mediation, state: 'rejected', error: error && error.name });
              throw error;
            },
          );
        };
      }
    }
    document.addEventListener(
      'click',
      (event) => {
        const target = event.target instanceof Element && event.target.closest('[data-testid]');
        if (target) report({ call: 'click', testid: target.getAttribute('data-testid') });
      },
      true,
    );
  });
  return events;
}

/** Waits until `events` (the live list), from index `from` on, holds one matching `predicate`. */
export async function waitForEvent(events, predicate, what, { from = 0, timeoutMs = 10_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = events.slice(from).find(predicate);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`no ${what} within ${timeoutMs} ms; recorded: ${JSON.stringify(events)}`);
    }
    await sleep(50);
  }
}

// ---------------------------------------------------------------- document loads

/**
 * Counts the main frame's document loads from now on: every navigation response that is
 * not a redirect (a POST answered 303 and the GET it leads to count once, as the GET that
 * loaded), with the load events as a cross-check. stop() returns { count, loads, domLoads }.
 */
export function countDocumentLoads(page) {
  const loads = [];
  let domLoads = 0;
  const onResponse = (response) => {
    const request = response.request();
    if (!request.isNavigationRequest() || response.frame() !== page.mainFrame()) return;
    const status = response.status();
    if (status >= 300 && status < 400) return;
    const chain = [];
    for (let r = request.redirectedFrom(); r; r = r.redirectedFrom()) {
      chain.unshift(`${r.method()} ${new URL(r.url()).pathname}`);
    }
    const url = new URL(request.url());
    chain.push(`${request.method()} ${url.pathname}${url.search ? '?…' : ''} ${status}`);
    loads.push(chain.join(' → '));
  };
  const onLoad = () => {
    domLoads += 1;
  };
  page.on('response', onResponse);
  page.on('domcontentloaded', onLoad);
  return {
    loads,
    stop: () => {
      page.off('response', onResponse);
      page.off('domcontentloaded', onLoad);
      return { count: loads.length, loads: [...loads], domLoads };
    },
  };
}

// ---------------------------------------------------------------- page steps

/** From any signed-in page: to /settings, then "Sign out"; lands on /login. */
export async function signOut(page, baseUrl) {
  if (new URL(page.url()).pathname !== '/settings') {
    await page.goto(`${baseUrl}/settings`);
  }
  await Promise.all([page.waitForURL(/\/login(\?|$)/), page.click('[data-testid="sign-out"]')]);
}

/** When a step sent the browser to /settings/reauthenticate, types the password there
 *  and waits until it is sent back. */
export async function reauthenticateIfAsked(page, password = PASSWORD) {
  if (new URL(page.url()).pathname !== '/settings/reauthenticate') return false;
  await checkPage(page);
  await page.fill('#password', password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/settings/reauthenticate'),
    page.click('[data-testid="reauth-submit"]'),
  ]);
  return true;
}

/**
 * Clicks `selector` (a change on /settings/security) and waits until `done` (a locator)
 * shows. A change needs a fresh sign-in (10 minutes by default); when the page sends the
 * browser to /settings/reauthenticate instead, types the password there and clicks
 * `selector` again on the page it comes back to.
 */
export async function changeSecurity(page, selector, done, password = PASSWORD) {
  const never = new Promise(() => {});
  const asked = page
    .waitForURL(/\/settings\/reauthenticate(\?|$)/, { timeout: 15_000 })
    .then(() => 'reauthenticate', () => never);
  await page.click(selector);
  const first = await Promise.race([done.first().waitFor({ timeout: 15_000 }).then(() => 'done'), asked]);
  if (first === 'reauthenticate') {
    await reauthenticateIfAsked(page, password);
    await page.click(selector);
    await done.first().waitFor();
  }
}

/** From /settings: the security settings page. */
export async function openSecurity(page) {
  await Promise.all([
    page.waitForURL(/\/settings\/security(\?|$)/),
    page.click('[data-testid="security-link"]'),
  ]);
}

// ---------------------------------------------------------------- TOTP enrolment

export async function assertLanguage(page, lang) {
  const shown = await page.getAttribute('html', 'lang');
  assert.equal(shown.toLowerCase(), lang.toLowerCase(), `${new URL(page.url()).pathname} is in ${shown}, not ${lang}`);
}

let messageIds;

/** Every Fluent message id of the English translations (a missing translation shows as
 *  its id). */
function fluentIds() {
  if (!messageIds) {
    const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../crates/i18n/locales/en');
    messageIds = new Set();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
      for (const match of readFileSync(path.join(dir, file), 'utf8').matchAll(/^([a-z][a-z0-9-]*[a-z0-9])\s*=/gm)) {
        if (match[1].includes('-')) messageIds.add(match[1]);
      }
    }
  }
  return messageIds;
}

/** Fails when the page shows a message id instead of its text. */
export async function assertTranslated(page) {
  const words = (await page.locator('body').innerText()).split(/[\s.,:;()«»"]+/);
  const raw = words.filter((w) => fluentIds().has(w));
  assert.deepEqual(raw, [], `${new URL(page.url()).pathname} shows untranslated message ids`);
}

/** checkPage, and the page is in `lang` with every text translated. */
export async function checkIn(page, lang) {
  await assertLanguage(page, lang);
  await assertTranslated(page);
  await checkPage(page);
}

/**
 * From /settings: /settings/security → "Set up" → the QR page (secret read from
 * data-secret) → confirm with a computed code → the recovery codes → done. Returns the
 * app and the codes.
 */
export async function enrolTotp(page, lang = 'en') {
  await openSecurity(page);
  await checkIn(page, lang);
  assert.equal(await page.locator('[data-testid="totp-remove"]').count(), 0, 'no TOTP to remove yet');
  await Promise.all([
    page.waitForURL(/\/settings\/(security\/totp|reauthenticate)(\?|$)/),
    page.click('[data-testid="totp-setup"]'),
  ]);
  await reauthenticateIfAsked(page);
  assert.match(new URL(page.url()).pathname, /^\/settings\/security\/totp$/);
  await checkIn(page, lang);

  const qr = page.locator('[data-testid="totp-qr"]');
  assert.ok(await qr.isVisible(), 'the QR code is shown');
  assert.ok((await qr.getAttribute('alt'))?.trim(), 'the QR image has alternative text');
  const secret = await page.getAttribute('[data-testid="totp-secret"]', 'data-secret');
  assert.match(secret ?? '', /^[A-Z2-7]{16,}=*$/, `data-secret is base32: ${secret}`);
  const app = new TotpApp(secret);

  // A wrong code first: refused where the field is, nothing enrolled.
  await page.fill('#totp_code', app.wrongCode());
  await page.click('[data-testid="totp-confirm"]');
  await page.locator('#totp_code[aria-invalid="true"]').waitFor();
  await page.locator('[role="alert"]:visible').first().waitFor();
  assert.equal(await page.getAttribute('#totp_code', 'aria-invalid'), 'true', 'the code field is marked invalid');
  await checkIn(page, lang);

  await page.fill('#totp_code', await app.code());
  await page.click('[data-testid="totp-confirm"]');
  const list = page.locator('[data-testid="recovery-codes"]');
  await list.waitFor();
  await checkIn(page, lang);
  assert.equal(await list.evaluate((el) => el.tagName), 'OL');
  const codes = (await list.locator('li').allInnerTexts()).map((c) => c.trim()).filter(Boolean);
  assert.ok(codes.length >= 8, `at least 8 recovery codes: ${codes.length}`);
  assert.equal(new Set(codes).size, codes.length, 'the codes differ');

  // "Done" leads back to the security settings, now with TOTP on.
  await Promise.all([
    page.waitForURL(/\/settings\/security(\?|$)/),
    page.click('[data-testid="recovery-codes-done"]'),
  ]);
  await page.locator('[data-testid="totp-remove"]').waitFor();
  assert.equal(await page.locator('[data-testid="totp-setup"]').count(), 0, 'no second "set up" once TOTP is on');
  assert.equal(await numberIn(page, '[data-testid="recovery-codes-left"]'), codes.length);
  await checkIn(page, lang);
  return { app, codes };
}

/** The whole number a [data-testid] element shows ("9 left" → 9). */
export async function numberIn(page, selector) {
  const text = await page.locator(selector).innerText();
  const match = /\d+/.exec(text);
  assert.ok(match, `${selector} shows no number: "${text}"`);
  return Number(match[0]);
}
