// The proof-of-work challenge on the pages that send codes (audit issue 8, finding 8):
// once this address has asked for a message, /register and /login/code answer the next
// one with a challenge, as the API does; /assets/pow.js solves it under the pages' CSP
// and the form goes through. The challenged pages pass axe.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PASSWORD,
  browserSkipReason,
  checkA11y,
  newEmail,
  newPhonePage,
  readMailbox,
  serverAndBrowser,
  signUpElsewhere,
} from './harness.mjs';

/** Collects script and CSP errors; the 403 of a challenged form is expected. */
function scriptErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return errors;
}

/** Posts the form by its button and returns the answer to that POST. */
async function post(page, form, path) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'POST'),
    page.click(`${form} button[type="submit"]`),
  ]);
  return response;
}

/** Waits for pow.js to put its answer in the challenged form; returns the challenge. */
async function solved(page, form) {
  const challenged = page.locator(`${form}[data-challenge]`);
  await challenged.waitFor();
  const challenge = JSON.parse(await challenged.getAttribute('data-challenge'));
  assert.equal(challenge.algorithm, 'sha256');
  assert.equal(challenge.difficulty, 12);
  assert.match(await challenged.getAttribute('data-challenge-checking'), /Checking your browser/);
  await page.waitForSelector(`${form}[data-challenge-solved="1"] input[name="latchkey_challenge"]`, {
    state: 'attached',
  });
  const answer = await page.inputValue(`${form} input[name="latchkey_challenge"]`);
  assert.ok(answer.startsWith(`${challenge.salt}:12:`), answer);
  return challenge;
}

describe('browser: the challenge on /register and /login/code', { skip: browserSkipReason() ?? false, timeout: 120_000 }, () => {
  const running = serverAndBrowser({
    env: {
      // After one message from this address the next needs a challenge; a small one.
      LATCHKEY_LIMITS__CHALLENGE_AFTER_IP_MESSAGES: '1',
      LATCHKEY_LIMITS__CHALLENGE_DIFFICULTY: '12',
    },
  });

  test('a second sign-up from one address is challenged, solved by pow.js and goes through', async () => {
    const base = running.server.url;
    // The address's first message: no challenge.
    await signUpElsewhere(running.browser, base, newEmail('first'));

    const page = await newPhonePage(running.browser);
    const errors = scriptErrors(page);
    const email = newEmail('challenged');
    await page.goto(`${base}/register`);
    await page.fill('#identifier', email);
    await page.fill('#password', PASSWORD);
    await page.fill('#password_confirm', PASSWORD);
    const form = 'form[data-testid="register-form"]';
    const refused = await post(page, form, '/register');
    assert.equal(refused.status(), 403, 'challenge_required');
    await solved(page, form);
    // What was typed is kept, passwords aside (never sent back into a page).
    assert.equal(await page.inputValue('#identifier'), email);
    assert.ok(await page.locator('[role="alert"]').count(), 'the form says why');
    await checkA11y(page, '/register (challenged)');

    await page.fill('#password', PASSWORD);
    await page.fill('#password_confirm', PASSWORD);
    await Promise.all([page.waitForURL(/\/verify\?(.*&)?flow=/), page.click(`${form} button[type="submit"]`)]);
    const { code } = await readMailbox(base, email);
    await page.fill('#code', code);
    await Promise.all([
      page.waitForURL(/\/settings(\?|$)/),
      page.click('form:has(#code) button[type="submit"]'),
    ]);
    assert.deepEqual(errors, [], 'no script errors (CSP included)');
    await page.context().close();
  });

  test('a challenged sign-in by code is solved by pow.js and goes on to the code step', async () => {
    const base = running.server.url;
    // A message from this address first (answered 202, or 403 when one was sent already).
    const first = await fetch(`${base}/api/login-codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: newEmail('warmup') }),
    });
    assert.ok([202, 403].includes(first.status), `POST /api/login-codes: ${first.status}`);

    const page = await newPhonePage(running.browser);
    const errors = scriptErrors(page);
    const email = newEmail('bycode');
    await page.goto(`${base}/login/code`);
    await page.fill('#identifier', email);
    const form = 'form[data-testid="identifier-form"]';
    const refused = await post(page, form, '/login/code');
    assert.equal(refused.status(), 403, 'challenge_required');
    await solved(page, form);
    assert.equal(await page.inputValue('#identifier'), email);
    await checkA11y(page, '/login/code (challenged)');

    await Promise.all([
      page.waitForURL(/\/login\/code\/verify\?(.*&)?flow=/),
      page.click(`${form} button[type="submit"]`),
    ]);
    assert.deepEqual(errors, [], 'no script errors (CSP included)');
    await page.context().close();
  });
});
