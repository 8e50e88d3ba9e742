import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { call, type Answer } from '../../api/client';
import { money } from '../../components/money';
import { Badge, Button, Card, DateInput, ErrorAlert, Loading, TextInput } from '../../components/ui';
import { useI18n } from '../../i18n';
import { formatDateVi, todayVn } from '../../../../src/shared/vi';
import { parseViNumber } from '../assessment/IndicatorInput';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';

type Plan = Answer<'GET /api/capital/plans/{id}'>;

export function PlanPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const plan = useQuery({
    queryKey: ['plan', id],
    queryFn: () => call('GET /api/capital/plans/{id}', { params: { id: Number(id) } }),
  });
  const projects = useQuery({
    queryKey: ['projects', plan.data?.unitId],
    queryFn: () => call('GET /api/capital/projects', { query: { unitId: plan.data!.unitId } }),
    enabled: Boolean(plan.data),
  });
  const [row, setRow] = useState({ projectId: '', sourceCode: '', amount: '', addedOn: '' });
  const [resolution, setResolution] = useState({ no: '', date: todayVn(), body: '' });
  const [done, setDone] = useState('');
  const act = useMutation({
    mutationFn: (req: { run: () => Promise<Plan>; done?: (plan: Plan) => string }) => req.run(),
    onMutate: () => setDone(''),
    onSuccess: async (p, req) => {
      if (req.done) setDone(req.done(p));
      await qc.invalidateQueries({ queryKey: ['plan'] });
      await qc.invalidateQueries({ queryKey: ['cockpit'] });
      if (String(p.id) !== id) await navigate(`/von/ke-hoach/${p.id}`);
    },
  });
  if (plan.isLoading) return <Loading />;
  if (!plan.data) return <ErrorAlert error={plan.error} />;
  const p = plan.data;
  const may = (step: Plan['actions'][number]) => p.actions.includes(step);
  const pending = p.nextVersions.find((v) => v.status === 'draft');
  const addAllocation = () => {
    const millions = parseViNumber(row.amount);
    const allocations = [
      ...p.allocations.map((a) => ({ projectId: a.projectId, sourceCode: a.sourceCode, amount: a.amount, addedOn: a.addedOn })),
      {
        projectId: Number(row.projectId),
        sourceCode: row.sourceCode,
        amount: Math.round((millions ?? 0) * 1_000_000),
        addedOn: row.addedOn || null,
      },
    ];
    act.mutate({
      run: () =>
        call('PUT /api/capital/plans/{id}/allocations', {
          params: { id: p.id },
          body: { rowVersion: p.rowVersion, allocations },
        }),
    });
    setRow({ projectId: '', sourceCode: '', amount: '', addedOn: '' });
  };
  return (
    <>
      <nav className="breadcrumb">
        <Link to={`/von?don-vi=${p.unitId}&nam=${p.year}`}>{t('common.navCapital')}</Link>
      </nav>
      <h1 data-testid="plan-title">
        {p.name} — v{p.version}{' '}
        <Badge tone={p.status === 'approved' ? 'success' : 'warning'}>
          <span data-testid="plan-status">
            {p.status === 'approved'
              ? `${p.resolutionNo} (${formatDateVi(p.resolutionDate)})`
              : p.status === 'draft'
                ? t('common.draftStatus')
                : t('capital.planSuperseded')}
          </span>
        </Badge>
      </h1>
      <SuccessNotice>{done}</SuccessNotice>
      <ErrorAlert error={act.error} />
      <Card title={t('capital.bySource')}>
        <table className="table">
          <thead>
            <tr>
              <th>{t('capital.source')}</th>
              <th className="num">{t('capital.plan')}</th>
              <th className="num">{t('capital.allocated')}</th>
              <th className="num">{t('capital.unallocated')}</th>
            </tr>
          </thead>
          <tbody>
            {p.lines.map((l) => (
              <tr key={l.sourceCode}>
                <td>{l.sourceName}</td>
                <td className="num">{money(l.amount, lang)}</td>
                <td className="num">{money(l.allocated, lang)}</td>
                <td className="num">{money(l.unallocated, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={t('capital.allocated')}>
        <p className="muted">{t('capital.tranchesHint')}</p>
        <table className="table compact" data-testid="plan-allocations">
          <thead>
            <tr>
              <th>{t('capital.project')}</th>
              <th>{t('capital.source')}</th>
              <th className="num">{t('capital.amount')}</th>
              <th>{t('capital.addedOn')}</th>
            </tr>
          </thead>
          <tbody>
            {p.allocations.map((a, i) => (
              <tr key={i}>
                <td>
                  <Link to={`/von/du-an/${a.projectId}`}>{a.projectName}</Link>
                </td>
                <td>{a.sourceName}</td>
                <td className="num">{money(a.amount, lang)}</td>
                <td>{a.addedOn ? formatDateVi(a.addedOn) : t('capital.addedByResolution')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {may('allocate') && (
          <div className="toolbar">
            <select
              className="input"
              aria-label={t('capital.project')}
              value={row.projectId}
              onChange={(e) => setRow({ ...row, projectId: e.target.value })}
              data-testid="alloc-project"
            >
              <option value="">{t('capital.project')}…</option>
              {projects.data?.items.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
            <select
              className="input"
              aria-label={t('capital.source')}
              value={row.sourceCode}
              onChange={(e) => setRow({ ...row, sourceCode: e.target.value })}
              data-testid="alloc-source"
            >
              <option value="">{t('capital.source')}…</option>
              {p.lines.map((l) => (
                <option key={l.sourceCode} value={l.sourceCode}>
                  {l.sourceName}
                </option>
              ))}
            </select>
            <TextInput
              aria-label={t('capital.amountMillion')}
              placeholder={t('capital.amountMillion')}
              value={row.amount}
              onChange={(e) => setRow({ ...row, amount: e.target.value })}
              data-testid="alloc-amount"
            />
            <DateInput
              key={row.addedOn === '' ? 'empty' : 'set'}
              label={t('capital.addedOnOptional')}
              value={row.addedOn}
              onChange={(iso) => setRow({ ...row, addedOn: iso })}
            />
            <Button
              variant="secondary"
              disabled={!row.projectId || !row.sourceCode || !row.amount}
              onClick={addAllocation}
              data-testid="alloc-add"
            >
              {t('capital.addAllocation')}
            </Button>
          </div>
        )}
      </Card>
      {may('approve') && (
        <Card title={t('capital.approvePlan')}>
          <div className="toolbar">
            <TextInput
              aria-label={t('capital.resolutionNo')}
              placeholder={t('capital.resolutionNo')}
              value={resolution.no}
              onChange={(e) => setResolution({ ...resolution, no: e.target.value })}
              data-testid="resolution-no"
            />
            <DateInput
              label={t('capital.resolutionDate')}
              value={resolution.date}
              onChange={(iso) => setResolution({ ...resolution, date: iso })}
            />
            <TextInput
              aria-label={t('capital.resolutionBody')}
              placeholder={t('capital.resolutionBody')}
              value={resolution.body}
              onChange={(e) => setResolution({ ...resolution, body: e.target.value })}
              data-testid="resolution-body"
            />
            <Button
              disabled={resolution.no.length < 3 || resolution.body.length < 3}
              onClick={() =>
                act.mutate({
                  run: () =>
                    call('POST /api/capital/plans/{id}/approve', {
                      params: { id: p.id },
                      body: {
                        rowVersion: p.rowVersion,
                        resolutionNo: resolution.no,
                        resolutionDate: resolution.date,
                        body: resolution.body,
                      },
                    }),
                })
              }
              data-testid="approve-plan"
            >
              {t('capital.approvePlan')}
            </Button>
          </div>
        </Card>
      )}
      {pending && (
        <p data-testid="plan-pending-adjustment">
          <Link to={`/von/ke-hoach/${pending.id}`}>{t('capital.planAdjustmentPending', { v: pending.version })}</Link>
        </p>
      )}
      {may('adjust') && (
        <ConfirmButton
          variant="secondary"
          disabled={act.isPending}
          onConfirm={() =>
            act.mutate({
              run: () => call('POST /api/capital/plans/{id}/adjust', { params: { id: p.id } }),
              done: (next) => t('capital.donePlanAdjust', { plan: next.name, v: next.version }),
            })
          }
          title={t('capital.cfPlanAdjustTitle')}
          body={<p>{t('capital.cfPlanAdjustBody', { plan: p.name, v: p.version, resolution: p.resolutionNo ?? '' })}</p>}
          testId="adjust-plan"
        >
          {t('capital.adjustPlan')}
        </ConfirmButton>
      )}
    </>
  );
}
