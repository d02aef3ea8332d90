// Social sign-in in headless Chromium, phone-sized (360 px), against the real OpenID
// provider peer (tests/peers/oidc: oidc-provider with its devInteractions login and
// consent pages), configured as the `acme` provider through a LATCHKEY_CONFIG file:
//
//   - in English and Russian: /login shows the provider section with the localized
//     "Continue with Acme" (text read from crates/i18n/locales/<lang>/social.ftl at test
//     time), the button leads through the peer's login and consent back to /settings,
//     signed in to a new account whose verified email is the peer account's, in the
//     language picked on /login;
//   - the link step: the peer account's email already belongs to a Latchkey account, so
//     the callback lands on /login/link; the account's password links and signs in, and
//     GET /api/account/providers lists acme.
//
// Latchkey's pages (/login, /settings, /login/link) pass the harness's checks (axe with
// no serious/critical violation, no sideways scrolling at 360 px, <html lang>, the
// language switcher); the peer's own pages are not Latchkey's and are not checked.
//
// Skips (SKIPPED: …) without Chromium or without tests/peers/oidc/node_modules, unless
// CI=true or LATCHKEY_REQUIRE_PEERS=1.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PASSWORD,
  assertSignedInAs,
  browserSkipReason,
  checkPage,
  launchBrowser,
  newEmail,
  newPhonePage,
  signUp,
  startServer,
  visit,
} from './harness.mjs';
import {
  blockPeerFonts,
  localized,
  peerSkipReason,
  signInAtPeer,
  startOidcPeer,
  writeProviderConfig,
} from './oidc_peer.mjs';

const LABEL = 'Acme';
const RUN = `${process.pid}-${Date.now()}`;

// One peer account per language (distinct logins, so no grant or session carries over),
// and one whose email a Latchkey account registers first (the link step).
const SIGN_IN = {
  en: { login: 'anna-en', email: `anna-en.${RUN}@example.test`, name: 'Anna Acme' },
  ru: { login: 'anna-ru', email: `anna-ru.${RUN}@example.test`, name: 'Анна Акме' },
};
const LINKER = { login: 'boris-link', email: newEmail('boris') };

const skip = browserSkipReason() ?? peerSkipReason() ?? false;

/** The page's own fetch (same origin, so the session cookie goes along). */
async function apiGet(page, path) {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    return { status: res.status, body: await res.text() };
  }, path);
}

/** Fails unless GET /api/session, with the page's cookies, names `email` as a verified contact. */
async function assertSessionFor(page, email) {
  const { status, body } = await apiGet(page, '/api/session');
  assert.equal(status, 200, `GET /api/session answered ${status}: ${body}`);
  const { identity } = JSON.parse(body);
  const contact = identity.contacts.find((c) => c.address.toLowerCase() === email.toLowerCase());
  assert.ok(contact, `the session's account has no contact ${email}: ${body}`);
  assert.equal(contact.verified, true, `${email} is not verified on the session's account: ${body}`);
  return identity;
}

/** On /login (or /register): the provider section and its localized button; returns the button. */
async function providerButton(page, lang) {
  const section = page.locator('section[data-testid="provider-buttons"]');
  assert.equal(await section.count(), 1, `${page.url()}: no provider-buttons section`);
  const name = localized(lang, 'social', 'social-continue-with', { provider: LABEL });
  const button = section.getByRole('link', { name, exact: true });
  assert.equal(await button.count(), 1, `${page.url()}: no link named "${name}" in the provider section`);
  assert.equal(await button.getAttribute('data-testid'), 'provider-acme');
  const href = await button.getAttribute('href');
  assert.match(href, /^\/auth\/acme\/start(\?|$)/, `the Acme button leads to ${href}`);
  return button;
}

describe('browser: social sign-in with the OpenID provider peer', { skip, timeout: 180_000 }, () => {
  let peer;
  let config;
  let server;
  let browser;

  before(async () => {
    const accounts = {};
    for (const a of [...Object.values(SIGN_IN), LINKER]) {
      accounts[a.login] = { email: a.email, email_verified: true, ...(a.name ? { name: a.name } : {}) };
    }
    peer = await startOidcPeer({ accounts });
    config = writeProviderConfig(peer.issuer, { label: LABEL });
    server = await startServer({ env: { LATCHKEY_CONFIG: config.file } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    await peer?.stop();
    config?.remove();
  });

  async function newPage() {
    const page = await newPhonePage(browser);
    await blockPeerFonts(page.context());
    return page;
  }

  for (const lang of ['en', 'ru']) {
    test(`${lang}: "Continue with Acme" on /login signs a new account in through the provider`, async () => {
      const who = SIGN_IN[lang];
      const page = await newPage();

      await visit(page, `${server.url}/login?lang=${lang}`);
      assert.equal((await page.getAttribute('html', 'lang')).toLowerCase(), lang.toLowerCase());
      const button = await providerButton(page, lang);

      await button.click();
      await signInAtPeer(page, peer.issuer, who.login);
      await page.waitForURL(/^http:\/\/localhost:\d+\/settings(\?|$)/);
      await checkPage(page);

      // In the language picked on /login, signed in to the peer account's email.
      assert.equal((await page.getAttribute('html', 'lang')).toLowerCase(), lang.toLowerCase(), '/settings language');
      await assertSignedInAs(page, who.email);
      const shown = await page.locator('[data-testid="signed-in-as"]').innerText();
      const expected = localized(lang, 'pages', 'settings-signed-in-as', { who: who.email });
      assert.equal(shown.trim(), expected, '/settings signed-in-as line');
      await assertSessionFor(page, who.email);

      const { status, body } = await apiGet(page, '/api/account/providers');
      assert.equal(status, 200, `GET /api/account/providers answered ${status}: ${body}`);
      assert.deepEqual(JSON.parse(body).providers.map((p) => p.provider), ['acme'], body);

      await page.context().close();
    });
  }

  test('an existing account: /login/link takes its password, links acme and signs in', async () => {
    // The Latchkey account first, through /register and the mailed code, in its own context.
    const register = await newPage();
    await visit(register, `${server.url}/register`);
    await providerButton(register, 'en'); // the buttons are on /register too
    await signUp(register, server.url, LINKER.email);
    await register.context().close();

    const page = await newPage();
    await visit(page, `${server.url}/login`);
    const button = await providerButton(page, 'en');
    await button.click();
    await signInAtPeer(page, peer.issuer, LINKER.login);

    await page.waitForURL(/^http:\/\/localhost:\d+\/login\/link\?(.*&)?flow=/);
    await checkPage(page);
    const form = page.locator('form[data-testid="link-password-form"]');
    assert.equal(await form.count(), 1, '/login/link has no password form');
    // Not signed in yet: the link waits for the proof.
    assert.equal((await apiGet(page, '/api/session')).status, 401, 'signed in before the link proof');

    await form.locator('#password').fill(PASSWORD);
    await Promise.all([
      page.waitForURL(/^http:\/\/localhost:\d+\/settings(\?|$)/),
      form.locator('[data-testid="link-password-submit"]').click(),
    ]);
    await checkPage(page);
    await assertSignedInAs(page, LINKER.email);
    await assertSessionFor(page, LINKER.email);

    const { status, body } = await apiGet(page, '/api/account/providers');
    assert.equal(status, 200, `GET /api/account/providers answered ${status}: ${body}`);
    const linked = JSON.parse(body).providers;
    assert.deepEqual(linked.map((p) => p.provider), ['acme'], body);
    assert.equal(linked[0].email?.toLowerCase(), LINKER.email.toLowerCase(), body);

    await page.context().close();
  });
});
