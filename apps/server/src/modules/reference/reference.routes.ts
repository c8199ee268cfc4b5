import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  AtecoList,
  AtecoQuery,
  OccupationDetail,
  OccupationDetailQuery,
  OccupationList,
  OccupationParams,
  OccupationQuery,
  Place,
  PlaceCodeParams,
  PlaceList,
  PlacesQuery,
  ProfessionList,
  ProfessionQuery,
  ProvinceGeo,
  ProvinceGeoQuery,
  SkillList,
  SkillQuery,
} from '@trama/contracts';
import { requireActor, typed, type AppDeps } from '../../platform/http';
import { provinceGeo } from './reference.geo';
import * as uc from './reference.usecases';

const tags = ['reference'];

/** Look-ups over the shipped code lists: any signed-in user, 401 otherwise. */
export function referenceRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = typed(app);
  const { db } = deps.database;

  r.get(
    '/api/reference/places',
    {
      schema: {
        tags,
        summary: 'Municipalities, provinces or regions (ISTAT), type-ahead by name or code',
        querystring: PlacesQuery,
        response: { 200: PlaceList },
      },
    },
    async (req) => {
      requireActor(req);
      return uc.searchPlaces(db, req.query);
    },
  );

  r.get(
    '/api/reference/places/:code',
    {
      schema: {
        tags,
        summary: 'One municipality (6 digits), province (3-digit UTS code) or region (2 digits)',
        params: PlaceCodeParams,
        response: { 200: Place },
      },
    },
    async (req) => {
      requireActor(req);
      return uc.getPlace(db, req.params.code);
    },
  );

  r.get(
    '/api/reference/ateco',
    {
      schema: {
        tags,
        summary: 'ATECO 2025 or 2007 codes, with their official correspondences to the other version',
        querystring: AtecoQuery,
        response: { 200: AtecoList },
      },
    },
    async (req) => {
      requireActor(req);
      return uc.searchAteco(db, req.query);
    },
  );

  r.get(
    '/api/reference/occupations',
    {
      schema: {
        tags,
        summary: 'ESCO occupations (Italian labels first, English fallback)',
        querystring: OccupationQuery,
        response: { 200: OccupationList },
      },
    },
    async (req) => {
      requireActor(req);
      return uc.searchOccupations(db, req.query);
    },
  );

  r.get(
    '/api/reference/occupations/:id',
    {
      schema: {
        tags,
        summary: 'One ESCO occupation with its essential and optional skills and its ISCO group',
        params: OccupationParams,
        querystring: OccupationDetailQuery,
        response: { 200: OccupationDetail },
      },
    },
    async (req) => {
      requireActor(req);
      return uc.getOccupation(db, req.params.id, req.query.lang);
    },
  );

  r.get(
    '/api/reference/skills',
    {
      schema: {
        tags,
        summary: 'ESCO skills and knowledge concepts',
        querystring: SkillQuery,
        response: { 200: SkillList },
      },
    },
    async (req) => {
      requireActor(req);
      return uc.searchSkills(db, req.query);
    },
  );

  r.get(
    '/api/reference/professions',
    {
      schema: {
        tags,
        summary: 'ISTAT CP2021 professions (classificazione delle professioni)',
        querystring: ProfessionQuery,
        response: { 200: ProfessionList },
      },
    },
    async (req) => {
      requireActor(req);
      return uc.searchProfessions(db, req.query);
    },
  );

  r.get(
    '/api/reference/geo/provinces',
    {
      schema: {
        tags: ['reference'],
        summary:
          'Province boundaries as GeoJSON (simplified openpolis/ISTAT, CC BY 4.0), for the choropleth maps; cacheable (ETag)',
        querystring: ProvinceGeoQuery,
        response: { 200: ProvinceGeo, 304: z.null().describe('Not modified (If-None-Match)') },
      },
    },
    async (req, reply) => {
      requireActor(req);
      const geo = provinceGeo(req.query.region ?? null);
      void reply.header('etag', geo.etag).header('cache-control', 'private, max-age=86400, must-revalidate');
      if (req.headers['if-none-match'] === geo.etag) return reply.code(304).send(null);
      // Pre-serialised once per region: sent as is (Fastify does not re-serialise a string body).
      return reply.type('application/json; charset=utf-8').send(geo.body as never);
    },
  );
}
