/** The authorisation matrix, half 1 of 2 (see authorization-matrix.suite.ts). */
(globalThis as { authorizationMatrixPart?: 1 | 2 }).authorizationMatrixPart = 1;
await import('./authorization-matrix.suite');

export {};
