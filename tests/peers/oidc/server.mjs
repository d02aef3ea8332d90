// The OpenID provider Latchkey's social sign-in tests talk to: oidc-provider (a certified
// implementation), on 127.0.0.1 and a free port. It prints one line,
// `LISTENING http://127.0.0.1:<port>`, once it answers; the issuer is that URL.
//
// Config: a JSON argument, else the OIDC_PEER_CONFIG environment variable:
//   {"clients": [{"client_id", "client_secret", "token_endpoint_auth_method"?}],
//    "accounts": {"<login>": {"email", "email_verified", "name"?, "string_booleans"?}}}
// An unknown login is `<login>@example.test`, verified. This is a TEST PEER: it accepts
// any loopback redirect URI of Latchkey's callback shape (see below), which a real
// provider must never do.
import http from 'node:http';
import Provider from 'oidc-provider';

const raw = process.argv[2] ?? process.env.OIDC_PEER_CONFIG ?? '{}';
const config = JSON.parse(raw);
const clients = (config.clients?.length ? config.clients : [
  { client_id: 'latchkey-test', client_secret: 'test-secret' },
]).map((c) => ({
  client_id: c.client_id,
  client_secret: c.client_secret,
  token_endpoint_auth_method: c.token_endpoint_auth_method ?? 'client_secret_basic',
  // Registered for the schema; the check itself is replaced below.
  redirect_uris: ['http://127.0.0.1/auth/peer/callback'],
  grant_types: ['authorization_code'],
  response_types: ['code'],
}));
const accounts = config.accounts ?? {};

// Latchkey's test server picks its port after the peer starts: any port, loopback only.
const CALLBACK = /^http:\/\/(127\.0\.0\.1|localhost):\d{1,5}\/auth\/[a-z0-9_-]{1,32}\/callback$/;

function claimsOf(login) {
  const a = accounts[login] ?? { email: `${login}@example.test`, email_verified: true };
  const verified = a.email_verified ?? true;
  const claims = {
    sub: login,
    email: a.email ?? `${login}@example.test`,
    email_verified: a.string_booleans ? String(verified) : verified,
  };
  if (a.name != null) claims.name = a.name;
  return claims;
}

const server = http.createServer();
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const issuer = `http://127.0.0.1:${port}`;
  const provider = new Provider(issuer, {
    clients,
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => claimsOf(id),
    }),
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // The email claims go into the ID token too, as Google's and Apple's do.
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
    },
    pkce: { required: () => true },
    issueRefreshToken: async () => false,
    // Fixed cookie keys: a test peer, nothing to protect.
    cookies: { keys: ['latchkey-oidc-peer-test-key'] },
  });
  // The test peer's one patch: the redirect URI check (see CALLBACK).
  provider.Client.prototype.redirectUriAllowed = (uri) => CALLBACK.test(uri);
  // Quiet: a failed check is the tests' business, not a stack trace on stderr.
  provider.on('server_error', (_ctx, err) => console.error('server_error', err.message));
  server.on('request', provider.callback());
  console.log(`LISTENING ${issuer}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
