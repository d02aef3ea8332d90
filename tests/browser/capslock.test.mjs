// The Caps Lock warning on password fields (S4), phone-sized, in headless Chromium: on
// /login (in English and in Russian) and on /register's two new-password fields, a key
// event whose modifier state says Caps Lock shows the warning in the page's language, in
// its polite live region; Caps Lock off, or leaving the field, takes it away. The text is
// read from crates/i18n/locales/<lang>/pages.ftl at test time. Every page passes axe
// (with the warning shown), fits 360 px and offers every language.
//
// How Caps Lock is switched on: app.js reads event.getModifierState('CapsLock') on keydown
// and keyup. Headless Chromium keeps no Caps Lock state of its own: Playwright's
// keyboard.press('CapsLock') and keyboard.down('CapsLock') send the key, but every event
// still reports getModifierState('CapsLock') === false (CDP's key events carry Alt, Ctrl,
// Meta and Shift only). So the Caps Lock state comes from KeyboardEvents dispatched on the
// field with modifierCapsLock, the UI Events init member behind getModifierState; the
// real keyboard types the letters around them.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { browserSkipReason, checkPage, newPhonePage, serverAndBrowser, visit } from './harness.mjs';
import { localized } from './oidc_peer.mjs';

/** A key event on `field` whose modifier state says whether Caps Lock is on. */
async function capsKey(page, field, type, capsLock, key = capsLock ? 'A' : 'a') {
  await page.locator(field).dispatchEvent(type, { key, bubbles: true, modifierCapsLock: capsLock });
}

/** The warning of `field` (partials/password_hints.html). */
function warningOf(page, field) {
  return page.locator(`${field}-capslock-hint`);
}

/** Before any key: the warning is a polite live region already in the DOM (not inserted
 *  along with its text), empty, and taking no room (`.hint:empty` is display: none). */
async function assertQuietLiveRegion(page, field) {
  const warning = warningOf(page, field);
  assert.equal(await warning.count(), 1, `${field}: no Caps Lock warning element`);
  assert.equal(await warning.getAttribute('aria-live'), 'polite', `${field}: the warning is not a polite live region`);
  assert.equal(await warning.getAttribute('data-testid'), 'capslock-warning');
  assert.equal(await warning.textContent(), '', `${field}: the warning says something before any key`);
  assert.equal(await warning.isVisible(), false, `${field}: an empty warning takes up room`);
}

/** Caps Lock on, then off, while typing into `field`; `expected` is the localized text. */
async function capsOnThenOff(page, field, expected) {
  const warning = warningOf(page, field);
  await page.focus(field);

  // Typing with Caps Lock off: no warning.
  await page.keyboard.type('abc');
  assert.equal(await warning.textContent(), '', `${field}: a warning with Caps Lock off`);

  // Caps Lock on: the next key says so, and the warning appears in the page's language.
  await capsKey(page, field, 'keydown', true, 'CapsLock');
  await capsKey(page, field, 'keyup', true, 'CapsLock');
  await warning.waitFor({ state: 'visible' });
  assert.equal((await warning.textContent()).trim(), expected);
  await capsKey(page, field, 'keydown', true);
  await capsKey(page, field, 'keyup', true);
  assert.equal((await warning.textContent()).trim(), expected, `${field}: the warning changed while Caps Lock stayed on`);

  // Caps Lock off: the next key event takes the warning away.
  await capsKey(page, field, 'keydown', false, 'CapsLock');
  await capsKey(page, field, 'keyup', false, 'CapsLock');
  await warning.waitFor({ state: 'hidden' });
  assert.equal(await warning.textContent(), '');
  await page.keyboard.type('d');
  assert.equal(await warning.textContent(), '', `${field}: the warning came back with Caps Lock off`);

  // On again, then the field loses the focus: the warning goes with it.
  await capsKey(page, field, 'keyup', true);
  await warning.waitFor({ state: 'visible' });
  await page.locator(field).blur();
  await warning.waitFor({ state: 'hidden' });
  assert.equal(await warning.textContent(), '');
}

describe('browser: the Caps Lock warning', { skip: browserSkipReason() ?? false, timeout: 180_000 }, () => {
  const running = serverAndBrowser();

  for (const lang of ['en', 'ru']) {
    test(`${lang}: /login warns about Caps Lock on the password field`, async () => {
      const page = await newPhonePage(running.browser);
      await visit(page, `${running.server.url}/login?lang=${lang}`);
      assert.equal((await page.getAttribute('html', 'lang')).toLowerCase(), lang.toLowerCase());
      const expected = localized(lang, 'pages', 'password-capslock');
      if (lang !== 'en') {
        assert.notEqual(expected, localized('en', 'pages', 'password-capslock'), `${lang} has its own text`);
      }
      assert.equal(await page.getAttribute('#password', 'data-capslock'), expected);
      await assertQuietLiveRegion(page, '#password');

      // Shown: the page with its warning still passes axe and fits 360 px.
      await page.focus('#password');
      await capsKey(page, '#password', 'keyup', true);
      await warningOf(page, '#password').waitFor({ state: 'visible' });
      assert.equal((await warningOf(page, '#password').textContent()).trim(), expected);
      await checkPage(page);
      await capsKey(page, '#password', 'keyup', false);
      await warningOf(page, '#password').waitFor({ state: 'hidden' });

      await capsOnThenOff(page, '#password', expected);
      // The password is taken as typed: the dispatched events typed nothing.
      assert.equal(await page.inputValue('#password'), 'abcd');

      await page.context().close();
    });
  }

  test('zh-CN: /register warns on both new-password fields, each on its own', async () => {
    const page = await newPhonePage(running.browser);
    await visit(page, `${running.server.url}/register?lang=zh-CN`);
    const expected = localized('zh-CN', 'pages', 'password-capslock');
    for (const field of ['#password', '#password_confirm']) {
      await assertQuietLiveRegion(page, field);
    }
    await capsOnThenOff(page, '#password', expected);

    // Caps Lock on in the confirmation field: only its own warning shows.
    await page.focus('#password_confirm');
    await capsKey(page, '#password_confirm', 'keyup', true);
    await warningOf(page, '#password_confirm').waitFor({ state: 'visible' });
    assert.equal((await warningOf(page, '#password_confirm').textContent()).trim(), expected);
    assert.equal(await warningOf(page, '#password').isVisible(), false, 'the other field warns too');
    await checkPage(page);

    await page.context().close();
  });
});
