// A real OpenID provider (the certified `oidc-provider` package) for chat_ui's sign-in tests.
// Started by tests/support/oidc_op.py on a free 127.0.0.1 port: one confidential client that
// must use PKCE, a few people, the dev login form ("Sign-in": any password), no consent screen.
// Test-only switches under /__test/ (never in a real provider): the authorization code's lifetime,
// and serving keys that do not match the ones it signs with.
import Provider from 'oidc-provider';
import { generateKeyPairSync } from 'node:crypto';

const PORT = Number(process.env.OP_PORT ?? 4011);
const ISSUER = `http://127.0.0.1:${PORT}`;
const REDIRECTS = (process.env.OP_REDIRECT_URIS ?? '').split(',').filter(Boolean);
const LOGOUTS = (process.env.OP_POST_LOGOUT_URIS ?? '').split(',').filter(Boolean);

const ACCOUNTS = {
  alice: { email: 'alice@example.test', email_verified: true, name: 'Alice Admin', groups: ['chat-admins', 'staff'] },
  bob: { email: 'bob@example.test', email_verified: true, name: 'Bob Builder', groups: ['staff'] },
  carol: { email: 'carol@example.test', email_verified: true, name: 'Carol Chen', groups: [] },
};

const jwk = (key) => ({ ...key.export({ format: 'jwk' }), kid: 'signing-1', use: 'sig', alg: 'RS256' });
const signing = jwk(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
const { d, p, q, dp, dq, qi, ...signingPublic } = signing; // eslint-disable-line no-unused-vars
const other = jwk(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
const { d: d2, p: p2, q: q2, dp: dp2, dq: dq2, qi: qi2, ...otherPublic } = other; // eslint-disable-line no-unused-vars

let codeTtl = 60;
let wrongKeys = false;

const provider = new Provider(ISSUER, {
  clients: [{
    client_id: 'chat-app',
    client_secret: 'chat-app-secret',
    redirect_uris: REDIRECTS,
    post_logout_redirect_uris: LOGOUTS,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [signing] },
  cookies: { keys: ['test-only-cookie-key'] },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  ttl: { AuthorizationCode: () => codeTtl },
  features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
  async findAccount(ctx, id) {
    const a = ACCOUNTS[id];
    return a && { accountId: id, async claims() { return { sub: id, ...a }; } };
  },
  async loadExistingGrant(ctx) {
    const id = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (id) return ctx.oidc.provider.Grant.find(id);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile groups');
    grant.addOIDCClaims(['email', 'email_verified', 'name', 'groups']);
    await grant.save();
    return grant;
  },
});

provider.use(async (ctx, next) => {
  if (ctx.path === '/__test/code-ttl') {
    codeTtl = Number(ctx.query.s ?? 60);
    ctx.body = { codeTtl };
    return;
  }
  if (ctx.path === '/__test/wrong-keys') {
    wrongKeys = ctx.query.on === '1';
    ctx.body = { wrongKeys };
    return;
  }
  if (ctx.path === '/jwks' && wrongKeys) {
    ctx.body = { keys: [{ ...otherPublic }] };
    return;
  }
  await next();
});

provider.listen(PORT, '127.0.0.1', () => console.log(`OP ready at ${ISSUER}`));
void signingPublic;
