import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { call } from '../../api/client';
import { Button, Card, ErrorAlert, Field, Loading, TextInput } from '../../components/ui';
import { PaperclipIcon } from '../../components/icons';
import { useI18n } from '../../i18n';
import { money } from '../../components/money';
import { formatDateTimeVi, formatNumberVi, todayVn } from '../../../../src/shared/vi';
import { parseViNumber } from '../assessment/IndicatorInput';
import { ItemBadges } from './ItemBadges';
import { monthVi, type CostClass, type ItemDetail, type RoadmapStatus } from './types';
import { AssigneeFields, NobodyNotified, useAssignees } from './Assignees';
import { FilePicker } from '../../components/FilePicker';
import { formatMonthVi, MonthInput } from '../../components/MonthInput';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';
import { ROADMAP_STATUS_STEP_TO, ROADMAP_STATUS_STEPS } from '../../../../src/domain/lifecycles/roadmap-item';

export function ItemPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const item = useQuery({
    queryKey: ['roadmap', id],
    queryFn: () => call('GET /api/roadmaps/{id}', { params: { id: Number(id) } }),
  });
  if (item.isLoading) return <Loading />;
  if (!item.data) return <ErrorAlert error={item.error} />;
  const i = item.data;
  return (
    <>
      <nav className="breadcrumb">
        <Link to={`/viec?don-vi=${i.unitId}`}>{t('common.navRoadmaps')}</Link> › {i.unitName}
      </nav>
      <h1 data-testid="item-title">
        {i.indicatorCode}. {i.title}
      </h1>
      <p>
        <ItemBadges item={i} />
      </p>
      <Card>
        <dl className="facts">
          <dt>{t('common.indicator')}</dt>
          <dd>
            {i.indicatorCode} — {i.indicatorText} ({i.setCode})
          </dd>
          <dt>{t('roadmaps.task')}</dt>
          <dd data-testid="item-task">{i.task ?? <span className="muted">{t('roadmaps.taskMissing')}</span>}</dd>
          <dt>{t('roadmaps.leadAgency')}</dt>
          <dd>{i.leadAgencyName ?? t('roadmaps.unassigned')}</dd>
          <dt>{t('roadmaps.responsible')}</dt>
          <dd>{i.leadUserName ?? '—'}</dd>
          <dt>{t('roadmaps.supporting')}</dt>
          <dd>{i.supportingAgencies.map((a) => a.name).join(', ') || '—'}</dd>
          <dt>{t('common.deadline')}</dt>
          <dd>{monthVi(i.targetMonth)}</dd>
          <dt>{t('roadmaps.costClass')}</dt>
          <dd>
            {t(`roadmaps.cost_${i.costClass}`)}
            {i.costEstimate !== null && ` — ${money(i.costEstimate, lang)}`}
          </dd>
          <dt>{t('roadmaps.progress')}</dt>
          <dd>{i.progress}%</dd>
          {i.closedReason === 'verified_met' && (
            <>
              <dt>{t('common.status')}</dt>
              <dd>{t('roadmaps.closedAuto')}</dd>
            </>
          )}
          {i.reopenedCount > 0 && (
            <>
              <dt />
              <dd>{t('roadmaps.reopenedTimes', { n: i.reopenedCount })}</dd>
            </>
          )}
        </dl>
      </Card>
      {i.actions.includes('edit') && <EditItem item={i} />}
      {i.actions.includes('check_in') && <CheckIn item={i} />}
      <Card title={t('roadmaps.checkins')}>
        {!i.checkins.length && <p className="muted">{t('common.none')}</p>}
        <ul className="plain-list" data-testid="checkins">
          {i.checkins.map((c) => (
            <li key={c.id}>
              <strong>
                {monthVi(c.month)} · {c.percent}%
              </strong>{' '}
              — {c.note}{' '}
              <small className="muted">
                ({c.by ?? ''}, {formatDateTimeVi(c.at)})
              </small>
              {c.files.map((f) => (
                <small key={f.fileId} className="block muted">
                  <PaperclipIcon /> {f.name}
                </small>
              ))}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}

function EditItem({ item }: { item: ItemDetail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [lead, setLead] = useState(String(item.leadAgencyId ?? ''));
  const [person, setPerson] = useState(String(item.leadUserId ?? ''));
  const assignees = useAssignees(item.unitId, lead, person);
  const { leadAgency, leadName, personName, nobody } = assignees;
  const [task, setTask] = useState(item.task ?? '');
  const [supporting, setSupporting] = useState<number[]>(item.supportingAgencies.map((a) => a.id));
  const [target, setTarget] = useState(item.targetMonth ?? '');
  const [cost, setCost] = useState<CostClass>(item.costClass);
  const [estimate, setEstimate] = useState(item.costEstimate === null ? '' : formatNumberVi(item.costEstimate / 1_000_000, 3));
  const [status, setStatus] = useState<RoadmapStatus>(item.status);
  // The statuses the office may set now: where it is, and where each offered step leads.
  const statuses = [
    item.status,
    ...ROADMAP_STATUS_STEPS.filter((s) => item.actions.includes(s)).map((s) => ROADMAP_STATUS_STEP_TO[s]),
  ];
  const [priority, setPriority] = useState(item.priority);
  const [done, setDone] = useState('');
  const save = useMutation({
    mutationFn: (confirm: boolean) => {
      const millions = parseViNumber(estimate);
      return call('PATCH /api/roadmaps/{id}', {
        params: { id: item.id },
        body: {
          version: item.version,
          task: task.trim() || null,
          leadAgencyId: lead ? Number(lead) : null,
          leadUserId: person ? Number(person) : null,
          supportingAgencyIds: supporting,
          targetMonth: target || null,
          costClass: cost,
          costEstimate: cost === 'none' || millions === null ? null : Math.round(millions * 1_000_000),
          ...(status !== item.status ? { status } : {}),
          priority,
          ...(confirm ? { confirm: true } : {}),
        },
      });
    },
    onSuccess: async (_r, confirm) => {
      setDone(
        confirm
          ? t(nobody ? 'roadmaps.doneRoadmapConfirmNobody' : 'roadmaps.doneRoadmapConfirm', {
              code: item.indicatorCode,
              lead: leadName,
            })
          : t('common.saved'),
      );
      await qc.invalidateQueries({ queryKey: ['roadmap', String(item.id)] });
      await qc.invalidateQueries({ queryKey: ['roadmaps'] });
    },
    onMutate: () => setDone(''),
  });
  return (
    <Card title={t('common.edit')}>
      <ErrorAlert error={save.error} />
      <SuccessNotice>{done}</SuccessNotice>
      <Field label={t('roadmaps.task')}>
        {(fid) => (
          <textarea
            id={fid}
            className="input"
            rows={3}
            maxLength={4000}
            value={task}
            placeholder={t('roadmaps.taskHint')}
            onChange={(e) => setTask(e.target.value)}
            data-testid="item-task-input"
          />
        )}
      </Field>
      <div className="grid-2">
        <AssigneeFields
          assignees={assignees}
          lead={lead}
          setLead={setLead}
          person={person}
          setPerson={setPerson}
          testIds={{ lead: 'lead-agency', person: 'lead-person' }}
        />
        <Field label={t('common.deadline')}>
          {(fid) => <MonthInput id={fid} value={target} onChange={setTarget} testId="target-month" />}
        </Field>
        <Field label={t('roadmaps.costClass')}>
          {(fid) => (
            <select id={fid} className="input" value={cost} onChange={(e) => setCost(e.target.value as CostClass)}>
              {(['none', 'budget', 'investment'] as const).map((c) => (
                <option key={c} value={c}>
                  {t(`roadmaps.cost_${c}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {cost !== 'none' && (
          <Field label={t('roadmaps.estimate')}>
            {(fid) => <TextInput id={fid} inputMode="decimal" value={estimate} onChange={(e) => setEstimate(e.target.value)} />}
          </Field>
        )}
        {statuses.length > 1 && (
          <Field label={t('common.status')}>
            {(fid) => (
              <select
                id={fid}
                className="input"
                value={status}
                onChange={(e) => setStatus(e.target.value as RoadmapStatus)}
                data-testid="item-status"
              >
                {statuses.map((s) => (
                  <option key={s} value={s}>
                    {t(`roadmaps.rs_${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('roadmaps.priority')}>
          {(fid) => (
            <select id={fid} className="input" value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
              {[1, 2, 3].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="items-input">
        <legend>{t('roadmaps.supporting')}</legend>
        {assignees.agencies
          .filter((a) => String(a.id) !== lead)
          .map((a) => (
            <label key={a.id} className="checkbox">
              <input
                type="checkbox"
                checked={supporting.includes(a.id)}
                onChange={(e) => setSupporting(e.target.checked ? [...supporting, a.id] : supporting.filter((x) => x !== a.id))}
              />{' '}
              {a.name}
            </label>
          ))}
      </fieldset>
      <div className="toolbar">
        <Button onClick={() => save.mutate(false)} disabled={save.isPending}>
          {t('common.save')}
        </Button>
        {item.actions.includes('confirm') && (
          <ConfirmButton
            onConfirm={() => save.mutate(true)}
            disabled={save.isPending || !lead || !target}
            title={t('roadmaps.cfRoadmapConfirmTitle')}
            body={
              <>
                <p>
                  {t(nobody ? 'roadmaps.cfRoadmapConfirmBodyNobody' : 'roadmaps.cfRoadmapConfirmBody', {
                    code: item.indicatorCode,
                    title: item.title,
                    unit: item.unitName,
                    lead: leadName,
                    m: formatMonthVi(target),
                  })}
                </p>
                <NobodyNotified agency={leadAgency} personName={personName} />
              </>
            }
            testId="confirm-item"
          >
            {t('roadmaps.confirm')}
          </ConfirmButton>
        )}
      </div>
    </Card>
  );
}

function CheckIn({ item }: { item: ItemDetail }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [month, setMonth] = useState(todayVn().slice(0, 7));
  const [percent, setPercent] = useState(String(item.progress));
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const send = useMutation({
    mutationFn: () => {
      const form = new FormData();
      form.set('version', String(item.version));
      form.set('month', month);
      form.set('percent', percent);
      form.set('note', note);
      if (file) form.set('file', file);
      return call('POST /api/roadmaps/{id}/checkins/upload', { params: { id: item.id }, body: form });
    },
    onSuccess: async () => {
      setNote('');
      setFile(null);
      await qc.invalidateQueries({ queryKey: ['roadmap', String(item.id)] });
    },
  });
  return (
    <Card title={t('roadmaps.newCheckin')}>
      <ErrorAlert error={send.error} />
      <div className="toolbar">
        <label>
          {t('common.month')}
          <MonthInput label={t('common.month')} value={month} onChange={setMonth} />
        </label>
        <label>
          {t('roadmaps.percent')}
          <input
            className="input num-input"
            type="number"
            min={0}
            max={100}
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            data-testid="checkin-percent"
          />
        </label>
        <label className="grow">
          {t('common.note')}
          <TextInput value={note} onChange={(e) => setNote(e.target.value)} data-testid="checkin-note" />
        </label>
        <FilePicker
          aria-label={t('common.evidence')}
          accept=".pdf,.png,.jpg,.jpeg,.docx,.xlsx"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button
          onClick={() => send.mutate()}
          disabled={send.isPending || !month || note.trim().length < 3}
          data-testid="checkin-submit"
        >
          {t('roadmaps.newCheckin')}
        </Button>
      </div>
    </Card>
  );
}
