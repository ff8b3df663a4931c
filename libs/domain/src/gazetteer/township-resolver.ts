import { CodeTrie } from '../classifier/code-trie';
import { TOWNSHIPS } from '../units/units';
import { PLACES_BY_TOWNSHIP } from './places.data';

export type PlaceKind = 'township' | 'village' | 'community';

export interface PlaceSuggestion {
  readonly name: string;
  readonly kind: PlaceKind;
  readonly townships: string[];
}

export interface TownshipResolution {
  /** The 属地镇街, or null when the address does not settle it. */
  readonly township: string | null;
  /** Every township the address could mean; the operator chooses among them. */
  readonly candidates: string[];
  /** The place names found in the address. */
  readonly matched: string[];
}

interface PlaceName {
  readonly name: string;
  readonly kind: PlaceKind;
  readonly townships: string[];
  /** What people also write: 新驿 for 新驿镇, 付家楼 for 付家楼村. */
  readonly aliases: string[];
}

/**
 * Short forms residents use. 工业园区 and 农高区 are committees, not
 * townships, but they act as 属地 for the estates on their land.
 */
const TOWNSHIP_ALIASES: Record<string, string[]> = {
  longqiao: ['龙桥街道办', '龙桥办事处'],
  gulou: ['鼓楼街道办', '鼓楼办事处'],
  jiuxianqiao: ['酒仙桥', '酒仙桥街道办'],
  xinyan: ['新兖'],
  xiaomeng: ['小孟'],
  daan: ['大安'],
  caohe: ['漕河'],
  xinglongzhuang: ['兴隆庄'],
  xinyi: ['新驿'],
  yandian: ['颜店'],
  'industrial-park': ['工业园区', '兖州工业园'],
  'agri-hightech': ['农高园', '农业高新区', '农业高新技术'],
};

/** A village stem shorter than this is too common a word to stand alone. */
const MIN_STEM = 3;

function buildPlaces(): PlaceName[] {
  const places: PlaceName[] = TOWNSHIPS.map((t) => ({
    name: t.name,
    kind: 'township' as const,
    townships: [t.code],
    aliases: TOWNSHIP_ALIASES[t.code] ?? [],
  }));

  const villages = new Map<string, string[]>();
  const communities = new Map<string, string[]>();
  for (const [township, lists] of Object.entries(PLACES_BY_TOWNSHIP)) {
    for (const v of lists.villages) addTo(villages, v, township);
    for (const c of lists.communities) addTo(communities, c, township);
  }

  for (const [name, townships] of villages) {
    const stem = name.endsWith('村') ? name.slice(0, -1) : name;
    const aliases = stem !== name && stem.length >= MIN_STEM ? [stem] : [];
    places.push({ name, kind: 'village', townships, aliases });
  }
  for (const [name, townships] of communities) {
    const stem = name.replace(/社区$/, '');
    places.push({ name, kind: 'community', townships, aliases: [stem] });
  }
  return places;
}

function addTo(map: Map<string, string[]>, name: string, township: string) {
  const list = map.get(name) ?? [];
  if (!list.includes(township)) list.push(township);
  map.set(name, list);
}

const PLACES = buildPlaces();
const ROOT = buildTrie(PLACES);

function buildTrie(places: PlaceName[]): CodeTrie<PlaceName> {
  const trie = new CodeTrie<PlaceName>();
  for (const place of places) {
    for (const spelling of [place.name, ...place.aliases]) {
      const node = trie.insert(spelling);
      // A full name wins over another place's alias of the same spelling.
      if (!trie.value(node) || spelling === place.name) {
        trie.setValue(node, place);
      }
    }
  }
  return trie;
}

/** Longest place names in the text, left to right, without overlap. */
function scanPlaces(text: string): { spelling: string; place: PlaceName }[] {
  // Every occurrence, by start then end; the longest at a start is the last
  // reported for it.
  const starts: number[] = [];
  const ends: number[] = [];
  const places: PlaceName[] = [];
  ROOT.scan(text, (start, end, place) => {
    const last = starts.length - 1;
    if (last >= 0 && starts[last] === start) {
      ends[last] = end;
      places[last] = place;
    } else {
      starts.push(start);
      ends.push(end);
      places.push(place);
    }
  });

  const found: { spelling: string; place: PlaceName }[] = [];
  let covered = 0;
  for (let k = 0; k < starts.length; k++) {
    if (starts[k] < covered) continue;
    found.push({ spelling: text.slice(starts[k], ends[k]), place: places[k] });
    covered = ends[k];
  }
  return found;
}

/**
 * 属地: which township an address belongs to. A name that stands under
 * several townships yields all of them and no choice; the operator decides.
 */
export function resolveTownship(address: string): TownshipResolution {
  const hits = scanPlaces(address ?? '');
  const matched = unique(hits.map((h) => h.spelling));
  const named = unique(
    hits.filter((h) => h.place.kind === 'township').flatMap((h) => h.place.townships),
  );
  const placeSets = hits
    .filter((h) => h.place.kind !== 'township')
    .map((h) => h.place.townships);

  if (named.length === 1) {
    return { township: named[0], candidates: named, matched };
  }

  if (named.length > 1) {
    const narrowed = named.filter((t) => placeSets.some((s) => s.includes(t)));
    return settle(narrowed.length > 0 ? narrowed : named, matched);
  }

  if (placeSets.length === 0) {
    return { township: null, candidates: [], matched };
  }

  // Several villages named: a township common to all of them, if any.
  const common = placeSets.reduce((acc, s) => acc.filter((t) => s.includes(t)));
  return settle(common.length > 0 ? common : unique(placeSets.flat()), matched);
}

function settle(candidates: string[], matched: string[]): TownshipResolution {
  return {
    township: candidates.length === 1 ? candidates[0] : null,
    candidates,
    matched,
  };
}

/** Autocomplete for the operator's address field. */
export function suggestPlaces(prefix: string, limit = 20): PlaceSuggestion[] {
  const wanted = (prefix ?? '').trim();
  if (!wanted) return [];

  const rank: Record<PlaceKind, number> = {
    township: 0,
    community: 1,
    village: 2,
  };
  return PLACES.filter(
    (p) =>
      p.name.startsWith(wanted) || p.aliases.some((a) => a.startsWith(wanted)),
  )
    .sort((a, b) => rank[a.kind] - rank[b.kind] || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((p) => ({ name: p.name, kind: p.kind, townships: [...p.townships] }));
}

/** Names that stand under more than one township. */
export function ambiguousPlaceNames(): PlaceSuggestion[] {
  return PLACES.filter((p) => p.townships.length > 1).map((p) => ({
    name: p.name,
    kind: p.kind,
    townships: [...p.townships],
  }));
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
