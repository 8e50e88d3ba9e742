/**
 * The OCOP API under /api/ocop, composed from one router per area (in the order of the API
 * document), and the scoring sheet's JSON Schema, mounted under /api/schemas.
 */
import { createRouter } from '../../lib/http';
import { catalogueRoutes } from './routes/catalogue';
import { dashboardRoutes } from './routes/dashboard';
import { producerRoutes } from './routes/producers';
import { productMediaRoutes } from './routes/product-media';
import { productRoutes } from './routes/products';
import { roundRoutes } from './routes/rounds';
import { ocopSchemaRoutes, sheetRoutes } from './routes/sheets';

export { ocopSchemaRoutes };

export const ocopRoutes = createRouter();

ocopRoutes.route('/', catalogueRoutes);
ocopRoutes.route('/', sheetRoutes);
ocopRoutes.route('/', producerRoutes);
ocopRoutes.route('/', productRoutes);
ocopRoutes.route('/', productMediaRoutes);
ocopRoutes.route('/', dashboardRoutes);
ocopRoutes.route('/', roundRoutes);
