// Changing the password while signed in (PRODUCT.md P2), phone-sized, in headless
// Chromium: /settings → /settings/security → a wrong current password is refused
// accessibly → the change by keyboard alone → sign out → sign in with the new password.
// Every page visited passes axe, fits 360 px and offers every language.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PASSWORD,
  assertSignedInAs,
  browserSkipReason,
  checkPage,
  newEmail,
  newPhonePage,
  signUp,
  signUpElsewhere,
  serverAndBrowser,
  signIn,
  submit,
  tabTo,
} from './harness.mjs';

const NEW_PASSWORD = 'Marble-Heron-Canyon-57';

describe('browser: changing the password', { skip: browserSkipReason() ?? false, timeout: 180_000 }, () => {
  const running = serverAndBrowser();

  test('/settings/security: refused with a wrong password, changed by keyboard, signed in with the new one', async () => {
    const page = await newPhonePage(running.browser);
    const email = newEmail('security');
    await signUp(page, running.server.url, email);

    await Promise.all([
      page.waitForURL(/\/settings\/security(\?|$)/),
      page.click('[data-testid="security-link"]'),
    ]);
    await checkPage(page);

    // The page script warns about a non-Latin keyboard layout on the current password too.
    await page.fill('#current_password', 'пароль');
    await page.locator('#current_password-layout-hint:not(:empty)').waitFor();
    await page.fill('#current_password', '');

    // A wrong current password: an error summary and a field error, nothing kept.
    await page.fill('#current_password', 'Not-The-Password-1');
    await page.fill('#password', NEW_PASSWORD);
    await page.fill('#password_confirm', NEW_PASSWORD);
    await submit(page, '#current_password');
    await page.locator('[role="alert"]:visible').waitFor();
    assert.equal(await page.getAttribute('#current_password', 'aria-invalid'), 'true');
    const describedBy = await page.getAttribute('#current_password', 'aria-describedby');
    assert.ok(describedBy.split(' ').includes('current_password-error'), describedBy);
    for (const field of ['#current_password', '#password', '#password_confirm']) {
      assert.equal(await page.inputValue(field), '', `${field} was filled back in`);
    }
    await checkPage(page);

    // The change, by keyboard alone.
    await tabTo(page, '#current_password');
    await page.keyboard.type(PASSWORD);
    await tabTo(page, '#password');
    await page.keyboard.type(NEW_PASSWORD);
    await page.locator('[data-testid="password-strength-label"]:not(:empty)').waitFor();
    await tabTo(page, '#password_confirm');
    await page.keyboard.type(NEW_PASSWORD);
    await Promise.all([
      page.waitForURL(/\/settings\/security\?done=password$/),
      page.keyboard.press('Enter'),
    ]);
    await page.locator('[data-testid="notice"]').waitFor();
    await checkPage(page);

    // Still signed in here; back to the account page and out.
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), page.click('[data-testid="back-to-settings"]')]);
    await Promise.all([page.waitForURL(/\/login(\?|$)/), page.click('[data-testid="sign-out"]')]);

    await page.fill('#identifier', email);
    await page.fill('#password', PASSWORD);
    await submit(page, '#password');
    await page.locator('[role="alert"]:visible').waitFor();
    assert.match(new URL(page.url()).pathname, /^\/login/, 'the old password still signs in');

    await signIn(page, email, NEW_PASSWORD);
    await assertSignedInAs(page, email);

    await page.context().close();
  });

  test('signed out, /settings/security leads to sign-in and back', async () => {
    const email = newEmail('security');
    await signUpElsewhere(running.browser, running.server.url, email);

    const page = await newPhonePage(running.browser);
    await page.goto(`${running.server.url}/settings/security`);
    assert.match(page.url(), /\/login\?return_to=%2Fsettings%2Fsecurity$/);
    await signIn(page, email, PASSWORD, { to: /\/settings\/security$/ });
    await checkPage(page);
    await page.context().close();
  });
});
