import type { Locator, Page } from 'playwright-core';

/**
 * Counts what a person does in a journey (issue #23): each click, fill, selection, check or key
 * press made through `act` is one interaction. Navigation by typing a link the person was given
 * (an invitation link) is `visit`, counted once. Journey tests assert `count` against the goal.
 */
export class Interactions {
  count = 0;
  readonly log: string[] = [];
  constructor(readonly page: Page) {}

  private note(what: string) {
    this.count++;
    this.log.push(what);
  }

  async click(target: Locator, what = 'click') {
    await target.click();
    this.note(what);
  }

  async fill(target: Locator, value: string, what = 'fill') {
    await target.fill(value);
    this.note(what);
  }

  async select(target: Locator, value: string, what = 'select') {
    await target.selectOption(value);
    this.note(what);
  }

  async check(target: Locator, what = 'check') {
    await target.check();
    this.note(what);
  }

  async press(target: Locator, key: string, what = `press ${key}`) {
    await target.press(key);
    this.note(what);
  }

  /** Opening a link the person was handed (an invitation email), or typing the site's address. */
  async visit(path: string, what = `visit ${path}`) {
    await this.page.goto(path);
    this.note(what);
  }

  /** For a failure message: what was counted, in order. */
  summary() {
    return `${this.count} interactions: ${this.log.join(' → ')}`;
  }
}
