import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AcceptInvitationInput,
  Invitation,
  InvitationInput,
  LoginInput,
  Me,
  PasswordChangeInput,
  SwitchMembershipInput,
} from '@trama/contracts';
import {
  clearSessionCookie,
  ctxOf,
  requireActor,
  setSessionCookie,
  typed,
  type AppDeps,
} from '../../platform/http';
import * as uc from './identity.usecases';

export function identityRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;
  const maxAge = uc.SESSION_TTL_HOURS * 3600;

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password',
        security: [],
        body: LoginInput,
        response: { 200: Me },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, me } = await uc.login(db, ctxOf(req), req.body, req.headers['user-agent'] ?? null);
      setSessionCookie(reply, req, token, maxAge);
      return me;
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out (ends this session)',
        security: [],
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await uc.logout(db, ctxOf(req));
      clearSessionCookie(reply);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user and their roles', response: { 200: Me } } },
    async (req) => uc.getMe(db, requireActor(req).actor),
  );

  r.post(
    '/api/auth/membership',
    {
      schema: {
        tags: ['auth'],
        summary: 'Act for another of my organisations/roles',
        body: SwitchMembershipInput,
        response: { 200: Me },
      },
    },
    async (req) => uc.switchMembership(db, requireActor(req), req.body.membershipId),
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my password',
        body: PasswordChangeInput,
        response: { 204: z.null() },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      await uc.changePassword(db, requireActor(req), req.body);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/invitations',
    {
      schema: {
        tags: ['auth'],
        summary: 'Invite a user into an organisation with a role',
        body: InvitationInput,
        response: { 201: Invitation },
      },
    },
    async (req, reply) => {
      const { invitation, token } = await uc.inviteUser(db, requireActor(req), req.body);
      const base = deps.config.publicUrl ?? `${req.protocol}://${req.host}`;
      return reply.code(201).send({
        id: invitation.id,
        email: invitation.email,
        role: invitation.role,
        organizationId: invitation.organizationId,
        expiresAt: invitation.expiresAt.toISOString(),
        acceptUrl: `${base}/invitation?token=${token}`,
      });
    },
  );

  r.post(
    '/api/auth/invitations/accept',
    {
      schema: {
        tags: ['auth'],
        summary: 'Accept an invitation, set a password and sign in',
        security: [],
        body: AcceptInvitationInput,
        response: { 200: Me },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const { token, me } = await uc.acceptInvitation(
        db,
        ctxOf(req),
        req.body,
        req.headers['user-agent'] ?? null,
      );
      setSessionCookie(reply, req, token, maxAge);
      return me;
    },
  );
}
