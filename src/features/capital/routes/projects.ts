/** Projects: the list under a unit, creating one with its dossier, its page, edits and status steps, the dossier items. */
import { createRoute, z } from '@hono/zod-openapi';
import { conflictResponse, createRouter, errorResponses, json, jsonBody, plainPattern } from '../../../lib/http';
import { actorOf, metaOf } from '../../../lib/request';
import { IdParam, IsoDate } from '../../units/schemas';
import { projectDetail } from '../detail';
import { listProjects } from '../list-projects';
import { Dong, Project, ProjectDetail, ProjectListItem, ReadinessItem, Year } from '../schemas';
import { projectView, readinessView } from '../views';
import { createProject, setReadiness, updateProject } from '../projects';
import { cleanString } from '../../../lib/text';

export const projectRoutes = createRouter();

projectRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/projects',
    tags: ['Capital'],
    summary: 'Projects under a unit; ready=1 lists those ready for allocation at the thematic session',
    request: {
      query: z.object({
        unitId: z.coerce.number().int().positive(),
        q: z.string().max(100).optional(),
        ready: z.enum(['1']).optional(),
      }),
    },
    responses: { 200: json(z.object({ items: z.array(ProjectListItem) })), ...errorResponses },
  }),
  async (c) => c.json({ items: await listProjects(c.get('deps'), actorOf(c), c.req.valid('query')) }, 200),
);

const ProjectBody = z.object({
  code: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[\p{L}\p{N}._/-]+$/u)
    .openapi({ pattern: plainPattern(/^[\p{L}\p{N}._/-]+$/u) }),
  name: cleanString().min(3).max(300),
  unitId: z.number().int().positive(),
  unitIds: z.array(z.number().int().positive()).max(20).optional(),
  owner: cleanString().min(3).max(200),
  type: z.enum(['standard', 'small_community', 'recurrent']),
  sources: z.array(z.object({ sourceCode: z.string().min(1).max(30), amount: Dong })).max(12),
  approvalDecision: cleanString().max(200).nullable().optional(),
  approvalDate: IsoDate.nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  lon: z.number().min(-180).max(180).nullable().optional(),
  contractor: cleanString().max(200).nullable().optional(),
  description: cleanString().max(4000).nullable().optional(),
  indicators: z
    .array(z.object({ setCode: z.string().max(60), code: z.string().max(20) }))
    .max(50)
    .optional(),
});

projectRoutes.openapi(
  createRoute({
    method: 'post',
    path: '/projects',
    tags: ['Capital'],
    summary: 'Create a project (with its dossier checklist)',
    request: { body: jsonBody(ProjectBody) },
    responses: { 201: json(Project, 'Created'), ...errorResponses, ...conflictResponse },
  }),
  async (c) => c.json(projectView(await createProject(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('json'))), 201),
);

projectRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/projects/{id}',
    tags: ['Capital'],
    summary: 'Project page: sources, dossier, allocations, ledger, S-curve, timeline',
    request: { params: IdParam, query: z.object({ year: Year.optional() }) },
    responses: { 200: json(ProjectDetail), ...errorResponses },
  }),
  async (c) => {
    const deps = c.get('deps');
    return c.json(
      await projectDetail(
        deps,
        actorOf(c),
        c.req.valid('param').id,
        c.req.valid('query').year ?? deps.clock.now().getUTCFullYear(),
      ),
      200,
    );
  },
);

projectRoutes.openapi(
  createRoute({
    method: 'patch',
    path: '/projects/{id}',
    tags: ['Capital'],
    summary: 'Edit a project or move its status one step (send the version you read)',
    request: {
      params: IdParam,
      body: jsonBody(
        ProjectBody.omit({ code: true, unitId: true, unitIds: true })
          .partial()
          .extend({
            version: z.number().int().positive(),
            status: z.enum(['proposed', 'readiness', 'approved', 'construction', 'completed', 'settled']).optional(),
          }),
      ),
    },
    responses: { 200: json(Project), ...errorResponses, ...conflictResponse },
  }),
  async (c) =>
    c.json(
      projectView(await updateProject(c.get('deps'), actorOf(c), metaOf(c), c.req.valid('param').id, c.req.valid('json'))),
      200,
    ),
);

projectRoutes.openapi(
  createRoute({
    method: 'put',
    path: '/projects/{id}/readiness/{code}',
    tags: ['Capital'],
    summary: 'Tick or untick a dossier item',
    request: {
      params: z.object({ id: z.coerce.number().int().positive(), code: z.string().min(1).max(40) }),
      body: jsonBody(z.object({ done: z.boolean(), note: cleanString().max(1000).nullable().optional() })),
    },
    responses: { 200: json(ReadinessItem), ...errorResponses },
  }),
  async (c) => {
    const { id, code } = c.req.valid('param');
    return c.json(readinessView(await setReadiness(c.get('deps'), actorOf(c), metaOf(c), id, code, c.req.valid('json'))), 200);
  },
);
