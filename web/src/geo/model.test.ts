import { describe, expect, it } from 'vitest';
import { buildMapModel, type GeoCollection } from './model';

const square = (x: number, y: number, s = 1) => [
  [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ],
];

describe('buildMapModel', () => {
  it('reads the scenario file: townships are the areas, counties and prefecture the outlines', () => {
    const geo = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: square(0, 0, 4) },
          properties: { kind: 'prefecture', regionId: 'p', name: 'K地区' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: square(0, 0, 2) },
          properties: { kind: 'county', regionId: 'c1', name: '甲县', population: 1000 },
        },
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: square(0, 0) },
          properties: { kind: 'township', regionId: 't1', name: '甲一乡' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [0.5, 0.5] },
          properties: {
            kind: 'facility',
            facilityId: 'f1',
            level: 'township_health_centre',
            name: '甲一乡卫生院',
          },
        },
        {
          type: 'Feature',
          geometry: {
            type: 'LineString',
            coordinates: [
              [0, 0],
              [1, 1],
            ],
          },
          properties: { kind: 'road', roadClass: 'highway', travelHours: 0.5 },
        },
      ],
    } as GeoCollection;
    const model = buildMapModel(geo);
    expect(model.areaLevel).toBe('township');
    expect(model.areas.map((a) => a.key)).toEqual(['t1']);
    expect(model.outlines.map((a) => a.key)).toEqual(['p', 'c1']);
    expect(model.counties[0]?.population).toBe(1000);
    expect(model.counties[0]?.center).toEqual([1, 1]);
    expect(model.facilities).toEqual([
      { id: 'f1', name: '甲一乡卫生院', level: 'township_health_centre', coord: [0.5, 0.5] },
    ]);
    expect(model.roads).toEqual([
      {
        roadClass: 'highway',
        coords: [
          [0, 0],
          [1, 1],
        ],
        travelHours: 0.5,
      },
    ]);
    expect(model.bbox).toEqual([
      [0, 0],
      [4, 4],
    ]);
  });

  it('reads a real boundary file with other level names, adcodes and MultiPolygons', () => {
    const geo = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'MultiPolygon', coordinates: [square(0, 0), square(5, 5)] },
          properties: { adcode: 653101, name: '喀什市', level: 'district' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: square(2, 2) },
          properties: { name: '疏附县' },
        },
        { type: 'Feature', geometry: null, properties: { name: 'broken' } },
      ],
    } as GeoCollection;
    const model = buildMapModel(geo);
    expect(model.areaLevel).toBe('county');
    expect(model.areas.map((a) => a.key)).toEqual(['653101', '疏附县']);
    expect(model.areas[0]?.rings).toHaveLength(2);
    expect(model.outlines).toEqual([]);
    expect(model.facilities).toEqual([]);
  });

  it('gives an empty model for an empty collection', () => {
    const model = buildMapModel({ type: 'FeatureCollection', features: [] });
    expect(model.areas).toEqual([]);
    expect(model.bbox).toBeNull();
  });
});
