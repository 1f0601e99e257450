import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { inChange } from '../audit/audit';
import { AppError } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { escapeLike } from '../registry/scope';
import { type GeoCollection, saveMapFeatures } from './store';

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const geometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Point'), coordinates: position }),
  z.object({ type: z.literal('MultiPoint'), coordinates: z.array(position) }),
  z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position).min(2)) }),
  z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position).min(4)).min(1) }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(z.array(z.array(position).min(4)).min(1)).min(1),
  }),
]);
/** A GeoJSON FeatureCollection (RFC 7946) as a real region's boundary file provides it. */
export const featureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z
        .object({
          type: z.literal('Feature'),
          properties: z.record(z.string(), z.unknown()).nullable(),
          geometry,
        })
        .passthrough(),
    )
    .min(1)
    .max(200_000),
});

/** The region's map as GeoJSON; admins can replace it with a real region's boundaries. */
export async function geoRoutes(app: App) {
  const { db } = app.deps.database;

  app.get(
    '/api/geo',
    {
      config: { policy: 'facilities:read' },
      schema: { tags: ['map'], summary: "The programme's map as a GeoJSON FeatureCollection" },
    },
    async (request, reply) => {
      const { actor } = changeContext(request);
      // Facility points are limited to facilities in scope; boundaries and roads are geography.
      const rows = await db
        .selectFrom('map_features as m')
        .select(['m.kind', 'm.properties', 'm.geometry'])
        .where('m.programme_id', '=', actor.programmeId)
        .where(
          sql<SqlBool>`(m.kind <> 'facility' or exists (
            select 1 from facilities f join organisations o on o.programme_id = f.programme_id and o.id = f.organisation_id
            where f.programme_id = m.programme_id and f.id::text = m.properties->>'facilityId'
              and o.path like ${`${escapeLike(actor.scopePath)}%`}))`,
        )
        .orderBy('m.id')
        .execute();
      const collection: GeoCollection = {
        type: 'FeatureCollection',
        features: rows.map((r) => ({
          type: 'Feature',
          properties: { ...(r.properties as Record<string, unknown>), kind: r.kind },
          geometry: r.geometry as GeoCollection['features'][number]['geometry'],
        })),
      };
      return reply.header('cache-control', 'private, max-age=300').send(collection);
    },
  );

  app.put(
    '/api/geo',
    {
      config: { policy: 'organisations:write' },
      bodyLimit: app.deps.config.uploadLimitBytes,
      schema: {
        tags: ['map'],
        summary: "Replace the programme's map with a GeoJSON FeatureCollection",
        body: featureCollection,
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const body = request.body as GeoCollection;
      const polygons = body.features.filter((f) => f.geometry.type.endsWith('Polygon'));
      if (polygons.length === 0)
        throw new AppError('VALIDATION_FAILED', 'The map needs at least one boundary polygon.');
      const n = await inChange(db, audit, async (trx, log) => {
        const count = await saveMapFeatures(trx, actor.programmeId, body);
        await log({
          action: 'map.replaced',
          entity: 'programme',
          entityId: actor.programmeId,
          after: { features: count },
        });
        return count;
      });
      return { features: n };
    },
  );
}
