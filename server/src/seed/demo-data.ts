/** The demo organisation's fixed cast: its learners, how fast each moves, and what they submitted. */
import type { SubmissionSeed } from './builders';

export const LEARNER_NAMES = [
  'Salma Farouk',
  'Omar Khaled',
  'Nour El-Din Adel',
  'Mariam Hassan',
  'Youssef Tarek',
  'Habiba Mostafa',
  'Karim Samir',
  'Aya Ibrahim',
  'Mahmoud Gamal',
  'Farida Sherif',
  'Ziad Ashraf',
  'Laila Mahmoud',
  'Hassan Nabil',
  'Rana Wael',
  'Mostafa Yehia',
  'Jana Osama',
  'Ali Reda',
  'Malak Hesham',
  'Seif Amr',
  'Nada Fathy',
];

/** From well ahead to well behind: learner i's pace through the roadmap (1 = on schedule). */
export const LEARNER_PACES = [
  2.6, 2.2, 1.8, 1.5, 1.25, 1.1, 1, 1, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7, 0.6, 0.5, 0.45, 0.35, 1, 0.6,
];

/** Learners from this index on are the two hires who joined a month after the cohort started. */
export const LATE_JOINERS_FROM = 18;

export interface PlannedSubmission {
  /** Index into LEARNER_NAMES. */
  learner: number;
  repo: string;
  brief: string;
  status: NonNullable<SubmissionSeed['status']>;
  daysAgo: number;
  track: string;
}

/** Submissions in every state, with revisions, reviews and stored analyses. */
export const SUBMISSION_PLAN: PlannedSubmission[] = [
  { learner: 0, repo: 'salma-farouk/auth-api', brief: 'auth-api', status: 'approved', daysAgo: 40, track: 'node' },
  {
    learner: 0,
    repo: 'salma-farouk/shop-backend',
    brief: 'ecommerce-backend',
    status: 'submitted',
    daysAgo: 2,
    track: 'node',
  },
  {
    learner: 1,
    repo: 'omar-khaled/django-auth',
    brief: 'auth-api',
    status: 'approved',
    daysAgo: 35,
    track: 'python',
  },
  {
    learner: 2,
    repo: 'nour-adel/laravel-store',
    brief: 'ecommerce-backend',
    status: 'changes_requested',
    daysAgo: 9,
    track: 'php',
  },
  {
    learner: 3,
    repo: 'mariam-hassan/notes-api',
    brief: 'auth-api',
    status: 'in_review',
    daysAgo: 4,
    track: 'node',
  },
  {
    learner: 5,
    repo: 'habiba-m/chat-service',
    brief: 'realtime-service',
    status: 'submitted',
    daysAgo: 6,
    track: 'node',
  },
  {
    learner: 7,
    repo: 'aya-ibrahim/spring-auth',
    brief: 'auth-api',
    status: 'submitted',
    daysAgo: 1,
    track: 'java',
  },
  {
    learner: 9,
    repo: 'farida-sherif/flask-api',
    brief: 'auth-api',
    status: 'withdrawn',
    daysAgo: 20,
    track: 'python',
  },
  {
    learner: 12,
    repo: 'hassan-nabil/go-orders',
    brief: 'ecommerce-backend',
    status: 'changes_requested',
    daysAgo: 15,
    track: 'go',
  },
];

/** Aya's analysis (learner 7) is still queued: the demo shows a submission waiting for GitHub. */
export const QUEUED_ANALYSIS_LEARNER = 7;
