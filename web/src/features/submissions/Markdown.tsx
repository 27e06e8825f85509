import type * as React from 'react';
import ReactMarkdown, { type Components, defaultUrlTransform } from 'react-markdown';
import { cn } from '../../lib/utils';

/** Only web and mail links survive (react-markdown already drops `javascript:` and the like). */
function safeUrl(url: string): string {
  const cleaned = defaultUrlTransform(url);
  if (!cleaned) return '';
  if (/^(https?:|mailto:)/i.test(cleaned) || cleaned.startsWith('#')) return cleaned;
  // relative links would resolve against Masar itself: keep them out
  return '';
}

const components: Components = {
  a: ({ href, children, node: _node, ...props }) =>
    href ? (
      <a
        {...props}
        href={href}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
      >
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // no remote images (tracking pixels, layout breakage): show the link instead
  img: ({ src, alt }) =>
    typeof src === 'string' && src ? (
      <a
        href={src}
        target="_blank"
        rel="noopener noreferrer nofollow"
        className="text-brand-700 underline underline-offset-2"
      >
        {alt || src}
      </a>
    ) : null,
  p: ({ node: _node, ...props }) => <p className="my-2 first:mt-0 last:mb-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-2 list-disc ps-5" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-2 list-decimal ps-5" {...props} />,
  li: ({ node: _node, ...props }) => <li className="my-0.5" {...props} />,
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-2 border-s-4 border-slate-200 ps-3 text-slate-600" {...props} />
  ),
  pre: ({ node: _node, ...props }) => (
    <pre dir="ltr" className="my-2 overflow-x-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100" {...props} />
  ),
  code: ({ node: _node, className, ...props }) => (
    <code
      dir="ltr"
      className={cn(
        'rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.85em] [pre_&]:bg-transparent [pre_&]:p-0',
        className,
      )}
      {...props}
    />
  ),
  h1: ({ node: _node, ...props }) => <h3 className="mt-3 mb-1 text-base font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <h3 className="mt-3 mb-1 text-base font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <h4 className="mt-3 mb-1 text-sm font-semibold" {...props} />,
  h4: ({ node: _node, ...props }) => <h4 className="mt-3 mb-1 text-sm font-semibold" {...props} />,
  h5: ({ node: _node, ...props }) => <h4 className="mt-3 mb-1 text-sm font-semibold" {...props} />,
  h6: ({ node: _node, ...props }) => <h4 className="mt-3 mb-1 text-sm font-semibold" {...props} />,
  hr: () => <hr className="my-3 border-slate-200" />,
  table: ({ node: _node, ...props }) => (
    <div className="my-2 overflow-x-auto">
      <table className="text-sm" {...props} />
    </div>
  ),
};

/**
 * Review comments as Markdown, safely: raw HTML is never rendered (it is dropped), links open in a
 * new tab without referrer or opener and with `nofollow`, images become links.
 */
export function Markdown({ children, className, ...props }: { children: string } & React.ComponentProps<'div'>) {
  return (
    <div dir="auto" className={cn('text-sm leading-relaxed text-slate-800 break-words', className)} {...props}>
      <ReactMarkdown skipHtml urlTransform={safeUrl} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
