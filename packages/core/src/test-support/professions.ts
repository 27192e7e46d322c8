import fc from 'fast-check';

/**
 * What names no member profession, for the bad-input tests of `classifyProfession` (null) and `searchProfessions`
 * (no result): each test adds the inputs only it takes (profession codes, a padded query of the maximum length).
 */
export const NO_PROFESSION: readonly unknown[] = [
  // trades, and professions that are neither in the guide nor in the RPPS+ role list
  'plombier',
  'vétérinaire',
  'veterinaire',
  'véto',
  'boulanger',
  'avocat',
  'pompier',
  'astronaute',
  'pilote de ligne',
  'agent de service hospitalier',
  // too little, or no words
  'xyz',
  'a',
  "'",
  '---',
  '123456',
  '💉🩺',
  '',
  ' ',
  '   ',
  '\n\t',
  '\t\n  \u00a0',
  'x'.repeat(10_000),
  // control characters, a lone surrogate, markup
  '\u0000\u0001\u0002',
  'infirmier\u0000',
  '\u0007\u001b[31m',
  '\ud800',
  '<img src=x onerror=alert(1)>',
  '<b>infirmier</b>',
  '<script>infirmier</script>',
  'infirmier <b>',
  '"><svg/onload=alert(1)>',
  // not strings
  null,
  undefined,
  0,
  42,
  true,
  [],
  {},
  ['infirmier'],
  () => 'infirmier',
];

/**
 * Any text a person or a script can put in the field, for the never-throws properties: plain, graphemes, any code
 * unit, ASCII with controls, lone surrogates, and very long strings.
 */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary-ascii', maxLength: 200 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
  fc.string({ minLength: 1_000, maxLength: 20_000 }),
);
