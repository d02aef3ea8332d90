// The real OpenID provider for the social sign-in browser tests: tests/peers/oidc/server.mjs
// (npm oidc-provider) started as a child process, the TOML file that points Latchkey's
// [[oidc.providers]] at it, a driver for its devInteractions login and consent pages, and
// the localized button text read from the locale files.
//
// The peer needs tests/peers/oidc/node_modules (scripts/test runs npm ci there). Without
// it the tests print `SKIPPED: …`, unless CI=true or LATCHKEY_REQUIRE_PEERS=1, which make
// it a failure.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { REQUIRE_PEERS } from './harness.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PEER_DIR = path.join(REPO_ROOT, 'tests', 'peers', 'oidc');
const LOCALES_DIR = path.join(REPO_ROOT, 'crates', 'i18n', 'locales');
const LISTEN_TIMEOUT_MS = 20_000;

export const PEER_CLIENT = { client_id: 'latchkey-test', client_secret: 'test-secret' };

/**
 * Why the OpenID provider peer cannot run here, or null when it can. With CI=true or
 * LATCHKEY_REQUIRE_PEERS=1 a missing peer is an error, not a reason to skip.
 */
export function peerSkipReason() {
  if (existsSync(path.join(PEER_DIR, 'node_modules', 'oidc-provider'))) return null;
  const reason =
    'tests/peers/oidc/node_modules is missing: run scripts/test, or npm ci in tests/peers/oidc';
  if (REQUIRE_PEERS) {
    throw new Error(`OpenID provider peer required (CI / LATCHKEY_REQUIRE_PEERS) but ${reason}`);
  }
  console.log(`SKIPPED: OpenID provider peer (${reason})`);
  return reason;
}

/**
 * Starts the peer with `accounts` ({login: {email, email_verified, name?}}) and the one
 * client Latchkey is configured with; resolves once it prints LISTENING. Returns
 * { issuer, stop() }.
 */
export async function startOidcPeer({ accounts = {}, clients = [PEER_CLIENT] } = {}) {
  const child = spawn(process.execPath, ['server.mjs', JSON.stringify({ clients, accounts })], {
    cwd: PEER_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk) => {
    stderr += chunk;
    if (process.env.LATCHKEY_TEST_LOG === '1') process.stderr.write(`[oidc peer] ${chunk}`);
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let exited = false;
  const exitPromise = new Promise((resolve) => child.once('exit', () => { exited = true; resolve(); }));
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exitPromise;
      clearTimeout(timer);
    }
  };

  // Keep reading stdout after LISTENING: a write to a closed pipe would end the peer.
  const lines = readline.createInterface({ input: child.stdout });
  const issuer = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the OpenID provider peer did not listen within ${LISTEN_TIMEOUT_MS} ms:\n${stderr}`)),
      LISTEN_TIMEOUT_MS,
    );
    lines.on('line', (line) => {
      if (line.startsWith('LISTENING ')) {
        clearTimeout(timer);
        resolve(line.slice('LISTENING '.length).trim());
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider peer exited (${code ?? signal}) before listening:\n${stderr}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  }).catch(async (err) => {
    await stop();
    throw err;
  });
  return { issuer, stop };
}

/**
 * Writes a Latchkey config file with one provider, `acme`, at `issuer`. Returns
 * { file, remove() }; pass `file` as LATCHKEY_CONFIG.
 */
export function writeProviderConfig(issuer, { id = 'acme', label = 'Acme', client = PEER_CLIENT } = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-social-'));
  const file = path.join(dir, 'latchkey.toml');
  const q = (s) => JSON.stringify(s); // a TOML basic string is a JSON string for these values
  writeFileSync(
    file,
    [
      '[oidc]',
      '[[oidc.providers]]',
      `id = ${q(id)}`,
      'kind = "oidc"',
      `issuer = ${q(issuer)}`,
      `client_id = ${q(client.client_id)}`,
      `client_secret = ${q(client.client_secret)}`,
      `label = ${q(label)}`,
      '',
    ].join('\n'),
  );
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A message of crates/i18n/locales/<lang>/<file>.ftl with its `{ $name }` placeables
 * filled in, read now (a locale may still carry the English copy while a translator
 * works). Single-line messages only, which is what these keys are.
 */
export function localized(lang, file, key, args = {}) {
  const source = readFileSync(path.join(LOCALES_DIR, lang, `${file}.ftl`), 'utf8');
  const line = source.split('\n').find((l) => l.startsWith(`${key} =`) || l.startsWith(`${key}=`));
  if (!line) throw new Error(`${lang}/${file}.ftl has no message ${key}`);
  const value = line.slice(line.indexOf('=') + 1).trim();
  return value.replace(/\{\s*\$([A-Za-z0-9_-]+)\s*\}/g, (whole, name) => {
    if (!(name in args)) throw new Error(`${lang}/${file}.ftl ${key}: no value for $${name}`);
    return String(args[name]);
  });
}

/**
 * Keeps the browser context from fetching the web font the peer's devInteractions pages
 * @import from fonts.googleapis.com: this network refuses it, and a font that hangs would
 * hold up the pages' load event.
 */
export async function blockPeerFonts(context) {
  await context.route(/^https:\/\/fonts\.(googleapis|gstatic)\.com\//, (route) => route.abort());
}

/**
 * On the peer's devInteractions pages, where the browser is heading (it has just clicked
 * the provider button): signs `login` in (any password does), then grants consent.
 * Resolves once the browser has left the peer for Latchkey's callback.
 */
export async function signInAtPeer(page, issuer, login) {
  const peerOrigin = new URL(issuer).origin;
  const onPeer = (u) => u.origin === peerOrigin;
  await page.waitForURL((u) => onPeer(u) && u.pathname.startsWith('/interaction/'), { waitUntil: 'domcontentloaded' });

  const loginForm = page.locator('form:has(input[name="prompt"][value="login"])');
  await loginForm.locator('input[name="login"]').fill(login);
  await loginForm.locator('input[name="password"]').fill('any-password');
  await loginForm.locator('button[type="submit"]').click();

  // The consent page ("Continue"); a grant the peer remembers would skip it.
  const consentForm = page.locator('form:has(input[name="prompt"][value="consent"])');
  const left = page.waitForURL((u) => !onPeer(u), { waitUntil: 'commit' });
  const next = await Promise.race([
    consentForm.waitFor().then(() => 'consent'),
    left.then(() => 'left'),
  ]);
  if (next === 'consent') {
    await consentForm.locator('button[type="submit"]').click();
    await left;
  }
}
