import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { identityFromPscUserInfo } from './from-psc.js';
import { IdentityError } from './identity.js';

/** A userinfo answer in PSC's shape (as the ANS's public integrations show it). */
function userinfo(exercices: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'f:550dc1c8-d97b-4b1e-ac8c-8eb4471cf9dd:899700366240',
    SubjectNameID: '899700366240',
    preferred_username: '899700366240',
    given_name: 'ROBERT',
    family_name: 'DOC0036624',
    otherIds: [{ identifiant: '899700366240', origine: 'RPPS', qualite: 1 }],
    SubjectRefPro: { codeCivilite: 'M', exercices },
    ...extra,
  };
}
const exercice = (codeProfession: string, roles: string[] = [''], more: Record<string, unknown> = {}) => ({
  codeProfession,
  codeCategorieProfessionnelle: 'C',
  codeSavoirFaire: '',
  nomDexercice: 'DOC0036624',
  prenomDexercice: 'ROBERT',
  activities: roles.map((codeRole) => ({
    codeRole,
    codeModeExercice: 'S',
    raisonSocialeSite: 'EHPAD TEST',
    identifiantTechniqueDeLaStructure: 'R1',
  })),
  ...more,
});

function errorCode(input: unknown): string {
  try {
    identityFromPscUserInfo(input);
  } catch (err) {
    assert.ok(err instanceof IdentityError, String(err));
    return err.code;
  }
  return 'no error';
}

describe('identityFromPscUserInfo', () => {
  it('médecin (TRE_G15 10): national id, RPPS number, names, classified "ordre"', () => {
    const id = identityFromPscUserInfo(userinfo([exercice('10', [''], { codeSavoirFaire: 'SM54' })]));
    assert.equal(id.source, 'psc');
    assert.equal(id.nationalId, '899700366240');
    assert.equal(id.idType, 'rpps');
    assert.equal(id.rppsNumber, '99700366240');
    assert.equal(id.adeliNumber, undefined);
    assert.equal(id.givenName, 'ROBERT');
    assert.equal(id.familyName, 'DOC0036624');
    assert.equal(id.displayName, 'ROBERT DOC0036624');
    assert.equal(id.civility, 'M');
    assert.equal(id.practices.length, 1);
    const p = id.practices[0];
    assert.equal(p?.professionCode, '10');
    assert.equal(p?.skillCode, 'SM54');
    assert.equal(p?.categoryCode, 'C');
    assert.equal(p?.classification?.category, 'ordre');
    assert.equal(p?.label, 'Médecin');
    assert.deepEqual(p?.roleCodes, []);
  });

  it('infirmier (60) "ordre", psychologue (93, a TRE_R95 title) "ars"', () => {
    assert.equal(identityFromPscUserInfo(userinfo([exercice('60')])).practices[0]?.classification?.category, 'ordre');
    const psy = identityFromPscUserInfo(userinfo([exercice('93')])).practices[0];
    assert.equal(psy?.classification?.category, 'ars');
    assert.equal(psy?.classification?.profession.label, 'Psychologue');
  });

  it('RPPS+ (profession 99): the TRE_R85 role classifies — 313 aide-soignant "role", 359 directeur "autre"', () => {
    const as = identityFromPscUserInfo(userinfo([exercice('99', ['313'])])).practices[0];
    assert.equal(as?.classification?.category, 'role');
    assert.equal(as?.classification?.profession.id, 'aide-soignant');
    assert.deepEqual(as?.roleCodes, ['313']);
    const dir = identityFromPscUserInfo(userinfo([exercice('99', ['', '359'])])).practices[0];
    assert.equal(dir?.classification?.category, 'autre');
    assert.equal(dir?.classification?.registration.portal, 'rpps-plus');
  });

  it('several practices are all kept; an unknown profession code is kept unclassified', () => {
    const id = identityFromPscUserInfo(userinfo([exercice('10'), exercice('12345')]));
    assert.equal(id.practices.length, 2);
    assert.equal(id.practices[1]?.classification, null);
    assert.equal(id.practices[1]?.label, '12345');
  });

  it('ADELI national identifiers give the ADELI number', () => {
    const id = identityFromPscUserInfo(userinfo([], { SubjectNameID: '0751234567' }));
    assert.equal(id.idType, 'adeli');
    assert.equal(id.adeliNumber, '751234567');
  });

  it('never uses sub as identity; falls back to the practice names', () => {
    const { family_name: _f, given_name: _g, ...rest } = userinfo([exercice('10')]);
    const id = identityFromPscUserInfo(rest);
    assert.equal(id.familyName, 'DOC0036624');
    assert.equal(id.givenName, 'ROBERT');
    assert.equal(errorCode({ sub: 'f:x:899700366240', family_name: 'X' }), 'identity-missing-national-id');
  });

  it('typed errors on missing SubjectNameID and malformed payloads', () => {
    assert.equal(errorCode(userinfo([], { SubjectNameID: undefined })), 'identity-missing-national-id');
    assert.equal(errorCode(userinfo([], { SubjectNameID: '   ' })), 'identity-missing-national-id');
    assert.equal(errorCode(userinfo([], { SubjectNameID: 899700366240 })), 'identity-malformed');
    assert.equal(errorCode(userinfo([], { SubjectNameID: '8997\u0000' })), 'identity-malformed');
    assert.equal(errorCode(userinfo([], { SubjectNameID: 'A'.repeat(257) })), 'identity-malformed');
    assert.equal(errorCode(userinfo([], { SubjectRefPro: 'x' })), 'identity-malformed');
    assert.equal(errorCode(userinfo([], { SubjectRefPro: { exercices: {} } })), 'identity-malformed');
    assert.equal(errorCode(userinfo(['x'])), 'identity-malformed');
    assert.equal(errorCode(userinfo([exercice('10', [], { activities: 'x' })])), 'identity-malformed');
    assert.equal(errorCode(userinfo([exercice('10', [], { codeProfession: { $gt: '' } })])), 'identity-malformed');
    assert.equal(errorCode(userinfo([], { family_name: undefined })), 'identity-malformed');
    for (const bad of [null, undefined, 'text', 42, [], true]) assert.equal(errorCode(bad), 'identity-malformed');
  });

  it('no input makes it throw anything but an IdentityError (property)', () => {
    const arbExercice = fc.record(
      {
        codeProfession: fc.oneof(fc.constantFrom('10', '60', '93', '99', '41'), fc.anything()),
        activities: fc.oneof(
          fc.array(fc.record({ codeRole: fc.oneof(fc.constantFrom('313', '359', ''), fc.anything()) })),
          fc.anything(),
        ),
      },
      { requiredKeys: [] },
    );
    const arb = fc.oneof(
      fc.anything(),
      fc.record(
        {
          SubjectNameID: fc.oneof(fc.constantFrom('899700366240', '0751234567'), fc.string(), fc.anything()),
          family_name: fc.oneof(fc.string(), fc.anything()),
          given_name: fc.oneof(fc.string(), fc.anything()),
          SubjectRefPro: fc.oneof(
            fc.record({ exercices: fc.oneof(fc.array(arbExercice), fc.anything()) }),
            fc.anything(),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(arb, (input) => {
        try {
          const id = identityFromPscUserInfo(input);
          return typeof id.nationalId === 'string' && id.nationalId.length > 0 && Array.isArray(id.practices);
        } catch (err) {
          return err instanceof IdentityError;
        }
      }),
      { numRuns: 2000 },
    );
  });
});
