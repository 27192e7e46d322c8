export * from './errors.js';
export { isWellFormedPin, PinSecret, validateNationalIdInput } from './pin.js';
export type * from './types.js';
