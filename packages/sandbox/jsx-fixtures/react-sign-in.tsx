// The React 19 example of docs/frameworks.md: no wrapper, the element and its typed events.
import '@authforte/elements/login.js';
import type {} from '@authforte/elements/react';

export function SignIn({ onSignedIn }: { onSignedIn: (nationalId: string) => void }) {
  return (
    <af-login
      server="/authforte"
      methods={['card', 'psc']}
      heading-level={1}
      onaf-authenticated={(event) => {
        event.preventDefault(); // stay in the single-page app
        onSignedIn(event.detail.identity.nationalId);
      }}
      onaf-error={(event) => console.warn(event.detail.code)}
    />
  );
}

export function FirstConnection() {
  return <af-account-link server="/authforte" onaf-linked={(e) => console.log(e.detail.accountId)} />;
}
