// searchProfessions per keystroke over the whole data set, in Node: every prefix of realistic queries.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const QUERIES = [
  'infirmière',
  'aide-soignante',
  'kiné',
  'medecin',
  'psychologue',
  'educatrice specialisee',
  'orthophoniste',
  'directeur d esms',
  'secretaire medicale',
  'sage femme',
  'IDE',
  'manipulateur erm',
  'pharmacien',
  'ambulancier',
  'opticien lunetier',
  'assistante sociale',
  'mandataire judiciaire',
  'auxiliaire de puériculture',
  'dieteticienne',
  'infirmeire',
  'chirurgien dentiste',
  'gestionnaire des admissions',
  'aide à domicile',
  'ergotherapeute',
];

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export default async function ({ root }) {
  const { searchProfessions } = await import(pathToFileURL(join(root, 'packages/core/dist/professions/index.js')).href);
  const keystrokes = QUERIES.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
  for (let i = 0; i < 3; i++) for (const k of keystrokes) searchProfessions(k); // warm up the JIT
  const times = [];
  for (let round = 0; round < 20; round++) {
    for (const k of keystrokes) {
      const t0 = process.hrtime.bigint();
      searchProfessions(k);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  const r = (x) => Math.round(x * 1000) / 1000;
  return [
    { name: `searchProfessions p50 (${times.length} keystrokes)`, value: r(pct(times, 50)), unit: 'ms' },
    { name: 'searchProfessions p95', value: r(pct(times, 95)), unit: 'ms', target: '≤ 0.2', ok: pct(times, 95) <= 0.2 },
    { name: 'searchProfessions max', value: r(times.at(-1)), unit: 'ms' },
  ];
}
