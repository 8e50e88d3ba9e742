/**
 * The capital API under /api/capital, composed from one router per area. The order is the order in
 * which the operations appear in the API document.
 */
import { createRouter } from '../../lib/http';
import { ledgerRoutes } from './routes/ledger';
import { overviewRoutes } from './routes/overview';
import { planRoutes } from './routes/plans';
import { projectLedgerRoutes } from './routes/project-ledger';
import { projectMediaRoutes } from './routes/project-media';
import { projectRoutes } from './routes/projects';
import { settingsRoutes } from './routes/settings';

export const capitalRoutes = createRouter();

capitalRoutes.route('/', overviewRoutes);
capitalRoutes.route('/', projectRoutes);
capitalRoutes.route('/', projectMediaRoutes);
capitalRoutes.route('/', projectLedgerRoutes);
capitalRoutes.route('/', planRoutes);
capitalRoutes.route('/', ledgerRoutes);
capitalRoutes.route('/', settingsRoutes);
