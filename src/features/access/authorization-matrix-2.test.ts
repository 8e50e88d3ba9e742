/** The authorisation matrix, half 2 of 2 (see authorization-matrix.suite.ts). */
(globalThis as { authorizationMatrixPart?: 1 | 2 }).authorizationMatrixPart = 2;
await import('./authorization-matrix.suite');

export {};
