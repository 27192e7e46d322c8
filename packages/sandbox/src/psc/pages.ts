/** HTML of the sandbox PSC's pages: French, labelled, keyboard-usable, no framework. */
import { CPS_PIN_LENGTH } from '@authforte/core/agent';
import type { SandboxProfessional } from './professionals.js';

export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
  body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;background:#f6f6f6;color:#161616;line-height:1.5}
  header{background:#000091;color:#fff;padding:1rem 1.5rem}
  header p{margin:.25rem 0 0;font-size:.9rem}
  main{max-width:34rem;margin:1.5rem auto;background:#fff;padding:1.5rem;border:1px solid #ddd}
  nav ul{display:flex;gap:.5rem;list-style:none;padding:0;margin:0 0 1rem;border-bottom:2px solid #000091}
  nav a{display:block;padding:.5rem 1rem;color:#000091;text-decoration:none}
  nav a[aria-current=page]{background:#000091;color:#fff}
  label{display:block;font-weight:600;margin:1rem 0 .25rem}
  input,select{font-size:1rem;padding:.5rem;width:100%;box-sizing:border-box}
  button,input,select{font:inherit}
  button{font-size:1rem;padding:.6rem 1.2rem;margin:1rem .5rem 0 0;border:0;background:#000091;color:#fff;cursor:pointer}
  button.secondaire{background:#fff;color:#000091;border:1px solid #000091}
  button.refus{background:#E1000F}
  .erreur{color:#E1000F;font-weight:600}
  .code{font-size:2rem;font-weight:700;letter-spacing:.3rem}
  ul.demandes{list-style:none;padding:0;margin:0}
  ul.demandes>li{border-top:1px solid #ddd;padding:1rem 0}
  ul.demandes h2{font-size:1.25rem;margin:0 0 .5rem}
  :focus-visible{outline:3px solid #E1000F;outline-offset:2px}
`;

export function layout(title: string, body: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – Pro Santé Connect (bac à sable)</title>
<style>${STYLE}</style>
</head>
<body>
<header><strong>Pro Santé Connect</strong><p>Bac à sable AuthForte : environnement de test, aucune donnée réelle.</p></header>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
${script ? `<script>${script}</script>` : ''}
</body>
</html>`;
}

export function loginPage(options: {
  uid: string;
  clientName: string;
  tab: 'ecps' | 'carte';
  error?: string;
  nationalId?: string;
  professionals: readonly SandboxProfessional[];
}): string {
  const { uid, tab } = options;
  const error = options.error ? `<p class="erreur" role="alert" id="erreur">${esc(options.error)}</p>` : '';
  const described = options.error ? ' aria-describedby="erreur" aria-invalid="true"' : '';
  const tabs = `<nav aria-label="Moyen d’authentification"><ul>
  <li><a href="/interaction/${esc(uid)}?onglet=ecps"${tab === 'ecps' ? ' aria-current="page"' : ''}>Application e-CPS</a></li>
  <li><a href="/interaction/${esc(uid)}?onglet=carte"${tab === 'carte' ? ' aria-current="page"' : ''}>Carte CPS</a></li>
</ul></nav>`;
  const cancel = `<form method="post" action="/interaction/${esc(uid)}/annuler"><button type="submit" class="secondaire">Annuler et revenir au service</button></form>`;
  const panel =
    tab === 'ecps'
      ? `<h2>Application e-CPS</h2>
<form method="post" action="/interaction/${esc(uid)}/ecps">
  ${error}
  <label for="idnat">Identifiant national (8 suivi du numéro RPPS)</label>
  <input id="idnat" name="idnat" autocomplete="username" inputmode="numeric" required value="${esc(options.nationalId ?? '')}"${described}>
  <button type="submit">Envoyer la demande à mon téléphone</button>
</form>`
      : `<h2>Carte CPS</h2>
<form method="post" action="/interaction/${esc(uid)}/carte">
  ${error}
  <label for="carte">Carte insérée (carte de test)</label>
  <select id="carte" name="idnat">${options.professionals
    .filter((p) => p.hasCard)
    .map(
      (p) =>
        `<option value="${esc(p.nationalId)}"${p.nationalId === options.nationalId ? ' selected' : ''}>${esc(`${p.givenName} ${p.familyName} – ${p.label} – ${p.nationalId}`)}</option>`,
    )
    .join('')}</select>
  <label for="pin">Code porteur (${CPS_PIN_LENGTH} chiffres)</label>
  <input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="off" pattern="[0-9]{${CPS_PIN_LENGTH}}" maxlength="${CPS_PIN_LENGTH}" required${described}>
  <button type="submit">Valider</button>
</form>`;
  return layout(
    'Connexion',
    `<p>Le service <strong>${esc(options.clientName)}</strong> vous demande de vous identifier.</p>${tabs}${panel}${cancel}`,
  );
}

export function waitingPage(options: {
  uid: string;
  nationalId: string;
  phoneUrl: string;
  expired?: boolean;
  pending?: boolean;
}): string {
  const { uid } = options;
  if (options.expired) {
    return layout(
      'Demande expirée',
      `<p class="erreur" role="alert">La demande a expiré : elle n’a pas été validée à temps dans l’application e-CPS.</p>
<p><a href="/interaction/${esc(uid)}?onglet=ecps">Recommencer</a></p>
<form method="post" action="/interaction/${esc(uid)}/annuler"><button type="submit" class="secondaire">Annuler et revenir au service</button></form>`,
    );
  }
  return layout(
    'Validez sur votre téléphone',
    `<p role="status" id="etat">Une demande de connexion a été envoyée à l’application e-CPS de l’identifiant <strong>${esc(options.nationalId)}</strong>. Ouvrez l’application et validez-la.</p>
<p>Bac à sable : le téléphone est simulé sur <a href="${esc(options.phoneUrl)}" target="_blank" rel="noopener">la page « téléphone »</a>.</p>
${options.pending ? '<p class="erreur" role="alert">La demande n’a pas encore été validée.</p>' : ''}
<form method="get" action="/interaction/${esc(uid)}/fin"><button type="submit">J’ai validé sur mon téléphone</button></form>
<form method="post" action="/interaction/${esc(uid)}/annuler"><button type="submit" class="secondaire">Annuler et revenir au service</button></form>`,
    `(function(){var u=${JSON.stringify(`/interaction/${uid}`)};function tick(){fetch(u+'/etat',{credentials:'same-origin'}).then(function(r){return r.json()}).then(function(s){if(s.status!=='pending'){location.assign(u+'/fin')}else{setTimeout(tick,500)}}).catch(function(){setTimeout(tick,1000)})}setTimeout(tick,500)})();`,
  );
}

export interface PhoneRequestView {
  id: string;
  clientName: string;
  bindingMessage?: string;
  kind: 'redirect' | 'ciba';
  secondsLeft: number;
  /** When the request was made (epoch ms): with no binding code (redirect mode), what tells two requests apart. */
  createdAt?: number;
}

/** "09:41:07", Paris time, as the phone would show it. */
function clock(at: number): string {
  return new Intl.DateTimeFormat('fr-FR', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: 'Europe/Paris',
  }).format(at);
}

export function phonePage(options: { nationalId?: string; requests: PhoneRequestView[]; notice?: string }): string {
  const idnat = options.nationalId ?? '';
  const lookup = `<form method="get" action="/telephone">
  <label for="idnat">Identifiant national du téléphone</label>
  <input id="idnat" name="idnat" autocomplete="username" inputmode="numeric" required value="${esc(idnat)}">
  <button type="submit">Ouvrir l’application e-CPS</button>
</form>`;
  const notice = options.notice ? `<p role="status">${esc(options.notice)}</p>` : '';
  let list = '';
  if (idnat) {
    list =
      options.requests.length === 0
        ? '<p>Aucune demande en attente.</p>'
        : `<ul class="demandes" aria-label="Demandes en attente">${options.requests
            .map(
              (
                r,
                i,
              ) => `<li><h2>Demande de connexion${options.requests.length > 1 ? ` n° ${i + 1}` : ''} à « ${esc(r.clientName)} »</h2>
${r.createdAt ? `<p>Reçue à <span data-received>${esc(clock(r.createdAt))}</span>${r.kind === 'redirect' ? ' (depuis la page Pro Santé Connect)' : ' (depuis le service)'}.</p>` : ''}
${r.bindingMessage ? `<p>Code affiché par le service : <span class="code" data-binding>${esc(r.bindingMessage)}</span></p><p>Vérifiez que c’est le même code avant de valider.</p>` : ''}
<p>Expire dans ${r.secondsLeft} s.</p>
<form method="post" action="/telephone/demandes/${esc(r.id)}/valider"><button type="submit">Valider la connexion</button></form>
<form method="post" action="/telephone/demandes/${esc(r.id)}/refuser"><button type="submit" class="refus">Refuser</button></form></li>`,
            )
            .join('')}</ul>`;
  }
  return layout('Application e-CPS (téléphone simulé)', `${notice}${lookup}${list}`);
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<p class="erreur" role="alert">${esc(message)}</p>`);
}

export function logoutPage(form: string): string {
  return layout(
    'Déconnexion',
    `${form}<p>Vous allez être déconnecté(e) de Pro Santé Connect.</p><button type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter</button>`,
    "document.forms['op.logoutForm'] && document.forms['op.logoutForm'].requestSubmit ? (function(f){var i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();})(document.forms['op.logoutForm']) : null;",
  );
}
