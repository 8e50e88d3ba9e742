import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { Card } from '../../components/ui';
import { useI18n } from '../../i18n';
import { useIsPhone } from '../../components/useMediaQuery';
import { formatNumberVi } from '../../../../src/shared/vi';

export type MapPoint = { id: number; name: string; lat: number; lon: number; note: string; late: boolean };

/** The frame in screen pixels: a wide one on a desktop, a near-square one on a phone so names stay readable. */
const DESKTOP = { W: 640, H: 360 };
const PHONE = { W: 360, H: 320 };
const TILE = 256;
const PAD = 48;

/** Web Mercator: degrees → pixels of the whole world at a zoom level. */
export function project(lon: number, lat: number, zoom: number) {
  const size = TILE * 2 ** zoom;
  const rad = (lat * Math.PI) / 180;
  return {
    x: ((lon + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * size,
  };
}

/** The closest zoom (at most 15) at which every point fits the frame with a margin. */
export function fitZoom(points: { lat: number; lon: number }[], W = DESKTOP.W, H = DESKTOP.H) {
  for (let z = 15; z > 1; z--) {
    const xy = points.map((p) => project(p.lon, p.lat, z));
    const w = Math.max(...xy.map((p) => p.x)) - Math.min(...xy.map((p) => p.x));
    const h = Math.max(...xy.map((p) => p.y)) - Math.min(...xy.map((p) => p.y));
    if (w <= W - 2 * PAD && h <= H - 2 * PAD) return z;
  }
  return 1;
}

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where each point's name goes: right of it, else left, above or below — the first place that
 * overlaps no other name or point and stays in the frame; no place → no label (the name is in its tooltip).
 */
export function placeLabels(dots: { x: number; y: number; label: string }[], width: number, height: number) {
  const taken: Box[] = dots.map((d) => ({ x: d.x - 9, y: d.y - 9, w: 18, h: 18 }));
  return dots.map((d) => {
    const w = d.label.length * 6.4;
    const h = 14;
    const candidates: (Box & { anchor: 'start' | 'end' | 'middle' })[] = [
      { x: d.x + 12, y: d.y - h / 2, w, h, anchor: 'start' },
      { x: d.x - 12 - w, y: d.y - h / 2, w, h, anchor: 'end' },
      { x: d.x - w / 2, y: d.y - 12 - h, w, h, anchor: 'middle' },
      { x: d.x - w / 2, y: d.y + 12, w, h, anchor: 'middle' },
    ];
    const fit = candidates.find(
      (c) => c.x >= 0 && c.y >= 0 && c.x + c.w <= width && c.y + c.h <= height && !taken.some((t) => overlaps(t, c)),
    );
    if (!fit) return null;
    taken.push(fit);
    const x = fit.anchor === 'start' ? fit.x : fit.anchor === 'end' ? fit.x + fit.w : fit.x + fit.w / 2;
    return { x, y: fit.y + h - 3, anchor: fit.anchor };
  });
}

/** Metres per pixel at a latitude and zoom, for the scale bar. */
const metresPerPixel = (lat: number, zoom: number) => (156_543.03 * Math.cos((lat * Math.PI) / 180)) / 2 ** zoom;

/**
 * Projects placed on a base map from the configured tile server; without one, or when the tiles do
 * not load (no network), a plain outline with a coordinate grid, a scale and the points — never empty axes.
 * A point opens its project.
 */
export function ProjectMap({
  points,
  basemap,
}: {
  points: MapPoint[];
  basemap: { tileUrl: string; attribution: string } | null;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [tilesFailed, setTilesFailed] = useState(false);
  const { W, H } = useIsPhone() ? PHONE : DESKTOP;
  const view = useMemo(() => {
    if (!points.length) return null;
    const zoom = fitZoom(points, W, H);
    const xy = points.map((p) => project(p.lon, p.lat, zoom));
    const cx = (Math.max(...xy.map((p) => p.x)) + Math.min(...xy.map((p) => p.x))) / 2;
    const cy = (Math.max(...xy.map((p) => p.y)) + Math.min(...xy.map((p) => p.y))) / 2;
    const left = cx - W / 2;
    const top = cy - H / 2;
    const tiles: { key: string; x: number; y: number; url: string }[] = [];
    if (basemap) {
      const n = 2 ** zoom;
      for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + W) / TILE); tx++)
        for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + H) / TILE); ty++) {
          if (ty < 0 || ty >= n) continue;
          const wrapped = ((tx % n) + n) % n;
          tiles.push({
            key: `${tx}/${ty}`,
            x: tx * TILE - left,
            y: ty * TILE - top,
            url: basemap.tileUrl.replace('{z}', String(zoom)).replace('{x}', String(wrapped)).replace('{y}', String(ty)),
          });
        }
    }
    const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
    const mpp = metresPerPixel(lat0, zoom);
    const scaleKm = [0.5, 1, 2, 5, 10, 20, 50].find((km) => (km * 1000) / mpp >= 80) ?? 50;
    // Graticule: every 0.01°–0.5° so that there are a few lines across the frame.
    const west = (left / (TILE * 2 ** zoom)) * 360 - 180;
    const east = ((left + W) / (TILE * 2 ** zoom)) * 360 - 180;
    const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5].find((s) => (east - west) / s <= 6) ?? 5;
    const toX = (lon: number) => project(lon, lat0, zoom).x - left;
    const toY = (lat: number) => project(0, lat, zoom).y - top;
    const meridians: number[] = [];
    for (let lon = Math.ceil(west / step) * step; lon < east; lon += step) meridians.push(lon);
    const latTop = points.length ? Math.max(...points.map((p) => p.lat)) + 1 : 0;
    const latBottom = points.length ? Math.min(...points.map((p) => p.lat)) - 1 : 0;
    const parallels: number[] = [];
    for (let lat = Math.ceil(latBottom / step) * step; lat < latTop; lat += step) {
      const y = toY(lat);
      if (y > 0 && y < H) parallels.push(lat);
    }
    const dots = points.map((p, i) => ({
      ...p,
      x: xy[i]!.x - left,
      y: xy[i]!.y - top,
      label: p.name.length > 32 ? `${p.name.slice(0, 31)}…` : p.name,
    }));
    const labels = placeLabels(dots, W, H - 30);
    return {
      zoom,
      tiles,
      dots: dots.map((d, i) => ({ ...d, place: labels[i] })),
      scale: { km: scaleKm, px: (scaleKm * 1000) / mpp },
      meridians: meridians.map((lon) => ({ lon, x: toX(lon) })),
      parallels: parallels.map((lat) => ({ lat, y: toY(lat) })),
    };
  }, [points, basemap, W, H]);
  if (!view) return null;
  const online = typeof navigator === 'undefined' || navigator.onLine;
  const withTiles = Boolean(basemap) && !tilesFailed && online;
  const deg = (v: number, pos: string, neg: string) => `${formatNumberVi(Math.abs(v), 2)}°${v >= 0 ? pos : neg}`;
  return (
    <Card title={t('capital.projectMap')}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        className="project-map"
        role="img"
        aria-label={t('capital.projectMapLabel', { n: view.dots.length })}
        data-testid="project-map"
        data-mode={withTiles ? 'tiles' : 'outline'}
      >
        <rect x={0} y={0} width={W} height={H} className="map-ground" />
        {withTiles &&
          view.tiles.map((tile) => (
            <image
              key={tile.key}
              href={tile.url}
              x={tile.x}
              y={tile.y}
              width={TILE}
              height={TILE}
              onError={() => setTilesFailed(true)}
            />
          ))}
        {!withTiles && (
          <g className="map-grid" data-testid="map-outline">
            {view.meridians.map((m) => (
              <g key={`m${m.lon}`}>
                <line x1={m.x} x2={m.x} y1={0} y2={H} />
                <text x={m.x + 3} y={H - 6}>
                  {deg(m.lon, 'Đ', 'T')}
                </text>
              </g>
            ))}
            {view.parallels.map((p) => (
              <g key={`p${p.lat}`}>
                <line x1={0} x2={W} y1={p.y} y2={p.y} />
                <text x={4} y={p.y - 3}>
                  {deg(p.lat, 'B', 'N')}
                </text>
              </g>
            ))}
          </g>
        )}
        <rect x={0.5} y={0.5} width={W - 1} height={H - 1} className="map-frame" />
        {view.dots.map((d) => (
          <g
            key={d.id}
            className={`map-point ${d.late ? 'late' : ''}`}
            role="link"
            tabIndex={0}
            aria-label={`${d.name} — ${d.note}`}
            data-testid="map-point"
            onClick={() => void navigate(`/von/du-an/${d.id}`)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') void navigate(`/von/du-an/${d.id}`);
            }}
          >
            <title>{`${d.name} — ${d.note}`}</title>
            <circle cx={d.x} cy={d.y} r={22} className="hit" />
            <circle cx={d.x} cy={d.y} r={8} className="dot" />
            {d.place && (
              <text x={d.place.x} y={d.place.y} textAnchor={d.place.anchor} className="map-label">
                {d.label}
              </text>
            )}
          </g>
        ))}
        <g className="map-scale" transform={`translate(${W - view.scale.px - 16}, ${H - 18})`}>
          <line x1={0} x2={view.scale.px} y1={0} y2={0} />
          <line x1={0} x2={0} y1={-4} y2={4} />
          <line x1={view.scale.px} x2={view.scale.px} y1={-4} y2={4} />
          <text x={view.scale.px / 2} y={-6} textAnchor="middle">
            {formatNumberVi(view.scale.km, 1)} km
          </text>
        </g>
        <text x={W - 16} y={22} textAnchor="middle" className="map-north">
          B ↑
        </text>
      </svg>
      <p className="muted small" data-testid="map-caption">
        {withTiles ? basemap!.attribution : basemap ? t('capital.mapTilesUnavailable') : t('capital.mapOutlineOnly')}
      </p>
    </Card>
  );
}
