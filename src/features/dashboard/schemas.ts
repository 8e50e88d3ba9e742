/** What the dashboard answers: the summary, the heat map, the gaps and a unit's scorecard. */
import { z } from '@hono/zod-openapi';
import { CELL_STATUSES } from '../../domain/criteria/cell-status';
import { STATUS_CODES } from '../../domain/criteria/engine';
import { ASSESSMENT_STATES } from '../../domain/lifecycles/assessment';
import { UNIT_TYPES } from '../../shared/roles';
import { SummaryCounts } from '../criteria/schemas';

const Id = z.number().int();
const MonthText = z.string().openapi({ example: '2026-05' });

export const DashboardSummary = SummaryCounts.extend({
  unitCount: z.number().int(),
  units: z.array(
    z.object({
      unitId: Id,
      name: z.string(),
      assessmentId: Id.nullable(),
      month: MonthText.nullable(),
      criteriaMet: z.number().int().nullable(),
      criteriaTotal: z.number().int().nullable(),
      indicatorsMet: z.number().int().nullable(),
      indicatorsTotal: z.number().int().nullable(),
      standardMet: z.boolean().nullable(),
      advancedMet: z.boolean().nullable(),
      modelMet: z.boolean().nullable(),
    }),
  ),
}).openapi('DashboardSummary');

export const Heatmap = z
  .object({
    month: MonthText,
    sets: z.array(
      z.object({
        id: Id,
        code: z.string(),
        version: z.number().int(),
        name: z.string(),
        criteria: z.array(z.object({ number: z.string(), name: z.string() })),
      }),
    ),
    rows: z.array(
      z.object({
        unitId: Id,
        name: z.string(),
        assessmentId: Id.nullable(),
        month: MonthText.nullable(),
        setId: Id.nullable(),
        criteriaMet: z.number().int().nullable(),
        criteriaTotal: z.number().int().nullable(),
        cells: z.array(
          z.object({
            number: z.string(),
            status: z.enum(CELL_STATUSES),
            indicatorsMet: z.number().int(),
            indicatorsTotal: z.number().int(),
            notApplicable: z.number().int(),
          }),
        ),
      }),
    ),
  })
  .openapi('Heatmap');

const UnitName = z.object({ unitId: Id, name: z.string() });
export const Gaps = z
  .object({
    month: MonthText,
    items: z.array(
      z.object({
        setCode: z.string(),
        code: z.string(),
        text: z.string(),
        criterion: z.string(),
        criterionName: z.string(),
        verified: z.boolean(),
        unmet: z.array(UnitName),
        missing: z.array(UnitName),
      }),
    ),
  })
  .openapi('Gaps');

const ScorecardCard = z.object({
  unit: z.object({
    id: Id,
    name: z.string(),
    type: z.enum(UNIT_TYPES),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
  }),
  sets: z.array(
    z.object({
      id: Id,
      code: z.string(),
      name: z.string(),
      criteria: z.array(
        z.object({
          number: z.string(),
          name: z.string(),
          indicators: z.array(z.object({ code: z.string(), text: z.string(), verified: z.boolean() })),
        }),
      ),
    }),
  ),
  months: z.array(
    z.object({
      assessmentId: Id,
      month: MonthText,
      status: z.enum(ASSESSMENT_STATES),
      setId: Id,
      criteriaMet: z.number().int().nullable(),
      criteriaTotal: z.number().int().nullable(),
      indicatorsMet: z.number().int().nullable(),
      indicatorsTotal: z.number().int().nullable(),
      criteria: z.record(z.string(), z.enum(CELL_STATUSES)),
      indicators: z.record(z.string(), z.enum(STATUS_CODES)),
    }),
  ),
});

export const Scorecard = ScorecardCard.extend({ year: z.number().int(), predecessors: z.array(ScorecardCard) }).openapi(
  'Scorecard',
);
