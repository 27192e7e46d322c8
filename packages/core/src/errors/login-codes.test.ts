import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGENT_ERROR_CODES, AGENT_ERRORS, AgentError } from '../agent/errors.js';
import { AGENT_PROTOCOL_VERSION } from '../agent/protocol.js';
import { NationalIdError, parseNationalId } from '../identifiers/national-id.js';
import { PSC_ERROR_CODES, PSC_ERRORS, PscError } from '../psc/errors.js';
import { ACCOUNT_LINK_ERROR_CODES, ACCOUNT_LINK_ERRORS } from './account-link.js';
import { NATIONAL_ID_ERROR_CODES, NATIONAL_ID_ERRORS } from './activation.js';
import { AuthForteError, ERROR_CATEGORIES, type ErrorTable } from './authforte-error.js';
import { HOST_ERROR_CODES, HOST_ERRORS, hostError } from './host.js';
import { isLoginErrorCode, LOGIN_ERROR_CODES, LOGIN_ERRORS, LoginError } from './login.js';
import {
  AGENT_TO_LOGIN,
  agentProblemInfo,
  errorInfo,
  HOST_TO_LOGIN,
  NATIONAL_ID_TO_LOGIN,
  PSC_TO_LOGIN,
  toLoginError,
} from './login-codes.js';

/** The code an error maps to, checked not to depend on the fallback (no code falls to it by accident). */
function mapped(err: unknown): string {
  const a = toLoginError(err, 'network').code;
  const b = toLoginError(err, 'not-configured').code;
  assert.equal(a, b, `${String((err as { code?: unknown }).code)} fell to the fallback`);
  return a;
}

describe('error tables', () => {
  const tables: Array<[string, ErrorTable<string>]> = [
    ['agent', AGENT_ERRORS],
    ['psc', PSC_ERRORS],
    ['login', LOGIN_ERRORS],
    ['host', HOST_ERRORS],
    ['account-link', ACCOUNT_LINK_ERRORS],
    ['national identifier', NATIONAL_ID_ERRORS],
  ];
  it('every row has a category, retryable, a developer message and an error status when it has one', () => {
    for (const [name, table] of tables)
      for (const [code, row] of Object.entries(table)) {
        assert.ok(ERROR_CATEGORIES.includes(row.category), `${name} ${code}`);
        assert.equal(typeof row.retryable, 'boolean', `${name} ${code}`);
        assert.ok(
          row.message.length > 10 && !/[’«»]|Réessayez|Vérifiez/.test(row.message),
          `${name} ${code}: English developer text`,
        );
        if (row.status !== undefined) assert.ok(row.status >= 400 && row.status < 600, `${name} ${code}`);
      }
    for (const code of ACCOUNT_LINK_ERROR_CODES) assert.ok(ACCOUNT_LINK_ERRORS[code]);
  });

  it('an error crosses a boundary losslessly (toJSON → JSON text → fromJSON)', () => {
    const e = new AgentError('rate-limited', 'slow down', { retryAfterSeconds: 30, status: 429 });
    const back = AuthForteError.fromJSON(JSON.parse(JSON.stringify(e)));
    assert.deepEqual(back?.toJSON(), {
      code: 'rate-limited',
      category: 'environment',
      retryable: true,
      message: 'slow down',
      details: { retryAfter: 30, status: 429 },
    });
    assert.equal(AuthForteError.fromJSON({ code: '<script>' }), undefined);
    assert.equal(AuthForteError.fromJSON('rate-limited'), undefined);
    const odd = AuthForteError.fromJSON({ code: 'x', category: 'admin', details: { retryAfter: 'soon', evil: 1 } });
    assert.deepEqual(odd?.toJSON(), { code: 'x', category: 'developer', retryable: false, message: 'x', details: {} });
    assert.ok(new LoginError('timeout') instanceof AuthForteError);
    assert.ok(new PscError('timeout') instanceof AuthForteError);
    assert.ok(hostError('csrf') instanceof AuthForteError);
  });
});

describe('mapping into the login codes', () => {
  it('every agent code maps to a named login code, by its table row', () => {
    for (const code of AGENT_ERROR_CODES) {
      assert.ok(isLoginErrorCode(AGENT_TO_LOGIN[code]), code);
      assert.equal(mapped(new AgentError(code)), AGENT_TO_LOGIN[code], code);
    }
  });

  it('every PSC code maps to a named login code, by its table row', () => {
    for (const code of PSC_ERROR_CODES) {
      assert.ok(isLoginErrorCode(PSC_TO_LOGIN[code]), code);
      assert.equal(mapped(new PscError(code)), PSC_TO_LOGIN[code], code);
    }
  });

  it('every national identifier check maps to national-id-invalid; parseNationalId’s own error does', () => {
    for (const code of NATIONAL_ID_ERROR_CODES) {
      assert.equal(NATIONAL_ID_TO_LOGIN[code], 'national-id-invalid', code);
      assert.equal(mapped(Object.assign(new Error(code), { name: 'NationalIdError', code })), 'national-id-invalid');
    }
    assert.throws(
      () => parseNationalId('8123'),
      (err: unknown) => {
        assert.ok(err instanceof NationalIdError && err instanceof AuthForteError);
        assert.deepEqual([err.category, err.retryable], ['user', true]);
        assert.equal(mapped(err), 'national-id-invalid');
        return true;
      },
    );
  });

  it('every login code stays itself; every host code maps to a login code or, when generic, to the step’s failure', () => {
    for (const code of LOGIN_ERROR_CODES) assert.equal(mapped({ code }), code);
    for (const code of HOST_ERROR_CODES) {
      const to = HOST_TO_LOGIN[code];
      const error = hostError(code);
      if (to === null) {
        assert.equal(toLoginError(error, 'verification-failed').code, 'verification-failed', code);
        assert.equal(toLoginError(error, 'network').code, 'network', code);
      } else assert.equal(mapped(error), to, code);
    }
  });

  it('keeps the details: retryAfter (agent and PSC), triesLeft, the source code', () => {
    const agent = errorInfo(new AgentError('rate-limited', undefined, { retryAfterSeconds: 20 }));
    assert.equal(agent.code, 'agent-unavailable');
    assert.equal(agent.retryAfter, 20);
    assert.equal(agent.details.sourceCode, 'rate-limited');
    const psc = errorInfo(new PscError('rate-limited', 'too many', { retryAfter: 600 }));
    assert.deepEqual([psc.code, psc.retryAfter, psc.details.retryAfter], ['psc-rate-limited', 600, 600]);
    const pin = errorInfo(new AgentError('pin-incorrect', undefined, { triesLeft: 1, status: 403 }));
    assert.deepEqual([pin.code, pin.triesLeft, pin.details.status], ['pin-incorrect', 1, 403]);
    const acr = errorInfo(new PscError('psc-acr-too-low'));
    assert.deepEqual([acr.code, acr.details.sourceCode], ['psc-failed', 'psc-acr-too-low']);
    // an e-CPS user whose identifier has no e-CPS reads that, not « Réessayez »
    assert.equal(errorInfo(new PscError('psc-unknown-user'), 'psc-failed').code, 'psc-unknown-user');
    // the info is plain data (a persisted snapshot)
    assert.deepEqual(JSON.parse(JSON.stringify(psc)), psc);
  });

  it('the agent’s protocol versions reach the version-mismatch error', () => {
    const info = agentProblemInfo({ status: 'version-mismatch', versions: [2, 3] });
    assert.equal(info.code, 'agent-version-mismatch');
    assert.deepEqual(info.details.requiredVersions, [AGENT_PROTOCOL_VERSION]);
    assert.deepEqual(info.details.agentVersions, [2, 3]);
    assert.equal(agentProblemInfo({ status: 'blocked' }).code, 'agent-blocked');
    assert.equal(agentProblemInfo({ status: 'not-installed' }).code, 'agent-not-installed');
  });

  it('only what no table knows falls to the fallback', () => {
    assert.equal(toLoginError(new Error('boom'), 'psc-failed').code, 'psc-failed');
    assert.equal(toLoginError({ code: 'psc-something-new' }).code, 'psc-failed');
    assert.equal(toLoginError(Object.assign(new Error('x'), { name: 'AbortError' })).code, 'cancelled');
  });
});
