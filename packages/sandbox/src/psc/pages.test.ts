import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { phonePage } from './pages.js';

/** The page's text, tags and entities dropped. */
const textOf = (html: string) =>
  html
    .replace(/<style>[\s\S]*?<\/style>|<script>[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/\s+/g, ' ');

describe('sandbox PSC pages', () => {
  it('the phone tells two pending requests apart (number, time received) and names the service', () => {
    const at = Date.UTC(2026, 11, 1, 8, 41, 7);
    const html = phonePage({
      nationalId: '810001234567',
      requests: [
        { id: 'a', clientName: 'Trajectoire Démo', kind: 'redirect', secondsLeft: 110, createdAt: at },
        { id: 'b', clientName: 'Trajectoire Démo', kind: 'redirect', secondsLeft: 170, createdAt: at + 60_000 },
      ],
    });
    const text = textOf(html);
    assert.match(text, /Demande de connexion n° 1 à « Trajectoire Démo »/);
    assert.match(text, /Demande de connexion n° 2 à « Trajectoire Démo »/);
    // Paris time, as the phone would show it
    assert.match(text, /Reçue à 09:41:07/);
    assert.match(text, /Reçue à 09:42:07/);
    assert.doesNotMatch(text, /Demande de Application/);
    // good French: typographic apostrophes in what the user reads
    assert.doesNotMatch(text, /\w'\w/);
    // the list reads as a list of requests, without bullets before the headings; buttons in the page's font
    assert.match(html, /<ul class="demandes"/);
    assert.match(html, /ul\.demandes\{list-style:none/);
    assert.match(html, /button,input,select\{font:inherit\}/);
  });

  it('one request alone has no number', () => {
    const text = textOf(
      phonePage({
        nationalId: '810001234567',
        requests: [{ id: 'a', clientName: 'Trajectoire Démo', kind: 'ciba', secondsLeft: 100, bindingMessage: '42' }],
      }),
    );
    assert.match(text, /Demande de connexion à « Trajectoire Démo »/);
    assert.match(text, /Code affiché par le service : 42/);
  });
});
