// Passkeys in headless Chromium, phone-sized, with Chromium's virtual platform authenticator
// (CDP WebAuthn): add one from /settings/security, sign in with the button on /login, sign
// in through the autofill (conditional) request, use the passkey as the second factor
// after a right password, remove it; then an account with a passkey and TOTP on /login/mfa,
// passkey with "remember this device". /login, /login/mfa and /settings/security pass axe
// at 360 px.
//
// The server refuses passkeys when its public URL is an IP address; the harness serves the
// pages and sets LATCHKEY_PUBLIC_URL as http://localhost:<port>, so the RP id is localhost.
//
// What Chromium 156 does with a conditional request (measured for this file): with the
// virtual authenticator's automatic presence simulation on, navigator.credentials.get(
// {mediation: "conditional"}) resolves by itself within milliseconds of the page starting
// it, before any focus or click: headless Chromium shows no autofill list to choose from.
// With presence simulation off it stays pending whatever the test does (focus, ArrowDown,
// Enter, turning presence back on). So no test here can prove "focus the field, pick the
// passkey from the list"; the conditional test proves instead that the sign-in came from
// the page's conditional request, started by the page on its own against the
// autocomplete="username webauthn" field, with no click anywhere and no modal request.
// The button and second-factor tests keep presence off while /login is open, so the
// autofill request cannot sign in behind their backs.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PASSWORD,
  assertSignedInAs,
  browserSkipReason,
  checkPage,
  newEmail,
  newPhonePage,
  serverAndBrowser,
  signIn,
  signUp,
} from './harness.mjs';
import {
  addVirtualAuthenticator,
  assertTranslated,
  changeSecurity,
  enrolTotp,
  openSecurity,
  recordWebAuthn,
  signOut,
  waitForEvent,
} from './factors.mjs';

const PASSKEY_NAME = 'Test phone (Chromium)';

/** checkPage (axe at 360 px, width, languages offered) and no untranslated message id. */
async function check(page) {
  await assertTranslated(page);
  await checkPage(page);
}

describe('browser: passkeys', { skip: browserSkipReason() ?? false, timeout: 240_000 }, () => {
  const running = serverAndBrowser();
  // One person, one tab, one authenticator through the first five tests, which run in order.
  let page;
  let authenticator;
  let events;
  let email;

  /** The passkey section on /login, shown by passkey.js once it knows WebAuthn is here. */
  async function passkeySectionShown() {
    await page.locator('[data-passkey-signin]').waitFor({ state: 'visible' });
    await page.locator('[data-testid="passkey-signin"]').waitFor({ state: 'visible' });
  }

  test('add a named passkey on /settings/security; it is listed', async () => {
    page = await newPhonePage(running.browser);
    events = await recordWebAuthn(page);
    authenticator = await addVirtualAuthenticator(page, { presence: true });
    email = newEmail('passkey');
    await signUp(page, running.server.url, email);
    await openSecurity(page);
    await check(page);

    // No passkey yet: the list is empty (or absent) and the add form is shown by the script.
    assert.equal(await page.locator('[data-testid="passkey-item"]').count(), 0);
    const form = page.locator('form[data-passkey-register]');
    await form.waitFor({ state: 'visible' });

    // A stale CSRF token (the page open for too long) is said on the page; it is not a
    // reason to ask for the password again.
    await form.evaluate((el) => {
      el.dataset.csrf = 'stale-token-from-an-old-page';
    });
    await page.fill('#passkey-name', PASSKEY_NAME);
    await page.click('[data-testid="passkey-add"]');
    await form.locator('[data-passkey-error]:not(:empty)').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/settings\/security$/, 'still on the security page');
    assert.match(await form.locator('[data-passkey-error]').innerText(), /reload/i);
    assert.equal(await page.isEnabled('[data-testid="passkey-add"]'), true, 'the button works again');
    await page.reload();
    await form.waitFor({ state: 'visible' });

    await page.fill('#passkey-name', PASSKEY_NAME);
    // passkey.js reloads the page once the server has the passkey (or sends the browser to
    // re-authenticate first, then back here).
    const item = page.locator('[data-testid="passkey-list"] [data-testid="passkey-item"]');
    await changeSecurity(page, '[data-testid="passkey-add"]', item);
    assert.equal(await item.count(), 1, 'one passkey listed');
    assert.ok((await item.innerText()).includes(PASSKEY_NAME), `listed as "${await item.innerText()}"`);
    assert.equal(await item.locator('[data-testid="passkey-remove"]').count(), 1, 'the passkey has a remove control');

    const created = events.filter((e) => e.call === 'create' && e.state === 'resolved');
    assert.equal(created.length, 1, `one navigator.credentials.create(): ${JSON.stringify(events)}`);
    const stored = await authenticator.credentials();
    assert.equal(stored.length, 1, 'the virtual authenticator holds the new passkey');
    assert.equal(stored[0].isResidentCredential, true, 'a discoverable credential (usable without a name)');
    assert.equal(stored[0].rpId, 'localhost');

    await check(page); // axe at 360 px with a passkey listed
  });

  test('/login: the passkey button signs in and lands on /settings', async () => {
    // Presence off while /login is open: the autofill request stays pending, as it would
    // while a person has not picked anything.
    await authenticator.setPresence(false);
    const from = events.length;
    await signOut(page, running.server.url);
    await passkeySectionShown();
    // The section sits above the password form.
    const above = await page.evaluate(() => {
      const section = document.querySelector('[data-passkey-signin]');
      const password = document.querySelector('#password');
      return Boolean(section.compareDocumentPosition(password) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    assert.ok(above, 'the passkey section comes before the password form');
    assert.equal(
      await page.getAttribute('#identifier', 'autocomplete'),
      'username webauthn',
      '#identifier offers passkeys in autofill',
    );
    await check(page); // axe at 360 px with the passkey section shown

    const conditional = await waitForEvent(
      events,
      (e) => e.call === 'get' && e.mediation === 'conditional' && e.state === 'started',
      'autofill request started by /login',
      { from },
    );
    // The call has been made; let it reach the authenticator (where, with presence off, it
    // waits) before presence goes back on for the button's request.
    await page.waitForTimeout(1_000);
    await authenticator.setPresence(true);
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), page.click('[data-testid="passkey-signin"]')]);
    await assertSignedInAs(page, email);

    const mine = events.slice(from);
    // The button stopped the autofill request, then made its own, which signed in.
    assert.ok(
      mine.some((e) => e.id === conditional.id && e.state === 'rejected' && e.error === 'AbortError'),
      `the autofill request was aborted for the button's: ${JSON.stringify(mine)}`,
    );
    assert.ok(
      mine.some((e) => e.call === 'get' && e.mediation === 'optional' && e.state === 'resolved'),
      `a modal request signed in: ${JSON.stringify(mine)}`,
    );
    assert.ok(!mine.some((e) => e.call === 'get' && e.mediation === 'conditional' && e.state === 'resolved'));
  });

  test('/login: the autofill (conditional) request signs in with no click, and honours return_to', async () => {
    await authenticator.setPresence(false);
    const signedOut = events.length;
    await signOut(page, running.server.url);
    // That /login's own autofill request, pending with presence off, ends with the page.
    await waitForEvent(
      events,
      (e) => e.call === 'get' && e.mediation === 'conditional' && e.state === 'started',
      'autofill request started by /login',
      { from: signedOut },
    );
    await page.goto('about:blank');
    const from = events.length;
    const assertedBefore = authenticator.asserted.length;
    // Presence on, then a fresh /login: the page's own conditional request is answered.
    await authenticator.setPresence(true);
    // With a return_to: the script sends the person where they were going.
    await Promise.all([
      page.waitForURL(/\/settings\/security(\?|$)/, { timeout: 15_000 }),
      page.goto(`${running.server.url}/login?return_to=%2Fsettings%2Fsecurity`),
    ]);
    await page.locator('[data-testid="passkey-item"]').waitFor(); // signed in: the page lists it

    const mine = events.slice(from);
    // The requests this page load started (not the one the previous /login left behind).
    const started = new Set(mine.filter((e) => e.state === 'started').map((e) => e.id));
    const gets = mine.filter((e) => e.call === 'get' && started.has(e.id));
    assert.deepEqual(
      gets.map((e) => `${e.path} ${e.mediation} ${e.state}`),
      ['/login conditional started', '/login conditional resolved'],
      `only the autofill request ran: ${JSON.stringify(mine)}`,
    );
    assert.deepEqual(
      mine.filter((e) => e.call === 'click'),
      [],
      'nothing was clicked',
    );
    assert.equal(authenticator.asserted.length - assertedBefore, 1, 'the authenticator signed one assertion');
  });

  test('passkey as the second factor: right password → /login/mfa → passkey → signed in', async () => {
    // The account has a password and a passkey: the password alone is not enough.
    await authenticator.setPresence(false);
    await signOut(page, running.server.url);
    await passkeySectionShown();
    await signIn(page, email, PASSWORD, { to: /\/login\/mfa(\?|$)/ });
    await page.locator('[data-testid="passkey-mfa"]').waitFor({ state: 'visible' });
    await check(page); // axe at 360 px on /login/mfa
    // Nothing on this page asks for a passkey by itself.
    const from = events.length;
    await authenticator.setPresence(true);
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), page.click('[data-testid="passkey-mfa"]')]);
    await assertSignedInAs(page, email);
    const mine = events.slice(from);
    assert.deepEqual(
      mine.filter((e) => e.call === 'get').map((e) => `${e.path} ${e.mediation} ${e.state}`),
      ['/login/mfa optional started', '/login/mfa optional resolved'],
      JSON.stringify(mine),
    );
  });

  test('removing the passkey: gone from the list, and the password alone signs in again', async () => {
    await openSecurity(page);
    await changeSecurity(
      page,
      '[data-testid="passkey-item"] [data-testid="passkey-remove"]',
      page.locator('[data-testid="notice"]'), // "Passkey removed"
    );
    assert.equal(await page.locator('[data-testid="passkey-item"]').count(), 0, 'no passkey listed');
    await check(page);
    await authenticator.setPresence(false); // the authenticator still holds it; /login must not use it
    await signOut(page, running.server.url);
    await signIn(page, email, PASSWORD);
    await assertSignedInAs(page, email);
    await page.context().close();
  });

  test('passkey and TOTP together: /login/mfa offers every way, accessibly; the passkey remembers the device', async () => {
    const other = await newPhonePage(running.browser);
    const otherEvents = await recordWebAuthn(other);
    const otherAuthenticator = await addVirtualAuthenticator(other, { presence: true });
    const otherEmail = newEmail('passkey-totp');
    await signUp(other, running.server.url, otherEmail);
    await openSecurity(other);
    await other.fill('#passkey-name', 'Laptop');
    await changeSecurity(other, '[data-testid="passkey-add"]', other.locator('[data-testid="passkey-item"]'));
    await other.goto(`${running.server.url}/settings`);
    await enrolTotp(other); // the recovery codes come with it: none were issued for the passkey

    await otherAuthenticator.setPresence(false);
    await signOut(other, running.server.url);
    await signIn(other, otherEmail, PASSWORD, { to: /\/login\/mfa(\?|$)/ });
    for (const testid of ['passkey-mfa', 'mfa-totp-form', 'mfa-send-email']) {
      await other.locator(`[data-testid="${testid}"]`).waitFor({ state: 'visible' });
    }
    assert.equal(await other.locator('[data-testid="mfa-recovery-form"]').count(), 1, 'recovery codes offered');
    await check(other);
    await other.locator('details:has([data-testid="mfa-recovery-form"]) > summary').click();
    await check(other);

    // The passkey button takes the one "remember this device" box on the page.
    await other.check('#remember_device');
    const from = otherEvents.length;
    await otherAuthenticator.setPresence(true);
    await Promise.all([other.waitForURL(/\/settings(\?|$)/), other.click('[data-testid="passkey-mfa"]')]);
    await assertSignedInAs(other, otherEmail);
    assert.ok(otherEvents.slice(from).some((e) => e.call === 'get' && e.state === 'resolved'));
    await openSecurity(other);
    assert.equal(await other.locator('[data-testid="trusted-device-item"]').count(), 1, 'this browser is remembered');

    // Remembered: the password alone signs in on this browser now.
    await otherAuthenticator.setPresence(false);
    await signOut(other, running.server.url);
    await signIn(other, otherEmail, PASSWORD);
    await assertSignedInAs(other, otherEmail);
    await other.context().close();
  });
});
