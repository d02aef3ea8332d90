// Latchkey proof-of-work solver ("Checking your browser…"). Self-contained: no inline
// script, no third party, works under CSP script-src 'self'.
//
// A form that the server rendered with a challenge carries it as JSON in data-challenge:
//   <form data-challenge='{"algorithm":"sha256","salt":"…","difficulty":16,
//         "expires_at":1700000000,"signature":"…","token":"salt:16:1700000000:sig"}'
//         data-challenge-checking="Checking your browser…">
// On submit this script finds a nonce such that SHA-256("<salt>:<nonce>") starts with
// `difficulty` zero bits, adds <input type=hidden name=latchkey_challenge
// value="<salt>:<difficulty>:<expires_at>:<signature>:<nonce>"> (the value API clients
// send in the Latchkey-Challenge header) and submits the form again.
// Apps and fetch-based pages can call window.latchkeyChallenge.solve(challenge), which
// resolves to that header value.
(function () {
  "use strict";

  function zeroBits(bytes) {
    var n = 0;
    for (var i = 0; i < bytes.length; i++) {
      var b = bytes[i];
      if (b === 0) { n += 8; continue; }
      while ((b & 0x80) === 0) { n++; b <<= 1; }
      return n;
    }
    return n;
  }

  function token(ch) {
    return ch.token || [ch.salt, ch.difficulty, ch.expires_at, ch.signature].join(":");
  }

  async function solve(ch) {
    if (ch.algorithm && ch.algorithm !== "sha256") throw new Error("unsupported challenge");
    var enc = new TextEncoder();
    for (var nonce = 0; ; nonce++) {
      var digest = await crypto.subtle.digest("SHA-256", enc.encode(ch.salt + ":" + nonce));
      if (zeroBits(new Uint8Array(digest)) >= ch.difficulty) {
        return token(ch) + ":" + nonce;
      }
      // Let the page breathe (the status message paints, the tab stays responsive).
      if (nonce % 2000 === 1999) await new Promise(function (r) { setTimeout(r, 0); });
    }
  }

  function status(form, text) {
    var el = form.querySelector("[data-challenge-status]");
    if (!el) {
      el = document.createElement("p");
      el.setAttribute("role", "status");
      el.setAttribute("data-challenge-status", "");
      el.setAttribute("data-testid", "challenge-status");
      form.insertBefore(el, form.firstChild);
    }
    el.textContent = text;
  }

  // Each challenged form starts solving as soon as the page loads, so by the time the
  // person has typed their password the work is usually done.
  var pending = new WeakMap();

  function start(form) {
    if (pending.has(form)) return pending.get(form);
    var ch;
    try { ch = JSON.parse(form.getAttribute("data-challenge")); } catch (e) { return null; }
    status(form, form.getAttribute("data-challenge-checking") || "Checking your browser\u2026");
    var p = solve(ch).then(function (answer) {
      var input = form.querySelector("input[name=latchkey_challenge]");
      if (!input) {
        input = document.createElement("input");
        input.type = "hidden";
        input.name = "latchkey_challenge";
        form.appendChild(input);
      }
      input.value = answer;
      form.setAttribute("data-challenge-solved", "1");
      status(form, "");
      return answer;
    });
    pending.set(form, p);
    return p;
  }

  function init() {
    document.querySelectorAll("form[data-challenge]").forEach(start);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.hasAttribute || !form.hasAttribute("data-challenge")) return;
    if (form.getAttribute("data-challenge-solved") === "1") return;
    var p = start(form);
    if (!p) return;
    event.preventDefault();
    var buttons = form.querySelectorAll("button, input[type=submit]");
    buttons.forEach(function (b) { b.disabled = true; });
    p.then(function () {
      buttons.forEach(function (b) { b.disabled = false; });
      // submit() skips the submit event, so this handler does not run again.
      form.submit();
    });
  }, true);

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }

  window.latchkeyChallenge = { solve: solve };
})();
