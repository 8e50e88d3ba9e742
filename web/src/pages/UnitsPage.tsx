import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { call, type Unit } from '../api/client';
import { useCan } from '../auth/session';
import { unitTypeLabel } from '../components/labels';
import { Badge, Button, Card, DateInput, ErrorAlert, Loading, TextInput, UnverifiedMark } from '../components/ui';
import { useI18n } from '../i18n';
import { searchKey, sortVi, todayVn } from '../../../src/shared/vi';
import { FilePicker } from '../components/FilePicker';

type Node = Unit & { children: Node[] };

function buildTree(units: Unit[]): Node[] {
  const nodes = new Map(units.map((u) => [u.id, { ...u, children: [] as Node[] }]));
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId !== null ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  const sort = (list: Node[]): Node[] => sortVi(list, (n) => n.name).map((n) => ({ ...n, children: sort(n.children) }));
  return sort(roots);
}

/** Keeps the nodes that match and the path down to them. */
function filterTree(nodes: Node[], key: string): Node[] {
  if (!key) return nodes;
  return nodes.flatMap((n) => {
    const children = filterTree(n.children, key);
    const match = searchKey(`${n.name} ${n.code}`).includes(key);
    return match || children.length ? [{ ...n, children: match && !children.length ? n.children : children }] : [];
  });
}

export function UnitsPage() {
  const { t } = useI18n();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const asOf = params.get('ngay') ?? todayVn();
  const q = params.get('q') ?? '';
  const setParam = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const units = useQuery({ queryKey: ['units', 'asOf', asOf], queryFn: () => call('GET /api/units', { query: { asOf } }) });
  const tree = useMemo(() => filterTree(buildTree(units.data?.items ?? []), searchKey(q)), [units.data, q]);

  return (
    <>
      <h1>{t('units.unitsTitle')}</h1>
      <div className="toolbar">
        <label>
          {t('units.asOfDate')}{' '}
          <DateInput key={asOf} label={t('units.asOfDate')} value={asOf} onChange={(iso) => setParam('ngay', iso)} />
        </label>
        <label className="grow">
          {t('common.search')}{' '}
          <TextInput
            type="search"
            value={q}
            placeholder={t('common.searchPlaceholder')}
            onChange={(e) => setParam('q', e.target.value)}
            data-testid="unit-search"
          />
        </label>
      </div>
      <Card title={t('units.showTree')}>
        {units.isLoading && <Loading />}
        <ErrorAlert error={units.error} />
        {units.data && tree.length === 0 && <p className="muted">{t('common.noResults')}</p>}
        <ul className="tree" role="tree" data-testid="unit-tree">
          {tree.map((n) => (
            <TreeNode key={n.id} node={n} depth={0} expandAll={Boolean(q)} />
          ))}
        </ul>
      </Card>
      {can('unit.manage') && <ImportUnits />}
    </>
  );
}

function TreeNode({ node, depth, expandAll }: { node: Node; depth: number; expandAll: boolean }) {
  const { lang } = useI18n();
  const [open, setOpen] = useState(depth < 2);
  const expanded = expandAll || open;
  return (
    <li role="treeitem" aria-expanded={node.children.length ? expanded : undefined} aria-selected={false}>
      <div className="tree-row">
        {node.children.length > 0 ? (
          <button type="button" className="tree-toggle" aria-label={expanded ? '−' : '+'} onClick={() => setOpen(!expanded)}>
            {expanded ? '▾' : '▸'}
          </button>
        ) : (
          <span className="tree-toggle" aria-hidden="true" />
        )}
        <Link to={`/don-vi/${node.id}`}>{node.name}</Link>
        <span className="muted">
          {' '}
          · {unitTypeLabel(node.type, lang)} · {node.code}
        </span>
        <UnverifiedMark show={!node.verified} />
        {node.isDemo && <Badge tone="info">demo</Badge>}
      </div>
      {expanded && node.children.length > 0 && (
        <ul role="group">
          {node.children.map((c) => (
            <TreeNode key={c.id} node={c} depth={depth + 1} expandAll={expandAll} />
          ))}
        </ul>
      )}
    </li>
  );
}

function ImportUnits() {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    // The file goes as it is, as CSV (a browser may call a .csv file a spreadsheet).
    mutationFn: async () => call('POST /api/units/import', { body: file!, headers: { 'content-type': 'text/csv' } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['units'] }),
  });
  return (
    <Card title={t('units.importUnits')}>
      <p className="muted">{t('units.importHint')}</p>
      <div className="toolbar">
        <FilePicker
          accept=".csv,text/csv"
          aria-label={t('units.chooseCsvFile')}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <Button disabled={!file || upload.isPending} onClick={() => upload.mutate()}>
          {t('common.importButton')}
        </Button>
      </div>
      <ErrorAlert error={upload.error} />
      {upload.isSuccess && <p className="alert alert-success">{t('units.importDone', { n: upload.data.created })}</p>}
    </Card>
  );
}
