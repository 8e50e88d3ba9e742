/** The OCOP catalogue: product groups and sets, cycle steps and transitions, documents, the sheets on file. */
import { createRoute } from '@hono/zod-openapi';
import { asc } from 'drizzle-orm';
import { ocopSheets } from '../../../db/schema';
import { DOCUMENTS, STEP_OF, TRANSITIONS } from '../../../domain/ocop/cycle';
import { createRouter, errorResponses, json } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { todayVn } from '../../../shared/vi';
import { Catalogue, STAGES } from '../schemas';
import { PRODUCT_GROUPS, PRODUCT_SETS, regimeOn, SHEET_PUBLISHERS } from '../sheets';
import { tags } from './params';

export const catalogueRoutes = createRouter();

catalogueRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/catalogue',
    tags,
    summary: 'Product groups and sets, cycle steps and transitions, documents',
    responses: { 200: json(Catalogue), ...errorResponses },
  }),
  async (c) => {
    actorOf(c);
    const sheets = await c
      .get('deps')
      .db.select({
        id: ocopSheets.id,
        code: ocopSheets.code,
        version: ocopSheets.version,
        setNo: ocopSheets.setNo,
        regime: ocopSheets.regime,
        verified: ocopSheets.verified,
        status: ocopSheets.status,
      })
      .from(ocopSheets)
      .orderBy(asc(ocopSheets.setNo), asc(ocopSheets.version));
    return c.json(
      {
        groups: PRODUCT_GROUPS,
        sets: PRODUCT_SETS,
        stages: STAGES.map((s) => ({ stage: s, step: STEP_OF[s] })),
        transitions: TRANSITIONS,
        documents: DOCUMENTS,
        sheets,
        /** Sets with a sheet under the rules in force today; the others warn on registration. */
        setsWithSheet: [
          ...new Set(
            sheets.filter((x) => x.status === 'published' && x.regime === regimeOn(todayVn(metaOf(c).now))).map((x) => x.setNo),
          ),
        ],
        sheetPublishers: SHEET_PUBLISHERS,
      },
      200,
    );
  },
);
