import { useTranslation } from 'react-i18next';
import { PageHeader } from '../components/Layout';
import { SystemStatus } from './SystemStatus';

export function HomePage() {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('home.title')} description={t('app.tagline')} />
      <SystemStatus />
    </div>
  );
}
