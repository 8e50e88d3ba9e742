import { Link } from 'react-router';
import { useI18n } from '../i18n';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="card">
      <h1>{t('shell.notFoundPage')}</h1>
      <Link to="/">{t('shell.backHome')}</Link>
    </div>
  );
}
