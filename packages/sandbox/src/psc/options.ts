/** The sandbox PSC's names, options and what a running one gives (see ./server.ts). */
import type { PscEnvironment } from '@authforte/core/psc';
import type { JWK } from 'jose';
import type Provider from 'oidc-provider';
import type { ClientMetadata } from 'oidc-provider';
import type { RunningService } from '../services.js';
import type { SandboxProfessional } from './professionals.js';

export const SANDBOX_PSC_REALM_PATH = '/auth/realms/esante-wallet';
export const SANDBOX_PUBLIC_CLIENT_ID = 'authforte-sandbox-public';
export const SANDBOX_CONFIDENTIAL_CLIENT_ID = 'authforte-sandbox-confidential';
export const SANDBOX_CONFIDENTIAL_CLIENT_SECRET = 'authforte-sandbox-secret-not-for-production';

export interface SandboxPscOptions {
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Port of the issuer ("auth" host); 0 = any free port. */
  port?: number;
  /** Port of the wallet host (authorization page, simulated phone); 0 = any free port. */
  walletPort?: number;
  /** Seconds a person has to approve on the phone (redirect flow and CIBA). Default 120. */
  approvalTtlSeconds?: number;
  /** Access-token lifetime in seconds. Default 120, as PSC. */
  accessTokenTtlSeconds?: number;
  /**
   * The `acr` the sandbox puts in ID tokens, whatever the means. Default: `eidas1` for the e-CPS, `eidas2` for a
   * CPS card (real PSC does so: `ansforge/keycloak-prosanteconnect` issue #43); tests set lower or other values
   * (`eidas3` is seen in a BAS capture, `erickriegel/esignsante-fse-psc` PSC200_activetrue_*.json).
   */
  acr?: string;
  professionals?: readonly SandboxProfessional[];
  /** The confidential client (secret auth). */
  confidentialClient?: { clientId?: string; clientSecret?: string };
  /** More clients (e.g. one with `private_key_jwt` and its `jwks`). Any loopback redirect URI is accepted. */
  extraClients?: ClientMetadata[];
  /** Private signing keys (JWK) to use instead of fresh RSA and EC P-256 keys (two sandboxes can then share keys). */
  signingKeys?: JWK[];
  /**
   * Starts an mTLS port (Node https, `requestCert`) for `tls_client_auth`, with a server certificate issued by the
   * sandbox's test CA, and registers a client authenticated by its certificate. `port`: 0 = any free port.
   */
  mtls?: { port?: number; clientId?: string };
}

export interface RunningSandboxMtls {
  /** Origin of the mTLS port (`https://127.0.0.1:<port>`). */
  origin: string;
  /** The test CA that issued the server and client certificates (PEM): trust it for the server certificate. */
  caPem: string;
  /** The client registered with `tls_client_auth` and the certificate it must present. */
  clientId: string;
  clientCertificate: { cert: string; key: string };
}

export interface RunningSandboxPsc extends RunningService {
  issuer: string;
  /** Origin of the wallet host. */
  walletUrl: string;
  /** PSC's discovery document (`.well-known/wallet-openid-configuration`). */
  discoveryUrl: string;
  /** Ready for `PscBrowserClient` / `createPscClient`: plain http allowed (loopback only). */
  environment: PscEnvironment;
  publicClientId: string;
  confidentialClient: { clientId: string; clientSecret: string };
  professionals: readonly SandboxProfessional[];
  /** The simulated phone of a professional. */
  phoneUrl(nationalId: string): string;
  provider: Provider;
  /** With `options.mtls`: the mTLS port, its CA and the client certificate. */
  mtls?: RunningSandboxMtls;
}
