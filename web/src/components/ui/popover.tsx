import * as P from '@radix-ui/react-popover';
import type * as React from 'react';
import { cn } from '../../lib/utils';

export const Popover = P.Root;
export const PopoverTrigger = P.Trigger;

export function PopoverContent({ className, sideOffset = 6, ...props }: React.ComponentProps<typeof P.Content>) {
  return (
    <P.Portal>
      <P.Content
        sideOffset={sideOffset}
        className={cn('z-50 rounded-lg border border-slate-200 bg-white p-2 shadow-lg outline-none', className)}
        {...props}
      />
    </P.Portal>
  );
}
