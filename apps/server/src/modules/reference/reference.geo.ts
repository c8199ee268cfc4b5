import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REFERENCE_DATA_DIR } from './reference.sources';

/** The shipped boundaries (apps/server/reference-data/geo, see its README for provenance and licence). */
const GEO_FILE = path.join(REFERENCE_DATA_DIR, 'geo/province_italia_simplified.geojson');
const ATTRIBUTION = 'Confini: openpolis (geojson-italy), su dati Istat, CC BY 4.0';

type Feature = { type: 'Feature'; properties: Record<string, unknown>; geometry: unknown };
let all: Feature[] | null = null;
const cache = new Map<string, { body: string; etag: string }>();

/**
 * The provinces of one region (or of Italy), serialised once and kept with a strong ETag derived from the
 * content: the file is part of the release, so it changes only with a deployment.
 */
export function provinceGeo(region: string | null): { body: string; etag: string } {
  const key = region ?? 'all';
  const hit = cache.get(key);
  if (hit) return hit;
  all ??= (JSON.parse(fs.readFileSync(GEO_FILE, 'utf8')) as { features: Feature[] }).features;
  const features = all
    .filter((f) => region === null || f.properties.reg_istat_code === region)
    .map((f) => ({
      type: 'Feature' as const,
      properties: {
        prov_name: f.properties.prov_name,
        prov_acr: f.properties.prov_acr,
        prov_istat_code: f.properties.prov_istat_code,
        reg_istat_code: f.properties.reg_istat_code,
      },
      geometry: f.geometry,
    }));
  const body = JSON.stringify({ type: 'FeatureCollection', features, attribution: ATTRIBUTION });
  const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const out = { body, etag };
  cache.set(key, out);
  return out;
}
