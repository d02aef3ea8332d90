// How many pages a forgotten password costs: top-level document loads from the click on
// "Forgot password?" on /login until the signed-in /settings page, in headless Chromium.
// A load is a main-frame navigation that loads a document; a POST answered with a redirect
// and the GET it leads to count once (the document that loaded). Budget: 4 without a
// second factor (/recovery → code page → new-password page → /settings, signed in on this
// device), 5 with TOTP (the /login/mfa page in between). The counts are printed.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertSignedInAs,
  browserSkipReason,
  newEmail,
  newPhonePage,
  serverAndBrowser,
  signUp,
  signUpElsewhere,
  submit,
} from './harness.mjs';
import { countDocumentLoads, enrolTotp, signOut } from './factors.mjs';

const NEW_PASSWORD = 'Lighthouse-Pelican-7730';

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

/**
 * From /login (already open, not counted): "Forgot password?" → identifier → code from the
 * mailbox → new password twice → (`secondStep(page)` on /login/mfa when given) → /settings.
 * Returns what countDocumentLoads saw.
 */
async function forgotPasswordToSignedIn(page, baseUrl, email, secondStep) {
  const counter = countDocumentLoads(page);
  await Promise.all([page.waitForURL(/\/recovery(\?|$)/), page.click('a[href^="/recovery"]')]);
  await page.fill('#identifier', email);
  await Promise.all([page.waitForURL(/\/recovery\/code\?(.*&)?flow=/), submit(page, '#identifier')]);
  const mail = await waitForMessage(baseUrl, email, /^Reset your/);
  const code = /\b(\d{6})\b/.exec(mail.text)[1];
  await page.fill('#code', code);
  await submit(page, '#code');
  await page.locator('#password_confirm').waitFor();
  await page.fill('#password', NEW_PASSWORD);
  await page.fill('#password_confirm', NEW_PASSWORD);
  if (secondStep) {
    await Promise.all([page.waitForURL(/\/login\/mfa(\?|$)/), submit(page, '#password_confirm')]);
    await secondStep(page);
  } else {
    await Promise.all([page.waitForURL(/\/settings(\?|$)/), submit(page, '#password_confirm')]);
  }
  await assertSignedInAs(page, email);
  return counter.stop();
}

function report(label, seen) {
  console.log(`page loads, "Forgot password?" → signed in, ${label}: ${seen.count}`);
  for (const [i, load] of seen.loads.entries()) console.log(`  ${i + 1}. ${load}`);
  // Each counted load is one document: the load events agree.
  assert.equal(seen.domLoads, seen.count, `DOMContentLoaded fired ${seen.domLoads} times for ${seen.count} loads`);
}

describe('browser: page loads of a password recovery', { skip: browserSkipReason() ?? false, timeout: 240_000 }, () => {
  const running = serverAndBrowser();

  test('no second factor: at most 4 page loads from "Forgot password?" to signed in', async () => {
    const email = newEmail('loads');
    await signUpElsewhere(running.browser, running.server.url, email);
    const page = await newPhonePage(running.browser);
    await page.goto(`${running.server.url}/login`);
    const seen = await forgotPasswordToSignedIn(page, running.server.url, email);
    report('no second factor', seen);
    assert.ok(seen.count <= 4, `${seen.count} page loads (budget 4):\n${seen.loads.join('\n')}`);
    await page.context().close();
  });

  test('with TOTP: at most 5 page loads (the /login/mfa page adds one)', async () => {
    const email = newEmail('loads-totp');
    const page = await newPhonePage(running.browser);
    await signUp(page, running.server.url, email);
    const { app } = await enrolTotp(page);
    await signOut(page, running.server.url);
    const seen = await forgotPasswordToSignedIn(page, running.server.url, email, async (mfa) => {
      await mfa.fill('#totp_code', await app.code());
      await Promise.all([mfa.waitForURL(/\/settings(\?|$)/), submit(mfa, '#totp_code')]);
    });
    report('with TOTP', seen);
    assert.ok(seen.count <= 5, `${seen.count} page loads (budget 5):\n${seen.loads.join('\n')}`);
    await page.context().close();
  });
});
