// The shopper's first journey through Latchkey's pages, phone-sized, in headless Chromium:
// register → code from the dev mailbox → verify → settings → sign out → sign in again.
// Every page visited is checked for accessibility (axe, WCAG A/AA), for sideways scrolling
// at 360 px, for <html lang> and for the language switcher (PRODUCT.md A5).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  LANGUAGES,
  assertNoHorizontalScroll,
  browserSkipReason,
  checkA11y,
  launchBrowser,
  newPhonePage,
  readMailbox,
  startServer,
} from './harness.mjs';

const PASSWORD = 'Quiet-Lantern-4821';
let accounts = 0;

/** A fresh address per account, so tests never share one. */
function newEmail() {
  accounts += 1;
  return `shopper${accounts}.${process.pid}.${Date.now()}@example.com`;
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

/** The checks every page must pass, whatever it shows. */
async function checkPage(page) {
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

async function visit(page, url) {
  const response = await page.goto(url);
  assert.ok(response.ok(), `GET ${url} answered ${response.status()}`);
  await checkPage(page);
}

/** Clicks the submit button of the form holding `field` (a page may have other forms,
 *  such as a language switcher or a resend button). */
async function submit(page, field) {
  await page.click(`form:has(${field}) button[type="submit"]`);
}

/** Registers through /register and /verify; leaves the page signed in on /settings. */
async function signUp(page, baseUrl, email) {
  await visit(page, `${baseUrl}/register`);
  await page.fill('#identifier', email);
  await page.fill('#password', PASSWORD);
  await page.fill('#password_confirm', PASSWORD);
  if (await page.locator('#name').count()) await page.fill('#name', 'Ada Shopper');
  await Promise.all([page.waitForURL(/\/verify\?(.*&)?flow=/), submit(page, '#password_confirm')]);
  await checkPage(page);

  const { code } = await readMailbox(baseUrl, email);
  await page.fill('#code', code);
  await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#code')]);
  await checkPage(page);
}

async function assertSignedInAs(page, email) {
  const shown = await page.locator('[data-testid="signed-in-as"]').innerText();
  assert.ok(
    shown.toLowerCase().includes(email.toLowerCase()),
    `settings page says "${shown}", expected it to name ${email}`,
  );
}

/** Presses Tab until `selector` has the focus; fails after `max` presses. */
async function tabTo(page, selector, max = 30) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
  }
  assert.fail(`${selector} never got the focus after ${max} presses of Tab`);
}

describe('browser: sign-up and sign-in pages', { skip: browserSkipReason() ?? false, timeout: 180_000 }, () => {
  let server;
  let browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('register, verify with the mailed code, sign out, sign in again', async () => {
    const page = await newPhonePage(browser);
    const email = newEmail();

    await signUp(page, server.url, email);
    await assertSignedInAs(page, email);

    await Promise.all([page.waitForURL(/\/login(\?|$)/), page.click('[data-testid="sign-out"]')]);
    await checkPage(page);
    assert.ok(await page.locator('a[href*="/recovery"]').count(), '/login has no link to /recovery');
    assert.ok(await page.locator('a[href*="/register"]').count(), '/login has no link to /register');

    await page.fill('#identifier', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#password')]);
    await checkPage(page);
    await assertSignedInAs(page, email);

    await page.context().close();
  });

  test('a wrong password shows an accessible error on /login', async () => {
    const page = await newPhonePage(browser);
    await visit(page, `${server.url}/login`);
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
    const setup = await newPhonePage(browser);
    await signUp(setup, server.url, email);
    await setup.context().close();

    const page = await newPhonePage(browser);
    await visit(page, `${server.url}/login`);
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
    const page = await newPhonePage(browser);
    for (const path of ['/login', '/register', '/recovery']) {
      await visit(page, `${server.url}${path}`);
    }
    await page.context().close();
  });

  test('?lang= picks the page language; ?lang=ru renders Russian', async () => {
    const page = await newPhonePage(browser);
    for (const lang of LANGUAGES) {
      await visit(page, `${server.url}/login?lang=${lang}`);
      const htmlLang = await page.getAttribute('html', 'lang');
      assert.equal(htmlLang.toLowerCase(), lang.toLowerCase(), `/login?lang=${lang} has <html lang="${htmlLang}">`);
    }

    await visit(page, `${server.url}/login?lang=ru`);
    const text = await page.locator('body').innerText();
    assert.match(text, /[А-Яа-яЁё]{3,}/, '/login?lang=ru shows no Cyrillic text');

    await page.context().close();
  });
});
