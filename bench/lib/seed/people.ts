/** The organisation's people: an admin, a viewer, two mentors per cohort, and the learners. */
import { pick } from '../../../server/src/seed/builders';
import { BENCH_EMAIL_DOMAIN, BENCH_SLUG_PREFIX, FIRST_NAMES, LAST_NAMES } from './names';
import type { Gen, OrgPlan, Person } from './plan';

export function benchPeople(gen: Gen, plan: OrgPlan) {
  const { random } = gen;
  const domain = `${plan.slug.slice(BENCH_SLUG_PREFIX.length)}.${BENCH_EMAIL_DOMAIN}`;
  const person = (local: string, name: string, github: string | null = null): Person => ({
    id: gen.id(),
    email: `${local}@${domain}`,
    name,
    github,
  });
  const admin = person('admin', `${plan.name.split(' (')[0]} Admin`);
  const viewer = person('manager', 'Company Manager');
  const mentors = Array.from({ length: plan.cohorts * 2 }, (_, i) =>
    person(
      `mentor${String(i + 1).padStart(2, '0')}`,
      `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)} (mentor)`,
    ),
  );
  const learners = Array.from({ length: plan.learners }, (_, i) => {
    const local = `learner${String(i + 1).padStart(4, '0')}`;
    return person(local, `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`, `${plan.slug}-${local}`);
  });
  return { admin, viewer, mentors, learners };
}
