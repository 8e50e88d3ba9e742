import type { RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ZodType } from 'zod';
import type { AppEnv } from '../context';

/** One response that does not match what its route declares. */
export type ContractViolation = { route: string; status: number; issues: string[] };

/** A definition as `openAPIRegistry.definitions` holds it; only registered routes are looked at. */
type Definition = { type: string; route?: RouteConfig };

type Declared = Record<string, ZodType | undefined>;

/**
 * The problems of one JSON body against one response schema, strictly: the zod issues of parsing it,
 * and every key the body carries that the schema does not declare (a leak — plain zod objects drop
 * such keys silently).
 *
 * Why parse-and-compare instead of a strict deep copy of the schema: zod strips undeclared keys of a
 * closed object on the way out, so any key of the input missing from the output is undeclared,
 * whatever wraps the object (unions, optionals, records, arrays, lazies). An open object (`.loose()`)
 * keeps its keys and passes here; `openResponseSchemas()` finds those statically.
 */
export function responseProblems(schema: ZodType, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.code} — ${i.message}`);
  }
  const extra: string[] = [];
  undeclaredKeys(body, parsed.data, [], extra);
  return extra.map((p) => `${p}: undeclared key`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function undeclaredKeys(input: unknown, output: unknown, path: string[], out: string[]): void {
  if (Array.isArray(input) && Array.isArray(output)) {
    input.forEach((v, i) => undeclaredKeys(v, output[i], [...path, String(i)], out));
    return;
  }
  if (!isPlainObject(input) || !isPlainObject(output)) return;
  for (const [k, v] of Object.entries(input)) {
    if (!Object.hasOwn(output, k)) out.push([...path, k].join('.'));
    else undeclaredKeys(v, output[k], [...path, k], out);
  }
}

/** "METHOD /path/:param" → the JSON response schemas by status, built once from the registry. */
function indexRoutes(definitions: readonly Definition[]): Map<string, Declared> {
  const byRoute = new Map<string, Declared>();
  for (const d of definitions) {
    if (d.type !== 'route' || !d.route) continue;
    const declared: Declared = {};
    for (const [status, res] of Object.entries(d.route.responses ?? {})) {
      const content = (res as { content?: Record<string, { schema?: unknown }> }).content;
      const schema = content?.['application/json']?.schema;
      if (schema && typeof (schema as ZodType).safeParse === 'function') declared[status] = schema as ZodType;
    }
    const path = d.route.path.replaceAll(/\{([^}]+)\}/g, ':$1');
    byRoute.set(`${d.route.method.toUpperCase()} ${path}`, declared);
  }
  return byRoute;
}

/**
 * Checks every JSON answer of a documented route against the schema that route declares for the
 * answer's status, and reports each mismatch. Installed outermost by the test harness only; the body
 * is read from a clone, so the caller gets the response untouched.
 */
export function responseContract(
  definitions: () => readonly Definition[],
  report: (v: ContractViolation) => void,
): MiddlewareHandler<AppEnv> {
  let index: Map<string, Declared> | null = null;
  return async (c, next) => {
    await next();
    const type = c.res.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json')) return;
    index ??= indexRoutes(definitions());
    const route = `${c.req.method} ${routePath(c)}`;
    const declared = index.get(route);
    if (!declared) return;
    const schema = declared[String(c.res.status)] ?? declared.default;
    if (!schema) return;
    const body: unknown = await c.res.clone().json();
    const issues = responseProblems(schema, body);
    if (issues.length) report({ route, status: c.res.status, issues });
  };
}

const violations: ContractViolation[] = [];

/** Where the harness's check records what it finds; the setup file fails the test that caused it. */
export function recordViolation(v: ContractViolation): void {
  violations.push(v);
}

export function takeViolations(): ContractViolation[] {
  return violations.splice(0, violations.length);
}

export function describeViolations(vs: readonly ContractViolation[]): string {
  return vs
    .map((v) => `${v.route} → ${v.status} does not match its declared response:\n  ${v.issues.slice(0, 10).join('\n  ')}`)
    .join('\n');
}

type Def = {
  type: string;
  shape?: Record<string, ZodType>;
  catchall?: ZodType;
  element?: ZodType;
  innerType?: ZodType;
  options?: readonly ZodType[];
  valueType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  left?: ZodType;
  right?: ZodType;
  items?: readonly ZodType[];
  getter?: () => ZodType;
};

const defOf = (s: ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The places in a schema where an object lets any key through (`.loose()`, `.catchall(z.unknown())`). */
export function openObjects(schema: ZodType, at = '', seen = new Set<ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const walk = (s: ZodType | undefined, p: string) => (s ? openObjects(s, p, seen) : []);
  switch (def.type) {
    case 'object': {
      const catchall = def.catchall ? defOf(def.catchall).type : undefined;
      const own = catchall === 'unknown' || catchall === 'any' ? [at || '(root)'] : [];
      return [...own, ...Object.entries(def.shape ?? {}).flatMap(([k, v]) => walk(v, at ? `${at}.${k}` : k))];
    }
    case 'array':
      return walk(def.element, `${at}[]`);
    case 'union':
      return (def.options ?? []).flatMap((o) => walk(o, at));
    case 'tuple':
      return (def.items ?? []).flatMap((o, i) => walk(o, `${at}[${i}]`));
    case 'record':
      return walk(def.valueType, `${at}{}`);
    case 'intersection':
      return [...walk(def.left, at), ...walk(def.right, at)];
    case 'pipe':
      return [...walk(def.in, at), ...walk(def.out, at)];
    case 'lazy':
      return walk(def.getter?.(), at);
    default:
      return walk(def.innerType, at);
  }
}

/** Every declared JSON response that lets undeclared keys through, as "METHOD path status: where". */
export function openResponseSchemas(definitions: readonly Definition[]): string[] {
  const out: string[] = [];
  for (const d of definitions) {
    if (d.type !== 'route' || !d.route) continue;
    for (const [status, res] of Object.entries(d.route.responses ?? {})) {
      const schema = (res as { content?: Record<string, { schema?: unknown }> }).content?.['application/json']?.schema;
      if (!schema || typeof (schema as ZodType).safeParse !== 'function') continue;
      for (const where of openObjects(schema as ZodType))
        out.push(`${d.route.method.toUpperCase()} ${d.route.path} ${status}: ${where}`);
    }
  }
  return out;
}
