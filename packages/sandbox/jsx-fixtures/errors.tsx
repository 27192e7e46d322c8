// Each line below must be refused by the declarations (the test reads the compiler's errors).
import type {} from '@authforte/elements/react';

export const wrongMethods = <af-login methods={42} />;
export const wrongDetail = <af-login onaf-authenticated={(e) => e.detail.nope} />;
export const unknownTag = <af-logn />;
