// The admin console (/admin, issue #13), phone-sized, in headless Chromium: sign in with an
// admin key by keyboard, search for an account, open it, unlock it, look at the events and
// the delete confirmation, in English and in Russian. Every console page passes axe, fits
// 360 px and offers every language.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  browserSkipReason,
  checkPage,
  newEmail,
  newPhonePage,
  serverAndBrowser,
  signUpElsewhere,
  tabTo,
  visit,
} from './harness.mjs';

const ADMIN_TOKEN = 'browser-console-token-8c41d2f0a7b9e3';

const TEXTS = {
  en: { wrongKey: 'not valid', unlocked: 'Unlocked.', dashboard: 'Last 24 hours' },
  ru: { wrongKey: 'недействителен', unlocked: 'Блокировка снята.', dashboard: 'Последние 24 часа' },
};

describe('browser: the admin console', { skip: browserSkipReason() ?? false, timeout: 240_000 }, () => {
  const running = serverAndBrowser({ env: { LATCHKEY_ADMIN_TOKEN: ADMIN_TOKEN } });

  for (const lang of Object.keys(TEXTS)) {
    test(`${lang}: sign in with a key, search, open an account and unlock it`, async () => {
      const base = running.server.url;
      const t = TEXTS[lang];
      const email = newEmail(`console-${lang}-`);
      await signUpElsewhere(running.browser, base, email);

      const page = await newPhonePage(running.browser);
      // Without the key cookie every console page leads to the sign-in form.
      await page.goto(`${base}/admin/identities?lang=${lang}`);
      assert.match(page.url(), /\/admin\/login(\?lang=[a-z-]+)?$/i);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      await checkPage(page);

      // A wrong key: the form again, the field marked and described.
      await page.fill('#key', 'not-the-key');
      await Promise.all([page.waitForLoadState('load'), page.click('[data-testid="admin-login-submit"]')]);
      await page.locator('[role="alert"]:visible').waitFor();
      assert.ok((await page.locator('#key-error').innerText()).includes(t.wrongKey));
      assert.equal(await page.getAttribute('#key', 'aria-invalid'), 'true');
      assert.equal(await page.inputValue('#key'), '', 'the key is not filled back in');
      await checkPage(page);

      // The right key, by keyboard alone.
      await tabTo(page, '#key');
      await page.keyboard.type(ADMIN_TOKEN);
      await Promise.all([page.waitForURL(/\/admin$/), page.keyboard.press('Enter')]);
      assert.ok((await page.locator('h2').first().innerText()).includes(t.dashboard));
      assert.equal(await page.locator('svg.chart[role="img"]').count(), 10);
      // The figures behind a chart open with the keyboard too.
      await page.locator('details.chart-figures summary').first().focus();
      await page.keyboard.press('Enter');
      await page.locator('details.chart-figures[open] table').first().waitFor();
      await checkPage(page);

      // Search, then the account.
      await Promise.all([page.waitForURL(/\/admin\/identities$/), page.click('[data-testid="console-nav"] a[href="/admin/identities"]')]);
      await checkPage(page);
      await page.fill('#query', email);
      await Promise.all([page.waitForURL(/\/admin\/identities\?query=/), page.click('[data-testid="search-submit"]')]);
      await page.locator('[data-testid="hit"]').first().waitFor();
      await checkPage(page);
      await Promise.all([page.waitForURL(/\/admin\/identities\/[0-9a-f-]{36}$/), page.click('[data-testid="hit-link"]')]);
      assert.ok((await page.locator('[data-testid="identity-heading"]').innerText()).length > 0);
      assert.ok((await page.locator('[data-testid="overview"]').innerText()).includes(email) ||
        (await page.locator('[data-testid="contacts"]').innerText()).includes(email));
      await checkPage(page);
      const accountUrl = page.url();

      // Unlock: back to the account with a notice, and the audit trail says so.
      await Promise.all([page.waitForURL(/\?done=unlocked$/), page.click('[data-testid="action-unlock"]')]);
      assert.ok((await page.locator('[data-testid="notice"]').innerText()).includes(t.unlocked));
      assert.equal(await page.locator('[data-testid="event"][data-type="admin.unlocked"]').count(), 1);
      await checkPage(page);

      // The delete confirmation (not confirmed) and the events of the account.
      await visit(page, `${accountUrl}/delete`);
      await Promise.all([page.waitForURL(accountUrl), page.click('[data-testid="cancel-delete"]')]);
      const id = accountUrl.split('/').pop();
      await visit(page, `${base}/admin/events?identity_id=${id}`);
      assert.ok((await page.locator('[data-testid="event"]').count()) >= 3);

      // Sign out of the console: the key cookie is gone.
      await Promise.all([page.waitForURL(/\/admin\/login\?done=signed-out$/), page.click('[data-testid="console-logout"]')]);
      await checkPage(page);
      const cookies = await page.context().cookies();
      assert.ok(!cookies.some((c) => c.name === 'latchkey_admin' && c.value !== ''), 'the admin cookie is cleared');
      await page.context().close();
    });
  }
});
