export { analyzeRepository, MANIFEST_MAX_BYTES, MAX_API_CALLS, MAX_MANIFEST_READS } from './analyze';
export { SIGNAL_SKILL_KEYS, type SignalKey, type SignalSkillKey } from './signals';
export {
  type AnalysisOutcome,
  type AnalysisResult,
  AnalysisResultSchema,
  type GithubOptions,
  type RepoRef,
} from './types';
