import type { AccountLinkMessages } from './strings.fr.js';

/** English strings of <af-account-link>. */
const en: AccountLinkMessages = {
  title: 'Professional area',
  intro: (host: string) =>
    `You work in a health or social-care establishment and already have a ${host} account. Sign in with your usual ${host} username and password.`,
  defaultHostName: 'your application',
  identity: 'Identity',
  nationalId: 'National identifier',
  'source.card': 'read from your CPS card',
  'source.psc': 'sent by Pro Santé Connect',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
  cancel: 'This is not me: cancel',
  submitting: 'Checking your username and password…',
  errorTitle: 'Sign-in failed',
  lockedTitle: 'Signing in is temporarily blocked',
  fieldErrorTitle: 'There is a problem with the form',
  'field.missing-username': 'Enter your username.',
  'field.missing-password': 'Enter your password.',
  'error.invalid-credentials': 'Incorrect username or password. Check them and try again.',
  'error.locked': 'Too many attempts: for your security, linking your account is blocked.',
  'error.csrf': 'Your session has expired. Reload the page, then try again.',
  'error.no-pending-identity':
    'Your CPS card or e-CPS identification has expired or did not happen. Identify yourself again, then link your account.',
  'error.already-linked': (host: string) =>
    `This identity is already linked to another ${host} account. Contact your establishment’s help desk.`,
  'error.bad-request': 'The request could not be processed. Check the fields, then try again.',
  'error.network':
    'The server is not answering. Check your Internet connection, then try again: your username is kept, enter your password again.',
  'error.server': 'Something went wrong on the server. Try again in a moment.',
  attemptsLeft: (n: number) =>
    n <= 1
      ? 'Warning: 1 more wrong attempt and linking will be temporarily blocked.'
      : `Warning: ${n} more wrong attempts and linking will be temporarily blocked.`,
  passwordCleared: 'For your security, the password was cleared.',
  unlocked: 'The lock has ended: you can try to sign in again.',
  retryAt: (time: string) => `You can try again at ${time}.`,
  retryIn: (minutes: number) =>
    minutes <= 1 ? 'You can try again in a minute.' : `You can try again in ${minutes} minutes.`,
  linked: (host: string, source?: 'card' | 'psc') =>
    `Your ${source === 'psc' ? 'e-CPS' : 'card'} is now linked to your ${host} account. Next time, your CPS card or e-CPS alone signs you in.`,
  cancelled: 'Linking your account was cancelled.',
};

export default en;
