/**
 * The wallet host's pages: the simulated phone (`/telephone`, "Application e-CPS": approve or refuse a redirect
 * sign-in or a CIBA request) and the authorization interaction (`/interaction/<uid>`: e-CPS by national identifier
 * then approval on the phone, or the test CPS card and its PIN; waiting page, cancel). What PSC shows there is
 * described in docs/psc.md ("The sandbox as a witness").
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { Approvals } from './approvals.js';
import { readForm, redirect, send } from './http.js';
import { errorPage, loginPage, phonePage, waitingPage } from './pages.js';
import { pscSubject, SANDBOX_CARD_PIN, type SandboxProfessional } from './professionals.js';

export interface WalletContext {
  provider: Provider;
  approvals: Approvals;
  professionals: readonly SandboxProfessional[];
  byId: Map<string, SandboxProfessional>;
  /** Seconds a person has to approve on the phone. */
  approvalTtl: number;
  /** The `acr` of a sign-in with the card or the e-CPS. */
  acrFor(card: boolean): string;
  phoneUrl(nationalId: string): string;
}

function sessionExpired(res: ServerResponse): void {
  send(
    res,
    400,
    errorPage('Session expirée', "Cette demande de connexion n'est plus valable. Revenez au service et recommencez."),
  );
}

async function finishLogin(
  ctx: WalletContext,
  req: IncomingMessage,
  res: ServerResponse,
  nationalId: string,
  amr: string[],
): Promise<void> {
  await ctx.provider.interactionFinished(
    req,
    res,
    {
      login: {
        accountId: pscSubject(nationalId),
        acr: ctx.acrFor(amr.includes('hwk')),
        amr,
        ts: Math.floor(Date.now() / 1000),
      },
    },
    { mergeWithLastSubmission: false },
  );
}

async function refuse(
  ctx: WalletContext,
  req: IncomingMessage,
  res: ServerResponse,
  description: string,
): Promise<void> {
  await ctx.provider.interactionFinished(
    req,
    res,
    { error: 'access_denied', error_description: description },
    { mergeWithLastSubmission: false },
  );
}

/** `/telephone` (GET: the requests of a national identifier; POST `/telephone/demandes/<id>/<action>`). */
export async function phoneRoute(
  ctx: WalletContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const { provider, approvals } = ctx;
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const phone = /^\/telephone\/demandes\/([\w-]+)\/(valider|refuser)$/.exec(path);
  if (path === '/telephone' && method === 'GET') {
    const idnat = url.searchParams.get('idnat')?.trim() ?? '';
    const requests = idnat
      ? approvals.pendingFor(idnat).map((a) => {
          const view: Parameters<typeof phonePage>[0]['requests'][number] = {
            id: a.id,
            clientName: a.clientName,
            kind: a.kind,
            secondsLeft: Math.max(0, Math.round((a.expiresAt - Date.now()) / 1000)),
            createdAt: a.createdAt,
          };
          if (a.bindingMessage) view.bindingMessage = a.bindingMessage;
          return view;
        })
      : [];
    const notice = url.searchParams.get('ok');
    const pageOptions: Parameters<typeof phonePage>[0] = { nationalId: idnat, requests };
    if (notice === 'valide') pageOptions.notice = 'Connexion validée.';
    if (notice === 'refuse') pageOptions.notice = 'Connexion refusée.';
    if (notice === 'expire') pageOptions.notice = 'Cette demande a expiré.';
    send(res, 200, phonePage(pageOptions));
    return true;
  }
  if (phone && method === 'POST') {
    const [, id, action] = phone;
    const a = approvals.get(id ?? '');
    if (a?.status !== 'pending') {
      send(res, 404, errorPage('Demande introuvable', "Cette demande n'existe pas ou a déjà été traitée."));
      return true;
    }
    const back = (ok: string) => redirect(res, `/telephone?idnat=${encodeURIComponent(a.nationalId)}&ok=${ok}`);
    if (approvals.isExpired(a)) {
      back('expire');
      return true;
    }
    a.status = action === 'valider' ? 'approved' : 'refused';
    if (a.kind === 'ciba') {
      const request = await provider.BackchannelAuthenticationRequest.find(a.ref, { ignoreExpiration: true });
      if (!request || request.isExpired) {
        back('expire');
        return true;
      }
      if (a.status === 'approved') {
        const grant = new provider.Grant({ clientId: request.clientId, accountId: pscSubject(a.nationalId) });
        grant.addOIDCScope(String(request.scope ?? 'openid scope_all'));
        await grant.save();
        await provider.backchannelResult(request, grant, {
          acr: ctx.acrFor(a.card === true),
          amr: a.card ? ['hwk', 'pin'] : ['mfa'],
          authTime: Math.floor(Date.now() / 1000),
        });
      } else {
        await provider.backchannelResult(request, new errors.AccessDenied("l'utilisateur a refusé la demande"));
      }
    }
    back(a.status === 'approved' ? 'valide' : 'refuse');
    return true;
  }
  return false;
}

/** `/interaction/<uid>[/step]`: the authorization page and its steps. */
export async function interactionRoute(
  ctx: WalletContext,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const { provider, approvals, professionals, byId, approvalTtl, phoneUrl } = ctx;
  const path = url.pathname;
  const method = req.method ?? 'GET';
  const m = /^\/interaction\/([\w-]+)(?:\/(ecps|carte|attente|etat|fin|annuler))?$/.exec(path);
  if (!m) {
    send(res, 404, errorPage('Page introuvable', "Cette adresse n'existe pas sur le bac à sable Pro Santé Connect."));
    return;
  }
  const [, uid = '', step] = m;
  let details: Awaited<ReturnType<Provider['interactionDetails']>>;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    sessionExpired(res);
    return;
  }
  if (details.uid !== uid) {
    sessionExpired(res);
    return;
  }
  const client = await provider.Client.find(String(details.params.client_id));
  const clientName = client?.clientName ?? String(details.params.client_id);

  if (details.prompt.name === 'consent') {
    // loadExistingGrant grants everything; this is only a fallback.
    const grant = new provider.Grant({
      clientId: String(details.params.client_id),
      accountId: String(details.session?.accountId),
    });
    grant.addOIDCScope('openid scope_all');
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }

  if (!step && method === 'GET') {
    const tab = url.searchParams.get('onglet') === 'carte' ? 'carte' : 'ecps';
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
    send(res, 200, loginPage({ uid, clientName, tab, professionals, ...(hint ? { nationalId: hint } : {}) }));
    return;
  }
  // the sign-in page again, with what the user typed and what is wrong
  const showAgain = (tab: 'ecps' | 'carte', nationalId: string, error: string) =>
    send(res, 200, loginPage({ uid, clientName, tab, professionals, nationalId, error }));
  if (step === 'ecps' && method === 'POST') {
    const form = await readForm(req);
    const idnat = (form.get('idnat') ?? '').trim();
    const known = byId.get(idnat);
    if (!known || known.eCps === 'expired') {
      showAgain(
        'ecps',
        idnat,
        known
          ? 'Votre e-CPS n’est plus active. Réactivez-la dans l’application e-CPS, ou utilisez votre carte CPS.'
          : 'Identifiant national inconnu du bac à sable. Vérifiez le numéro (8 suivi du numéro RPPS).',
      );
      return;
    }
    approvals.dropInteraction(uid);
    const id = randomUUID();
    approvals.add({
      id,
      kind: 'redirect',
      nationalId: idnat,
      clientName,
      status: 'pending',
      expiresAt: Date.now() + approvalTtl * 1000,
      createdAt: Date.now(),
      ref: uid,
    });
    redirect(res, `/interaction/${uid}/attente`);
    return;
  }
  if (step === 'carte' && method === 'POST') {
    const form = await readForm(req);
    const idnat = (form.get('idnat') ?? '').trim();
    const p = byId.get(idnat);
    if (!p?.hasCard || form.get('pin') !== SANDBOX_CARD_PIN) {
      showAgain('carte', idnat, `Code porteur incorrect (carte de test : ${SANDBOX_CARD_PIN}).`);
      return;
    }
    await finishLogin(ctx, req, res, idnat, ['hwk', 'pin']);
    return;
  }
  if (step === 'annuler' && method === 'POST') {
    approvals.dropInteraction(uid);
    await refuse(ctx, req, res, "l'utilisateur a annulé la connexion");
    return;
  }
  const a = approvals.ofInteraction(uid);
  if (!a) {
    redirect(res, `/interaction/${uid}`);
    return;
  }
  const status = a.status === 'pending' && approvals.isExpired(a) ? 'expired' : a.status;
  if (step === 'etat') {
    send(res, 200, JSON.stringify({ status }), 'application/json; charset=utf-8');
    return;
  }
  if (step === 'attente' || step === 'fin') {
    if (status === 'approved') {
      approvals.delete(a.id);
      await finishLogin(ctx, req, res, a.nationalId, ['mfa', 'swk']);
    } else if (status === 'refused') {
      approvals.delete(a.id);
      await refuse(ctx, req, res, "l'utilisateur a refusé la demande dans l'application e-CPS");
    } else {
      send(
        res,
        200,
        waitingPage({
          uid,
          nationalId: a.nationalId,
          phoneUrl: phoneUrl(a.nationalId),
          expired: status === 'expired',
          pending: step === 'fin',
        }),
      );
    }
    return;
  }
  send(res, 405, errorPage('Action impossible', "Cette action n'est pas disponible."));
}
