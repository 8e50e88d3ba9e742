/**
 * TypeScript types of the API, generated from its OpenAPI document: every named schema, and for every
 * operation (`'GET /api/units/{id}'`) its path parameters, query, body and answer. The web client reads
 * them instead of declaring response shapes by hand, so a change to a route's contract is a type error
 * in every page that reads it. `npm run api:types` writes `src/shared/api.gen.ts`; a test fails when
 * that file is not what the routes declare.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  description?: string;
};

type Parameter = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));
const literal = (v: unknown) => JSON.stringify(v);

function union(parts: string[]): string {
  const unique = [...new Set(parts)];
  if (unique.includes('unknown')) return 'unknown';
  return unique.length ? unique.join(' | ') : 'never';
}

/** The TypeScript type of one JSON Schema, `indent` deep. */
export function typeOf(s: Schema | undefined, indent = ''): string {
  if (!s) return 'unknown';
  if (s.$ref) return s.$ref.replace('#/components/schemas/', '');
  if (s.const !== undefined) return literal(s.const);
  if (s.enum) return union(s.enum.map(literal));
  if (s.anyOf || s.oneOf) return union((s.anyOf ?? s.oneOf ?? []).map((x) => wrap(typeOf(x, indent))));
  if (s.allOf) return s.allOf.map((x) => wrap(typeOf(x, indent))).join(' & ');
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.length === 0) return s.properties ? objectType(s, indent) : 'unknown';
  return union(types.map((t) => single(t, s, indent)));
}

const wrap = (t: string) => (t.includes(' | ') || t.includes(' & ') ? `(${t})` : t);

function single(t: string, s: Schema, indent: string): string {
  switch (t) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      if (s.prefixItems) return `[${s.prefixItems.map((x) => typeOf(x, indent)).join(', ')}]`;
      return `${wrap(typeOf(s.items, indent))}[]`;
    case 'object':
      return objectType(s, indent);
    default:
      return 'unknown';
  }
}

function objectType(s: Schema, indent: string): string {
  const inner = `${indent}  `;
  const required = new Set(s.required ?? []);
  const lines = Object.entries(s.properties ?? {}).map(
    ([k, v]) => `${inner}${key(k)}${required.has(k) ? '' : '?'}: ${typeOf(v, inner)};`,
  );
  const extra = s.additionalProperties;
  if (extra && typeof extra === 'object') lines.push(`${inner}[key: string]: ${typeOf(extra, inner)};`);
  else if (extra === true || (!s.properties && extra === undefined)) lines.push(`${inner}[key: string]: unknown;`);
  return lines.length ? `{\n${lines.join('\n')}\n${indent}}` : 'Record<string, never>';
}

function parametersType(params: Parameter[], where: 'path' | 'query', indent: string): string {
  const own = params.filter((p) => p.in === where);
  if (own.length === 0) return 'never';
  const lines = own.map((p) => `${indent}  ${key(p.name)}${p.required ? '' : '?'}: ${typeOf(p.schema, `${indent}  `)};`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function bodyType(op: Operation, indent: string): string {
  const content = op.requestBody?.content;
  if (!content) return 'never';
  const kinds = Object.entries(content).map(([type, { schema }]) =>
    type === 'application/json' ? wrap(typeOf(schema, indent)) : type === 'multipart/form-data' ? 'FormData' : 'Blob | string',
  );
  return union(kinds);
}

function responseType(op: Operation, indent: string): string {
  const ok = Object.keys(op.responses)
    .filter((c) => c.startsWith('2'))
    .sort();
  if (ok.length === 0) return 'null';
  const content = op.responses[ok[0]!]?.content;
  if (!content) return 'null';
  if (content['application/json']) return typeOf(content['application/json'].schema, indent);
  return 'Blob';
}

/** The whole generated module, deterministic for one document. */
export function apiTypesModule(doc: OpenApiDocument): string {
  const out: string[] = ['/* Generated from the OpenAPI document by `npm run api:types`; do not edit. */', ''];
  const schemas = doc.components?.schemas ?? {};
  for (const name of Object.keys(schemas).sort()) {
    out.push(`export type ${name} = ${typeOf(schemas[name])};`, '');
  }
  out.push('/** Every operation of the API by method and path: its parameters, query, body and answer. */');
  out.push('export interface ApiOperations {');
  for (const path of Object.keys(doc.paths).sort()) {
    for (const method of METHODS) {
      const op = doc.paths[path]![method];
      if (!op) continue;
      const params = op.parameters ?? [];
      if (op.summary) out.push(`  /** ${op.summary.replace(/\*\//g, '* /')} */`);
      out.push(`  ${literal(`${method.toUpperCase()} ${path}`)}: {`);
      out.push(`    params: ${parametersType(params, 'path', '    ')};`);
      out.push(`    query: ${parametersType(params, 'query', '    ')};`);
      out.push(`    body: ${bodyType(op, '    ')};`);
      out.push(`    response: ${responseType(op, '    ')};`);
      out.push('  };');
    }
  }
  out.push('}', '');
  return out.join('\n');
}

/**
 * Where an answer leaves a part untyped (a schema that admits anything, or an object with no declared
 * keys): `GET /api/audit.items[]→AuditEvent.before`. An empty list means every answer is typed to its leaves.
 */
export function untypedAnswerParts(doc: OpenApiDocument): string[] {
  const out: string[] = [];
  const named = doc.components?.schemas ?? {};
  const walk = (s: Schema | undefined, where: string, seen: Set<string>): void => {
    if (!s) return;
    if (s.$ref) {
      const name = s.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return;
      walk(named[name], `${where}→${name}`, new Set([...seen, name]));
      return;
    }
    const meaningful = Object.keys(s).filter((k) => !['description', 'example', 'default', 'title'].includes(k));
    if (meaningful.length === 0) {
      out.push(where);
      return;
    }
    for (const part of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? []), ...(s.prefixItems ?? [])])
      walk(part, where, seen);
    if (s.items) walk(s.items, `${where}[]`, seen);
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${where}.${k}`, seen);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${where}{}`, seen);
    if (s.type === 'object' && !s.properties && !s.additionalProperties) out.push(`${where} (an object with no declared keys)`);
  };
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      for (const [status, res] of Object.entries(ops[method]?.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        const schema = res.content?.['application/json']?.schema;
        if (schema) walk(schema, `${method.toUpperCase()} ${path}`, new Set());
      }
    }
  }
  return out;
}
