import { afterAll, afterEach } from 'vitest';
import { describeViolations, takeViolations } from './response-contract';

/** Fails the test during which a route answered something its declared response schema does not allow. */
afterEach(() => {
  const found = takeViolations();
  if (found.length) throw new Error(`Response contract broken:\n${describeViolations(found)}`);
});

/** What a file's last hooks (afterAll) sent. */
afterAll(() => {
  const found = takeViolations();
  if (found.length) throw new Error(`Response contract broken:\n${describeViolations(found)}`);
});
