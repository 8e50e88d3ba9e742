import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { compileSet, evaluateCompact, packValues, type IndicatorStatus } from '../../../../src/domain/criteria/engine';
import { thresholdText } from '../../../../src/domain/criteria/describe';
import { isNotApplicable, type CriteriaSetDoc, type IndicatorValue } from '../../../../src/domain/criteria/schema';
import { formatDateTimeVi } from '../../../../src/shared/vi';
import { ApiError, call, urlOf } from '../../api/client';
import { Badge, Button, Card, ErrorAlert, Loading, UnverifiedMark } from '../../components/ui';
import { PaperclipIcon } from '../../components/icons';
import { useI18n } from '../../i18n';
import type { CellChange, CellEdit, FileUpload } from '../../offline/queue-logic';
import { isNetworkError, offlineQueue, useOffline } from '../../offline/store';
import { AssessmentActions } from './AssessmentActions';
import { OfflineQueuePanel, QueueBadges } from './OfflineQueuePanel';
import { DiffPanel } from './DiffPanel';
import { previewValue, withinBounds } from './value-bounds';
import { IndicatorInput } from './IndicatorInput';
import type { AssessmentView, GridIndicator } from './types';

type Edit = { value?: IndicatorValue | null; note?: string | null; text?: Record<string, string> };
export type ReviewDecision = { decision: 'accept' | 'return'; comment: string };

export function AssessmentPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const qc = useQueryClient();
  const view = useQuery({
    queryKey: ['assessment', id],
    // The set's document follows its own published schema (/api/schemas/criteria-set.json), checked when it was stored.
    queryFn: async (): Promise<AssessmentView> => {
      const v = await call('GET /api/assessments/{id}', { params: { id: Number(id) } });
      return { ...v, document: v.document as CriteriaSetDoc };
    },
  });
  const [edits, setEdits] = useState<Record<string, Edit>>({});
  const [review, setReview] = useState<Record<string, ReviewDecision>>({});
  const [showDiff, setShowDiff] = useState(false);
  const [savedOnPhone, setSavedOnPhone] = useState(0);
  const data = view.data;
  const offline = useOffline();
  const here = useMemo(() => offline.entries.filter((e) => e.assessmentId === Number(id)), [offline.entries, id]);
  const queuedCells = useMemo(() => new Map(here.flatMap((e) => (e.kind === 'cell' ? [[e.code, e] as const] : []))), [here]);

  const compiled = useMemo(
    () => (data ? compileSet(data.document, data.assessment.classCode, Number(data.assessment.month.slice(0, 4))) : null),
    [data],
  );
  const merged = useMemo(() => {
    const values: Record<string, IndicatorValue | undefined> = {};
    for (const c of data?.criteria ?? []) {
      for (const i of c.indicators) {
        const e = edits[i.code];
        const q = queuedCells.get(i.code);
        // A value beyond what the server accepts is not evaluated: it shows as invalid, never as met.
        const v = previewValue(e && 'value' in e ? e.value : q && 'value' in q ? q.value : i.value);
        if (v !== undefined) values[i.code] = v;
      }
    }
    return values;
  }, [data, edits, queuedCells]);
  // Only statuses and counts are shown live, so the compact result is enough.
  const live = useMemo(() => (compiled ? evaluateCompact(compiled, packValues(compiled, merged)) : null), [compiled, merged]);

  /**
   * Online, cells go straight to the server. Without a connection (or when the request gets no answer)
   * they are kept on the phone with the version each was read at; while this month has queued cells,
   * new edits join the queue too, so every cell is sent from the version its person started from.
   */
  const save = useMutation({
    // Runs without a connection too: that is when the cells go into the phone's queue.
    networkMode: 'always',
    mutationFn: async (): Promise<'saved' | 'queued'> => {
      const byCode = new Map(data!.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
      const changes: CellChange[] = Object.entries(edits).map(([code, e]) => ({
        code,
        ...('value' in e ? { value: e.value ?? null } : {}),
        ...('note' in e ? { note: e.note ?? null } : {}),
        version: byCode.get(code)!.version,
      }));
      const keep = async () => {
        await offlineQueue.queueCells(Number(id), changes);
        return 'queued' as const;
      };
      if (!navigator.onLine || queuedCells.size > 0) return keep();
      try {
        await call('PUT /api/assessments/{id}/values', { params: { id: Number(id) }, body: { changes } });
        return 'saved';
      } catch (err) {
        if (!isNetworkError(err)) throw err;
        offlineQueue.markUnreachable();
        return keep();
      }
    },
    onMutate: () => setSavedOnPhone(0),
    onSuccess: async (how) => {
      const n = Object.keys(edits).length;
      setEdits({});
      // A saved month leaves no earlier refusal of an upload standing.
      upload.reset();
      if (how === 'queued') setSavedOnPhone(n);
      else await qc.invalidateQueries({ queryKey: ['assessment', id] });
    },
  });

  const upload = useMutation({
    networkMode: 'always',
    mutationFn: async ({ code, file }: { code: string; file: File }) => {
      const keep = () => offlineQueue.queueFile(Number(id), code, file);
      if (!navigator.onLine) return keep();
      const form = new FormData();
      form.set('indicatorCode', code);
      form.set('file', file);
      try {
        await call('POST /api/assessments/{id}/evidence', { params: { id: Number(id) }, body: form });
        await qc.invalidateQueries({ queryKey: ['assessment', id] });
      } catch (err) {
        if (!isNetworkError(err)) throw err;
        offlineQueue.markUnreachable();
        await keep();
      }
    },
  });

  if (view.isLoading) return <Loading />;
  if (!data) return <ErrorAlert error={view.error} />;
  const a = data.assessment;
  const canEdit = data.permissions.canEdit;
  const dirty = Object.keys(edits).length;
  const conflict = save.error instanceof ApiError && save.error.code === 'VERSION_CONFLICT';
  const reviewing = data.actions.includes('verify') || data.actions.includes('return');
  // A verified month the office reopened is back in the commune's hands, but it was not sent back for errors.
  const reopened = a.status === 'returned' && data.returns.at(-1)?.kind === 'reopened';

  const setEdit = (code: string, patch: Edit) => setEdits((prev) => ({ ...prev, [code]: { ...prev[code], ...patch } }));
  const indicators = new Map(data.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
  const takeBack = (cell: CellEdit) =>
    setEdit(cell.code, {
      ...('value' in cell ? { value: cell.value ?? null, text: {} } : {}),
      ...('note' in cell ? { note: cell.note ?? null } : {}),
    });
  const filesOf = (code: string) => here.filter((e): e is FileUpload => e.kind === 'file' && e.code === code);

  return (
    <>
      <nav className="breadcrumb">
        <Link to={`/don-vi/${a.unitId}`}>{a.unitName}</Link> ›{' '}
        <Link to={`/bang-theo-doi/${a.unitId}?nam=${a.month.slice(0, 4)}`}>{t('common.scorecard')}</Link>
      </nav>
      <h1 data-testid="assessment-title">
        {t('assessment.assessmentTitle', { m: `${a.month.slice(5)}/${a.month.slice(0, 4)}` })} — {a.unitName}{' '}
        <Badge
          tone={
            a.status === 'verified'
              ? 'success'
              : a.status === 'returned'
                ? reopened
                  ? 'info'
                  : 'danger'
                : a.status === 'submitted'
                  ? 'info'
                  : 'neutral'
          }
        >
          <span data-testid="assessment-status">
            {reopened ? t('assessment.statusReopened') : t(`common.status_${a.status}`)}
          </span>
        </Badge>
      </h1>
      <p className="muted">
        {data.set.name} — {data.set.legalBasis} <UnverifiedMark show={!data.set.verified} /> · {t('common.classification')}:{' '}
        {a.className} · {t('assessment.targetLevel')}: {t(`assessment.level_${a.targetLevel}`)}
        {a.verifiedBy && ` · ${t('assessment.verifiedBy')}: ${a.verifiedBy} (${formatDateTimeVi(a.verifiedAt)})`}
      </p>
      {a.returnComment && a.status === 'returned' && !data.returns.length && (
        <p className="alert alert-error">{a.returnComment}</p>
      )}
      <ReturnsSummary returns={data.returns} current={a.status === 'returned' && !reopened} />

      <div className="cards sticky-summary" data-testid="live-summary">
        <div className="stat">
          <span className="stat-label">{t('common.criteriaMetShort')}</span>
          <strong data-testid="live-criteria">
            {live?.criteriaMet}/{live?.criteriaTotal}
          </strong>
        </div>
        <div className="stat">
          <span className="stat-label">{t('common.indicatorsMetShort')}</span>
          <strong data-testid="live-indicators">
            {live?.indicatorsMet}/{live?.indicatorsTotal}
          </strong>
        </div>
        <div className="stat">
          <span className="stat-label">{t('common.missing')}</span>
          <strong>{live?.indicatorsMissing}</strong>
        </div>
        {Boolean(live?.indicatorsNotApplicable) && (
          <div className="stat">
            <span className="stat-label">{t('common.notApplicableShort')}</span>
            <strong data-testid="live-not-applicable">{live?.indicatorsNotApplicable}</strong>
          </div>
        )}
        <div className="stat stat-actions">
          {canEdit && (
            <Button onClick={() => save.mutate()} disabled={!dirty || save.isPending} data-testid="save-values">
              {offline.online ? t('assessment.saveDraft') : t('assessment.saveOnPhone')}
            </Button>
          )}
          <small className="muted">
            {dirty
              ? t('assessment.unsaved', { n: dirty })
              : here.length
                ? t('common.netQueued', { n: here.length })
                : t('assessment.allSaved')}
          </small>
        </div>
      </div>
      {savedOnPhone > 0 && here.length > 0 && (
        <p className="alert alert-warning" role="status" data-testid="saved-on-phone">
          {t('assessment.savedOnPhone', { n: savedOnPhone })}
        </p>
      )}
      <OfflineQueuePanel
        entries={here}
        online={offline.online}
        syncing={offline.syncing}
        indicators={indicators}
        onTakeBack={takeBack}
      />
      <ErrorAlert error={save.error} />
      {conflict && (
        <Button variant="secondary" onClick={() => void view.refetch().then(() => setEdits({}))}>
          ↻ {t('assessment.open')}
        </Button>
      )}

      <AssessmentActions
        view={data}
        dirty={dirty > 0}
        online={offline.online}
        queued={here.length}
        review={review}
        onToggleDiff={() => setShowDiff(!showDiff)}
      />
      {showDiff && <DiffPanel id={a.id} />}

      {data.criteria.map((c) => {
        const ci = live ? live.set.criterionNumbers.indexOf(c.number) : -1;
        const cr =
          live && ci >= 0
            ? {
                met: live.criterionMet(ci),
                indicatorsMet: live.criterionIndicatorsMet(ci),
                indicatorsTotal: live.criterionIndicatorsTotal(ci),
              }
            : undefined;
        return (
          <Card
            key={c.number}
            title={
              <span>
                {c.number}. {c.name}{' '}
                <Badge tone={cr?.met ? 'success' : 'danger'}>
                  {cr?.met ? t('common.met') : t('common.unmet')} · {cr?.indicatorsMet}/{cr?.indicatorsTotal}
                </Badge>
              </span>
            }
          >
            <table className="table grid-table">
              <thead>
                <tr>
                  <th>{t('common.indicator')}</th>
                  <th>{t('common.threshold')}</th>
                  <th>{t('assessment.value')}</th>
                  <th>{t('common.evidence')}</th>
                  {reviewing && <th>{t('assessment.comment')}</th>}
                </tr>
              </thead>
              <tbody>
                {c.indicators.map((i) => (
                  <IndicatorRow
                    key={i.code}
                    ind={i}
                    edit={edits[i.code]}
                    queued={queuedCells.get(i.code)}
                    files={filesOf(i.code)}
                    status={live?.statusOf(i.code) ?? i.status}
                    canEdit={canEdit}
                    reviewing={reviewing}
                    decision={review[i.code]}
                    onDecision={(d) => setReview((prev) => ({ ...prev, [i.code]: d }))}
                    onEdit={(patch) => setEdit(i.code, patch)}
                    uploadError={upload.variables?.code === i.code ? upload.error : null}
                    onUpload={(file) => {
                      save.reset();
                      upload.mutate({ code: i.code, file });
                    }}
                  />
                ))}
              </tbody>
            </table>
          </Card>
        );
      })}
    </>
  );
}

function IndicatorRow({
  ind,
  edit,
  queued,
  files,
  status,
  canEdit,
  reviewing,
  decision,
  onDecision,
  onEdit,
  onUpload,
  uploadError,
}: {
  ind: GridIndicator;
  edit: Edit | undefined;
  queued: CellEdit | undefined;
  files: FileUpload[];
  status: IndicatorStatus;
  canEdit: boolean;
  reviewing: boolean;
  decision: ReviewDecision | undefined;
  onDecision: (d: ReviewDecision) => void;
  onEdit: (patch: Edit) => void;
  onUpload: (file: File) => void;
  /** Why the last upload to this indicator was refused, shown beside its attach control. */
  uploadError: unknown;
}) {
  const { t, lang } = useI18n();
  const value = edit && 'value' in edit ? (edit.value ?? null) : queued && 'value' in queued ? (queued.value ?? null) : ind.value;
  const note = edit && 'note' in edit ? edit.note : queued && 'note' in queued ? queued.note : ind.note;
  return (
    <tr id={`ind-${ind.code}`} className={`row-${status}`} data-testid={`row-${ind.code}`} data-status={status}>
      <td>
        <strong>{ind.code}</strong> {ind.text}
        {ind.level !== 'ntm' && <Badge tone="info">{t(`assessment.level_${ind.level}`)}</Badge>}
        {ind.unit && <small className="muted"> ({ind.unit})</small>}
        {ind.review === 'returned' && <p className="error-text">↩ {ind.reviewComment}</p>}
        {ind.updatedBy && (
          <small className="muted block">
            {t('assessment.lastChangedBy')}: {ind.updatedBy} · {formatDateTimeVi(ind.updatedAt)}
          </small>
        )}
      </td>
      <td data-label={t('common.threshold')}>
        {thresholdText(ind, ind.threshold, lang, false)}
        {!ind.verified && <UnverifiedMark />}
      </td>
      <td data-label={t('assessment.value')}>
        {ind.notApplicable && <NotApplicableChoice ind={ind} value={value} canEdit={canEdit} onEdit={onEdit} />}
        {!isNotApplicable(value) && (
          <IndicatorInput
            ind={ind}
            value={value}
            draftText={edit?.text ?? {}}
            disabled={!canEdit}
            onChange={(v, text) => onEdit({ value: v, ...(text ? { text } : {}) })}
          />
        )}
        {value !== null && !withinBounds(value) ? (
          <span className="status-dot status-unmet" data-testid={`status-${ind.code}`} role="status">
            {t('assessment.valueOutOfBounds')}
          </span>
        ) : (
          <span className={`status-dot status-${status}`} data-testid={`status-${ind.code}`}>
            {t(`common.${status}`)}
          </span>
        )}
        {canEdit ? (
          <input
            className="input note-input"
            data-testid={`note-${ind.code}`}
            aria-label={`${t('common.note')} ${ind.code}`}
            placeholder={t('common.note')}
            value={note ?? ''}
            onChange={(e) => onEdit({ note: e.target.value || null })}
          />
        ) : (
          note && <small className="muted block">{note}</small>
        )}
        <QueueBadges cell={queued} files={files} />
      </td>
      <td data-label={t('common.evidence')}>
        <ul className="plain-list">
          {ind.evidence.map((e) => (
            <li key={e.id}>
              {e.hasThumbnail && (
                <img
                  src={urlOf('GET /api/assessments/evidence/{evidenceId}/{variant}', {
                    params: { evidenceId: e.id, variant: 'thumbnail' },
                  })}
                  alt={e.name}
                  className="thumb"
                />
              )}
              <a
                href={urlOf('GET /api/assessments/evidence/{evidenceId}/{variant}', {
                  params: { evidenceId: e.id, variant: 'file' },
                })}
                target="_blank"
                rel="noreferrer"
              >
                {e.name}
              </a>
            </li>
          ))}
        </ul>
        {canEdit && (
          <label className="file-button">
            <PaperclipIcon /> {t('common.attach')}
            <input
              type="file"
              className="sr-only"
              accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls"
              aria-label={`${t('common.attach')} ${ind.code}`}
              data-testid={`attach-${ind.code}`}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) onUpload(f);
                e.target.value = '';
              }}
            />
          </label>
        )}
        <UploadRefusal error={uploadError} />
      </td>
      {reviewing && (
        <td data-label={t('assessment.comment')}>
          <select
            className="input"
            aria-label={`${t('assessment.comment')} ${ind.code}`}
            value={decision?.decision ?? 'accept'}
            onChange={(e) => onDecision({ decision: e.target.value as 'accept' | 'return', comment: decision?.comment ?? '' })}
          >
            <option value="accept">{t('assessment.accept')}</option>
            <option value="return">{t('assessment.returnItem')}</option>
          </select>
          {decision?.decision === 'return' && (
            <input
              className="input"
              placeholder={t('assessment.comment')}
              value={decision.comment}
              onChange={(e) => onDecision({ decision: 'return', comment: e.target.value })}
            />
          )}
        </td>
      )}
    </tr>
  );
}

/**
 * "Không áp dụng" for an indicator whose set allows it: a choice, then the reason (required). The
 * value it sets is the "not applicable" mark itself, so it is saved apart from an empty cell; clearing
 * the choice empties the cell.
 */
function NotApplicableChoice({
  ind,
  value,
  canEdit,
  onEdit,
}: {
  ind: GridIndicator;
  value: IndicatorValue | null;
  canEdit: boolean;
  onEdit: (patch: Edit) => void;
}) {
  const { t } = useI18n();
  const marked = isNotApplicable(value) ? value : null;
  const hint =
    ind.notApplicable?.counts === 'met' ? t('assessment.notApplicableCountsMet') : t('assessment.notApplicableExcluded');
  return (
    <div className="na-choice">
      <label className="checkbox" title={ind.notApplicable?.note ?? hint}>
        <input
          type="checkbox"
          checked={marked !== null}
          disabled={!canEdit}
          data-testid={`na-${ind.code}`}
          aria-label={`${t('assessment.notApplicableChoice')} ${ind.code}`}
          onChange={(e) => onEdit({ value: e.target.checked ? { notApplicable: true, reason: '' } : null, text: {} })}
        />
        {t('assessment.notApplicableChoice')}
        {!ind.notApplicable?.verified && <UnverifiedMark />}
      </label>
      {marked && (
        <>
          <small className="muted block">{hint}</small>
          {canEdit ? (
            <input
              className={`input note-input ${marked.reason.trim() ? '' : 'invalid'}`}
              data-testid={`na-reason-${ind.code}`}
              aria-label={`${t('assessment.notApplicableReason')} ${ind.code}`}
              placeholder={t('assessment.notApplicableReason')}
              required
              value={marked.reason}
              onChange={(e) => onEdit({ value: { notApplicable: true, reason: e.target.value } })}
            />
          ) : (
            <small className="block">{marked.reason}</small>
          )}
          {canEdit && !marked.reason.trim() && (
            <small className="error-text block">{t('assessment.notApplicableReasonMissing')}</small>
          )}
        </>
      )}
    </div>
  );
}

/**
 * What the office sent back: the latest return's indicators and comments at the top of the grid (each a
 * link to its card), and every earlier return and reopening kept as the month's history.
 */
function ReturnsSummary({ returns, current }: { returns: AssessmentView['returns']; current: boolean }) {
  const { t } = useI18n();
  if (!returns.length) return null;
  const last = returns[returns.length - 1]!;
  const earlier = returns.slice(0, -1).reverse();
  return (
    <section className={current ? 'alert alert-error' : 'alert alert-info'} data-testid="returns-summary">
      <p>
        <strong>
          {t(last.kind === 'reopened' ? 'assessment.returnsReopened' : 'assessment.returnsLast', {
            by: last.by,
            at: formatDateTimeVi(last.at),
          })}
        </strong>
        {last.comment ? ` — ${last.comment}` : ''}
      </p>
      {last.indicators.length > 0 && (
        <ul>
          {last.indicators.map((i) => (
            <li key={i.code}>
              <a href={`#ind-${i.code}`}>
                {t('common.indicator')} {i.code}
              </a>
              {i.comment ? `: ${i.comment}` : ''}
            </li>
          ))}
        </ul>
      )}
      {earlier.length > 0 && (
        <details>
          <summary>{t('assessment.returnsHistory', { n: earlier.length })}</summary>
          <ul>
            {earlier.map((r) => (
              <li key={r.at}>
                {formatDateTimeVi(r.at)} · {r.by} ·{' '}
                {t(r.kind === 'reopened' ? 'assessment.returnsKindReopened' : 'assessment.returnsKindReturned')}
                {r.comment ? ` — ${r.comment}` : ''}
                {r.indicators.length > 0 &&
                  ` (${r.indicators.map((i) => (i.comment ? `${i.code}: ${i.comment}` : i.code)).join('; ')})`}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** An upload's refusal, beside the indicator's attach control and brought into view (a phone shows one row at a time). */
function UploadRefusal({ error }: { error: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [error]);
  if (!error) return null;
  return (
    <div ref={ref} data-testid="upload-refusal">
      <ErrorAlert error={error} />
    </div>
  );
}
