import { z } from '@hono/zod-openapi';
import { cleanText } from '../shared/text';

/**
 * A string field of a request: cleaned by `cleanText` (NFC, no invisible or direction-changing
 * characters, trimmed) before its length is checked, so six zero-width spaces are as empty as six spaces.
 */
export const cleanString = () => z.string().overwrite(cleanText);

/** Free text or a name with its length bounds, counted on what remains once cleaned. */
export const text = ({ min = 0, max }: { min?: number; max: number }) =>
  min > 0 ? cleanString().min(min).max(max) : cleanString().max(max);
