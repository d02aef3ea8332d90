// Latchkey passkeys (WebAuthn): progressive enhancement. The pages render every passkey
// control `hidden`; this script shows them only where the browser has WebAuthn. It has no
// strings of its own: texts come from data-* attributes (data-error-text) or the server's
// JSON error messages. No inline script, so it works under CSP script-src 'self'.
//
//   [data-passkey-signin]     /login: button sign-in + conditional UI (autofill)
//   [data-passkey-mfa]        /login/mfa: passkey as the second factor
//   form[data-passkey-register] /settings/security: enrol a new passkey
//
// Options from the server are {"publicKey": <Level 3 options JSON>}; what goes back is
// credential.toJSON(). Browsers without the JSON helpers get the same by hand (base64url).
(function () {
  "use strict";

  var PKC = window.PublicKeyCredential;
  if (!PKC || !navigator.credentials || !window.fetch) return;

  // ---- base64url <-> bytes (only for browsers without the Level 3 JSON helpers) ----

  function fromB64url(s) {
    var b64 = s.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) b64 += "=";
    var bin = atob(b64);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out.buffer;
  }

  function toB64url(buf) {
    var bytes = ArrayBuffer.isView(buf)
      ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
      : new Uint8Array(buf);
    var bin = "";
    for (var i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (d) { return Object.assign({}, d, { id: fromB64url(d.id) }); });
  }

  function creationOptions(json) {
    if (typeof PKC.parseCreationOptionsFromJSON === "function") return PKC.parseCreationOptionsFromJSON(json);
    return Object.assign({}, json, {
      challenge: fromB64url(json.challenge),
      user: Object.assign({}, json.user, { id: fromB64url(json.user.id) }),
      excludeCredentials: descriptors(json.excludeCredentials)
    });
  }

  function requestOptions(json) {
    if (typeof PKC.parseRequestOptionsFromJSON === "function") return PKC.parseRequestOptionsFromJSON(json);
    return Object.assign({}, json, {
      challenge: fromB64url(json.challenge),
      allowCredentials: descriptors(json.allowCredentials)
    });
  }

  // What PublicKeyCredential.toJSON() returns (RegistrationResponseJSON / AuthenticationResponseJSON).
  function credentialJSON(cred) {
    if (typeof cred.toJSON === "function") return cred.toJSON();
    var r = cred.response;
    var response = { clientDataJSON: toB64url(r.clientDataJSON) };
    if (r.attestationObject) {
      response.attestationObject = toB64url(r.attestationObject);
      response.transports = typeof r.getTransports === "function" ? r.getTransports() : [];
    } else {
      response.authenticatorData = toB64url(r.authenticatorData);
      response.signature = toB64url(r.signature);
      if (r.userHandle) response.userHandle = toB64url(r.userHandle);
    }
    return {
      id: cred.id,
      rawId: toB64url(cred.rawId),
      type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || null,
      response: response,
      clientExtensionResults:
        typeof cred.getClientExtensionResults === "function" ? cred.getClientExtensionResults() : {}
    };
  }

  // ---- server calls ----

  // POST JSON; resolves to the parsed answer on 2xx, rejects with {status, data} otherwise.
  function post(el, url, body) {
    var headers = { "Content-Type": "application/json", "Accept": "application/json" };
    if (el.dataset.csrf) headers["X-CSRF-Token"] = el.dataset.csrf;
    var init = { method: "POST", credentials: "same-origin", headers: headers, body: JSON.stringify(body) };
    return fetch(url, init).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (data) {
        if (!r.ok) throw { status: r.status, data: data };
        return { status: r.status, data: data || {} };
      });
    });
  }

  // Only a local path is a place to go after sign-in.
  function localPath(path, fallback) {
    return path && path.charAt(0) === "/" && path.charAt(1) !== "/" && path.charAt(1) !== "\\"
      ? path : fallback;
  }

  function clearError(el) {
    var box = el.querySelector("[data-passkey-error]");
    if (box) box.textContent = "";
  }

  // A 4xx JSON answer speaks for itself; anything else gets the page's generic text.
  function showError(el, err) {
    var box = el.querySelector("[data-passkey-error]");
    if (!box) return;
    var text = el.dataset.errorText || "";
    if (err && err.status >= 400 && err.status < 500 && err.data && err.data.error &&
        err.data.error.message) {
      text = err.data.error.message;
    }
    box.hidden = false;
    box.textContent = text;
  }

  // navigator.credentials.get() with the request options of an options answer.
  function getCredential(res, extra) {
    var publicKey = requestOptions(res.data.options.publicKey);
    return navigator.credentials.get(Object.assign({ publicKey: publicKey }, extra));
  }

  function isCancel(err) {
    return err && (err.name === "NotAllowedError" || err.name === "AbortError");
  }

  // ---- 1. sign-in (/login) ----

  function enhanceSignin(el) {
    var button = el.querySelector("button[data-passkey-button]");
    var conditional = null; // { controller, settled } of the pending autofill ceremony
    var busy = false;
    el.hidden = false;

    function finish(challengeId, cred) {
      var body = { challenge_id: challengeId, credential: credentialJSON(cred) };
      return post(el, "/api/sessions/passkey", body).then(function (res) {
        if (res.status === 200 && res.data.mfa_required) {
          location.assign("/login/mfa"); // a passkey is two factors: should not happen
        } else {
          location.assign(localPath(el.dataset.returnTo, "/settings"));
        }
      });
    }

    // Abort the autofill ceremony and wait until the browser has let go of it.
    function stopConditional() {
      if (!conditional) return Promise.resolve();
      var c = conditional;
      conditional = null;
      c.controller.abort();
      return c.settled;
    }

    function startConditional() {
      if (busy || conditional || !document.querySelector('input[autocomplete~="webauthn"]')) return;
      var controller = new AbortController();
      var c = { controller: controller, settled: null };
      conditional = c;
      c.settled = post(el, "/api/sessions/passkey/options", {}).then(function (res) {
        if (controller.signal.aborted) return;
        var extra = { mediation: "conditional", signal: controller.signal };
        return getCredential(res, extra).then(function (cred) {
          if (conditional === c) conditional = null;
          clearError(el);
          return finish(res.data.challenge_id, cred).catch(function (err) {
            showError(el, err);
            startConditional(); // a fresh challenge for the next try
          });
        });
      }).catch(function (err) {
        if (conditional === c) conditional = null;
        // Cancelled or aborted: silent. Options that could not be fetched: the button remains.
        if (!isCancel(err) && err && err.status) showError(el, err);
      });
    }

    if (button) {
      button.addEventListener("click", function () {
        if (busy) return;
        busy = true;
        button.disabled = true;
        clearError(el);
        stopConditional()
          .then(function () { return post(el, "/api/sessions/passkey/options", {}); })
          .then(function (res) {
            return getCredential(res).then(function (cred) { return finish(res.data.challenge_id, cred); });
          })
          .catch(function (err) {
            if (!(err && err.name === "AbortError")) showError(el, err);
            busy = false;
            button.disabled = false;
            startConditional(); // autofill offers passkeys again
          });
      });
    }

    if (typeof PKC.isConditionalMediationAvailable === "function") {
      PKC.isConditionalMediationAvailable().then(function (ok) {
        if (ok) startConditional();
      }).catch(function () { /* the button still works */ });
    }
  }

  // ---- 2. second factor (/login/mfa) ----

  function enhanceMfa(el) {
    var button = el.querySelector("button[data-passkey-button]");
    if (!button) return;
    el.hidden = false;
    button.addEventListener("click", function () {
      var ticket = el.dataset.ticket;
      button.disabled = true;
      clearError(el);
      post(el, "/api/sessions/passkey/options", { mfa_ticket: ticket })
        .then(function (res) { return getCredential(res); })
        .then(function (cred) {
          var remember = document.getElementById("remember_device");
          return post(el, "/api/sessions/mfa", {
            mfa_ticket: ticket,
            method: "passkey",
            credential: credentialJSON(cred),
            remember_device: !!(remember && remember.checked)
          });
        })
        .then(function () { location.assign(localPath(el.dataset.returnTo, "/settings")); })
        .catch(function (err) {
          showError(el, err);
          button.disabled = false;
        });
    });
  }

  // ---- 3. enrol (/settings/security) ----

  function enhanceRegister(form) {
    var submit = form.querySelector('button[type="submit"], button:not([type]), input[type="submit"]');
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (submit && submit.disabled) return;
      var nameInput = form.querySelector("input[name=name]");
      var name = nameInput ? nameInput.value.trim() : "";
      if (submit) submit.disabled = true;
      clearError(form);
      post(form, "/api/account/passkeys/options", name ? { name: name } : {})
        .then(function (res) {
          return navigator.credentials.create({
            publicKey: creationOptions(res.data.options.publicKey)
          }).then(function (cred) {
            return post(form, "/api/account/passkeys", {
              registration_id: res.data.registration_id,
              credential: credentialJSON(cred)
            });
          });
        })
        .then(function () { location.reload(); })
        .catch(function (err) {
          // Only a change that needs a fresh sign-in goes to re-authenticate; another 403
          // (csrf_failed: the page was open too long) says why on the page.
          if (err && err.status === 403 && err.data && err.data.error &&
              err.data.error.code === "reauthentication_required") {
            location.assign("/settings/reauthenticate?return_to=/settings/security");
            return;
          }
          showError(form, err);
          if (submit) submit.disabled = false;
        });
    });
  }

  function each(selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  }

  function init() {
    each("[data-passkey-nojs]", function (el) { el.hidden = true; });
    each("[data-passkey-signin]", enhanceSignin);
    each("[data-passkey-mfa]", enhanceMfa);
    each("form[data-passkey-register]", enhanceRegister);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
