import type { LearnerStatus } from '@masar/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf } from '../../i18n';
import { useIntlLocale } from '../../lib/format';
import { formatDuration } from '../../lib/time';

/**
 * Colours for the charts: the Okabe–Ito palette (safe for the common colour-vision deficiencies),
 * always paired with a second cue (dash pattern, marker shape, a label or a number).
 */
export const COLORS = {
  expected: '#334155',
  verified: '#0072B2',
  evidenced: '#E69F00',
  dueNow: '#E69F00',
  today: '#D55E00',
  due: '#CC79A7',
  median: '#0072B2',
  band: '#56B4E9',
  grid: '#e2e8f0',
  axis: '#475569',
} as const;

export const STATUS_COLOR: Record<LearnerStatus, string> = {
  behind: '#D55E00',
  on_track: '#0072B2',
  ahead: '#009E73',
};

/** Marker shapes per status (scatter points and badges), so status never rests on colour alone. */
export const STATUS_SHAPE: Record<LearnerStatus, 'triangle' | 'circle' | 'diamond'> = {
  behind: 'triangle',
  on_track: 'circle',
  ahead: 'diamond',
};

export const STATUSES: readonly LearnerStatus[] = ['behind', 'on_track', 'ahead'];

/** Viridis, sampled at ten even stops (perceptually uniform, colour-blind safe, readable in grey). */
const VIRIDIS = [
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#b5de2b',
  '#fde725',
] as const;

function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The viridis colour of a share 0..1. */
export function viridis(share: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(share) ? share : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(VIRIDIS[i]!);
  const b = hexToRgb(VIRIDIS[i + 1]!);
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

export function viridisGradient(direction: 'ltr' | 'rtl'): string {
  return `linear-gradient(to ${direction === 'rtl' ? 'left' : 'right'}, ${VIRIDIS.join(', ')})`;
}

function luminance(rgb: string): number {
  const parts = rgb.match(/\d+/g)?.map(Number) ?? [0, 0, 0];
  const lin = parts.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * lin[0]! + 0.7152 * lin[1]! + 0.0722 * lin[2]!;
}

/** Black or white, whichever contrasts more with `background` (always at least 4.5:1 on viridis). */
export function textOn(background: string): string {
  const l = luminance(background);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** Layout direction of the current language (charts mirror their x axis in Arabic). */
export function useDirection(): 'ltr' | 'rtl' {
  const { i18n } = useTranslation();
  return directionOf(i18n.language);
}

/** Numbers for the charts in the current language. */
export function useChartFormat() {
  const { t } = useTranslation();
  const locale = useIntlLocale();
  return useMemo(() => {
    const pct0 = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const pct1 = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, signDisplay: 'exceptZero' });
    return {
      locale,
      /** A share 0..1 as a percentage ("29%"). */
      percent: (n: number | null | undefined, precise = false) =>
        n == null || !Number.isFinite(n) ? '—' : (precise ? pct1 : pct0).format(n),
      number: (n: number) => num.format(n),
      /** A difference of two shares as signed percentage points ("+5 points"). */
      // isolated left-to-right, so the sign stays before the digits in Arabic text
      points: (diff: number) => {
        const rounded = Math.round(diff * 100);
        // the noun agrees with the size of the difference (Arabic: نقطة / نقاط); the sign is in `value`
        return t('charts.points', { count: Math.abs(rounded), value: `\u2066${signed.format(rounded)}\u2069` });
      },
      month: (m: number) => t('charts.monthN', { month: num.format(m) }),
      /** A waiting time, in whole units like the review queue's ages ("3 days", "5 hours"). */
      duration: (h: number | null | undefined) =>
        h == null || !Number.isFinite(h) ? '—' : formatDuration(locale, h, t('queue.health.underMinute')),
    };
  }, [locale, t]);
}

/** Rounds to 3 decimals for data-* attributes (stable test hooks). */
export function round3(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? '' : String(Math.round(n * 1000) / 1000);
}

/** A "nice" upper bound for a 0..1 axis: the next tenth above the largest value, at least 0.1. */
export function shareDomainMax(values: (number | null | undefined)[]): number {
  const max = Math.max(0, ...values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
  return Math.min(1, Math.max(0.1, Math.ceil((max + 0.02) * 10) / 10));
}

/** Evenly spaced ticks 0..max (shares in tenths, months in steps fitting the range). */
export function ticks(max: number, step: number): number[] {
  const out: number[] = [];
  for (let v = 0; v <= max + 1e-9; v += step) out.push(Math.round(v * 1000) / 1000);
  return out;
}

export function monthStep(max: number): number {
  return max <= 12 ? 1 : max <= 24 ? 2 : 3;
}

export function shareStep(max: number): number {
  return max <= 0.3 ? 0.05 : max <= 0.6 ? 0.1 : 0.2;
}

/** How every chart axis looks: small slate ticks on a slate line. */
export const AXIS = { tick: { fontSize: 12, fill: COLORS.axis }, stroke: COLORS.axis } as const;

/** An axis title under the x axis. */
export function xAxisLabel(value: string) {
  return { value, position: 'insideBottom', offset: -16, fontSize: 12, fill: COLORS.axis } as const;
}
