import { z } from 'zod';
import { inChange } from '../audit/audit';
import { AppError } from '../errors';
import { saveRoadNetwork } from '../geo/store';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { type Column, writeWorkbook, XLSX_TYPE } from '../shared/excel';
import { isoDate } from '../shared/ids';
import { deployedExperts, specialtyCoverage, type TownshipCoverage } from './coverage';
import { roadNetworkFromLines } from './road-import';
import { ensureTravelTimes, travelHoursFrom } from './travel-times';

const coverageQuery = z
  .object({
    specialtyCode: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/)
      .optional(),
    /** The day whose deployments count (default today). */
    on: isoDate.optional(),
  })
  .strict();

const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const roadProperties = z
  .object({
    hours: z.number().positive().max(100).optional(),
    roadClass: z.enum(['highway', 'county_road', 'township_road']).optional(),
  })
  .passthrough()
  .nullable();
/** A road network as GeoJSON: LineStrings (or MultiLineStrings) with travel hours. */
const roadCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z
        .object({
          type: z.literal('Feature'),
          properties: roadProperties,
          geometry: z.discriminatedUnion('type', [
            z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
            z.object({
              type: z.literal('MultiLineString'),
              coordinates: z.array(z.array(position).min(2)).min(1),
            }),
          ]),
        })
        .passthrough(),
    )
    .min(1)
    .max(500_000),
});

export const coverageColumns: Column<TownshipCoverage>[] = [
  { key: 'county', header: { zh: '县(市)', en: 'County' }, value: (r) => r.countyName },
  { key: 'township', header: { zh: '乡镇', en: 'Township' }, value: (r) => r.townshipName },
  { key: 'population', header: { zh: '人口', en: 'Population' }, value: (r) => r.population },
  {
    key: 'hours',
    header: { zh: '至最近服务机构(小时)', en: 'Hours to nearest provider' },
    width: 22,
    value: (r) => r.hours,
  },
  {
    key: 'provider',
    header: { zh: '最近服务机构', en: 'Nearest provider' },
    width: 28,
    value: (r) => r.nearestProviderName,
  },
  { key: 'openNeeds', header: { zh: '未解决需求', en: 'Open needs' }, value: (r) => r.openNeeds },
  {
    key: 'unmetPriority',
    header: { zh: '未满足需求(优先级加权)', en: 'Unmet need (priority-weighted)' },
    width: 24,
    value: (r) => r.unmetPriority,
  },
  {
    key: 'unmetPopulation',
    header: { zh: '涉及人口', en: 'Population affected' },
    value: (r) => r.unmetPopulation,
  },
];

const today = () => new Date().toISOString().slice(0, 10);

/** The last mile: coverage per specialty, deployed experts, travel times and the road network import. */
export async function coverageRoutes(app: App) {
  const { db } = app.deps.database;
  const tags = ['coverage'];

  app.get(
    '/api/coverage',
    {
      config: { policy: 'coverage:read' },
      schema: {
        tags,
        summary: 'Travel time to the nearest provider and unmet need per township, least-served first',
        querystring: coverageQuery,
      },
    },
    async (request) => {
      const { actor } = changeContext(request);
      return specialtyCoverage(db, actor, {
        specialtyCode: request.query.specialtyCode,
        on: request.query.on ?? today(),
      });
    },
  );

  app.get(
    '/api/coverage/export.xlsx',
    {
      config: { policy: 'coverage:read' },
      schema: { tags, summary: 'Coverage per township as Excel', querystring: coverageQuery },
    },
    async (request, reply) => {
      const { actor } = changeContext(request);
      const coverage = await specialtyCoverage(db, actor, {
        specialtyCode: request.query.specialtyCode,
        on: request.query.on ?? today(),
      });
      const file = await writeWorkbook('覆盖 Coverage', coverageColumns, coverage.townships);
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="coverage.xlsx"; filename*=UTF-8''%E8%A6%86%E7%9B%96.xlsx`,
        )
        .send(file);
    },
  );

  app.get(
    '/api/coverage/experts',
    {
      config: { policy: 'coverage:read' },
      schema: { tags, summary: 'Experts on site on a day, for the map', querystring: coverageQuery },
    },
    async (request) => {
      const { actor } = changeContext(request);
      const items = await deployedExperts(db, actor, {
        specialtyCode: request.query.specialtyCode,
        on: request.query.on ?? today(),
      });
      return { items };
    },
  );

  app.get(
    '/api/coverage/travel-times',
    {
      config: { policy: 'coverage:read' },
      schema: {
        tags,
        summary: 'Cached travel hours from a facility to the facilities near it',
        querystring: z.object({ facilityId: z.uuid() }).strict(),
      },
    },
    async (request) => {
      const { actor } = changeContext(request);
      const hours = await travelHoursFrom(db, actor.programmeId, request.query.facilityId);
      return {
        items: [...hours]
          .map(([facilityId, h]) => ({ facilityId, hours: h }))
          .sort((a, b) => a.hours - b.hours),
      };
    },
  );

  app.put(
    '/api/coverage/road-network',
    {
      config: { policy: 'organisations:write' },
      bodyLimit: app.deps.config.uploadLimitBytes,
      schema: {
        tags,
        summary: "Replace the programme's road network with GeoJSON LineStrings (travel hours per line)",
        body: roadCollection,
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const lines = request.body.features.flatMap((f) => {
        const parts = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
        // A MultiLineString's hours are for the whole feature: share them by part.
        const hours = f.properties?.hours;
        return parts.map((coordinates) => ({
          coordinates,
          hours: hours === undefined ? undefined : hours / parts.length,
          roadClass: f.properties?.roadClass,
        }));
      });
      const facilities = await db
        .selectFrom('facilities')
        .select(['id', 'lat', 'lon', 'level'])
        .where('programme_id', '=', actor.programmeId)
        .where('level', '<>', 'supporter_hospital')
        .execute();
      if (facilities.length === 0)
        throw new AppError('VALIDATION_FAILED', 'Register facilities before importing roads.');
      const network = roadNetworkFromLines(
        lines,
        facilities.map((f) => ({
          id: f.id,
          lat: f.lat,
          lon: f.lon,
          isSeat: f.level === 'prefecture_hospital',
        })),
      );
      const version = await inChange(db, audit, async (trx, log) => {
        // The version grows with each network, so cached travel times are seen as stale.
        const saved = { version: await saveRoadNetwork(trx, actor.programmeId, network) };
        await log({
          action: 'road_network.replaced',
          entity: 'programme',
          entityId: actor.programmeId,
          after: { version: saved.version, nodes: network.nodes.length, edges: network.edges.length },
        });
        return saved.version;
      });
      const cache = await ensureTravelTimes(db, actor.programmeId);
      return {
        version,
        nodes: network.nodes.length,
        edges: network.edges.length,
        travelTimePairs: cache?.pairs ?? 0,
      };
    },
  );
}
