import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { call, type Unit } from '../api/client';
import { useCan } from '../auth/session';
import { Badge, Button, Card, ErrorAlert } from '../components/ui';
import { useI18n } from '../i18n';
import { todayVn } from '../../../src/shared/vi';
import { MonthInput } from '../components/MonthInput';

/** The unit page's monthly count-and-check: the months it has and opening the next one. */
export function UnitAssessments({ unit }: { unit: Unit }) {
  const { t } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [month, setMonth] = useState(todayVn().slice(0, 7));
  const [target, setTarget] = useState<'ntm' | 'advanced' | 'model'>('ntm');
  const list = useQuery({
    queryKey: ['assessments', unit.id],
    queryFn: () => call('GET /api/assessments', { query: { unitId: unit.id } }),
    enabled: can('assessment.read'),
  });
  const open = useMutation({
    mutationFn: () => call('POST /api/assessments', { body: { unitId: unit.id, month, targetLevel: target } }),
    onSuccess: async (res) => {
      await qc.invalidateQueries({ queryKey: ['assessments', unit.id] });
      await navigate(`/kiem-dem/${res.id}`);
    },
  });
  if (!can('assessment.read')) return null;
  const year = list.data?.items[0]?.month.slice(0, 4) ?? todayVn().slice(0, 4);
  return (
    <Card
      title={t('assessment.monthlyChecks')}
      actions={
        <>
          <Link to={`/bang-theo-doi/${unit.id}?nam=${year}`}>{t('common.scorecard')}</Link> ·{' '}
          <Link to={`/tong-quan?don-vi=${unit.id}`}>{t('common.navDashboard')}</Link>
        </>
      }
    >
      <ErrorAlert error={list.error} />
      {list.data && !list.data.items.length && <p className="muted">{t('common.noSetForUnit')}</p>}
      <table className="table compact" data-testid="unit-assessments">
        <tbody>
          {list.data?.items.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={`/kiem-dem/${r.id}`}>{`${r.month.slice(5)}/${r.month.slice(0, 4)}`}</Link>
              </td>
              <td>
                <Badge tone={r.status === 'verified' ? 'success' : r.status === 'returned' ? 'danger' : 'neutral'}>
                  {t(`common.status_${r.status}`)}
                </Badge>
              </td>
              <td>
                {r.criteriaMet}/{r.criteriaTotal} {t('common.criterion').toLowerCase()} · {r.indicatorsMet}/{r.indicatorsTotal}{' '}
                {t('common.indicator').toLowerCase()}
              </td>
              <td className="muted">{r.setCode}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {can('assessment.enter') && !unit.effectiveTo && (unit.type === 'commune' || unit.type === 'special_zone') && (
        <div className="toolbar">
          <label>
            {t('common.month')}
            <MonthInput label={t('common.month')} value={month} onChange={setMonth} testId="open-month" />
          </label>
          <label>
            {t('assessment.targetLevel')}
            <select className="input" value={target} onChange={(e) => setTarget(e.target.value as typeof target)}>
              <option value="ntm">{t('assessment.level_ntm')}</option>
              <option value="advanced">{t('assessment.level_advanced')}</option>
              <option value="model">{t('assessment.level_model')}</option>
            </select>
          </label>
          <Button onClick={() => open.mutate()} disabled={open.isPending || !month} data-testid="open-month-button">
            {t('assessment.openMonth')}
          </Button>
          <ErrorAlert error={open.error} />
        </div>
      )}
    </Card>
  );
}
