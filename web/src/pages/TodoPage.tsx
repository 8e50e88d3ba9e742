import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { call } from '../api/client';
import { useCan } from '../auth/session';
import { formatMonthVi } from '../components/MonthInput';
import { Badge, ErrorAlert, Loading } from '../components/ui';
import { useI18n, type MessageKey } from '../i18n';
import { formatDateVi } from '../../../src/shared/vi';

import type { TodoGroup, TodoItem } from '../../../src/shared/api.gen';
export type { TodoItem };

/** Long texts (a council's request, a petition) are cut in the list; the page behind the link has them whole. */
const MAX_NAME = 160;
const cut = (s: string | null) => (s && s.length > MAX_NAME ? `${s.slice(0, MAX_NAME - 1).trimEnd()}…` : (s ?? ''));

export function useTodo() {
  return useQuery({ queryKey: ['me', 'todo'], queryFn: () => call('GET /api/me/todo') });
}

/** The home page: one card per kind of work waiting for the signed-in person, each item a link. */
export function TodoPage() {
  const { t } = useI18n();
  const todo = useTodo();
  return (
    <>
      <h1>{t('todo.todoTitle')}</h1>
      <p className="muted">{t('todo.todoIntro')}</p>
      <ErrorAlert error={todo.error} />
      {todo.isLoading && <Loading />}
      {todo.data && todo.data.groups.length === 0 && <EmptyTodo />}
      <div className="todo-groups" data-testid="todo-groups">
        {todo.data?.groups.map((g) => (
          <TodoCard key={g.group} group={g} />
        ))}
      </div>
    </>
  );
}

function TodoCard({ group }: { group: TodoGroup }) {
  const { t } = useI18n();
  const more = group.total - group.items.length;
  return (
    <section className="card todo-card" data-testid={`todo-${group.group}`}>
      <header className="card-header">
        <h2>{t(`todo.todoG_${group.group}` as MessageKey)}</h2>
        <span className="badge badge-info todo-count" aria-label={t('todo.todoCountLabel', { n: group.total })}>
          {group.total}
        </span>
      </header>
      <ul className="todo-list">
        {group.items.map((i) => (
          <li key={`${i.kind} ${i.link} ${i.unitId ?? ''} ${i.name ?? ''}`} className={i.overdue ? 'todo-overdue' : undefined}>
            <TodoLine item={i} />
          </li>
        ))}
      </ul>
      {more > 0 && <p className="muted">{t('todo.todoMore', { n: more })}</p>}
    </section>
  );
}

function TodoLine({ item }: { item: TodoItem }) {
  const { t } = useI18n();
  const text = t(`todo.todoK_${item.kind}` as MessageKey, {
    unit: item.unitName ?? '',
    month: formatMonthVi(item.month),
    name: cut(item.name),
    code: item.code ?? '',
    count: item.count ?? '',
    step: item.step ? t(`common.act_${item.step}` as MessageKey) : '',
  });
  return (
    <Link to={item.link} className="todo-link" data-testid="todo-item" data-kind={item.kind}>
      <span className="todo-text">{text}</span>
      {item.dueDate && (
        <Badge tone={item.overdue ? 'danger' : 'warning'}>
          {t(item.overdue ? 'todo.todoOverdue' : 'todo.todoDue', { date: formatDateVi(item.dueDate) })}
        </Badge>
      )}
    </Link>
  );
}

/** Nothing waits (a viewer, or all done): say so, and point to the pages with the figures. */
function EmptyTodo() {
  const { t } = useI18n();
  const can = useCan();
  const links: [string, MessageKey, boolean][] = [
    ['/tong-quan', 'common.navDashboard', can('assessment.read')],
    ['/viec', 'common.navRoadmaps', can('roadmap.read')],
    ['/von', 'common.navCapital', can('capital.read')],
    ['/ocop', 'common.navOcop', can('ocop.read')],
    ['/giam-sat', 'common.navOversight', can('oversight.read')],
    ['/don-vi', 'common.navUnits', true],
  ];
  return (
    <section className="card todo-empty" data-testid="todo-empty">
      <p>
        <strong>{t('todo.todoEmpty')}</strong>
      </p>
      <p className="muted">{t('todo.todoEmptyHint')}</p>
      <ul className="todo-list">
        {links
          .filter(([, , ok]) => ok)
          .map(([to, key]) => (
            <li key={to}>
              <Link to={to} className="todo-link">
                <span className="todo-text">{t(key)}</span>
              </Link>
            </li>
          ))}
      </ul>
    </section>
  );
}
