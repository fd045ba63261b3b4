/**
 * Zone abbreviations as strftime's %Z and many text logs print them, in
 * minutes east of UTC. Ambiguous ones take their most common reading
 * (IST: India, CST: US Central, BST: British Summer Time).
 */
const ZONES: Readonly<Record<string, number>> = {
  UTC: 0, UT: 0, GMT: 0, Z: 0, WET: 0, WEST: 60,
  BST: 60, IST: 330, CET: 60, CEST: 120, MET: 60, MEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  AKST: -540, AKDT: -480, HST: -600, AST: -240, ADT: -180, NST: -210, NDT: -150,
  JST: 540, KST: 540, HKT: 480, SGT: 480, AWST: 480, ACST: 570, ACDT: 630, AEST: 600, AEDT: 660,
  NZST: 720, NZDT: 780, SAST: 120, WIB: 420, PKT: 300, BRT: -180, ART: -180,
};

/** Minutes east of UTC for a zone abbreviation (upper case), or undefined. */
export function zoneOffset(abbr: string): number | undefined {
  return Object.hasOwn(ZONES, abbr) ? ZONES[abbr] : undefined;
}

/** `+HHMM`, `+HH:MM`, `-HH` or `Z` -> minutes east of UTC, or undefined. */
export function numericZoneOffset(z: string): number | undefined {
  if (z === 'Z' || z === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return undefined;
  const v = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -v : v;
}

/** Every abbreviation zoneOffset() knows, longest first (for a regex alternation). */
export const ZONE_NAMES: readonly string[] = Object.keys(ZONES).sort((a, b) => b.length - a.length);
