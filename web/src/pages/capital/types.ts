import type { CapitalCockpit } from '../../../../src/shared/api.gen';

export type CockpitData = CapitalCockpit;
export type Flag = CapitalCockpit['flags'][number];
