import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { call, ApiError, type UnitRef } from '../api/client';
import { useCan } from '../auth/session';
import { successionLabel, unitTypeLabel } from '../components/labels';
import { Badge, Card, ErrorAlert, Loading, UnverifiedMark } from '../components/ui';
import { useI18n } from '../i18n';
import { formatDateVi } from '../../../src/shared/vi';
import { AddChildUnit, EditUnit, RecordSuccession } from './UnitForms';
import { UnitAssessments } from './UnitAssessments';

export function UnitDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const can = useCan();
  const detail = useQuery({ queryKey: ['unit', id], queryFn: () => call('GET /api/units/{id}', { params: { id: Number(id) } }) });

  if (detail.isLoading) return <Loading />;
  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return (
      <div className="card" data-testid="unit-not-found">
        <h1>{t('units.unitNotFound')}</h1>
        <Link to="/don-vi">{t('common.navUnits')}</Link>
      </div>
    );
  }
  if (!detail.data) return <ErrorAlert error={detail.error} />;
  const { unit, ancestors, parentHistory, children, events, predecessors, successors } = detail.data;
  const ref = (r: UnitRef) =>
    r.inScope ? (
      <Link key={r.id} to={`/don-vi/${r.id}`}>
        {r.name}
      </Link>
    ) : (
      <span key={r.id}>{r.name}</span>
    );

  return (
    <>
      <nav aria-label="breadcrumb" className="breadcrumb">
        {[...ancestors].reverse().map((a) => (
          <span key={a.id}>{ref(a)} › </span>
        ))}
      </nav>
      <h1 data-testid="unit-name">
        {unit.name} <UnverifiedMark show={!unit.verified} /> {unit.isDemo && <Badge tone="info">demo</Badge>}
      </h1>
      <Card>
        <dl className="facts">
          <dt>{t('units.code')}</dt>
          <dd>{unit.code}</dd>
          <dt>{t('units.type')}</dt>
          <dd>{unitTypeLabel(unit.type, lang)}</dd>
          <dt>{t('common.effectiveFrom')}</dt>
          <dd>{formatDateVi(unit.effectiveFrom)}</dd>
          <dt>{t('units.effectiveTo')}</dt>
          <dd>
            {unit.effectiveTo ? (
              <Badge tone="warning">{formatDateVi(unit.effectiveTo)}</Badge>
            ) : (
              <Badge tone="success">{t('units.stillActive')}</Badge>
            )}
          </dd>
          {unit.sourceNote && (
            <>
              <dt>{t('units.sourceNote')}</dt>
              <dd>{unit.sourceNote}</dd>
            </>
          )}
        </dl>
      </Card>

      <UnitAssessments unit={unit} />

      {(predecessors.length > 0 || successors.length > 0) && (
        <Card title={t('units.successionHistory')}>
          {predecessors.length > 0 && (
            <p data-testid="predecessors">
              <strong>{t('units.predecessors')}:</strong> {predecessors.map((p, i) => [i > 0 && ', ', ref(p)])}
            </p>
          )}
          {successors.length > 0 && (
            <p data-testid="successors">
              <strong>{t('units.successors')}:</strong> {successors.map((p, i) => [i > 0 && ', ', ref(p)])}
            </p>
          )}
          <table className="table">
            <thead>
              <tr>
                <th>{t('common.date')}</th>
                <th>{t('common.kind')}</th>
                <th>{t('units.fromUnits')}</th>
                <th>{t('units.toUnits')}</th>
                <th>{t('common.legalBasis')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateVi(e.effectiveDate)}</td>
                  <td>{successionLabel(e.kind, lang)}</td>
                  <td>{e.from.map((u, i) => [i > 0 && ', ', ref(u)])}</td>
                  <td>{e.to.map((u, i) => [i > 0 && ', ', ref(u)])}</td>
                  <td>
                    {e.legalBasis}
                    {e.legalBasisDate && ` (${formatDateVi(e.legalBasisDate)})`}
                    {e.note && <small className="muted block">{e.note}</small>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}

      <Card title={t('units.parentHistory')}>
        <table className="table">
          <thead>
            <tr>
              <th>{t('units.parent')}</th>
              <th>{t('common.effectiveFrom')}</th>
              <th>{t('units.effectiveTo')}</th>
            </tr>
          </thead>
          <tbody>
            {parentHistory.map((p, i) => (
              <tr key={i}>
                <td>{p.parent ? ref(p.parent) : '—'}</td>
                <td>{formatDateVi(p.effectiveFrom)}</td>
                <td>{p.effectiveTo ? formatDateVi(p.effectiveTo) : t('units.stillActive')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <Card title={`${t('units.children')} (${children.length})`}>
        {children.length === 0 ? (
          <p className="muted">{t('common.none')}</p>
        ) : (
          <ul className="plain-list" data-testid="children">
            {children.map((c) => (
              <li key={`${c.id}-${c.linkFrom}`}>
                <Link to={`/don-vi/${c.id}`}>{c.name}</Link>{' '}
                <span className="muted">
                  · {unitTypeLabel(c.type, lang)} · {formatDateVi(c.linkFrom)} –{' '}
                  {c.linkTo ? formatDateVi(c.linkTo) : t('units.stillActive')}
                </span>{' '}
                <UnverifiedMark show={!c.verified} />
              </li>
            ))}
          </ul>
        )}
      </Card>

      {can('unit.manage') && (
        <div className="grid-2">
          <EditUnit unit={unit} />
          {!unit.effectiveTo && <AddChildUnit parent={unit} />}
          {!unit.effectiveTo && ancestors[0] && <RecordSuccession unit={unit} parentId={ancestors[0].id} />}
        </div>
      )}
    </>
  );
}
