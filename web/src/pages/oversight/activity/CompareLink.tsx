import { useState } from 'react';
import { Link } from 'react-router';
import { Card } from '../../../components/ui';
import { useI18n } from '../../../i18n';
import { formatDateVi } from '../../../../../src/shared/vi';
import { type ActivityDetail } from '../common';

/** Compares this activity's figures with another activity of the same council. */
export function CompareLink({ a }: { a: ActivityDetail }) {
  const { t } = useI18n();
  const [other, setOther] = useState(a.siblings[0]!.id);
  return (
    <Card title={t('oversight.ovCompare')}>
      <div className="toolbar">
        <label>
          {t('oversight.ovCompareWith')}{' '}
          <select className="input" value={other} onChange={(e) => setOther(Number(e.target.value))}>
            {a.siblings.map((s) => (
              <option key={s.id} value={s.id}>
                {formatDateVi(s.scheduledOn)} — {s.title}
              </option>
            ))}
          </select>
        </label>
        <Link className="btn btn-secondary" to={`/giam-sat/so-sanh?first=${a.id}&second=${other}`} data-testid="compare-link">
          {t('oversight.ovCompare')}
        </Link>
      </div>
    </Card>
  );
}
