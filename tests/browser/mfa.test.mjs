// A TOTP app as the second factor, in headless Chromium, phone-sized, in two languages
// (English, and Russian picked with the language switcher): enrol it through the pages
// (secret from the page, code computed here with RFC 6238), keep the recovery codes, sign
// out, sign in with the password → /login/mfa → TOTP code → signed in; a recovery code
// works once; the TOTP form by keyboard alone (Tab, typing, Enter). Every page on the way
// passes axe at 360 px, fits the width and offers every language.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PASSWORD,
  assertSignedInAs,
  browserSkipReason,
  checkPage,
  newEmail,
  newPhonePage,
  readMailbox,
  serverAndBrowser,
  signIn,
  signUp,
  submit,
  tabTo,
} from './harness.mjs';
import {
  assertLanguage,
  checkIn,
  enrolTotp,
  numberIn,
  changeSecurity,
  openSecurity,
  reauthenticateIfAsked,
  signOut,
} from './factors.mjs';

/** Picks `lang` with the page's language switcher (it sets the language cookie). */
async function chooseLanguage(page, baseUrl, lang) {
  await page.goto(`${baseUrl}/register`);
  if (lang === 'en') return;
  await Promise.all([
    page.waitForURL(new RegExp(`[?&]lang=${lang}(&|$)`)),
    page.click(`[data-testid="language-switcher"] a[hreflang="${lang}"]`),
  ]);
}

/** From /login: the password, then the second step. */
async function passwordToMfa(page, email, lang) {
  await signIn(page, email, PASSWORD, { to: /\/login\/mfa(\?|$)/ });
  await page.locator('[data-testid="mfa-totp-form"]').waitFor();
  await checkIn(page, lang);
}

/** Opens the recovery-code form when it sits in a closed <details>. */
async function showRecoveryForm(page) {
  const form = page.locator('[data-testid="mfa-recovery-form"]');
  if (!(await form.isVisible())) {
    const summary = page.locator('details:has([data-testid="mfa-recovery-form"]) > summary');
    await summary.click();
    await form.waitFor({ state: 'visible' });
  }
}

/** Tab until `selector` has the focus, unless the page already gave it the focus. */
async function focusByTab(page, selector) {
  if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
  await tabTo(page, selector, 40);
}

function journey(lang) {
  return async (running) => {
    const baseUrl = running.server.url;
    const page = await newPhonePage(running.browser);
    await chooseLanguage(page, baseUrl, lang);
    const email = newEmail(`mfa-${lang}`);
    await signUp(page, baseUrl, email);
    await assertLanguage(page, lang);
    const { app, codes } = await enrolTotp(page, lang);

    // The re-authentication page (asked for only after the fresh-sign-in window, so opened
    // here directly): accessible, and the password takes the person back.
    await page.goto(`${baseUrl}/settings/reauthenticate?return_to=%2Fsettings%2Fsecurity`);
    await checkIn(page, lang);
    assert.equal(await reauthenticateIfAsked(page), true);
    assert.match(new URL(page.url()).pathname, /^\/settings\/security$/);

    // Password, then the TOTP code.
    await signOut(page, baseUrl);
    await passwordToMfa(page, email, lang);
    assert.equal(await page.isChecked('#remember_device'), false, 'remembering this device is opt-in');
    await showRecoveryForm(page);
    await checkIn(page, lang); // with the recovery form open too
    await page.fill('#totp_code', await app.code());
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#totp_code')]);
    await assertSignedInAs(page, email);
    await checkIn(page, lang);

    // A recovery code instead: it works once.
    await signOut(page, baseUrl);
    await passwordToMfa(page, email, lang);
    await showRecoveryForm(page);
    await page.fill('#recovery_code', codes[0]);
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#recovery_code')]);
    await assertSignedInAs(page, email);
    await page.goto(`${baseUrl}/settings/security`);
    assert.equal(await numberIn(page, '[data-testid="recovery-codes-left"]'), codes.length - 1, 'one code spent');

    await signOut(page, baseUrl);
    await passwordToMfa(page, email, lang);
    await showRecoveryForm(page);
    await page.fill('#recovery_code', codes[0]);
    await submit(page, '#recovery_code');
    // Refused at the field, with the <details> open so the message is seen.
    await page.locator('#recovery_code[aria-invalid="true"]').waitFor({ state: 'visible' });
    await page.locator('[role="alert"]:visible').first().waitFor();
    assert.match(new URL(page.url()).pathname, /^\/login\/mfa$/, 'a spent code does not sign in');
    assert.equal(await page.locator('[data-testid="signed-in-as"]').count(), 0);
    await checkIn(page, lang); // the refusal, accessibly
    await page.context().close();
    return { email, app };
  };
}

describe('browser: TOTP as the second factor', { skip: browserSkipReason() ?? false, timeout: 300_000 }, () => {
  const running = serverAndBrowser();

  test('en: enrol TOTP, keep the recovery codes, password → TOTP → signed in; a recovery code works once', async () => {
    await journey('en')(running);
  });

  test('ru (by the language switcher): the same journey, every page in Russian and accessible', async () => {
    await journey('ru')(running);
  });

  test('the TOTP form by keyboard alone: Tab to the field, type, Enter', async () => {
    const baseUrl = running.server.url;
    const page = await newPhonePage(running.browser);
    const email = newEmail('mfa-keys');
    await signUp(page, baseUrl, email);
    const { app } = await enrolTotp(page, 'en');
    await signOut(page, baseUrl);
    await passwordToMfa(page, email, 'en');

    // Focus starts at the top of the page; Tab until the code field has it.
    await focusByTab(page, '#totp_code');
    // A wrong code first, by keyboard: the page says so and the field keeps the focus path.
    await page.keyboard.type(app.wrongCode());
    await page.keyboard.press('Enter');
    await page.locator('#totp_code[aria-invalid="true"]').waitFor();
    await page.locator('[role="alert"]:visible').first().waitFor();
    assert.match(new URL(page.url()).pathname, /^\/login\/mfa$/);
    assert.equal(await page.getAttribute('#totp_code', 'aria-invalid'), 'true');
    await checkPage(page);

    await focusByTab(page, '#totp_code');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(await app.code());
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), page.keyboard.press('Enter')]);
    await assertSignedInAs(page, email);
    await page.context().close();
  });

  test('a code by email instead; new recovery codes replace the old; removing TOTP', async () => {
    const baseUrl = running.server.url;
    const page = await newPhonePage(running.browser);
    const email = newEmail('mfa-more');
    await signUp(page, baseUrl, email);
    const { codes } = await enrolTotp(page, 'en');

    // The second step by a code sent to the verified email address.
    await signOut(page, baseUrl);
    await passwordToMfa(page, email, 'en');
    await Promise.all([page.waitForURL(/\/login\/mfa\?(.*&)?sent=email/), page.click('[data-testid="mfa-send-email"]')]);
    await page.locator('[data-testid="mfa-code-form"] #second_code').waitFor();
    await checkPage(page);
    const { code } = await readMailbox(baseUrl, email);
    await page.fill('#second_code', code);
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#second_code')]);
    await assertSignedInAs(page, email);

    // A new set of recovery codes, shown once; the old set stops working.
    await openSecurity(page);
    const list = page.locator('[data-testid="recovery-codes"]');
    await changeSecurity(page, '[data-testid="recovery-codes-regenerate"]', list);
    await checkPage(page);
    const fresh = (await list.locator('li').allInnerTexts()).map((c) => c.trim()).filter(Boolean);
    assert.equal(fresh.length, codes.length);
    assert.ok(!fresh.some((c) => codes.includes(c)), 'the new codes are all new');
    await Promise.all([page.waitForURL(/\/settings\/security(\?|$)/), page.click('[data-testid="recovery-codes-done"]')]);
    await signOut(page, baseUrl);
    await passwordToMfa(page, email, 'en');
    await showRecoveryForm(page);
    await page.fill('#recovery_code', codes[0]);
    await submit(page, '#recovery_code');
    await page.locator('#recovery_code[aria-invalid="true"]').waitFor({ state: 'visible' });
    await page.fill('#recovery_code', fresh[0]);
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#recovery_code')]);

    // Removing TOTP: "Set up" is back and the password alone signs in.
    await openSecurity(page);
    await changeSecurity(page, '[data-testid="totp-remove"]', page.locator('[data-testid="totp-setup"]'));
    await checkPage(page);
    await signOut(page, baseUrl);
    await signIn(page, email, PASSWORD);
    await assertSignedInAs(page, email);
    await page.context().close();
  });

  test('"remember this device": listed under remembered devices, the next password sign-in skips the second step', async () => {
    const baseUrl = running.server.url;
    const page = await newPhonePage(running.browser);
    const email = newEmail('mfa-remember');
    await signUp(page, baseUrl, email);
    const { app } = await enrolTotp(page, 'en');
    assert.equal(await page.locator('[data-testid="trusted-device-item"]').count(), 0, 'no remembered device yet');

    await signOut(page, baseUrl);
    await passwordToMfa(page, email, 'en');
    await page.fill('#totp_code', await app.code());
    await page.check('#remember_device');
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#totp_code')]);
    await openSecurity(page);
    assert.equal(await page.locator('[data-testid="trusted-device-item"]').count(), 1, 'this browser is remembered');
    await checkPage(page);

    await signOut(page, baseUrl);
    await signIn(page, email, PASSWORD); // straight to /settings
    await assertSignedInAs(page, email);
    await page.context().close();
  });
});
