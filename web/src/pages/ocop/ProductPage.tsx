import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { call, urlOf } from '../../api/client';
import { DOCUMENTS, transitionOf, type Transition } from '../../../../src/domain/ocop/cycle';
import { Badge, Card, ErrorAlert, Field, Loading } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateTimeVi, formatDateVi } from '../../../../src/shared/vi';
import { OcopNav } from './OcopNav';
import { scoreText, STAGES, Stars, useActionLabel, useStageLabel, Warnings } from './common';
import { FilePicker } from '../../components/FilePicker';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';

export function ProductPage() {
  const { id } = useParams();
  const { t, lang } = useI18n();
  const stageLabel = useStageLabel();
  const actionLabel = useActionLabel();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['ocop', 'product', id],
    queryFn: () => call('GET /api/ocop/products/{id}', { params: { id: Number(id) } }),
  });
  const refresh = () => qc.invalidateQueries({ queryKey: ['ocop'] });
  const [done, setDone] = useState('');
  const publish = useMutation({
    mutationFn: (published: boolean) =>
      call('PATCH /api/ocop/products/{id}', {
        params: { id: Number(id) },
        body: { published, version: q.data!.product.version },
      }),
    onMutate: () => setDone(''),
    onSuccess: async (_r, published) => {
      setDone(t(published ? 'ocop.doneOcopPublish' : 'ocop.doneOcopUnpublish', { product: q.data!.product.name }));
      await refresh();
    },
  });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const f = new FormData();
      f.set('file', file);
      return call('POST /api/ocop/products/{id}/photos', { params: { id: Number(id) }, body: f });
    },
    onSuccess: refresh,
  });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const d = q.data;
  const step = STAGES.indexOf(d.product.stage);
  const canAct = d.capacity !== 'reader';
  const publicUrl = `/cong-khai/san-pham/${d.product.code}`;

  return (
    <>
      <p>
        <Link to="/ocop/san-pham">← {t('ocop.ocopProducts')}</Link>
      </p>
      <h1 data-testid="ocop-product-name">{d.product.name}</h1>
      <SuccessNotice>{done}</SuccessNotice>
      <OcopNav />
      <Warnings warnings={d.warnings} />
      <div className="stepper" data-testid="ocop-stepper">
        {STAGES.filter((s) => !s.endsWith('_returned') || s === d.product.stage).map((s) => (
          <span key={s} className={s === d.product.stage ? 'current' : STAGES.indexOf(s) < step ? 'done' : ''}>
            {stageLabel(s)}
          </span>
        ))}
      </div>
      <div className="grid-2">
        <Card title={t('ocop.stars')}>
          <p style={{ fontSize: '1.6rem' }}>
            <Stars star={d.star} testId="ocop-star" />
          </p>
          {d.certificateStatus === 'valid' && d.certificates[0] && (
            <p>
              {t('ocop.certificateNo')} <strong data-testid="ocop-cert-no">{d.certificates[0].number}</strong> —{' '}
              {t('ocop.validTo')} {formatDateVi(d.certificates[0].validTo)} ({t('ocop.daysLeftN', { n: d.daysLeft ?? 0 })})
            </p>
          )}
          {d.certificateStatus === 'expired' && <Badge tone="warning">{t('ocop.certExpired')}</Badge>}
          <dl className="dl">
            <dt>{t('ocop.producer')}</dt>
            <dd>{d.producer.name}</dd>
            <dt>{t('common.unit')}</dt>
            <dd>{d.unit.name}</dd>
            <dt>{t('ocop.productGroup')}</dt>
            <dd>
              {d.product.groupName} · {t('ocop.productSet')} {d.product.setNo}
            </dd>
            <dt>{t('ocop.cycleYear')}</dt>
            <dd>{d.product.cycleYear}</dd>
          </dl>
          {d.product.description && <p>{d.product.description}</p>}
          {d.product.brandTags.map((b) => (
            <Badge key={b} tone="info">
              {b}
            </Badge>
          ))}
        </Card>
        <Card title={t('ocop.publicPage')}>
          <img
            src={urlOf('GET /api/ocop/products/{id}/qr/{format}', { params: { id: d.product.id, format: 'svg' } })}
            alt="QR"
            width={160}
            height={160}
            data-testid="ocop-qr"
          />
          <p>
            <a href={publicUrl} target="_blank" rel="noreferrer" data-testid="ocop-public-link">
              {publicUrl}
            </a>
          </p>
          <p>
            {t('ocop.publishedPortal')}: <strong data-testid="ocop-published">{d.product.published ? '✓' : '—'}</strong>{' '}
            {d.capacity === 'office' && (
              <ConfirmButton
                variant={d.product.published ? 'danger' : 'secondary'}
                onConfirm={() => publish.mutate(!d.product.published)}
                disabled={publish.isPending}
                title={t(d.product.published ? 'ocop.cfOcopUnpublishTitle' : 'ocop.cfOcopPublishTitle')}
                body={
                  <p>
                    {t(d.product.published ? 'ocop.cfOcopUnpublishBody' : 'ocop.cfOcopPublishBody', {
                      product: d.product.name,
                      producer: d.producer.name,
                    })}
                  </p>
                }
                testId="ocop-publish"
              >
                {d.product.published ? t('ocop.unpublish') : t('ocop.publishPortal')}
              </ConfirmButton>
            )}
          </p>
          <ErrorAlert error={publish.error} />
          <a
            className="btn btn-secondary"
            href={urlOf('GET /api/ocop/labels', { query: { productIds: String(d.product.id), copies: 12 } })}
            target="_blank"
            rel="noreferrer"
          >
            {t('ocop.printLabels')}
          </a>
        </Card>
      </div>
      {d.actions.length > 0 && (
        <Card title={t('ocop.nextSteps')}>
          {d.actions.map(transitionOf).map((a) => (
            <ActionForm
              key={a.action}
              productId={d.product.id}
              version={d.product.version}
              action={a}
              label={actionLabel(a.action)}
              lang={lang}
              who={{ product: d.product.name, producer: d.producer.name, to: stageLabel(a.to) }}
              onDone={setDone}
            />
          ))}
        </Card>
      )}
      <Card title={t('ocop.certificates')}>
        {d.certificates.length === 0 && <p className="muted">{t('ocop.ocopNone')}</p>}
        <table className="table compact">
          <tbody>
            {d.certificates.map((c) => (
              <tr key={c.id}>
                <td>{c.number}</td>
                <td>
                  <Stars star={c.star} />
                </td>
                <td>
                  {c.decisionNo}, {c.issuedBy}
                </td>
                <td>
                  {formatDateVi(c.validFrom)} – {formatDateVi(c.validTo)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.results.length > 0 && (
          <>
            <h3>{t('ocop.results')}</h3>
            <ul className="plain">
              {d.results.map((r) => (
                <li key={r.roundId}>
                  <Link to={`/ocop/hoi-dong/${r.roundId}`}>{r.roundName}</Link>: {t(`ocop.rs_${r.status}` as MessageKey)}
                  {r.scoreX100 !== null && ` — ${scoreText(r.scoreX100)} ${t('ocop.score').toLowerCase()}, ${r.star} ★`}
                </li>
              ))}
            </ul>
          </>
        )}
      </Card>
      {d.product.standards.length > 0 && (
        <Card title={t('ocop.standards')}>
          <ul className="plain">
            {d.product.standards.map((s, i) => (
              <li key={i}>
                {s.kind} {s.number && `— ${s.number}`} {s.expiresOn && `(${t('ocop.validTo')} ${formatDateVi(s.expiresOn)})`}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={t('common.photos')}>
        <div className="photos">
          {d.photos.map((p) => (
            <img
              key={p.id}
              src={urlOf('GET /api/ocop/photos/{id}', { params: { id: p.id } })}
              alt={p.caption ?? d.product.name}
              width={160}
              height={120}
              style={{ objectFit: 'cover' }}
            />
          ))}
        </div>
        {canAct && (
          <FilePicker
            accept="image/*"
            aria-label={t('common.photos')}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) upload.mutate(f);
            }}
          />
        )}
        <ErrorAlert error={upload.error} />
      </Card>
      <Card title={t('ocop.history')}>
        <ol data-testid="ocop-history">
          {d.transitions.map((tr) => (
            <li key={tr.id}>
              {formatDateTimeVi(tr.at)} — <strong>{actionLabel(tr.action)}</strong> → {stageLabel(tr.toStage)}
              {tr.byName && ` (${tr.byName})`}
              {tr.note && <em> “{tr.note}”</em>}
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}

function ActionForm({
  productId,
  version,
  action,
  label,
  lang,
  who,
  onDone,
}: {
  productId: number;
  version: number;
  action: Transition;
  label: string;
  lang: 'vi' | 'en';
  /** The product and its producer, named in the question. */
  who: { product: string; producer: string; to: string };
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [docs, setDocs] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const move = useMutation({
    mutationFn: () =>
      call('POST /api/ocop/products/{id}/transitions', {
        params: { id: productId },
        body: { action: action.action, documents: docs, note: note || null, version },
      }),
    onSuccess: async () => {
      onDone(t('ocop.doneOcopStep', { action: label, ...who }));
      await qc.invalidateQueries({ queryKey: ['ocop'] });
    },
  });
  return (
    <div className="card-section" data-testid={`ocop-action-${action.action}`}>
      {action.documents.length > 0 && (
        <fieldset>
          <legend>{t('ocop.documentsAttached')}</legend>
          {action.documents.map((code) => (
            <label key={code} className="checkbox">
              <input
                type="checkbox"
                checked={docs.includes(code)}
                onChange={(e) => setDocs(e.target.checked ? [...docs, code] : docs.filter((x) => x !== code))}
              />{' '}
              {DOCUMENTS[code]?.[lang] ?? code}
            </label>
          ))}
        </fieldset>
      )}
      {action.noteRequired && (
        <Field label={t('common.reason')}>
          {(id) => <textarea id={id} className="input" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      )}
      <ErrorAlert error={move.error} />
      <ConfirmButton
        onConfirm={() => move.mutate()}
        disabled={move.isPending}
        variant={action.noteRequired ? 'secondary' : 'primary'}
        title={t('ocop.cfOcopStepTitle', { action: label })}
        body={<p>{t('ocop.cfOcopStepBody', { action: label, ...who })}</p>}
      >
        {label}
      </ConfirmButton>
    </div>
  );
}
