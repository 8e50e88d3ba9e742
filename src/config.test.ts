import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { placeLabels, fitZoom, project } from '../web/src/pages/capital/ProjectMap';

describe('base map configuration', () => {
  it('takes a tile address with {z}, {x} and {y}, refuses anything else with the reason', () => {
    expect(loadConfig({ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }).mapTiles).toEqual({
      url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
      attribution: '© OpenStreetMap',
    });
    expect(loadConfig({}).mapTiles).toBeNull();
    expect(loadConfig({ MAP_TILE_URL: '' }).mapTiles).toBeNull();
    expect(() => loadConfig({ MAP_TILE_URL: 'javascript:alert(1)//{z}/{x}/{y}' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tiles.example/{z}/{x}.png' })).toThrow(/MAP_TILE_URL/);
  });
});

describe('project map geometry', () => {
  it('projects Web Mercator like the tile servers do and fits the points in the frame', () => {
    // Tile 0/0/0 is the whole world: lon 0, lat 0 is its centre.
    expect(project(0, 0, 0)).toEqual({ x: 128, y: 128 });
    const points = [
      { lat: 21.603, lon: 107.85 },
      { lat: 21.41, lon: 107.97 },
    ];
    const z = fitZoom(points);
    const xy = points.map((p) => project(p.lon, p.lat, z));
    expect(Math.abs(xy[0]!.x - xy[1]!.x)).toBeLessThanOrEqual(640 - 96);
    expect(Math.abs(xy[0]!.y - xy[1]!.y)).toBeLessThanOrEqual(360 - 96);
    const wider = xy.map((_, i) => project(points[i]!.lon, points[i]!.lat, z + 1));
    expect(Math.abs(wider[0]!.y - wider[1]!.y) > 360 - 96 || Math.abs(wider[0]!.x - wider[1]!.x) > 640 - 96).toBe(true);
  });

  it('never lets two names overlap; a name with no room is left to the tooltip', () => {
    const dots = Array.from({ length: 12 }, (_, i) => ({ x: 300 + (i % 3) * 4, y: 150 + i * 3, label: `Dự án số ${i}` }));
    const placed = placeLabels(dots, 640, 330);
    const boxes = placed.flatMap((p, i) => {
      if (!p) return [];
      const w = dots[i]!.label.length * 6.4;
      const x = p.anchor === 'start' ? p.x : p.anchor === 'end' ? p.x - w : p.x - w / 2;
      return [{ x, y: p.y - 11, w, h: 14 }];
    });
    for (let a = 0; a < boxes.length; a++)
      for (let b = a + 1; b < boxes.length; b++) {
        const A = boxes[a]!;
        const B = boxes[b]!;
        expect(A.x < B.x + B.w && B.x < A.x + A.w && A.y < B.y + B.h && B.y < A.y + A.h).toBe(false);
      }
    expect(placed.filter(Boolean).length).toBeGreaterThan(1);
    expect(placed.some((p) => p === null)).toBe(true);
  });
});
