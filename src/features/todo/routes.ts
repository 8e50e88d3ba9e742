import { createRoute } from '@hono/zod-openapi';
import { createRouter, errorResponses, json } from '../../lib/http';
import { actorOf } from '../../lib/request';
import { latestMonth, listTodo } from './list-todo';
import { MyPeriods, TodoList } from './schemas';

/** The signed-in person's own views: what waits for them, and where their period pickers open. */
export const meRoutes = createRouter();

meRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/todo',
    tags: ['Me'],
    summary: 'What waits for me: months to enter or verify, roadmap items due, OCOP steps, council follow-up',
    description:
      'Computed from the grants of the signed-in person: each group lists at most 20 items, most urgent first, ' +
      'with the number of items in all. Items carry data (names, yyyy-mm months, counts, due dates) and a link ' +
      'into the web application; units that have ended produce none.',
    responses: { 200: json(TodoList), ...errorResponses },
  }),
  async (c) => c.json(await listTodo(c.get('deps'), actorOf(c)), 200),
);

meRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/periods',
    tags: ['Me'],
    summary: 'The latest month with data in my scope, where period pickers open',
    responses: { 200: json(MyPeriods), ...errorResponses },
  }),
  async (c) => c.json({ latestMonth: await latestMonth(c.get('deps'), actorOf(c)) }, 200),
);
