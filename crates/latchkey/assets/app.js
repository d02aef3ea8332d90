// Latchkey pages: progressive enhancement only. Every form works without this file.
// The script has no strings of its own: every text it shows comes from data-* attributes
// the server rendered in the page's language.
(function () {
  "use strict";

  // Letters of any script but Latin: a password typed in Cyrillic, Greek, CJK, Arabic,
  // Hebrew, Thai… usually means the keyboard layout is not the one the password was set with.
  var NON_LATIN;
  try {
    NON_LATIN = new RegExp("[^\\P{L}\\p{Script=Latin}]", "u");
  } catch (e) {
    // Engines without Unicode property escapes: the common non-Latin blocks.
    NON_LATIN = /[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0e00-\u0e7f\u10a0-\u10ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]/;
  }

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function setText(el, text) {
    // Only touch the live region when the text really changes, or it re-announces.
    if (el && el.textContent !== text) el.textContent = text;
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  // (a) Caps Lock and (b) keyboard layout warnings, on every password field.
  function enhancePasswordWarnings(input) {
    var caps = byId(input.id + "-capslock-hint");
    var layout = byId(input.id + "-layout-hint");
    function onKey(event) {
      if (!event.getModifierState) return;
      setText(caps, event.getModifierState("CapsLock") ? input.dataset.capslock || "" : "");
    }
    input.addEventListener("keydown", onKey);
    input.addEventListener("keyup", onKey);
    input.addEventListener("input", function () {
      // The password is accepted exactly as typed; this is only a hint.
      setText(layout, NON_LATIN.test(input.value) ? input.dataset.layout || "" : "");
    });
    input.addEventListener("blur", function () { setText(caps, ""); });
  }

  // (f) Show/hide toggle. The button keeps one label; aria-pressed carries the state.
  function enhanceReveal(button) {
    var input = byId(button.getAttribute("data-reveal"));
    if (!input) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var show = input.type === "password";
      input.type = show ? "text" : "password";
      button.setAttribute("aria-pressed", show ? "true" : "false");
    });
    // A shown password must not be submitted as a text field the browser remembers.
    if (input.form) {
      input.form.addEventListener("submit", function () {
        input.type = "password";
        button.setAttribute("aria-pressed", "false");
      });
    }
  }

  // (c) Live strength meter on new-password fields.
  function enhanceStrength(input) {
    var box = byId(input.getAttribute("data-strength"));
    if (!box || !window.fetch) return;
    var meter = box.querySelector("meter");
    var label = box.querySelector(".strength-label");
    var list = box.querySelector(".strength-problems");
    var form = input.form;
    var seq = 0;
    var LEVEL = { weak: 1, medium: 2, strong: 3 };

    function otherInputs() {
      var out = [];
      ["identifier", "name"].forEach(function (name) {
        var el = form && form.elements.namedItem(name);
        if (el && el.value) out.push(el.value);
      });
      // Pages of a signed-in account name its addresses and name here (a JSON array).
      var known = form && form.getAttribute("data-user-inputs");
      if (known) {
        try {
          JSON.parse(known).forEach(function (v) { if (typeof v === "string" && v) out.push(v); });
        } catch (e) { /* the server checks again on submit */ }
      }
      return out;
    }

    function render(result) {
      var level = LEVEL[result.strength] || 0;
      if (meter) meter.value = level;
      box.setAttribute("data-level", result.strength || "");
      setText(label, box.getAttribute("data-label-" + result.strength) || "");
      while (list.firstChild) list.removeChild(list.firstChild);
      (result.problems || []).forEach(function (p) {
        var text = box.getAttribute("data-problem-" + p.code);
        if (!text) return;
        var li = document.createElement("li");
        li.textContent = text;
        list.appendChild(li);
      });
    }

    var check = debounce(function () {
      var password = input.value;
      var mine = ++seq;
      if (!password) {
        box.hidden = true;
        return;
      }
      fetch(box.getAttribute("data-endpoint") || "/api/password/check", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "Accept": "application/json" },
        body: JSON.stringify({ password: password, inputs: otherInputs() })
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (result) {
          // Answers can arrive out of order; only the latest keystroke counts.
          if (!result || mine !== seq || !input.value) return;
          box.hidden = false;
          render(result);
        })
        .catch(function () { /* the server checks again on submit */ });
    }, 350);

    input.addEventListener("input", check);
  }

  // (d) Confirmation mismatch hint.
  function enhanceConfirm(confirm) {
    var original = byId(confirm.getAttribute("data-confirm-of"));
    var hint = byId(confirm.id + "-mismatch-hint");
    if (!original || !hint) return;
    function update(final) {
      var a = original.value;
      var b = confirm.value;
      // While typing, only complain once the confirmation can no longer become equal.
      var wrong = b !== "" && (final ? a !== b : a.slice(0, b.length) !== b);
      setText(hint, wrong ? confirm.getAttribute("data-mismatch") || "" : "");
    }
    confirm.addEventListener("input", function () { update(false); });
    confirm.addEventListener("blur", function () { update(true); });
    original.addEventListener("input", function () { if (confirm.value) update(true); });
  }

  // (e) Resend countdown. The button works without JS (the server answers "too soon").
  function enhanceCountdown(el) {
    var seconds = parseInt(el.getAttribute("data-seconds") || "0", 10);
    var template = el.getAttribute("data-template");
    var ready = el.getAttribute("data-ready");
    var form = el.closest("form");
    var button = form && form.querySelector("[data-resend-button]");
    if (!template || !(seconds > 0)) return;
    var deadline = Date.now() + seconds * 1000;
    var waiting = true;
    // aria-disabled rather than disabled: the button stays focusable and findable.
    if (button) button.setAttribute("aria-disabled", "true");
    if (form) {
      form.addEventListener("submit", function (event) {
        if (waiting) event.preventDefault();
      });
    }
    // Ticking numbers are not announced; the "ready" text is, once the wait is over.
    el.setAttribute("aria-live", "off");
    var timer = setInterval(function () {
      var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      if (left > 0) {
        setText(el, template.replace("{seconds}", String(left)));
        return;
      }
      clearInterval(timer);
      waiting = false;
      if (button) button.removeAttribute("aria-disabled");
      el.setAttribute("aria-live", "polite");
      // A region must be live before its text changes for screen readers to speak it.
      setTimeout(function () { setText(el, ready || ""); }, 100);
    }, 1000);
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function init() {
    each("input[data-password]", enhancePasswordWarnings);
    each("button[data-reveal]", enhanceReveal);
    each("input[data-strength]", enhanceStrength);
    each("input[data-confirm-of]", enhanceConfirm);
    each("[data-seconds][data-template]", enhanceCountdown);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
