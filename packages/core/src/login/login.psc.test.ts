import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { restoreLogin, startLogin as start, types } from '../test-support/login.js';
import { fakeServices, HOLDER } from '../testing/index.js';
import { LoginError } from './errors.js';
import { loginRoute, loginView } from './login.view.js';

describe('loginMachine: Pro Santé Connect', () => {
  it('redirect: announces the redirect and calls signinRedirect', async () => {
    const fake = fakeServices({ signinRedirect: () => new Promise(() => {}) });
    const { actor, emitted, until, when } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'psc', mode: 'redirect' });
    await until('psc-redirecting');
    assert.deepEqual(types(emitted), ['redirecting']);
    await when(() => fake.names().includes('signinRedirect'));
  });

  it('redirect: a failure to leave is an error', async () => {
    const { actor, until, view } = start(
      fakeServices({ signinRedirect: () => Object.assign(new Error('x'), { code: 'psc-unreachable' }) }),
    );
    actor.send({ type: 'CHOOSE', method: 'psc' });
    await until('error');
    assert.equal(view().error?.code, 'network');
  });

  it('resumes on the return from PSC, once the element says RESUME', async () => {
    const fake = fakeServices({ verify: { status: 'link-required', identity: { ...HOLDER, source: 'psc' } } });
    const { actor, until, emitted, screen } = start(fake, { resume: 'psc-redirect' });
    assert.equal(screen(), 'psc-returning');
    assert.equal(fake.calls.length, 0);
    actor.send({ type: 'RESUME' });
    await until('link-required');
    assert.deepEqual(fake.calls.find((c) => c.name === 'verify')?.args, { method: 'psc', proof: { code: 'psc-code' } });
    assert.equal(emitted.at(-1)?.type, 'link-required');
  });

  it('a return without an answer goes back to the chooser as cancelled; a refusal is psc-refused', async () => {
    {
      const { actor, until, emitted, view } = start(fakeServices({ completeRedirect: null }), {
        resume: 'psc-redirect',
      });
      actor.send({ type: 'RESUME' });
      await until('chooser');
      assert.equal(view().cancelled, true);
      assert.deepEqual(types(emitted), ['cancelled']);
    }
    {
      const refused = Object.assign(new Error('access_denied'), { code: 'psc-refused' });
      const { actor, until, view, screen } = start(fakeServices({ completeRedirect: () => refused }), {
        resume: 'psc-redirect',
      });
      actor.send({ type: 'RESUME' });
      await until('error');
      assert.equal(view().error?.code, 'psc-refused');
      actor.send({ type: 'RETRY' });
      assert.equal(screen(), 'psc-redirecting');
    }
  });

  it('popup: the proof goes to verification; a blocked popup is reported', async () => {
    {
      const { actor, until, screen } = start();
      actor.send({ type: 'CHOOSE', method: 'psc', mode: 'popup' });
      assert.equal(screen(), 'psc-popup');
      await until('authenticated');
    }
    {
      const { actor, until, view, screen } = start(
        fakeServices({ signinPopup: () => Object.assign(new Error('x'), { code: 'psc-popup-blocked' }) }),
      );
      actor.send({ type: 'CHOOSE', method: 'psc', mode: 'popup' });
      await until('error');
      assert.equal(view().error?.code, 'psc-popup-blocked');
      actor.send({ type: 'RETRY' });
      assert.equal(screen(), 'psc-popup');
    }
  });

  it('CIBA: identifier, binding code, polling until approved', async () => {
    let polls = 0;
    const fake = fakeServices({
      cibaStart: { bindingMessage: '42', expiresIn: 60, interval: 0.001, requestId: 'r9' },
      cibaPoll: () => (++polls < 3 ? { status: 'pending' } : { status: 'approved', proof: { ciba: 'ok' } }),
    });
    const { actor, until, screen, view } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
    assert.equal(screen(), 'ciba-identifier');
    actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '2580' });
    assert.equal(view().fieldError, 'national-id-format');
    assert.equal(view().nationalId, '2580');
    actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '8 1000 1234 567' });
    assert.equal(screen(), 'ciba-starting');
    await until('ciba-waiting');
    assert.equal(view().cibaRequest?.bindingMessage, '42');
    await until('authenticated');
    assert.equal(polls, 3);
    assert.deepEqual(fake.calls.find((c) => c.name === 'cibaStart')?.args, { nationalId: '810001234567' });
    assert.deepEqual(fake.calls.find((c) => c.name === 'cibaPoll')?.args, { requestId: 'r9' });
    assert.deepEqual(fake.calls.find((c) => c.name === 'verify')?.args, { method: 'psc', proof: { ciba: 'ok' } });
  });

  it('CIBA: refusal, expiry, an identifier PSC does not know, and cancel while waiting', async () => {
    {
      const { actor, until, view, screen } = start(
        fakeServices({ cibaPoll: () => Object.assign(new Error('x'), { code: 'psc-refused' }) }),
      );
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' });
      await until('error');
      assert.equal(view().error?.code, 'psc-refused');
      actor.send({ type: 'RETRY' });
      assert.equal(screen(), 'ciba-identifier');
    }
    {
      const fake = fakeServices({
        cibaStart: { bindingMessage: '07', expiresIn: 0.05, interval: 10 },
        cibaPoll: { status: 'pending' },
      });
      const { actor, until, view } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '10001234567' });
      await until('error');
      assert.equal(view().error?.code, 'psc-expired');
    }
    {
      const { actor, until, view } = start(fakeServices({ cibaStart: () => new LoginError('national-id-invalid') }));
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' });
      await until('ciba-identifier');
      assert.equal(view().fieldError, 'national-id-format');
    }
    {
      const fake = fakeServices({
        cibaPoll: () => new Promise(() => {}),
        cibaStart: { bindingMessage: '42', expiresIn: 60, interval: 0.001 },
      });
      const { actor, until, emitted, when, screen } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' });
      await until('ciba-waiting');
      await when(() => fake.names().includes('cibaPoll'));
      actor.send({ type: 'CANCEL' });
      assert.equal(screen(), 'chooser');
      assert.ok(fake.signals.cibaPoll?.aborted);
      assert.deepEqual(types(emitted), ['cancelled']);
    }
  });

  it('CIBA: a snapshot restored while waiting polls again and still expires (a removed element put back)', async () => {
    const restoredAt = async (fake: ReturnType<typeof fakeServices>) => {
      const { actor, until, when } = start(fake);
      actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
      actor.send({ type: 'SUBMIT_NATIONAL_ID', nationalId: '810001234567' });
      await until('ciba-waiting');
      await when(() => fake.names().includes('cibaPoll'));
      const snapshot = actor.getPersistedSnapshot();
      actor.stop();
      const polled = fake.names().filter((n) => n === 'cibaPoll').length;
      const { restored, settled } = restoreLogin(fake, snapshot);
      return { restored, polled, settled };
    };
    {
      let approve = false;
      const fake = fakeServices({
        cibaStart: { bindingMessage: '42', expiresIn: 60, interval: 0.01, requestId: 'r9' },
        cibaPoll: () => (approve ? { status: 'approved', proof: { ciba: 'ok' } } : { status: 'pending' }),
      });
      const { restored, polled, settled } = await restoredAt(fake);
      assert.equal(loginRoute(restored.getSnapshot()), 'ciba-waiting');
      approve = true;
      await settled('authenticated');
      assert.ok(fake.names().filter((n) => n === 'cibaPoll').length > polled, 'polling resumed');
      assert.equal(fake.names().filter((n) => n === 'cibaStart').length, 1, 'no second push to the phone');
    }
    {
      const fake = fakeServices({
        cibaStart: { bindingMessage: '07', expiresIn: 0.2, interval: 0.01 },
        cibaPoll: { status: 'pending' },
      });
      const { restored, settled } = await restoredAt(fake);
      await settled('error');
      assert.equal(loginView(restored.getSnapshot()).error?.code, 'psc-expired');
    }
  });

  it('CIBA: the user can switch to PSC’s own page', () => {
    const fake = fakeServices({ signinRedirect: () => new Promise(() => {}) });
    const { actor, screen } = start(fake);
    actor.send({ type: 'CHOOSE', method: 'psc', ciba: true });
    actor.send({ type: 'USE_PSC_PAGE' });
    assert.equal(screen(), 'psc-redirecting');
    actor.send({ type: 'BACK' });
    actor.send({ type: 'CHOOSE', method: 'psc', ciba: true, mode: 'popup' });
    actor.send({ type: 'USE_PSC_PAGE' });
    assert.equal(screen(), 'psc-popup');
  });
});
