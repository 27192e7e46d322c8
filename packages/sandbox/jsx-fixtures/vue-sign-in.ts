// The Vue 3 example of docs/frameworks.md, checked through the generated GlobalComponents.
import type { AfLoginVueProps } from '@authforte/elements/vue';
import type { GlobalComponents } from 'vue';

export const props: AfLoginVueProps = {
  server: '/authforte',
  methods: ['card', 'psc'],
  onAfAuthenticated: (event) => console.log(event.detail.redirectTo, event.detail.identity.displayName),
  onAfLinkRequired: (event) => console.log(event.detail.identity.nationalId),
};

export type Registered = GlobalComponents['af-login'];
