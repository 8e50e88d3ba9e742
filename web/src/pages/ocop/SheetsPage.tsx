import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { call, urlOf, type Answer } from '../../api/client';
import { useCan } from '../../auth/session';
import { Badge, Button, Card, ErrorAlert, Field, Loading, UnverifiedMark } from '../../components/ui';
import { useI18n } from '../../i18n';
import { criterionVerified } from '../../../../src/domain/ocop/scoring';
import { OcopNav } from './OcopNav';
import { useCatalogue } from './common';

type SheetFull = Answer<'GET /api/ocop/sheets/{id}'>;

/**
 * Scoring sheets by product set: who manages them starts a draft from any sheet as a template, edits
 * it (or loads a JSON file in the published format), and publishes it as the set's next version.
 */
export function SheetsPage() {
  const { t } = useI18n();
  const can = useCan();
  const catalogue = useCatalogue();
  const [openId, setOpenId] = useState<number | null>(null);
  if (catalogue.isLoading) return <Loading />;
  if (!catalogue.data) return <ErrorAlert error={catalogue.error} />;
  const cat = catalogue.data;
  const manage = can('ocop.sheet_manage');
  return (
    <>
      <h1>{t('ocop.ocopSheets')}</h1>
      <OcopNav />
      <p className="muted">
        {t('ocop.ocopSheetsIntro')}{' '}
        <a href={urlOf('GET /api/schemas/ocop-sheet.json')} target="_blank" rel="noreferrer">
          {t('ocop.ocopSheetSchema')}
        </a>
      </p>
      {openId !== null && <SheetEditor key={openId} id={openId} manage={manage} onClose={() => setOpenId(null)} />}
      {cat.groups.map((g) => (
        <Card key={g} title={g}>
          <table className="table compact" data-testid="ocop-sheets">
            <tbody>
              {cat.sets
                .filter((s) => s.group === g)
                .map((s) => {
                  const sheets = cat.sheets.filter((x) => x.setNo === s.no);
                  return (
                    <tr key={s.no}>
                      <td>
                        {s.no}. {s.name} <UnverifiedMark show={!s.verified} />
                        {!cat.setsWithSheet.includes(s.no) && <Badge tone="warning">{t('ocop.ocopNoSheet')}</Badge>}
                      </td>
                      <td>
                        {sheets.map((x) => (
                          <button
                            key={x.id}
                            type="button"
                            className="btn-link"
                            onClick={() => setOpenId(x.id)}
                            data-testid={`ocop-sheet-${x.id}`}
                          >
                            v{x.version} · {regimeLabel(t, x.regime)}
                            {x.status === 'draft' ? ` · ${t('ocop.draft')}` : ''}
                          </button>
                        ))}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </Card>
      ))}
    </>
  );
}

function regimeLabel(t: ReturnType<typeof useI18n>['t'], regime: string) {
  return regime === 'QD148_2023' ? t('ocop.regime148') : regime === 'QD1489_2025' ? t('ocop.regime1489') : t('ocop.regimeOther');
}

/** One sheet: its parts and criteria; a draft can be edited as JSON, loaded from a file, saved and published. */
function SheetEditor({ id, manage, onClose }: { id: number; manage: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const catalogue = useCatalogue();
  const sheet = useQuery({
    queryKey: ['ocop', 'sheet', id],
    queryFn: () => call('GET /api/ocop/sheets/{id}', { params: { id } }),
  });
  const [text, setText] = useState<string | null>(null);
  const [target, setTarget] = useState<number | null>(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['ocop'] });
    setText(null);
  };
  const draft = useMutation({
    mutationFn: (setNo: number) => call('POST /api/ocop/sheets/{id}/drafts', { params: { id }, body: { setNo } }),
    onSuccess: async () => refresh(),
  });
  const save = useMutation({
    mutationFn: (s: SheetFull) => {
      let document: unknown;
      try {
        document = JSON.parse(text ?? JSON.stringify(s.document));
      } catch {
        throw new Error(t('ocop.ocopSheetNotJson'));
      }
      return call('PUT /api/ocop/sheets/{id}', { params: { id }, body: { rowVersion: s.rowVersion, document } });
    },
    onSuccess: async () => refresh(),
  });
  const publish = useMutation({
    mutationFn: (s: SheetFull) =>
      call('POST /api/ocop/sheets/{id}/publish', { params: { id }, body: { rowVersion: s.rowVersion } }),
    onSuccess: async () => refresh(),
  });
  if (sheet.isLoading) return <Loading />;
  if (!sheet.data) return <ErrorAlert error={sheet.error} />;
  const s = sheet.data;
  const doc = s.document;
  const isDraft = s.status === 'draft';
  return (
    <Card
      title={`${doc.setNo}. ${doc.setName} — v${s.version}`}
      actions={
        <Button onClick={onClose} data-testid="ocop-sheet-close">
          {t('common.close')}
        </Button>
      }
    >
      <p>
        {doc.legalBasis.document} ·{' '}
        {isDraft ? <Badge tone="warning">{t('ocop.draft')}</Badge> : <Badge tone="info">{t('ocop.sheetPublished')}</Badge>}{' '}
        <UnverifiedMark show={!s.verified} /> ·{' '}
        <a href={urlOf('GET /api/ocop/sheets/{id}/export', { params: { id } })} download data-testid="ocop-sheet-export">
          {t('ocop.downloadJson')}
        </a>
      </p>
      <ul className="sheet-outline">
        {doc.parts.map((p) => (
          <li key={p.code}>
            <strong>
              {p.code}. {p.name} (/{p.max})
            </strong>
            <ul>
              {p.groups.flatMap((g) =>
                g.criteria.map((c) => (
                  <li key={c.code}>
                    {c.code} {c.name} (/{Math.max(...c.options.map((o) => o.points))}){' '}
                    <UnverifiedMark show={!criterionVerified(doc, c)} />
                  </li>
                )),
              )}
            </ul>
          </li>
        ))}
      </ul>
      {manage && (
        <div data-testid="ocop-sheet-manage">
          <ErrorAlert error={draft.error ?? save.error ?? publish.error} />
          <Field label={t('ocop.ocopDraftForSet')}>
            {(fid) => (
              <select id={fid} className="input" value={target ?? doc.setNo} onChange={(e) => setTarget(Number(e.target.value))}>
                {catalogue.data?.sets.map((x) => (
                  <option key={x.no} value={x.no}>
                    {x.no}. {x.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Button onClick={() => draft.mutate(target ?? doc.setNo)} disabled={draft.isPending} data-testid="ocop-sheet-new-draft">
            {t('ocop.ocopNewDraft')}
          </Button>
          {isDraft && (
            <>
              <Field label={t('ocop.ocopSheetJson')}>
                {(fid) => (
                  <textarea
                    id={fid}
                    className="input mono"
                    rows={16}
                    value={text ?? JSON.stringify(doc, null, 2)}
                    onChange={(e) => setText(e.target.value)}
                    data-testid="ocop-sheet-json"
                  />
                )}
              </Field>
              <Field label={t('ocop.ocopSheetLoadFile')}>
                {(fid) => (
                  <input
                    id={fid}
                    type="file"
                    accept="application/json,.json"
                    onChange={(e) => {
                      const f = e.target.files?.[0];
                      if (f) void f.text().then(setText);
                    }}
                  />
                )}
              </Field>
              <Button onClick={() => save.mutate(s)} disabled={save.isPending} data-testid="ocop-sheet-save">
                {t('common.save')}
              </Button>{' '}
              <Button
                onClick={() => publish.mutate(s)}
                disabled={publish.isPending || sheet.isFetching || text !== null}
                data-testid="ocop-sheet-publish"
              >
                {t('common.publish')}
              </Button>
              {text !== null && <span className="muted"> {t('ocop.ocopSaveBeforePublish')}</span>}
            </>
          )}
        </div>
      )}
    </Card>
  );
}
