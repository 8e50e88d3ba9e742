import { lifecycle } from './machine';

export const ROUND_STATES = ['open', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/**
 * An OCOP evaluation round (the council's session): while it is open the office puts products before
 * it and its members score and decide them; the office closes it once every product is decided (a
 * content rule the server checks). A closed round is kept as it ended; the certificates of the
 * products it recognised may still be recorded.
 */
export const ROUND_STEPS = ['add_products', 'close'] as const;
export type RoundStep = (typeof ROUND_STEPS)[number];

export const ROUND_LIFECYCLE = lifecycle<RoundState, RoundStep>({
  states: ROUND_STATES,
  /** Products are put before the council, scored and decided only while the round is open. */
  editable: ['open'],
  final: ['closed'],
  steps: {
    add_products: { from: ['open'], to: 'same', refusal: 'ocop_round_closed' },
    close: { from: ['open'], to: 'closed', refusal: 'ocop_round_closed' },
  },
});

/**
 * A product before the council: scored by the members (a sheet submitted after a rescore request puts
 * it back to scoring), decided by the chair or the office once the quorum of sheets is in — too wide a
 * spread of totals sends it to rescore, else the mean gives the star and it is decided; recognised at
 * this level, it waits for the office to record the certificate. Decided elsewhere (forwarded to the
 * next level, or below recognition) and certified are the end.
 *
 * The stored status is scoring / rescore / decided; `roundProductState` reads the rest from the row.
 */
export const ROUND_PRODUCT_STATES = ['scoring', 'rescore', 'decided', 'recognised', 'certified'] as const;
export type RoundProductState = (typeof ROUND_PRODUCT_STATES)[number];

export const ROUND_PRODUCT_STEPS = ['score', 'decide', 'certify'] as const;
export type RoundProductStep = (typeof ROUND_PRODUCT_STEPS)[number];

export const ROUND_PRODUCT_LIFECYCLE = lifecycle<RoundProductState, RoundProductStep>({
  states: ROUND_PRODUCT_STATES,
  editable: ['scoring', 'rescore'],
  final: ['decided', 'certified'],
  steps: {
    score: { from: ['scoring', 'rescore'], to: 'scoring', refusal: 'ocop_result_decided' },
    /** Where it lands is the totals' to say: back to rescore, decided, or recognised here (`decide-product.ts`). */
    decide: {
      from: ['scoring'],
      to: 'decided',
      refusal: 'ocop_result_decided',
      refusals: { rescore: 'ocop_rescore_pending' },
    },
    certify: { from: ['recognised'], to: 'certified', refusal: 'ocop_not_recognised_here' },
  },
});

/** The lifecycle state of a product's row in a round (`certified`: a certificate was recorded from it). */
export function roundProductState(
  rp: { status: 'scoring' | 'rescore' | 'decided'; recognised: boolean; star: number | null },
  certified: boolean,
): RoundProductState {
  if (rp.status !== 'decided') return rp.status;
  if (certified) return 'certified';
  return rp.recognised && rp.star ? 'recognised' : 'decided';
}
