/**
 * What the identity model needs from the profession classifier and the national-identifier parser.
 * TEMPORARY: minimal local stand-ins until "core: profession reference data…" lands on main; then this
 * file re-exports the real `classifyProfession` and `parseNationalId`.
 */
export interface Classification {
  category: 'ordre' | 'ars' | 'role' | 'autre';
  profession: { id: string; label: string; codes: Array<{ system: string; code: string }> };
  registration: { portal: 'ordre' | 'erpps' | 'rpps-plus' };
  cards: { physicalCps: boolean; eCps: boolean };
}
type Input = string | { system: 'TRE_G15' | 'TRE_R95' | 'TRE_R94' | 'TRE_R85' | 'TRE_R291'; code: string };
const TABLE: Record<string, [string, string, Classification['category']]> = {
  'TRE_G15:10': ['medecin', 'Médecin', 'ordre'],
  'TRE_G15:60': ['infirmier', 'Infirmier', 'ordre'],
  'TRE_G15:93': ['psychologue', 'Psychologue', 'ars'],
  'TRE_R85:313': ['aide-soignant', 'Aide-soignant', 'role'],
};
export function classifyProfession(input: Input): Classification | null {
  if (typeof input === 'string') return null;
  const hit = TABLE[`${input.system}:${input.code}`];
  if (!hit) return null;
  const [id, label, category] = hit;
  return {
    category,
    profession: { id, label, codes: [{ system: input.system, code: input.code }] },
    registration: { portal: category === 'ordre' ? 'ordre' : category === 'ars' ? 'erpps' : 'rpps-plus' },
    cards: { physicalCps: category === 'ordre' || category === 'ars', eCps: true },
  };
}
export function parseNationalId(idNat: string): { kind: 'rpps' | 'adeli' | 'other'; rpps?: string; adeli?: string } {
  if (!/^[0-9A-Za-z]{2,40}$/.test(idNat)) throw new Error(`"${idNat}" is not a national identifier`);
  if (/^8\d{11}$/.test(idNat)) return { kind: 'rpps', rpps: idNat.slice(1) };
  if (/^0\d{9}$/.test(idNat)) return { kind: 'adeli', adeli: idNat.slice(1) };
  return { kind: 'other' };
}
