import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isSafeRedirect, safeHref, safeRedirectPath } from './redirect.js';

const APP = 'https://app.example.fr/espace-professionnel?x=1';

/** What a browser does with a `Location` value: resolve it against the current page. */
const land = (location: string) => new URL(location, APP);

describe('safeRedirectPath (the one redirect rule)', () => {
  it('refuses the strings that escape a naive check', () => {
    const attacks = [
      '//evil.example/',
      '/.//evil.example/',
      '/%2e%2e//evil.example/',
      '/%2E%2E//evil.example/',
      '/a/..//evil.example/',
      '/./..//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r/evil.example',
      '\t//evil.example',
      ' /x',
      'https://evil.example/',
      'javascript:alert(1)',
      'evil.example',
      '',
      '/x\u0000',
      `/${'a'.repeat(3000)}`,
    ];
    for (const a of attacks) assert.equal(safeRedirectPath(a), null, JSON.stringify(a));
    assert.equal(isSafeRedirect('/.//evil.example/'), false);
    assert.equal(safeRedirectPath(42), null);
  });

  it('keeps same-site paths, normalised', () => {
    assert.equal(safeRedirectPath('/accueil'), '/accueil');
    assert.equal(safeRedirectPath('/a/../accueil?psc=ok#haut'), '/accueil?psc=ok#haut');
    assert.equal(safeRedirectPath('/recherche?q=%2F%2Fevil'), '/recherche?q=%2F%2Fevil');
    assert.equal(safeRedirectPath('/%2F%2Fevil.example'), '/%2F%2Fevil.example', 'an encoded slash stays a path');
    assert.equal(isSafeRedirect('/accueil'), true);
  });

  it('property: whatever the input, an accepted target lands on the application’s origin, and is stable', () => {
    const piece = fc.constantFrom(
      '/',
      '//',
      '\\',
      '.',
      '..',
      '%2e',
      '%2E',
      '%2f',
      '%5c',
      'evil.example',
      '@',
      ':',
      '?',
      '#',
      '\t',
      '\n',
      ' ',
      'a',
      'é',
      '\u0085',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(piece, { maxLength: 12 }).map((p) => p.join('')),
        ),
        (input) => {
          const out = safeRedirectPath(input);
          if (out === null) return;
          assert.equal(land(out).origin, 'https://app.example.fr', `${JSON.stringify(input)} → ${out}`);
          assert.ok(out.startsWith('/') && !out.startsWith('//'));
          assert.ok(![...out].some((c) => c.charCodeAt(0) <= 0x20 || c === '\\'));
          assert.equal(safeRedirectPath(out), out, 'the rule is idempotent');
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('safeHref (host-configured links)', () => {
  it('keeps https:, http:, mailto: and same-site paths; drops scripts and data', () => {
    for (const ok of [
      'https://esante.gouv.fr/',
      'http://intranet.chu.example/aide',
      'mailto:aide@chu.example',
      '/aide',
    ])
      assert.equal(safeHref(ok), ok);
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'file:///etc/passwd',
      '//evil.example',
      'aide',
      '',
      undefined,
    ])
      assert.equal(safeHref(bad), undefined, String(bad));
  });
});
