// A real OpenID Connect provider (the npm package oidc-provider) on loopback, for the staff sign-in tests.
// Usage: node provider.mjs <port> <redirect uri>. Prints "ready" when it listens. One confidential client
// (marrowbot / test-secret), authorization code with PKCE. Who signs in is whoever POST /test/user last named
// (no login form: the tests are about the bot's side of the flow); each user's "roles" claim is below.
import http from 'node:http';
import Provider from 'oidc-provider';

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;
const users = {
  'erin.editor': { roles: ['marrow-editors'], email: 'erin@example.org' },
  'otto.outsider': { roles: ['finance'], email: 'otto@example.org' },
};
let current = 'erin.editor';

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'marrowbot',
    client_secret: 'test-secret-for-loopback-only',
    redirect_uris: [redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: { openid: ['sub'], profile: ['preferred_username', 'roles'], email: ['email'] },
  conformIdTokenClaims: false,
  findAccount: (ctx, id) => ({
    accountId: id,
    claims: () => ({ sub: id, preferred_username: id, ...users[id] }),
  }),
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  pkce: { required: () => true },
});
provider.proxy = false;

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url.startsWith('/test/user?name=')) {
      current = decodeURIComponent(req.url.split('=')[1]);
      res.writeHead(204).end();
      return;
    }

    if (req.method === 'GET' && req.url.startsWith('/interaction/')) {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: current } }, { mergeWithLastSubmission: false });
        return;
      }

      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }

    provider.callback()(req, res);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});

server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
