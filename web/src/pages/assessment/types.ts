import type { AssessmentGridIndicator, AssessmentView as Answered } from '../../../../src/shared/api.gen';
import type { CriteriaSetDoc } from '../../../../src/domain/criteria/schema';

export type GridIndicator = AssessmentGridIndicator;
export type AssessmentReturn = Answered['returns'][number];
/** The month's view, its set's document read as the set schema it was stored under. */
export type AssessmentView = Omit<Answered, 'document'> & { document: CriteriaSetDoc };
