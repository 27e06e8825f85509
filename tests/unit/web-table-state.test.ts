import { COHORT_LEARNER_SORTS, HIRE_SORTS } from '@masar/shared';
import { describe, expect, it } from 'vitest';
import { clampPage, descAfterClick, pageFromParam, sortFromParam, sortFromTable } from '../../web/src/lib/table-state';

describe('clampPage', () => {
  it('keeps a page that still exists', () => {
    expect(clampPage(2, 21, 10)).toBe(2);
    expect(clampPage(3, 21, 10)).toBe(3);
  });

  it('moves back to the last page when the list shrank under the current one', () => {
    // the only row of page 3 removed: 20 rows are two pages of 10
    expect(clampPage(3, 20, 10)).toBe(2);
    expect(clampPage(9, 11, 5)).toBe(3);
  });

  it('an empty list is page 1, never page 0', () => {
    expect(clampPage(4, 0, 10)).toBe(1);
  });
});

describe('pageFromParam', () => {
  it('reads a positive page number from ?page=', () => {
    expect(pageFromParam('3')).toBe(3);
    expect(pageFromParam('12abc')).toBe(12);
  });

  it('missing, zero, negative or not a number is page 1', () => {
    for (const raw of [null, '', '0', '-2', 'abc', 'NaN']) expect(pageFromParam(raw)).toBe(1);
  });
});

describe('sortFromParam', () => {
  it('a known sort key from ?sort= is kept; an unknown or missing one falls back', () => {
    expect(sortFromParam('gaps', HIRE_SORTS, 'readiness')).toBe('gaps');
    expect(sortFromParam('password', HIRE_SORTS, 'readiness')).toBe('readiness');
    expect(sortFromParam(null, HIRE_SORTS, 'readiness')).toBe('readiness');
  });
});

describe('descAfterClick', () => {
  it('a click on the ascending column sorts it descending; on a descending or unsorted one, ascending', () => {
    expect(descAfterClick('asc')).toBe(true);
    expect(descAfterClick('desc')).toBe(false);
    expect(descAfterClick(false)).toBe(false);
  });
});

describe('sortFromTable', () => {
  it('takes the first column of TanStack’s sorting state when the server sorts by it', () => {
    expect(sortFromTable([{ id: 'coverage', desc: true }], COHORT_LEARNER_SORTS)).toEqual({
      sort: 'coverage',
      desc: true,
    });
    expect(
      sortFromTable(
        [
          { id: 'name', desc: false },
          { id: 'status', desc: true },
        ],
        COHORT_LEARNER_SORTS,
      ),
    ).toEqual({ sort: 'name', desc: false });
  });

  it('null for an empty sorting state or a column the server does not sort by', () => {
    expect(sortFromTable([], COHORT_LEARNER_SORTS)).toBeNull();
    expect(sortFromTable([{ id: 'email', desc: false }], COHORT_LEARNER_SORTS)).toBeNull();
  });
});
