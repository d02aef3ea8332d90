// Email and phone changes (PRODUCT.md A1, A2), phone-sized, in headless Chromium, in
// English and Russian: /settings → /settings/contacts → a new primary email by its code →
// a phone by its SMS code → the old address's revert link (GET confirms, POST uses).
// Every page visited passes axe, fits 360 px and offers every language.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  browserSkipReason,
  checkPage,
  newEmail,
  newPhonePage,
  readMailbox,
  serverAndBrowser,
  signUp,
  submit,
} from './harness.mjs';

/** The newest revert link in the dev mailbox for `to`. */
async function revertLink(baseUrl, to) {
  const res = await fetch(`${baseUrl}/dev/mailbox.json?to=${encodeURIComponent(to)}`);
  const messages = await res.json();
  for (const m of messages) {
    const match = /(https?:\/\/\S+\/revert\?token=[A-Za-z0-9_-]+)/.exec(m.text);
    if (match) return match[1];
  }
  throw new Error(`no revert link for ${to}`);
}

describe('browser: email and phone changes', { skip: browserSkipReason() ?? false, timeout: 240_000 }, () => {
  const running = serverAndBrowser();

  for (const [lang, phone] of [
    ['en', '+447911123460'],
    ['ru', '+447911123461'],
  ]) {
    test(`/settings/contacts in ${lang}: a new primary email, a phone, and the revert link`, async () => {
      const { url } = running.server;
      const page = await newPhonePage(running.browser);
      await page.goto(`${url}/register?lang=${lang}`);
      const email = newEmail(`contacts-${lang}`);
      await signUp(page, url, email);
      assert.equal(await page.getAttribute('html', 'lang'), lang);

      await Promise.all([
        page.waitForURL(/\/settings\/contacts(\?|$)/),
        page.click('[data-testid="contacts-link"]'),
      ]);
      await checkPage(page);

      // A new primary email, by its code.
      const newAddress = newEmail(`contacts-new-${lang}`);
      await page.fill('#email', newAddress);
      await page.check('#email-primary');
      await Promise.all([page.waitForURL(/\/settings\/contacts\/code\?/), submit(page, '#email')]);
      await checkPage(page);
      const { code } = await readMailbox(url, newAddress);
      await page.fill('#code', code);
      await Promise.all([page.waitForURL(/\/settings\/contacts\?done=added$/), submit(page, '#code')]);
      await page.locator('[data-testid="notice"]').waitFor();
      await checkPage(page);
      const primary = page.locator('[data-testid="contact"]', { hasText: newAddress });
      await primary.locator('[data-testid="primary"]').waitFor();

      // A phone, by its SMS code.
      await page.fill('#phone', phone);
      await Promise.all([page.waitForURL(/\/settings\/contacts\/code\?/), submit(page, '#phone')]);
      const sms = await readMailbox(url, phone);
      await page.fill('#code', sms.code);
      await Promise.all([page.waitForURL(/\/settings\/contacts\?done=added$/), submit(page, '#code')]);
      await page.locator('[data-testid="contact"]', { hasText: phone }).locator('[data-testid="verified"]').waitFor();
      await checkPage(page);

      // The old address's revert link: the page asks first, the button restores.
      const link = await revertLink(url, email);
      const other = await newPhonePage(running.browser);
      await other.goto(`${link}&lang=${lang}`);
      await other.locator('[data-testid="revert-form"]').waitFor();
      await checkPage(other);
      await Promise.all([
        other.waitForLoadState('load'),
        other.click('[data-testid="revert-button"]'),
      ]);
      await other.waitForURL(/\/revert$/);
      await checkPage(other);
      await other.context().close();

      // This browser was signed out with every other session.
      await page.goto(`${url}/settings/contacts`);
      await page.waitForURL(/\/login\?/);
      await page.context().close();
    });
  }
});
