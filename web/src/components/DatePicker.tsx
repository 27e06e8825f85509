import 'react-day-picker/style.css';
import { format, isExists } from 'date-fns';
import { CalendarDays, X } from 'lucide-react';
import * as React from 'react';
import { DayPicker } from 'react-day-picker';
import { arEG, enGB } from 'react-day-picker/locale';
import { type Control, Controller, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { currentDigits, directionOf, subscribeDigits } from '../i18n';
import { useFormat } from '../lib/format';
import { cn } from '../lib/utils';
import { describedBy, FieldShell, type FieldShellProps } from './FormField';
import { Popover, PopoverContent, PopoverTrigger } from './ui/popover';

/** `YYYY-MM-DD` → a local Date at midnight (calendar dates have no zone), or undefined. */
export function parseIsoDay(iso: string | null | undefined): Date | undefined {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  if (!m) return undefined;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** A local Date → `YYYY-MM-DD`. */
export function toIsoDay(d: Date): string {
  return format(d, 'yyyy-MM-dd');
}

/** How far the month and year menus reach from today. */
const YEARS_AROUND = 10;

const RDP_THEME = {
  '--rdp-accent-color': 'var(--color-brand-700)',
  '--rdp-accent-background-color': 'var(--color-brand-50)',
  '--rdp-day-height': '2.25rem',
  '--rdp-day-width': '2.25rem',
  '--rdp-day_button-height': '2.125rem',
  '--rdp-day_button-width': '2.125rem',
} as React.CSSProperties;

/**
 * A typed date → `YYYY-MM-DD`: `2027-03-04`, or day/month/year as `4/3/2027` (also with `-` or
 * `.`), in Western or Arabic-Indic digits. Null when it is not a real calendar date.
 */
export function parseTypedDate(text: string): string | null {
  const western = text.trim().replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(western);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(western);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (dmy) [d, m, y] = [Number(dmy[1]), Number(dmy[2]), Number(dmy[3])];
  else return null;
  // 31/2/2027 is no date (a Date would roll it over to 3 March)
  if (!isExists(y, m - 1, d)) return null;
  return toIsoDay(new Date(y, m - 1, d));
}

/** A text box at the top of the calendar: type a date and press Enter. */
function TypedDate({
  onPick,
  onTyping,
  testId,
}: {
  onPick: (iso: string) => void;
  onTyping: (typing: boolean) => void;
  testId: string | undefined;
}) {
  const { t } = useTranslation();
  const id = React.useId();
  const [text, setText] = React.useState('');
  const [invalid, setInvalid] = React.useState(false);
  return (
    <div className="mb-2 flex flex-col gap-1 border-b border-slate-100 pb-2">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {t('datePicker.typeLabel')}
      </label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        dir="ltr"
        autoComplete="off"
        placeholder={t('datePicker.typePlaceholder')}
        value={text}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onFocus={() => onTyping(true)}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          const iso = parseTypedDate(text);
          if (iso) onPick(iso);
          else setInvalid(true);
        }}
        className="h-9 rounded-md border border-slate-300 px-2 text-sm aria-invalid:border-red-500"
        data-testid={testId ? `${testId}-typed` : 'date-picker-typed'}
      />
      {invalid ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {t('errors.date.invalid')}
        </p>
      ) : null}
    </div>
  );
}

export interface DatePickerProps {
  /** `YYYY-MM-DD`, or '' / null for no date. */
  value: string | null | undefined;
  onChange: (value: string | null) => void;
  onBlur?: () => void;
  id?: string;
  name?: string;
  /** Offers a "clear" button (optional dates). */
  clearable?: boolean;
  disabled?: boolean;
  className?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  title?: string;
  'data-testid'?: string;
}

/**
 * The one date control of the app: a button showing the date in the reader's language and digits,
 * opening a month calendar (react-day-picker in a Radix popover). Weeks start on Saturday; in
 * Arabic the month and day names are Arabic (date-fns ar-EG) and the calendar runs right to left.
 * Keyboard: Enter/Space opens it, arrows move by day/week, PageUp/PageDown by month, Home/End to the
 * week's ends, Enter picks, Escape closes and returns focus. Month and year menus jump far; a
 * date can also be typed (Enter picks it). The value is `YYYY-MM-DD`; a hidden
 * input carries it under `name` for plain form posts and tests.
 */
export function DatePicker({
  value,
  onChange,
  onBlur,
  id,
  name,
  clearable,
  disabled,
  className,
  title,
  ...aria
}: DatePickerProps) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const digits = React.useSyncExternalStore(subscribeDigits, currentDigits, currentDigits);
  const [open, setOpen] = React.useState(false);
  const [typing, setTyping] = React.useState(false);
  const today = new Date();
  const selected = parseIsoDay(value);
  const [month, setMonth] = React.useState<Date>(selected ?? new Date());
  const arabic = i18n.language.startsWith('ar');
  const dir = directionOf(i18n.language);
  const testId = aria['data-testid'];

  return (
    <div className={cn('flex items-center gap-1', className)}>
      <Popover
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) {
            setMonth(selected ?? new Date());
            setTyping(false);
          } else onBlur?.();
        }}
      >
        <PopoverTrigger asChild>
          <button
            type="button"
            id={id}
            disabled={disabled}
            title={title}
            aria-label={aria['aria-label']}
            aria-invalid={aria['aria-invalid']}
            aria-describedby={aria['aria-describedby']}
            data-testid={testId}
            data-value={value ?? ''}
            className="flex h-10 w-full min-w-36 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-start text-sm focus-visible:outline-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed disabled:opacity-50 aria-invalid:border-red-500"
          >
            <CalendarDays className="size-4 shrink-0 text-slate-500" aria-hidden />
            {selected ? (
              <span className="truncate">{fmt.day(value)}</span>
            ) : (
              <span className="truncate text-slate-500">{t('datePicker.placeholder')}</span>
            )}
          </button>
        </PopoverTrigger>
        <PopoverContent align="start" data-testid={testId ? `${testId}-calendar` : 'date-picker-calendar'}>
          <TypedDate
            onPick={(iso) => {
              onChange(iso);
              setOpen(false);
            }}
            onTyping={setTyping}
            testId={testId}
          />
          <DayPicker
            mode="single"
            required={false}
            selected={selected}
            onSelect={(day) => {
              onChange(day ? toIsoDay(day) : null);
              setOpen(false);
            }}
            month={month}
            onMonthChange={setMonth}
            weekStartsOn={6}
            locale={arabic ? arEG : enGB}
            dir={dir}
            numerals={arabic ? digits : 'latn'}
            autoFocus={!typing}
            showOutsideDays
            captionLayout="dropdown"
            navLayout="around"
            startMonth={new Date(today.getFullYear() - YEARS_AROUND, 0)}
            endMonth={new Date(today.getFullYear() + YEARS_AROUND, 11)}
            className="text-sm"
            // inline: react-day-picker's own stylesheet (unlayered) would win over utility classes
            style={RDP_THEME}
          />
          <div className="flex justify-between gap-2 border-t border-slate-100 pt-2">
            <button
              type="button"
              className="rounded px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
              onClick={() => {
                onChange(toIsoDay(new Date()));
                setOpen(false);
              }}
            >
              {t('datePicker.today')}
            </button>
            {clearable && selected ? (
              <button
                type="button"
                className="rounded px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100"
                onClick={() => {
                  onChange(null);
                  setOpen(false);
                }}
                data-testid={testId ? `${testId}-clear` : undefined}
              >
                {t('datePicker.clear')}
              </button>
            ) : null}
          </div>
        </PopoverContent>
      </Popover>
      {clearable && selected && !disabled ? (
        <button
          type="button"
          className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
          onClick={() => onChange(null)}
          aria-label={t('datePicker.clear')}
          title={t('datePicker.clear')}
        >
          <X className="size-4" aria-hidden />
        </button>
      ) : null}
      {name ? <input type="hidden" name={name} value={value ?? ''} /> : null}
    </div>
  );
}

/**
 * Label + DatePicker + translated error for react-hook-form. `nullable` fields store null when
 * cleared (optional dates); others store ''.
 */
export function DateField<T extends FieldValues>({
  control,
  name,
  label,
  error,
  hint,
  nullable,
  onValueChange,
  'data-testid': testId,
}: FieldShellProps & {
  control: Control<T>;
  name: FieldPath<T>;
  nullable?: boolean;
  /** Called after the user picks or clears a date. */
  onValueChange?: (value: string | null) => void;
  'data-testid'?: string;
}) {
  const id = React.useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint} name={name}>
      <Controller
        control={control}
        name={name}
        render={({ field }) => (
          <DatePicker
            id={id}
            name={field.name}
            value={field.value as string | null}
            onChange={(v) => {
              field.onChange(v ?? (nullable ? null : ''));
              onValueChange?.(v);
            }}
            onBlur={field.onBlur}
            clearable={nullable}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(id, error, hint)}
            data-testid={testId ?? `date-${name}`}
          />
        )}
      />
    </FieldShell>
  );
}
