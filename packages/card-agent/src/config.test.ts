import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  ConfigError,
  defaultModuleCandidates,
  defaultPairingFile,
  isLoopbackHost,
  parseAgentArgs,
  readConfigFile,
  readVirtualCards,
} from './index.js';

const dir = mkdtempSync(join(tmpdir(), 'af-agent-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('command line', () => {
  test('options', () => {
    assert.deepEqual(
      parseAgentArgs([
        '--module',
        '/usr/lib/libcps3_pkcs11_lux.so',
        '--port',
        '24681',
        '--allow-origin',
        'https://a.example',
        '--allow-origin',
        'https://b.example',
        '--no-pairing',
        '--host',
        '::1',
      ]),
      {
        module: '/usr/lib/libcps3_pkcs11_lux.so',
        port: 24681,
        allowedOrigins: ['https://a.example', 'https://b.example'],
        pairing: false,
        host: '::1',
      },
    );
    assert.deepEqual(parseAgentArgs(['--help']), { help: true });
  });

  test('bad options are ConfigErrors', () => {
    assert.throws(() => parseAgentArgs(['--port', 'abc']), ConfigError);
    assert.throws(() => parseAgentArgs(['--port', '70000']), ConfigError);
    assert.throws(() => parseAgentArgs(['--bogus']), ConfigError);
    // only 127.0.0.1, ::1 and localhost, as the usage says
    for (const h of ['127.0.0.2', '127.0.0.1.nip.io', '0.0.0.0'])
      assert.throws(() => parseAgentArgs(['--host', h]), ConfigError, h);
    for (const h of ['127.0.0.1', '::1', 'localhost']) assert.equal(parseAgentArgs(['--host', h]).host, h);
    assert.throws(() => parseAgentArgs(['--module', 'a.so', '--virtual', 'b.json']), ConfigError);
  });

  test('a config file, overridden by the command line', () => {
    const file = join(dir, 'agent.json');
    writeFileSync(
      file,
      JSON.stringify({
        module: '/m.so',
        port: 1234,
        allowedOrigins: ['https://x.example'],
        pairing: false,
        pairingFile: 'p.json',
      }),
    );
    const c = parseAgentArgs(['--config', file, '--port', '4321', '--allow-origin', 'https://y.example']);
    assert.equal(c.module, '/m.so');
    assert.equal(c.port, 4321);
    assert.deepEqual(c.allowedOrigins, ['https://x.example', 'https://y.example']);
    assert.equal(c.pairing, false);
    assert.equal(c.pairingFile, join(dir, 'p.json'), 'paths are relative to the config file');
  });

  test('bad config files are ConfigErrors', () => {
    const cases: unknown[] = [
      'not json',
      [],
      { port: -1 },
      { allowedOrigins: 'x' },
      { pairing: 'yes' },
      { module: 3 },
      { pollIntervalMs: 1 },
    ];
    for (const [i, c] of cases.entries()) {
      const file = join(dir, `bad-${i}.json`);
      writeFileSync(file, typeof c === 'string' ? c : JSON.stringify(c));
      assert.throws(() => readConfigFile(file), ConfigError, JSON.stringify(c));
    }
    assert.throws(() => readConfigFile(join(dir, 'missing.json')), ConfigError);
  });

  test('virtual cards file', () => {
    const file = join(dir, 'cards.json');
    writeFileSync(
      file,
      JSON.stringify({ cards: [{ label: 'CPS3v3-1', certificate: 'c', privateKey: 'k', pin: '1234' }] }),
    );
    assert.deepEqual(readVirtualCards(file), [{ label: 'CPS3v3-1', certificate: 'c', privateKey: 'k', pin: '1234' }]);
    writeFileSync(file, JSON.stringify({ cards: [{ label: 'x' }] }));
    assert.throws(() => readVirtualCards(file), ConfigError);
    writeFileSync(file, '{}');
    assert.throws(() => readVirtualCards(file), ConfigError);
  });

  test('Cryptolib CPS module and pairing file locations per OS', () => {
    assert.equal(defaultModuleCandidates('linux')[0], '/opt/santesocial/CPS/lib/libcps3_pkcs11_lux.so');
    assert.ok(defaultModuleCandidates('linux').includes('/usr/lib64/libcps3_pkcs11_lux.so'));
    assert.match(defaultModuleCandidates('win32')[0]!, /cps3_pkcs11_w64\.dll$/);
    assert.match(defaultModuleCandidates('darwin')[0]!, /libcps3_pkcs11_osx\.dylib$/);
    assert.match(defaultPairingFile('linux'), /authforte[/\\]card-agent-pairings\.json$/);
    assert.match(defaultPairingFile('darwin'), /Application Support/);
    assert.match(defaultPairingFile('win32'), /AuthForte/);
  });

  test('loopback hosts', () => {
    for (const h of ['127.0.0.1', '::1', '[::1]', 'localhost']) assert.ok(isLoopbackHost(h), h);
    // the documented three only: not another 127.x address
    for (const h of [
      '127.0.0.2',
      '127.1.2.3',
      '0.0.0.0',
      '::',
      '192.168.0.1',
      'localhost.evil.example',
      '127.0.0.1.nip.io',
      '',
    ])
      assert.ok(!isLoopbackHost(h), h);
  });
});
