import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { thresholdText } from '../../../src/domain/criteria/describe';
import type { CriteriaSetDoc } from '../../../src/domain/criteria/schema';
import { formatDateVi } from '../../../src/shared/vi';
import { call } from '../api/client';
import { useCan } from '../auth/session';
import { Badge, Button, Card, ErrorAlert, Loading, UnverifiedMark } from '../components/ui';
import { useI18n } from '../i18n';
import { FilePicker } from '../components/FilePicker';
import { WhatIfPanel } from './criteria/WhatIfPanel';
import { unitTypeLabel } from '../components/labels';

export function CriteriaListPage() {
  const { t } = useI18n();
  const can = useCan();
  const list = useQuery({ queryKey: ['criteria-sets'], queryFn: () => call('GET /api/criteria-sets') });
  return (
    <>
      <h1>{t('criteria.criteriaTitle')}</h1>
      <Card>
        {list.isLoading && <Loading />}
        <ErrorAlert error={list.error} />
        <table className="table" data-testid="criteria-sets">
          <thead>
            <tr>
              <th>{t('common.name')}</th>
              <th>{t('criteria.version')}</th>
              <th>{t('common.status')}</th>
              <th>{t('common.legalBasis')}</th>
              <th>{t('common.effectiveFrom')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link to={`/bo-tieu-chi/${s.id}`}>{s.name}</Link>
                  <small className="block muted">
                    {s.code} · {t('criteria.indicatorsCount', { c: s.criteriaCount, i: s.indicatorCount })}
                    {s.unverifiedIndicators > 0 && ` · ${t('criteria.unverifiedCount', { n: s.unverifiedIndicators })}`}
                  </small>
                </td>
                <td>v{s.version}</td>
                <td>
                  <Badge tone={s.status === 'published' ? 'success' : 'warning'}>
                    {s.status === 'published' ? t('criteria.published') : t('common.draftStatus')}
                  </Badge>
                </td>
                <td>
                  {s.legalBasis} <UnverifiedMark show={!s.verified} />
                </td>
                <td>
                  {formatDateVi(s.effectiveFrom)} – {s.effectiveTo ? formatDateVi(s.effectiveTo) : '…'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {can('criteria.manage') && <ImportSet />}
    </>
  );
}

function ImportSet() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [owner, setOwner] = useState('');
  const units = useQuery({
    queryKey: ['units', 'owners'],
    queryFn: () => call('GET /api/units'),
    select: (d) => d.items.filter((u) => u.type === 'province' || u.type === 'country'),
  });
  const imp = useMutation({
    mutationFn: async () =>
      call('POST /api/criteria-sets/import', {
        body: { ownerUnitId: Number(owner), document: JSON.parse(await file!.text()) as unknown },
      }),
    onSuccess: async (m) => {
      await qc.invalidateQueries({ queryKey: ['criteria-sets'] });
      await navigate(`/bo-tieu-chi/${m.id}`);
    },
  });
  return (
    <Card title={t('criteria.importJson')}>
      <p className="muted">
        JSON Schema: <a href="/api/schemas/criteria-set.json">/api/schemas/criteria-set.json</a>
      </p>
      <div className="toolbar">
        <select className="input" aria-label={t('criteria.ownerUnit')} value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">{t('criteria.ownerUnit')}…</option>
          {units.data?.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <FilePicker
          accept=".json,application/json"
          aria-label={t('criteria.importJson')}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button disabled={!file || !owner || imp.isPending} onClick={() => imp.mutate()}>
          {t('common.importButton')}
        </Button>
      </div>
      <ErrorAlert error={imp.error} />
    </Card>
  );
}

export function CriteriaDetailPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const set = useQuery({
    queryKey: ['criteria-set', id],
    // The document follows its own published schema (/api/schemas/criteria-set.json), checked when it was stored.
    queryFn: async () => {
      const set = await call('GET /api/criteria-sets/{id}', { params: { id: Number(id) } });
      return { ...set, document: set.document as CriteriaSetDoc };
    },
  });
  const [doc, setDoc] = useState<CriteriaSetDoc | null>(null);
  const act = useMutation({
    mutationFn: (run: () => Promise<{ id: number }>) => run(),
    onSuccess: async (m) => {
      setDoc(null);
      await qc.invalidateQueries({ queryKey: ['criteria-set'] });
      await qc.invalidateQueries({ queryKey: ['criteria-sets'] });
      await qc.invalidateQueries({ queryKey: ['what-if'] });
      if (String(m.id) !== id) await navigate(`/bo-tieu-chi/${m.id}`);
    },
  });
  if (set.isLoading) return <Loading />;
  if (!set.data) return <ErrorAlert error={set.error} />;
  const s = set.data;
  const shown = doc ?? s.document;
  const editable = s.status === 'draft' && can('criteria.manage');
  const classes = shown.classification.classes;
  /** A region or commune group by its name, never its short code. */
  const classNames = (codes: string[]) => codes.map((code) => classes.find((c) => c.code === code)?.name_vi ?? code).join(', ');
  const updateThreshold = (code: string, index: number, patch: { value?: number; verified?: boolean }) => {
    const next = structuredClone(shown);
    for (const c of next.criteria)
      for (const i of c.indicators) if (i.code === code) i.thresholds[index] = { ...i.thresholds[index]!, ...patch };
    setDoc(next);
  };
  return (
    <>
      <nav className="breadcrumb">
        <Link to="/bo-tieu-chi">{t('criteria.criteriaTitle')}</Link>
      </nav>
      <h1>
        {s.name}{' '}
        <Badge tone={s.status === 'published' ? 'success' : 'warning'}>
          {s.status === 'published' ? t('criteria.published') : t('common.draftStatus')}
        </Badge>{' '}
        <UnverifiedMark show={!s.verified} />
      </h1>
      <Card>
        <dl className="facts">
          <dt>Mã</dt>
          <dd>
            {s.code} · v{s.version}
          </dd>
          <dt>{t('common.legalBasis')}</dt>
          <dd>
            {shown.legalBasis.document} {shown.legalBasis.date && `(${formatDateVi(shown.legalBasis.date)})`}
          </dd>
          <dt>{t('common.effectiveFrom')}</dt>
          <dd>
            {formatDateVi(s.effectiveFrom)} – {s.effectiveTo ? formatDateVi(s.effectiveTo) : '…'}
          </dd>
          <dt>{t('criteria.applicability')}</dt>
          <dd data-testid="set-applicability">
            {s.derivation === 'overlay'
              ? t('criteria.precedenceOverlay', { base: s.baseCode ?? '' })
              : shown.applicability?.precedence === 'replacement'
                ? t('criteria.precedenceReplacement', { basis: shown.applicability.legalBasis ?? '' })
                : t('criteria.precedenceNational')}
            {' · '}
            {shown.unitTypes.map((u) => unitTypeLabel(u, lang)).join(', ')}
            {shown.applicability?.classes &&
              ` · ${t('criteria.onlyClasses', { classes: classNames(shown.applicability.classes) })}`}
          </dd>
          <dt>{t('common.classification')}</dt>
          <dd>{classes.map((c) => c.name_vi).join(' · ')}</dd>
          <dt>{t('criteria.notes')}</dt>
          <dd>
            <ul>
              {shown.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </dd>
        </dl>
        <div className="toolbar">
          <a className="btn btn-secondary" href={`/api/criteria-sets/${s.id}/export`}>
            {t('criteria.exportJson')}
          </a>
          {can('criteria.manage') && s.status === 'published' && (
            <Button
              variant="secondary"
              onClick={() => act.mutate(() => call('POST /api/criteria-sets/{id}/drafts', { params: { id: s.id } }))}
            >
              {t('criteria.createDraft')}
            </Button>
          )}
          {editable && doc && (
            <Button
              onClick={() =>
                act.mutate(() =>
                  call('PUT /api/criteria-sets/{id}', {
                    params: { id: s.id },
                    body: { rowVersion: s.rowVersion, document: doc },
                  }),
                )
              }
            >
              {t('common.save')}
            </Button>
          )}
          {editable && !doc && (
            <Button
              onClick={() =>
                act.mutate(() =>
                  call('POST /api/criteria-sets/{id}/publish', { params: { id: s.id }, body: { rowVersion: s.rowVersion } }),
                )
              }
            >
              {t('common.publish')}
            </Button>
          )}
        </div>
        <ErrorAlert error={act.error} />
      </Card>
      {editable && <WhatIfPanel setId={s.id} ownerUnitId={s.ownerUnitId} unsaved={doc !== null} />}
      {shown.criteria.map((c) => (
        <Card key={c.number} title={`${c.number}. ${c.name_vi}`}>
          <table className="table compact">
            <thead>
              <tr>
                <th>{t('common.indicator')}</th>
                <th>{t('common.threshold')}</th>
              </tr>
            </thead>
            <tbody>
              {c.indicators.map((i) => (
                <tr key={i.code}>
                  <td>
                    <strong>{i.code}</strong> {i.text_vi} <UnverifiedMark show={!i.verified} />
                    {i.unit && <small className="muted"> ({i.unit})</small>}
                  </td>
                  <td>
                    <ul className="plain-list">
                      {i.thresholds.map((th, k) => (
                        <li key={k}>
                          <small className="muted">
                            {th.classes ? classNames(th.classes) : lang === 'vi' ? 'mọi vùng/nhóm' : 'all classes'}
                            {(th.fromYear || th.toYear) && ` · ${th.fromYear ?? ''}–${th.toYear ?? ''}`}:
                          </small>{' '}
                          {editable && th.value !== undefined ? (
                            <>
                              {th.op}{' '}
                              <input
                                className="input num-input"
                                type="number"
                                step="any"
                                aria-label={`${i.code} ${t('common.threshold')} ${k + 1}`}
                                value={th.value}
                                onChange={(e) => updateThreshold(i.code, k, { value: Number(e.target.value) })}
                              />
                              <label className="checkbox inline">
                                <input
                                  type="checkbox"
                                  checked={th.verified}
                                  onChange={(e) => updateThreshold(i.code, k, { verified: e.target.checked })}
                                />{' '}
                                {t('common.verified')}
                              </label>
                            </>
                          ) : (
                            thresholdText(i, th, lang)
                          )}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ))}
    </>
  );
}
