import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../../context';
import { AppError } from '../../../lib/errors';
import { json } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { openSteps } from '../actions';
import { cleanString } from '../../../lib/text';

/** What the oversight routes share: parameters, field shapes and answer helpers. */
export const tags = ['Oversight'];
export const Id = z.object({ id: z.coerce.number().int().positive() });
export const Text = (max: number) => cleanString().min(1).max(max);
export const Opt = (max: number) => cleanString().max(max).nullable().optional();
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'yyyy-mm');
export const Version = z.number().int().positive();
export const Flag = z.enum(['0', '1']).optional();
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const binary = (type: string) => ({
  description: type,
  content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } },
});
export const items = <T extends z.ZodType>(item: T) => json(z.object({ items: z.array(item) }));

/** The id of a route registered without a validator (uploads, downloads); anything else is not found. */
export const id = (c: Context<AppEnv>) => {
  const n = Number(c.req.param('id'));
  if (!Number.isInteger(n) || n <= 0) throw new AppError('NOT_FOUND');
  return n;
};

/** The steps the caller may take, decided once per answer (see `openSteps`). */
export const stepsOf = (c: Context<AppEnv>) => openSteps(c.get('deps').db, actorOf(c), metaOf(c));
