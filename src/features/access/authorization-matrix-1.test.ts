/** The authorisation matrix, half 1 of 2 (see authorization-matrix.suite.ts). */
import { authorizationMatrix } from './authorization-matrix.suite';

authorizationMatrix(1);
