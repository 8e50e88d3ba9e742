import { createRouter } from '../../lib/http';
import { activityRoutes } from './routes/activities';
import { councilRoutes } from './routes/councils';
import { petitionRoutes } from './routes/petitions';
import { recommendationRoutes } from './routes/recommendations';
import { snapshotRoutes } from './routes/snapshots';

/**
 * The council oversight API under /api/oversight, one router per area (routes/): councils, their
 * activities, frozen snapshots and comparisons, recommendations, voters' petitions.
 */
export const oversightRoutes = createRouter();
oversightRoutes.route('/', councilRoutes);
oversightRoutes.route('/', activityRoutes);
oversightRoutes.route('/', snapshotRoutes);
oversightRoutes.route('/', recommendationRoutes);
oversightRoutes.route('/', petitionRoutes);
