/** Path parameters and small field builders shared by the OCOP routers. */
import { z } from '@hono/zod-openapi';
import { json } from '../../../lib/http';
import { cleanString } from '../../../lib/text';

export const Id = z.object({ id: z.coerce.number().int().positive() });
export const RoundProduct = z.object({ id: z.coerce.number().int().positive(), productId: z.coerce.number().int().positive() });
export const Year = z.coerce.number().int().min(2000).max(2100);
export const Text = (max: number) => cleanString().min(1).max(max);
export const Opt = (max: number) => cleanString().max(max).nullable().optional();
export const tags = ['OCOP'];
export const items = <T extends z.ZodType>(item: T) => json(z.object({ items: z.array(item) }));
