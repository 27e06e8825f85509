import 'i18next';
import type enAnalysis from './en.analysis.json';
import type enCompany from './en.company.json';
import type enDashboards from './en.dashboards.json';
import type en from './en.json';
import type enSettings from './en.settings.json';
import type enSubmissions from './en.submissions.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en &
        typeof enSubmissions &
        typeof enAnalysis &
        typeof enDashboards &
        typeof enCompany &
        typeof enSettings;
    };
  }
}
