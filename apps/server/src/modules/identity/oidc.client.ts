import * as oidc from 'openid-client';
import type { OidcConfig } from '../../platform/config';

/** What a successful code exchange yields: the verified ID token claims merged with UserInfo. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
}

export interface OidcAuthorizationRequest {
  url: URL;
  state: string;
  codeVerifier: string;
  nonce: string;
}

/** The provider as Trama sees it; openid-client stays behind this seam. */
export interface OidcClient {
  startLogin(redirectUri: string): Promise<OidcAuthorizationRequest>;
  finishLogin(
    callbackUrl: URL,
    expected: { state: string; codeVerifier: string; nonce: string },
  ): Promise<OidcIdentity>;
}

const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * One client per app. Discovery is lazy (the server starts even when the provider is down) and
 * cached; a failed discovery is retried on the next login instead of being cached.
 */
export function createOidcClient(cfg: OidcConfig): OidcClient {
  let configuration: Promise<oidc.Configuration> | undefined;

  const discover = () => {
    configuration ??= (async () => {
      const execute = cfg.allowInsecure ? [oidc.allowInsecureRequests] : [];
      const server = new URL(cfg.issuer);
      const options = { execute, timeout: DISCOVERY_TIMEOUT_SECONDS };
      if (!cfg.clientSecret) return oidc.discovery(server, cfg.clientId, undefined, oidc.None(), options);
      const found = await oidc.discovery(server, cfg.clientId, cfg.clientSecret, undefined, options);
      // client_secret_basic is the OpenID Connect default; use POST only when the provider asks for it.
      const methods = found.serverMetadata().token_endpoint_auth_methods_supported;
      const auth =
        methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
          ? oidc.ClientSecretPost(cfg.clientSecret)
          : oidc.ClientSecretBasic(cfg.clientSecret);
      const c = new oidc.Configuration(found.serverMetadata(), cfg.clientId, cfg.clientSecret, auth);
      for (const fn of execute) fn(c);
      c.timeout = DISCOVERY_TIMEOUT_SECONDS;
      return c;
    })();
    configuration.catch(() => {
      configuration = undefined;
    });
    return configuration;
  };

  return {
    async startLogin(redirectUri) {
      const c = await discover();
      const codeVerifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(c, {
        redirect_uri: redirectUri,
        scope: cfg.scopes,
        response_type: 'code',
        code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url, state, codeVerifier, nonce };
    },

    async finishLogin(callbackUrl, expected) {
      const c = await discover();
      const tokens = await oidc.authorizationCodeGrant(c, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims()!;
      let claims: Record<string, unknown> = { ...idToken };
      // Many providers (and SPID/CIE gateways) release attributes only at the UserInfo endpoint.
      // UserInfo fills what the ID token lacks; the signed ID token wins on conflicts.
      if (c.serverMetadata().userinfo_endpoint && tokens.access_token) {
        const info = await oidc.fetchUserInfo(c, tokens.access_token, idToken.sub);
        claims = { ...info, ...idToken };
      }
      return { issuer: idToken.iss, subject: idToken.sub, claims };
    },
  };
}
