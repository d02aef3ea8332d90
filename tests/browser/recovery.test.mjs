// "Forgot password?" in headless Chromium, phone-sized: by the mailed code (code from the
// dev mailbox → new password twice → signed in on this device → out, and in with the new
// password) and by the mailed link (GET shows the form, the POST uses it). Every page
// visited passes axe and fits 360 px.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertSignedInAs,
  browserSkipReason,
  checkPage,
  newEmail,
  newPhonePage,
  serverAndBrowser,
  signIn,
  signUpElsewhere,
  submit,
} from './harness.mjs';

const NEW_PASSWORD = 'Tangerine-Submarine-93';

/** The newest message to `to` whose subject matches `subject`, polling the dev mailbox. */
async function waitForMessage(baseUrl, to, subject, timeoutMs = 10_000) {
  const url = `${baseUrl}/dev/mailbox.json?to=${encodeURIComponent(to)}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url);
    if (res.ok) {
      const found = (await res.json()).find((m) => subject.test(m.subject));
      if (found) return found;
    }
    if (Date.now() > deadline) throw new Error(`no message to ${to} matching ${subject}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function askForReset(page, baseUrl, email) {
  await page.goto(`${baseUrl}/login`);
  await Promise.all([page.waitForURL(/\/recovery(\?|$)/), page.click('a[href^="/recovery"]')]);
  await checkPage(page);
  await page.fill('#identifier', email);
  await Promise.all([page.waitForURL(/\/recovery\/code\?(.*&)?flow=/), submit(page, '#identifier')]);
  await checkPage(page);
  return waitForMessage(baseUrl, email, /^Reset your/);
}

/** The new password twice; recovery ends signed in on this device, on /settings. */
async function chooseNewPassword(page, email) {
  await page.locator('#password').waitFor();
  await checkPage(page);
  await page.fill('#password', NEW_PASSWORD);
  await page.fill('#password_confirm', NEW_PASSWORD);
  await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#password_confirm')]);
  await assertSignedInAs(page, email);
  await checkPage(page);
}

/** Out, and back in with the new password. */
async function signInWithNewPassword(page, email) {
  await Promise.all([page.waitForURL(/\/login(\?|$)/), page.click('[data-testid="sign-out"]')]);
  await signIn(page, email, NEW_PASSWORD);
  await assertSignedInAs(page, email);
}

describe('browser: password recovery', { skip: browserSkipReason() ?? false, timeout: 180_000 }, () => {
  const running = serverAndBrowser();

  test('forgot password: code from the mailbox, new password twice, signed in', async () => {
    const email = newEmail('recover');
    await signUpElsewhere(running.browser, running.server.url, email);
    const page = await newPhonePage(running.browser);
    const mail = await askForReset(page, running.server.url, email);
    const code = /\b(\d{6})\b/.exec(mail.text)[1];
    assert.ok(await page.locator('[data-testid="resend-countdown"]').count(), 'no resend countdown');
    await page.fill('#code', code);
    await submit(page, '#code');
    await chooseNewPassword(page, email);
    await signInWithNewPassword(page, email);
    await page.context().close();
  });

  test('the reset link: opening it uses nothing, the form does', async () => {
    const email = newEmail('recover');
    await signUpElsewhere(running.browser, running.server.url, email);
    const page = await newPhonePage(running.browser);
    const mail = await askForReset(page, running.server.url, email);
    const link = /(https?:\/\/\S+\/recovery\/link\?token=\S+)/.exec(mail.text)[1];
    const path = new URL(link).pathname + new URL(link).search;
    // A mail scanner's prefetch: the link still works afterwards.
    assert.equal((await fetch(`${running.server.url}${path}`)).status, 200);
    const response = await page.goto(`${running.server.url}${path}`);
    assert.equal(response.status(), 200);
    await chooseNewPassword(page, email);
    await signInWithNewPassword(page, email);
    const again = await page.goto(`${running.server.url}${path}`);
    assert.equal(again.status(), 410, 'a used link is spent');
    await page.context().close();
  });
});
