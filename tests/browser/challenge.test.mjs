// The proof-of-work challenge in a real browser: after failed sign-ins from this
// address, /login answers with a challenge; /assets/pow.js solves it ("Checking your
// browser…") under the pages' CSP (no inline script) and the sign-in goes through.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  PASSWORD,
  browserSkipReason,
  checkA11y,
  newPhonePage,
  readMailbox,
  serverAndBrowser,
} from './harness.mjs';

/** Registers through the JSON API (this test is about /login, not /register). */
async function register(baseUrl, email) {
  const start = await fetch(`${baseUrl}/api/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  assert.equal(start.status, 202);
  const { flow_id: flow } = await start.json();
  const { code } = await readMailbox(baseUrl, email);
  const done = await fetch(`${baseUrl}/api/registrations/${flow}/code`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  assert.equal(done.status, 201);
}

describe('browser: proof-of-work challenge', { skip: browserSkipReason() ?? false, timeout: 120_000 }, () => {
  const running = serverAndBrowser({
    env: {
      // Two failures from one address bring the challenge; a small one, solved fast.
      LATCHKEY_LIMITS__CHALLENGE_AFTER_IP_FAILURES: '2',
      LATCHKEY_LIMITS__CHALLENGE_DIFFICULTY: '12',
    },
  });

  test('the page script solves the challenge and the sign-in proceeds', async () => {
    const email = `pow.${process.pid}.${Date.now()}@example.com`;
    await register(running.server.url, email);
    const page = await newPhonePage(running.browser);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      // 401/403 answers are expected here; script and CSP errors are not.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
    });

    await page.goto(`${running.server.url}/login`);
    for (let i = 0; i < 2; i += 1) {
      await page.fill('#identifier', email);
      await page.fill('#password', 'Wrong-Password-9');
      await Promise.all([page.waitForLoadState('load'), page.click('form[data-testid="login-form"] button[type="submit"]')]);
      await page.waitForSelector('form[data-testid="login-form"]');
    }
    // The third try is answered with a challenge instead of a password check.
    await page.fill('#identifier', email);
    await page.fill('#password', 'Wrong-Password-9');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/login') && r.request().method() === 'POST'),
      page.click('form[data-testid="login-form"] button[type="submit"]'),
    ]);
    assert.equal(response.status(), 403, 'challenge_required');
    const form = page.locator('form[data-testid="login-form"][data-challenge]');
    await form.waitFor();
    const challenge = JSON.parse(await form.getAttribute('data-challenge'));
    assert.equal(challenge.algorithm, 'sha256');
    assert.equal(challenge.difficulty, 12);
    assert.match(await form.getAttribute('data-challenge-checking'), /Checking your browser/);

    // The script starts at once; the hidden answer appears when it is done.
    await page.waitForSelector('form[data-challenge-solved="1"] input[name="latchkey_challenge"]', {
      state: 'attached',
    });
    const answer = await page.inputValue('input[name="latchkey_challenge"]');
    assert.ok(answer.startsWith(`${challenge.salt}:12:`), answer);
    await checkA11y(page, '/login (challenged)');

    await page.fill('#identifier', email);
    await page.fill('#password', PASSWORD);
    await Promise.all([
      page.waitForURL((url) => !url.pathname.startsWith('/login')),
      page.click('form[data-testid="login-form"] button[type="submit"]'),
    ]);
    const cookies = await page.context().cookies();
    assert.ok(cookies.some((c) => c.name === 'latchkey_session'), 'signed in');
    const device = cookies.find((c) => c.name === 'latchkey_device');
    assert.ok(device && device.httpOnly, 'the device cookie is set, HttpOnly');
    assert.deepEqual(errors, [], 'no script errors (CSP included)');
  });
});
