import { NavLink } from 'react-router';
import { useCan } from '../../auth/session';
import { useI18n } from '../../i18n';

/** Tabs of the OCOP area; a producer sees only their products and their subject. */
export function OcopNav() {
  const { t } = useI18n();
  const can = useCan();
  return (
    <nav className="tabs" aria-label="OCOP">
      {can('ocop.read') && (
        <NavLink to="/ocop" end>
          {t('ocop.ocopDashboard')}
        </NavLink>
      )}
      <NavLink to="/ocop/san-pham">{t('ocop.ocopProducts')}</NavLink>
      <NavLink to="/ocop/chu-the">{t('ocop.ocopProducers')}</NavLink>
      {(can('ocop.read') || can('ocop.score')) && <NavLink to="/ocop/hoi-dong">{t('ocop.ocopRounds')}</NavLink>}
      {(can('ocop.read') || can('ocop.sheet_manage')) && <NavLink to="/ocop/phieu-cham">{t('ocop.ocopSheets')}</NavLink>}
    </nav>
  );
}
