// Test harness for Latchkey's browser tests: starts the real server binary in dev mode on a
// free loopback port with a throwaway SQLite database, drives Debian's Chromium through
// playwright-core, reads codes from the dev mailbox and runs axe-core on every page.
//
// Environment:
//   LATCHKEY_BIN            server binary (default: <target dir>/debug/latchkey)
//   CARGO_TARGET_DIR        honoured when LATCHKEY_BIN is unset
//   LATCHKEY_CHROMIUM       browser executable (default: /usr/bin/chromium)
//   CI=true or LATCHKEY_REQUIRE_PEERS=1
//                           a missing browser fails the run instead of skipping it
//   LATCHKEY_TEST_LOG=1     echo the server's log while the tests run

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import dns from 'node:dns';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

// The server binds 127.0.0.1 only; make Node's own fetches to "localhost" go there too.
dns.setDefaultResultOrder('ipv4first');

const require = createRequire(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PHONE_VIEWPORT = { width: 360, height: 740 };
export const LANGUAGES = ['en', 'ru', 'es', 'pt-BR', 'fr', 'zh-CN'];
export const CHROMIUM_PATH = process.env.LATCHKEY_CHROMIUM || '/usr/bin/chromium';
export const REQUIRE_PEERS =
  process.env.CI === 'true' || process.env.LATCHKEY_REQUIRE_PEERS === '1';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these Chromium keeps calling out to Google, which this network refuses.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const READY_TIMEOUT_MS = 30_000;
const MAILBOX_TIMEOUT_MS = 15_000;

/**
 * Why the browser tests cannot run here, or null when they can. With CI=true or
 * LATCHKEY_REQUIRE_PEERS=1 a missing browser is an error, not a reason to skip.
 */
export function browserSkipReason() {
  if (existsSync(CHROMIUM_PATH)) return null;
  const reason =
    `${CHROMIUM_PATH} not found; install Debian's chromium, chromium-driver and ` +
    'fonts-noto-cjk (scripts/test does this when run as root)';
  if (REQUIRE_PEERS) {
    throw new Error(`browser tests required (CI / LATCHKEY_REQUIRE_PEERS) but ${reason}`);
  }
  console.log(`SKIPPED: browser tests (${reason})`);
  return reason;
}

function serverBinary() {
  if (process.env.LATCHKEY_BIN) return process.env.LATCHKEY_BIN;
  const targetDir = process.env.CARGO_TARGET_DIR || path.join(REPO_ROOT, 'target');
  return path.join(targetDir, 'debug', 'latchkey');
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The inherited environment minus every LATCHKEY_* setting, so a developer's shell
 *  (an SMTP relay, a Redis URL…) cannot leak into the test server. */
function cleanEnv() {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('LATCHKEY_')),
  );
}

/**
 * Starts `latchkey serve --dev` on a free port with a fresh SQLite database and waits
 * until GET /health/ready answers 200. Returns { url, stop(), log() }. `env` adds
 * LATCHKEY_* settings for this one server (lower challenge thresholds, say).
 */
export async function startServer({ env = {} } = {}) {
  const bin = serverBinary();
  if (!existsSync(bin)) {
    throw new Error(`server binary ${bin} not found; build it: cargo build -p latchkey --bin latchkey`);
  }
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-browser-'));
  const url = `http://localhost:${port}`;

  const child = spawn(bin, ['serve', '--dev'], {
    cwd: dir,
    env: {
      ...cleanEnv(),
      LATCHKEY_BIND: `127.0.0.1:${port}`,
      LATCHKEY_DATABASE_URL: `sqlite://${dir}/lk.db`,
      LATCHKEY_PUBLIC_URL: url,
      // Several servers run at once; none needs the metrics listener's fixed port.
      LATCHKEY_METRICS_BIND: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let output = '';
  const collect = (chunk) => {
    output += chunk;
    if (process.env.LATCHKEY_TEST_LOG === '1') process.stderr.write(chunk);
  };
  child.stdout.setEncoding('utf8').on('data', collect);
  child.stderr.setEncoding('utf8').on('data', collect);

  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  // Never leave a server behind, even when the test process dies on an exception.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const log = () => output;
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exited === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(
        `${bin} serve --dev exited (${exited.code ?? exited.signal}) before GET /health/ready answered; ` +
          `server log:\n${tail(output) || '(empty)'}`,
      );
    }
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`GET ${url}/health/ready was not 200 within 30 s; server log:\n${tail(output) || '(empty)'}`);
    }
    await sleep(100);
  }
  return { url, port, stop, log };
}

function tail(text, lines = 40) {
  return text.split('\n').slice(-lines).join('\n');
}

/**
 * For the enclosing describe(): a server (startServer(options)) and a browser, started
 * before its tests and stopped after them. Returns { server, browser }, filled in once
 * the tests run.
 */
export function serverAndBrowser(options = {}) {
  const running = { server: undefined, browser: undefined };
  before(async () => {
    running.server = await startServer(options);
    running.browser = await launchBrowser();
  });
  after(async () => {
    await running.browser?.close();
    await running.server?.stop();
  });
  return running;
}

/** Launches Debian's Chromium headless with the flags this network needs. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A new page in its own context (own cookies) with a phone-sized viewport. */
export async function newPhonePage(browser, options = {}) {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

/**
 * Polls the dev mailbox until a message to `to` that carries a 6-digit code arrives and
 * returns { message, code } for the newest such message. Messages without a code (a
 * welcome email, say) are passed over.
 */
export async function readMailbox(baseUrl, to, { timeoutMs = MAILBOX_TIMEOUT_MS } = {}) {
  const url = `${baseUrl}/dev/mailbox.json?to=${encodeURIComponent(to)}`;
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  for (;;) {
    const res = await fetch(url);
    if (res.ok) {
      const messages = await res.json(); // newest first
      for (const message of messages) {
        const match = /\b(\d{6})\b/.exec(`${message.subject}\n${message.text}`);
        if (match) return { message, code: match[1] };
      }
      last = `${messages.length} message(s) to ${to}, none with a code`;
    } else {
      last = `HTTP ${res.status}`;
    }
    if (Date.now() > deadline) {
      throw new Error(`GET ${url}: no code within ${timeoutMs} ms (${last})`);
    }
    await sleep(200);
  }
}

let axeSource;

/**
 * Runs axe-core against the current page (WCAG 2.0/2.1/2.2 A and AA) and throws on any
 * violation of impact "serious" or "critical", listing each with the offending elements.
 * axe is injected through page.evaluate, which the pages' CSP (no inline script) allows.
 */
export async function checkA11y(page, label = page.url()) {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(`${axeSource}\n;void 0`);
  }
  const results = await page.evaluate(() =>
    window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    }),
  );
  const blocking = results.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  if (blocking.length > 0) {
    const report = blocking
      .map((v) => {
        const nodes = v.nodes
          .slice(0, 5)
          .map((n) => `      ${n.target.join(' ')}\n        ${n.failureSummary.replace(/\n/g, '\n        ')}`)
          .join('\n');
        return `  [${v.impact}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
      })
      .join('\n');
    throw new Error(`accessibility violations on ${label}:\n${report}`);
  }
  return results;
}

/** Throws when the page scrolls sideways at its viewport width (360 px on a phone page). */
export async function assertNoHorizontalScroll(page, label = page.url()) {
  const width = page.viewportSize().width;
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width) {
    throw new Error(`${label} scrolls horizontally: ${scrollWidth} px of content in a ${width} px viewport`);
  }
}

// ---------------------------------------------------------------- shared page steps

/** The password the shared steps sign up with. */
export const PASSWORD = 'Quiet-Lantern-4821';

let accounts = 0;

/** A fresh address per account, so tests never share one. */
export function newEmail(prefix = 'shopper') {
  accounts += 1;
  return `${prefix}${accounts}.${process.pid}.${Date.now()}@example.com`;
}

/** The languages the page's switcher offers, read from links (?lang= or hreflang) and options. */
async function offeredLanguages(page) {
  return page.evaluate(() => {
    const switcher = document.querySelector('[data-testid="language-switcher"]');
    const scopes = switcher ? [switcher] : [...document.querySelectorAll('nav')];
    const found = new Set();
    for (const scope of scopes) {
      for (const a of scope.querySelectorAll('a[href]')) {
        const lang = new URL(a.href, location.href).searchParams.get('lang') || a.hreflang;
        if (lang) found.add(lang);
      }
      for (const el of scope.querySelectorAll('option[value], button[name="lang"][value]')) {
        found.add(el.value);
      }
    }
    return [...found];
  });
}

/** The checks every page must pass, whatever it shows: <html lang>, a switcher offering
 *  every language (PRODUCT.md A5), no sideways scrolling, axe. */
export async function checkPage(page) {
  const label = new URL(page.url()).pathname;
  const lang = await page.getAttribute('html', 'lang');
  assert.ok(lang, `${label}: <html> has no lang attribute`);

  const offered = (await offeredLanguages(page)).map((l) => l.toLowerCase());
  for (const wanted of LANGUAGES) {
    assert.ok(
      offered.includes(wanted.toLowerCase()),
      `${label}: language switcher does not offer ${wanted} (offers: ${offered.join(', ') || 'nothing'})`,
    );
  }

  await assertNoHorizontalScroll(page, label);
  await checkA11y(page, label);
}

/** Opens `url`, expects a 2xx and runs checkPage. */
export async function visit(page, url) {
  const response = await page.goto(url);
  assert.ok(response.ok(), `GET ${url} answered ${response.status()}`);
  await checkPage(page);
}

/** Clicks the submit button of the form holding `field` (a page may have other forms,
 *  such as a language switcher or a resend button). */
export async function submit(page, field) {
  await page.click(`form:has(${field}) button[type="submit"]`);
}

/** Registers through /register and /verify; leaves the page signed in on /settings. */
export async function signUp(page, baseUrl, email, password = PASSWORD) {
  await visit(page, `${baseUrl}/register`);
  await page.fill('#identifier', email);
  await page.fill('#password', password);
  await page.fill('#password_confirm', password);
  if (await page.locator('#name').count()) await page.fill('#name', 'Ada Shopper');
  await Promise.all([page.waitForURL(/\/verify\?(.*&)?flow=/), submit(page, '#password_confirm')]);
  await checkPage(page);

  const { code } = await readMailbox(baseUrl, email);
  await page.fill('#code', code);
  await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#code')]);
  await checkPage(page);
}

/** Registers `email` in a browser context of its own and closes it: the account exists,
 *  no other page is signed in. */
export async function signUpElsewhere(browser, baseUrl, email, password = PASSWORD) {
  const page = await newPhonePage(browser);
  await signUp(page, baseUrl, email, password);
  await page.context().close();
}

/** Signs in on the /login form the page shows and waits until the browser lands on `to`
 *  (the settings page unless a return_to says otherwise). */
export async function signIn(page, email, password = PASSWORD, { to = /\/settings(\?|$)/ } = {}) {
  await page.fill('#identifier', email);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(to), submit(page, '#password')]);
}

/** Fails unless the settings page names `email` as the signed-in account. */
export async function assertSignedInAs(page, email) {
  const shown = await page.locator('[data-testid="signed-in-as"]').innerText();
  assert.ok(
    shown.toLowerCase().includes(email.toLowerCase()),
    `settings page says "${shown}", expected it to name ${email}`,
  );
}

/** Presses Tab until `selector` has the focus; fails after `max` presses. */
export async function tabTo(page, selector, max = 30) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
  }
  assert.fail(`${selector} never got the focus after ${max} presses of Tab`);
}
