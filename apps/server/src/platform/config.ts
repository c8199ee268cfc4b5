import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const PORT_MESSAGE = 'must be a port number between 0 and 65535';

const EnvSchema = z
  .object({
    PORT: z.coerce
      .number({ error: PORT_MESSAGE })
      .int(PORT_MESSAGE)
      .min(0, PORT_MESSAGE)
      .max(65535, PORT_MESSAGE)
      .default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    TRAMA_ADMIN_EMAIL: z.email('must be an e-mail address').optional(),
    TRAMA_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    TRAMA_DEMO: bool.optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    PUBLIC_URL: z.url('must be a URL such as https://trama.example.org').optional(),
    TRUST_PROXY: bool.default(false),
    OIDC_ISSUER: z.url('must be the issuer URL of the OpenID provider').optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_REDIRECT_URI: z.url().optional(),
    OIDC_SCOPES: z.string().default('openid email profile'),
    OIDC_ALLOW_INSECURE: bool.default(false),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.TRAMA_ADMIN_EMAIL && !env.TRAMA_ADMIN_PASSWORD)
      ctx.addIssue({
        code: 'custom',
        path: ['TRAMA_ADMIN_PASSWORD'],
        message: 'is required with TRAMA_ADMIN_EMAIL',
      });
    if (env.TRAMA_ADMIN_PASSWORD && !env.TRAMA_ADMIN_EMAIL)
      ctx.addIssue({
        code: 'custom',
        path: ['TRAMA_ADMIN_EMAIL'],
        message: 'is required with TRAMA_ADMIN_PASSWORD',
      });
    if (env.OIDC_ISSUER && !env.OIDC_CLIENT_ID)
      ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'is required with OIDC_ISSUER' });
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET)
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
  });

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  redirectUri: string | undefined;
  scopes: string;
  allowInsecure: boolean;
}

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  admin: { email: string; password: string } | undefined;
  demo: boolean;
  sessionSecret: string | undefined;
  publicUrl: string | undefined;
  trustProxy: boolean;
  oidc: OidcConfig | undefined;
  logLevel: string;
  production: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and checks the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'env'} ${i.message}`));
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    admin:
      e.TRAMA_ADMIN_EMAIL && e.TRAMA_ADMIN_PASSWORD
        ? { email: e.TRAMA_ADMIN_EMAIL, password: e.TRAMA_ADMIN_PASSWORD }
        : undefined,
    // The demo dataset is on by default on the embedded database only.
    demo: e.TRAMA_DEMO ?? !e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET,
    publicUrl: e.PUBLIC_URL,
    trustProxy: e.TRUST_PROXY,
    oidc: e.OIDC_ISSUER
      ? {
          issuer: e.OIDC_ISSUER,
          clientId: e.OIDC_CLIENT_ID!,
          clientSecret: e.OIDC_CLIENT_SECRET,
          redirectUri: e.OIDC_REDIRECT_URI,
          scopes: e.OIDC_SCOPES,
          allowInsecure: e.OIDC_ALLOW_INSECURE,
        }
      : undefined,
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
  };
}
