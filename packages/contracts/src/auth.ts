import { z } from 'zod';
import { LIMITS, Uuid } from './common';
import { OrganizationType } from './organizations';
import { Role } from './roles';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

export const LoginInput = z.object({
  email: z.email().max(LIMITS.email),
  password: z.string().min(1).max(PASSWORD_MAX),
});

export const NewPassword = z
  .string()
  .min(PASSWORD_MIN, { message: 'password_too_short' })
  .max(PASSWORD_MAX)
  .describe(`At least ${PASSWORD_MIN} characters`);

export const PasswordChangeInput = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX),
  newPassword: NewPassword,
});

export const Membership = z.object({
  id: Uuid,
  role: Role,
  organizationId: Uuid.nullable(),
  organizationName: z.string().nullable(),
  organizationType: OrganizationType.nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const Me = z
  .object({
    user: z.object({ id: Uuid, email: z.string(), displayName: z.string(), locale: z.enum(['it', 'en']) }),
    activeMembership: Membership,
    memberships: z.array(Membership),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const SwitchMembershipInput = z.object({ membershipId: Uuid });

export const InvitationInput = z.object({
  email: z.email().max(LIMITS.email),
  displayName: z.string().trim().min(2).max(LIMITS.name),
  role: Role,
  organizationId: Uuid.nullable(),
});

export const Invitation = z.object({
  id: Uuid,
  email: z.string(),
  role: Role,
  organizationId: Uuid.nullable(),
  expiresAt: z.string(),
  acceptUrl: z.string().describe('One-time link to send to the invitee; shown only once'),
});

export const AcceptInvitationInput = z.object({
  token: z.string().min(20).max(200),
  password: NewPassword,
});

/** Whether the login page offers "Entra con <label>" (OpenID Connect: SPID/CIE gateways). */
export const OidcPublicConfig = z
  .object({
    enabled: z.boolean(),
    label: z.string().describe('Name of the identity provider, shown as "Entra con <label>"'),
  })
  .meta({ id: 'OidcPublicConfig' });
export type OidcPublicConfig = z.infer<typeof OidcPublicConfig>;

/** Codes the OpenID Connect callback sends back in `/login?error=<code>`. */
export const OIDC_LOGIN_ERRORS = ['oidc_unknown_user', 'oidc_failed', 'oidc_disabled'] as const;
