import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton, SuccessNotice } from '../../components/confirm';
import { Link, useParams } from 'react-router';
import { call } from '../../api/client';
import type { ScoringSheetDoc } from '../../../../src/domain/ocop/schema';
import { Badge, Button, Card, ErrorAlert, Field, Loading, TextInput, UnverifiedMark } from '../../components/ui';
import { useI18n, type MessageKey } from '../../i18n';
import { formatDateVi, parseDateVi, todayVn } from '../../../../src/shared/vi';
import { criteriaOf, criterionVerified, scoreSheet } from '../../../../src/domain/ocop/scoring';
import { OcopNav } from './OcopNav';
import { scoreText, Stars, type RoundDetail, type RoundProduct } from './common';

export function RoundPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['ocop', 'round', id],
    queryFn: () => call('GET /api/ocop/rounds/{id}', { params: { id: Number(id) } }),
  });
  const [done, setDone] = useState('');
  const close = useMutation({
    mutationFn: () => call('POST /api/ocop/rounds/{id}/close', { params: { id: Number(id) } }),
    onMutate: () => setDone(''),
    onSuccess: async () => {
      setDone(t('ocop.doneRoundClose', { round: q.data!.round.name }));
      await qc.invalidateQueries({ queryKey: ['ocop'] });
    },
  });
  if (q.isLoading) return <Loading />;
  if (!q.data) return <ErrorAlert error={q.error} />;
  const d = q.data;
  const open = d.round.status === 'open';
  return (
    <>
      <p>
        <Link to="/ocop/hoi-dong">← {t('ocop.ocopRounds')}</Link>
      </p>
      <h1>{d.round.name}</h1>
      <OcopNav />
      <SuccessNotice>{done}</SuccessNotice>
      <p>
        {t(`ocop.lv_${d.round.level}` as MessageKey)} · {d.round.year} · {t('ocop.quorum')}: {d.round.quorum} ·{' '}
        {t('ocop.spreadLimit')}: {d.round.spreadLimit} · {open ? t('ocop.roundOpen') : t('ocop.roundClosed')}
      </p>
      <p>
        {t('ocop.members')}:{' '}
        {d.members.map((m) => (
          <span key={m.userId}>
            {m.fullName}
            {m.role === 'chair' ? ` (${t('ocop.chair')})` : ''};{' '}
          </span>
        ))}
      </p>
      {d.products.map((p) => (
        <RoundProductCard key={p.productId} roundId={d.round.id} detail={d} p={p} />
      ))}
      {d.actions.includes('add_products') && <AddProducts roundId={d.round.id} already={d.products.map((p) => p.productId)} />}
      {d.actions.includes('close') && (
        <>
          <ErrorAlert error={close.error} />
          <ConfirmButton
            variant="secondary"
            onConfirm={() => close.mutate()}
            disabled={close.isPending}
            title={t('ocop.cfRoundCloseTitle')}
            body={<p>{t('ocop.cfRoundCloseBody', { round: d.round.name, n: d.members.length })}</p>}
          >
            {t('ocop.closeRound')}
          </ConfirmButton>
        </>
      )}
    </>
  );
}

function RoundProductCard({ roundId, detail, p }: { roundId: number; detail: RoundDetail; p: RoundProduct }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['ocop'] });
  const [done, setDone] = useState('');
  const decide = useMutation({
    mutationFn: () =>
      call('POST /api/ocop/rounds/{id}/products/{productId}/decide', { params: { id: roundId, productId: p.productId } }),
    onMutate: () => setDone(''),
    onSuccess: async (res) => {
      setDone(t(res.status === 'rescore' ? 'ocop.doneDecideRescore' : 'ocop.doneDecide', { product: p.product.name }));
      await refresh();
    },
  });
  const statusTone = p.status === 'decided' ? 'success' : p.status === 'rescore' ? 'danger' : 'info';
  return (
    <Card
      title={
        <>
          <Link to={`/ocop/san-pham/${p.product.id}`}>{p.product.name}</Link>{' '}
          <Badge tone={statusTone}>{t(`ocop.rs_${p.status}` as MessageKey)}</Badge>
        </>
      }
    >
      <SuccessNotice>{done}</SuccessNotice>
      <p className="muted">
        {p.product.producerName} · {p.product.unitName} · {p.product.groupName} · {p.sheet.code} v{p.sheet.version}{' '}
        <UnverifiedMark show={!p.sheet.verified} />
      </p>
      <p data-testid={`round-progress-${p.productId}`}>
        {t('ocop.submitted')}: {p.submitted}/{detail.members.length}
        {p.myTotal !== null && ` · ${t('ocop.myScore')}: ${p.myTotal}`}
      </p>
      {p.totals && p.totals.length > 0 && (
        <table className="table compact">
          <tbody>
            {p.totals.map((x) => (
              <tr key={x.userId}>
                <td>{x.fullName}</td>
                <td className="num">{x.total}</td>
              </tr>
            ))}
            {p.preview && (
              <tr>
                <td>
                  <strong>{t('ocop.mean')}</strong> ({t('ocop.spread')} {p.preview.spread})
                </td>
                <td className="num">
                  <strong>{scoreText(p.preview.meanX100)}</strong>
                </td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {p.status === 'decided' && (
        <p data-testid={`round-result-${p.productId}`}>
          {t('ocop.mean')}: <strong>{scoreText(p.scoreX100)}</strong> — <Stars star={p.star} />{' '}
          {p.recognised ? t('ocop.recognisedHere') : p.forwarded ? t('ocop.forwarded') : t('ocop.notRecognised')}
        </p>
      )}
      {p.actions.includes('score') && <ScoreForm roundId={roundId} p={p} />}
      {p.actions.includes('decide') && (
        <>
          <ErrorAlert error={decide.error} />
          <ConfirmButton
            onConfirm={() => decide.mutate()}
            disabled={decide.isPending}
            title={t('ocop.cfDecideTitle', { product: p.product.name })}
            body={
              <p>
                {t('ocop.cfDecideBody', {
                  product: p.product.name,
                  producer: p.product.producerName,
                  n: p.submitted,
                  limit: detail.round.spreadLimit,
                })}
              </p>
            }
            testId={`decide-${p.productId}`}
          >
            {t('ocop.decide')}
          </ConfirmButton>
        </>
      )}
      {p.certificate && (
        <p>
          {t('ocop.certificateNo')}: <strong>{p.certificate.number}</strong> — {t('ocop.validTo')}{' '}
          {formatDateVi(p.certificate.validTo)}
        </p>
      )}
      {p.actions.includes('certify') && <CertificateForm roundId={roundId} p={p} onDone={setDone} />}
    </Card>
  );
}

/** One member's sheet: an option per criterion, the running total, mandatory criteria marked. */
function ScoreForm({ roundId, p }: { roundId: number; p: RoundProduct }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  // The sheet's notes default to none (the document's schema fills them in when it is stored).
  const doc: ScoringSheetDoc = { ...p.sheet.document, notes: p.sheet.document.notes ?? [] };
  const [answers, setAnswers] = useState<Record<string, number>>(p.myAnswers ?? {});
  const save = useMutation({
    mutationFn: () =>
      call('PUT /api/ocop/rounds/{id}/products/{productId}/my-score', {
        params: { id: roundId, productId: p.productId },
        body: { answers },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['ocop'] }),
  });
  const s = scoreSheet(doc, answers);
  return (
    <details open={p.myAnswers === null || p.status === 'rescore'} data-testid={`score-form-${p.productId}`}>
      <summary>
        {t('ocop.scoreSheet')} — {doc.legalBasis.document}
      </summary>
      {doc.parts.map((part) => (
        <section key={part.code}>
          <h3>
            {part.code}. {part.name} (/{part.max})
          </h3>
          {part.groups.flatMap((g) =>
            g.criteria.map((c) => (
              <fieldset key={c.code} className="sheet-criterion">
                <legend>
                  <strong>{c.code}</strong> {c.name}{' '}
                  {c.mandatoryFromStar && <Badge tone="warning">{t('ocop.mandatoryFrom', { star: c.mandatoryFromStar })}</Badge>}{' '}
                  <UnverifiedMark show={!criterionVerified(doc, c)} />
                </legend>
                {c.options.map((o, i) => (
                  <label key={i}>
                    <input
                      type="radio"
                      name={`${p.productId}-${c.code}`}
                      checked={answers[c.code] === i}
                      onChange={() => setAnswers({ ...answers, [c.code]: i })}
                    />{' '}
                    {o.label} <small className="muted">({o.points})</small>
                  </label>
                ))}
              </fieldset>
            )),
          )}
        </section>
      ))}
      <div className="score-total">
        {t('ocop.totalSoFar')}: <strong data-testid={`score-total-${p.productId}`}>{s.total}</strong> / 100 · A {s.byPart.A} · B{' '}
        {s.byPart.B} · C {s.byPart.C}
        {s.missing.length > 0 && <span className="muted"> · {s.missing.length} …</span>} <ErrorAlert error={save.error} />
        <Button
          onClick={() => save.mutate()}
          disabled={save.isPending || s.missing.length > 0}
          data-testid={`submit-score-${p.productId}`}
        >
          {t('ocop.submitScore')}
        </Button>
        {save.isSuccess && <span className="muted"> ✓</span>}
      </div>
      <p className="muted">{t('ocop.criteriaCount', { n: criteriaOf(doc).length })}</p>
    </details>
  );
}

function CertificateForm({ roundId, p, onDone }: { roundId: number; p: RoundProduct; onDone: (message: string) => void }) {
  const productId = p.productId;
  const { t } = useI18n();
  const qc = useQueryClient();
  const [number, setNumber] = useState('');
  const [decisionNo, setDecisionNo] = useState('');
  const [date, setDate] = useState(formatDateVi(todayVn()));
  const [issuedBy, setIssuedBy] = useState('');
  const decisionDate = parseDateVi(date);
  const issue = useMutation({
    mutationFn: () =>
      call('POST /api/ocop/rounds/{id}/products/{productId}/certificate', {
        params: { id: roundId, productId },
        // Offered only with a date that reads (the button waits for one).
        body: { number, decisionNo, decisionDate: decisionDate!, issuedBy },
      }),
    onSuccess: async () => {
      onDone(t('ocop.doneCertificate', { number, product: p.product.name }));
      await qc.invalidateQueries({ queryKey: ['ocop'] });
    },
  });
  return (
    <fieldset data-testid={`cert-form-${productId}`}>
      <legend>{t('ocop.issueCertificate')}</legend>
      <ErrorAlert error={issue.error} />
      <Field label={t('ocop.certificateNo')}>
        {(id) => <TextInput id={id} value={number} onChange={(e) => setNumber(e.target.value)} />}
      </Field>
      <Field label={t('ocop.decisionNo')}>
        {(id) => <TextInput id={id} value={decisionNo} onChange={(e) => setDecisionNo(e.target.value)} />}
      </Field>
      <Field label={t('ocop.decisionDate')}>
        {(id) => <TextInput id={id} placeholder="dd/mm/yyyy" value={date} onChange={(e) => setDate(e.target.value)} />}
      </Field>
      <Field label={t('ocop.issuedBy')}>
        {(id) => <TextInput id={id} value={issuedBy} onChange={(e) => setIssuedBy(e.target.value)} />}
      </Field>
      <ConfirmButton
        onConfirm={() => issue.mutate()}
        disabled={issue.isPending || !number || !decisionNo || !issuedBy || !decisionDate}
        title={t('ocop.cfCertificateTitle')}
        body={
          <p>
            {t('ocop.cfCertificateBody', {
              number,
              decision: decisionNo,
              by: issuedBy,
              product: p.product.name,
              producer: p.product.producerName,
            })}
          </p>
        }
      >
        {t('ocop.issueCertificate')}
      </ConfirmButton>
    </fieldset>
  );
}

function AddProducts({ roundId, already }: { roundId: number; already: number[] }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const waiting = useQuery({
    queryKey: ['ocop', 'products', 'evaluation'],
    queryFn: () => call('GET /api/ocop/products', { query: { stage: 'evaluation' } }),
    select: (d) => d.items.filter((p) => !already.includes(p.id)),
  });
  const [picked, setPicked] = useState<number[]>([]);
  const add = useMutation({
    mutationFn: () => call('POST /api/ocop/rounds/{id}/products', { params: { id: roundId }, body: { productIds: picked } }),
    onSuccess: async () => {
      setPicked([]);
      await qc.invalidateQueries({ queryKey: ['ocop'] });
    },
  });
  if (!waiting.data?.length) return null;
  return (
    <Card title={t('ocop.addProducts')}>
      <ErrorAlert error={add.error} />
      {waiting.data.map((p) => (
        <label key={p.id} className="checkbox">
          <input
            type="checkbox"
            checked={picked.includes(p.id)}
            onChange={(e) => setPicked(e.target.checked ? [...picked, p.id] : picked.filter((x) => x !== p.id))}
          />{' '}
          {p.name} — {p.producerName}
        </label>
      ))}
      <Button onClick={() => add.mutate()} disabled={!picked.length || add.isPending} data-testid="round-add-products">
        {t('ocop.addProducts')}
      </Button>
    </Card>
  );
}
