// The shopper's first journey through Latchkey's pages, phone-sized, in headless Chromium:
// register → code from the dev mailbox → verify → settings → sign out → sign in again.
// Every page visited is checked for accessibility (axe, WCAG A/AA), for sideways scrolling
// at 360 px, for <html lang> and for the language switcher (PRODUCT.md A5).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  LANGUAGES,
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
  visit,
} from './harness.mjs';

describe('browser: sign-up and sign-in pages', { skip: browserSkipReason() ?? false, timeout: 180_000 }, () => {
  const running = serverAndBrowser();

  test('register, verify with the mailed code, sign out, sign in again', async () => {
    const page = await newPhonePage(running.browser);
    const email = newEmail();

    await signUp(page, running.server.url, email);
    await assertSignedInAs(page, email);

    await Promise.all([page.waitForURL(/\/login(\?|$)/), page.click('[data-testid="sign-out"]')]);
    await checkPage(page);
    assert.ok(await page.locator('a[href*="/recovery"]').count(), '/login has no link to /recovery');
    assert.ok(await page.locator('a[href*="/register"]').count(), '/login has no link to /register');

    await signIn(page, email);
    await checkPage(page);
    await assertSignedInAs(page, email);

    await page.context().close();
  });

  test('a wrong password shows an accessible error on /login', async () => {
    const page = await newPhonePage(running.browser);
    await visit(page, `${running.server.url}/login`);
    await page.fill('#identifier', newEmail());
    await page.fill('#password', 'Not-The-Password-1');
    await submit(page, '#password');

    const alert = page.locator('[role="alert"]');
    await alert.first().waitFor();
    assert.ok((await alert.first().innerText()).trim(), 'the role="alert" element is empty');
    assert.match(new URL(page.url()).pathname, /^\/login/);
    await checkPage(page);

    await page.context().close();
  });

  test('keyboard only: the login form is filled and sent with Tab, typing and Enter', async () => {
    const email = newEmail();
    await signUpElsewhere(running.browser, running.server.url, email);

    const page = await newPhonePage(running.browser);
    await visit(page, `${running.server.url}/login`);
    await tabTo(page, '#identifier');
    await page.keyboard.type(email);
    await tabTo(page, '#password');
    await page.keyboard.type(PASSWORD);
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), page.keyboard.press('Enter')]);
    await checkPage(page);
    await assertSignedInAs(page, email);

    await page.context().close();
  });

  test('public pages fit 360 px, switch language and pass axe', async () => {
    const page = await newPhonePage(running.browser);
    for (const path of ['/login', '/register', '/recovery']) {
      await visit(page, `${running.server.url}${path}`);
    }
    await page.context().close();
  });

  test('?lang= picks the page language; ?lang=ru renders Russian', async () => {
    const page = await newPhonePage(running.browser);
    for (const lang of LANGUAGES) {
      await visit(page, `${running.server.url}/login?lang=${lang}`);
      const htmlLang = await page.getAttribute('html', 'lang');
      assert.equal(htmlLang.toLowerCase(), lang.toLowerCase(), `/login?lang=${lang} has <html lang="${htmlLang}">`);
    }

    await visit(page, `${running.server.url}/login?lang=ru`);
    const text = await page.locator('body').innerText();
    assert.match(text, /[А-Яа-яЁё]{3,}/, '/login?lang=ru shows no Cyrillic text');

    await page.context().close();
  });
});
