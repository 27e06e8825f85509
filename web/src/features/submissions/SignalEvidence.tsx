import type { SignalEvidence as Evidence, EvidenceItem, StoredAnalysisNote } from '@masar/shared';
import { Fragment, type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useIntlLocale } from '../../lib/format';

/** Marks a placeholder in a translated phrase, to put an element (a path as code) in its place. */
const MARK = '\uE000';
const slot = (name: string) => `${MARK}${name}${MARK}`;
const SLOT = new RegExp(`${MARK}(\\w+)${MARK}`);

/** Splits a phrase translated with `slot()` values and puts the given elements in the slots. */
function withSlots(text: string, nodes: Record<string, ReactNode>): ReactNode {
  return text
    .split(SLOT)
    .map((part, i) => (i % 2 === 1 ? <Fragment key={`${part}-${i}`}>{nodes[part]}</Fragment> : part));
}

/** A path, a file or a package name: written as is, left to right even inside Arabic text. */
function Code({ children }: { children: string }) {
  return (
    <code dir="ltr" className="break-all font-mono text-xs text-slate-700">
      {children}
    </code>
  );
}

function Item({ item, percent }: { item: EvidenceItem; percent: Intl.NumberFormat }) {
  const { t } = useTranslation();
  switch (item.kind) {
    case 'file':
      return <Code>{item.path}</Code>;
    case 'language':
      return withSlots(
        t('analysis.evidence.language', { name: slot('name'), percent: percent.format(item.percent / 100) }),
        {
          name: (
            <bdi dir="ltr" className="font-medium text-slate-800">
              {item.name}
            </bdi>
          ),
        },
      );
    case 'dependency':
      return withSlots(
        item.note === 'eloquent'
          ? t('analysis.evidence.dependencyEloquent', { name: slot('name'), manifest: slot('manifest') })
          : t('analysis.evidence.dependency', { name: slot('name'), manifest: slot('manifest') }),
        { name: <Code>{item.name}</Code>, manifest: <Code>{item.manifest}</Code> },
      );
    case 'mention':
      return withSlots(t('analysis.evidence.mention', { text: slot('text'), manifest: slot('manifest') }), {
        text: <Code>{item.text}</Code>,
        manifest: <Code>{item.manifest}</Code>,
      });
    case 'more':
      return t('analysis.evidence.more', { count: item.count });
    case 'noLanguageStats':
      return t('analysis.evidence.noLanguageStats');
    default:
      return null;
  }
}

/**
 * A signal's evidence in the reader's language: paths and package names as code (isolated left to
 * right), the words around them from the catalogs. Items are separated by a middle dot; "and N more
 * files" follows the file it counts on from. Evidence stored as an English string (results from
 * before structured evidence) is shown as it is.
 */
export function SignalEvidence({ evidence }: { evidence: Evidence }) {
  const locale = useIntlLocale();
  const percent = useMemo(
    () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
    [locale],
  );
  if (typeof evidence === 'string') {
    return (
      <code dir="ltr" lang="en" className="break-all font-mono text-xs text-slate-600" data-evidence="legacy">
        {evidence}
      </code>
    );
  }
  return (
    <span className="text-sm text-slate-600" data-evidence="items">
      {evidence.map((item, i) => (
        <Fragment key={i}>
          {i === 0 ? null : item.kind === 'more' ? ' ' : ' · '}
          <span data-evidence-kind={item.kind}>
            <Item item={item} percent={percent} />
          </span>
        </Fragment>
      ))}
    </span>
  );
}

/**
 * A note on how the repository was read, in the reader's language (paths and the commit as code).
 * A note stored as an English sentence (results from before structured notes) is shown as it is.
 */
export function AnalysisNoteText({ note }: { note: StoredAnalysisNote }) {
  const { t } = useTranslation();
  if (typeof note === 'string') {
    return (
      <bdi dir="ltr" lang="en" data-note="legacy">
        {note}
      </bdi>
    );
  }
  const path = 'path' in note ? { path: <Code>{note.path}</Code> } : {};
  const text = (() => {
    switch (note.kind) {
      case 'private':
      case 'fork':
      case 'archived':
      case 'treeTruncated':
      case 'noManifest':
        return t(`analysis.noteKinds.${note.kind}`);
      case 'manifestTooLarge':
        return t('analysis.noteKinds.manifestTooLarge', { path: slot('path'), bytes: note.bytes, limit: note.limit });
      case 'manifestAnswerTooLarge':
        return t('analysis.noteKinds.manifestAnswerTooLarge', { path: slot('path'), limit: note.limit });
      case 'manifestSkipped':
        return t('analysis.noteKinds.manifestSkipped', { path: slot('path') });
      case 'manifestMissing':
        return t('analysis.noteKinds.manifestMissing', { path: slot('path'), sha: slot('sha') });
      case 'manifestEncoding':
        return t('analysis.noteKinds.manifestEncoding', { path: slot('path'), encoding: slot('encoding') });
      case 'manifestInvalid':
        return note.format === 'json'
          ? t('analysis.noteKinds.manifestInvalidJson', { path: slot('path') })
          : t('analysis.noteKinds.manifestInvalidOther', { path: slot('path') });
      case 'authorshipWindow':
        return t('analysis.noteKinds.authorshipWindow', { count: note.commits });
      default:
        return null;
    }
  })();
  if (text === null) return null;
  return (
    <span data-note={note.kind}>
      {withSlots(text, {
        ...path,
        sha: 'sha' in note ? <Code>{note.sha.slice(0, 7)}</Code> : null,
        encoding: 'encoding' in note ? <Code>{note.encoding}</Code> : null,
      })}
    </span>
  );
}
