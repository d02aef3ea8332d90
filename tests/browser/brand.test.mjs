// The shop's brand (issue #14) in headless Chromium at 360 px: a server configured with a
// [brand] (a name in Latin, Cyrillic and Chinese, a logo file, colours, footer links, a
// home URL). The header, <title>, footer links and "Back to {shop}" in two languages, the
// shop's colours applied through /brand/theme.css, and axe-core clean on every page.
// A screenshot of the branded sign-in page is kept in tests/browser/screenshots/
// (git-ignored) as the test's artefact.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { browserSkipReason, checkPage, newEmail, newPhonePage, serverAndBrowser, signUp, visit } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SCREENSHOTS = path.join(HERE, 'screenshots');

const dir = mkdtempSync(path.join(tmpdir(), 'latchkey-brand-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const logo = path.join(dir, 'logo.svg');
writeFileSync(
  logo,
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32" viewBox="0 0 64 32">' +
    '<rect width="64" height="32" rx="6" fill="#0b5fff"/><circle cx="16" cy="16" r="8" fill="#ffffff"/></svg>',
);
const config = path.join(dir, 'latchkey.toml');
writeFileSync(
  config,
  `[brand]
name = "Acme Shop"
names = { ru = "Акме", zh-CN = "艾克美" }
logo = "${logo}"
logo_alt = "Acme Shop, since 1990"
primary_color = "#0b5fff"
accent_color = "#e8f0ff"
home_url = "https://shop.example/"
support_url = "https://shop.example/help"
privacy_url = "https://shop.example/privacy"
terms_url = "https://shop.example/terms"
`,
);

/** What the branded layout must show in `lang`. */
async function assertBranded(page, { name, backTo }) {
  const title = await page.title();
  assert.ok(title.endsWith(` — ${name}`), `title "${title}" does not end with the shop's name ${name}`);
  const brand = page.locator('header [data-testid="brand"]');
  assert.equal(await brand.getAttribute('href'), 'https://shop.example/');
  assert.equal((await brand.innerText()).trim(), name);
  const logoImg = page.locator('header [data-testid="brand-logo"]');
  assert.match(await logoImg.getAttribute('src'), /^\/brand\/logo\?v=[0-9a-f]{16}$/);
  assert.ok(
    await logoImg.evaluate((img) => img.complete && img.naturalWidth > 0),
    'the logo did not load (CSP or route)',
  );
  for (const [id, href] of [
    ['support-link', 'https://shop.example/help'],
    ['privacy-link', 'https://shop.example/privacy'],
    ['terms-link', 'https://shop.example/terms'],
  ]) {
    assert.equal(await page.locator(`footer [data-testid="${id}"]`).getAttribute('href'), href, id);
  }
  // The shop's colour reached the page through the custom properties (no inline style).
  const primary = await page.evaluate(() =>
    getComputedStyle(document.documentElement).getPropertyValue('--primary').trim(),
  );
  assert.equal(primary, '#0b5fff');
  const headerBg = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
  assert.equal(headerBg, 'rgb(232, 240, 255)');
  if (backTo) {
    const back = page.locator('[data-testid="back-to-shop"]');
    assert.equal((await back.innerText()).trim(), backTo);
    assert.equal(await back.getAttribute('href'), 'https://shop.example/');
  }
}

describe('browser: the shop\'s brand', { skip: browserSkipReason() ?? false, timeout: 180_000 }, () => {
  const running = serverAndBrowser({ env: { LATCHKEY_CONFIG: config } });

  test('header, title, footer and colours in English and Russian; axe clean at 360 px', async () => {
    const page = await newPhonePage(running.browser, { colorScheme: 'light' });
    await visit(page, `${running.server.url}/login?lang=en`);
    await assertBranded(page, { name: 'Acme Shop' });
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'brand-login-en.png'), fullPage: true });

    await visit(page, `${running.server.url}/login?lang=ru`);
    await assertBranded(page, { name: 'Акме' });
    assert.equal((await page.locator('footer [data-testid="privacy-link"]').innerText()).trim(), 'Конфиденциальность');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'brand-login-ru.png'), fullPage: true });

    await visit(page, `${running.server.url}/register?lang=zh-CN`);
    await assertBranded(page, { name: '艾克美' });
    await page.context().close();
  });

  test('"Back to the shop" where the journey ends, in English and Russian', async () => {
    const page = await newPhonePage(running.browser, { colorScheme: 'light' });
    await signUp(page, running.server.url, newEmail('brand'));
    await assertBranded(page, { name: 'Acme Shop', backTo: 'Back to Acme Shop' });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'brand-settings-en.png'), fullPage: true });

    await page.goto(`${running.server.url}/settings?lang=ru`);
    await checkPage(page);
    await assertBranded(page, { name: 'Акме', backTo: 'Вернуться в Акме' });

    // A message page that ends a journey (a recovery link that is no longer good).
    await page.goto(`${running.server.url}/recovery/link?token=expired&lang=ru`);
    await checkPage(page);
    await assertBranded(page, { name: 'Акме', backTo: 'Вернуться в Акме' });
    await page.context().close();
  });
});
