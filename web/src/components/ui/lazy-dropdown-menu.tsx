/**
 * The header's dropdown menus without Radix in the first bundle: the same names as
 * `./dropdown-menu`, but Radix's menu (with its popper and floating-ui, ~30 KB gzip) is a separate
 * chunk, fetched when the browser is idle after the first render (or at once on hover, focus or a
 * click). Until it has arrived, a menu renders its trigger only — the same button, closed — so the
 * header looks the same from the first paint; a click or a key that opens a menu before then opens
 * it as soon as the chunk is there.
 */
import {
  Children,
  type ComponentProps,
  cloneElement,
  createContext,
  isValidElement,
  type KeyboardEvent,
  type ReactElement,
  type ReactNode,
  useContext,
  useEffect,
  useState,
} from 'react';

type Menu = typeof import('./dropdown-menu');
type Props<K extends keyof Menu> = ComponentProps<Menu[K]>;

let loaded: Menu | null = null;
let loading: Promise<Menu> | null = null;

/** Fetches the menu chunk (once). */
export function loadDropdownMenu(): Promise<Menu> {
  loading ??= import('./dropdown-menu').then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

type IdleWindow = Window & {
  requestIdleCallback?: (cb: () => void, opts?: { timeout: number }) => number;
  cancelIdleCallback?: (id: number) => void;
};

/** The menu module once loaded; schedules the fetch for when the browser is idle. */
function useMenuModule(): [Menu | null, () => Promise<void>] {
  const [menu, setMenu] = useState<Menu | null>(loaded);
  useEffect(() => {
    if (menu) return;
    let live = true;
    const go = () => {
      void loadDropdownMenu().then((m) => {
        if (live) setMenu(m);
      });
    };
    const w = window as IdleWindow;
    if (w.requestIdleCallback) {
      const id = w.requestIdleCallback(go, { timeout: 2000 });
      return () => {
        live = false;
        w.cancelIdleCallback?.(id);
      };
    }
    const id = window.setTimeout(go, 50);
    return () => {
      live = false;
      window.clearTimeout(id);
    };
  }, [menu]);
  const now = () =>
    loadDropdownMenu().then((m) => {
      setMenu(m);
    });
  return [menu, now];
}

/** Present while the menu chunk has not arrived: the trigger asks for the menu to open. */
const Pending = createContext<{ requestOpen(): void; preload(): void } | null>(null);

export function DropdownMenu(props: Props<'DropdownMenu'>) {
  const [menu, load] = useMenuModule();
  const [openRequested, setOpenRequested] = useState(false);
  if (menu) {
    const Root = menu.DropdownMenu;
    return <Root {...props} defaultOpen={props.defaultOpen ?? openRequested} />;
  }
  const requestOpen = () => {
    void load().then(() => {
      if (props.open !== undefined) props.onOpenChange?.(true);
      else setOpenRequested(true);
    });
  };
  const preload = () => void loadDropdownMenu();
  return <Pending.Provider value={{ requestOpen, preload }}>{props.children as ReactNode}</Pending.Provider>;
}

export function DropdownMenuTrigger(props: Props<'DropdownMenuTrigger'>) {
  const pending = useContext(Pending);
  if (!pending) {
    const Trigger = loaded!.DropdownMenuTrigger;
    return <Trigger {...props} />;
  }
  // The trigger as Radix renders it closed (aria-haspopup, aria-expanded, data-state).
  const child = props.asChild ? Children.only(props.children) : null;
  const element: ReactElement<Record<string, unknown>> = isValidElement(child) ? (
    (child as ReactElement<Record<string, unknown>>)
  ) : (
    <button type="button">{props.children}</button>
  );
  const own = element.props;
  const call = (name: string, e: unknown) => (own[name] as ((e: unknown) => void) | undefined)?.(e);
  return cloneElement(element, {
    'aria-haspopup': 'menu',
    'aria-expanded': false,
    'data-state': 'closed',
    onClick: (e: unknown) => {
      call('onClick', e);
      pending.requestOpen();
    },
    onKeyDown: (e: KeyboardEvent) => {
      call('onKeyDown', e);
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        pending.requestOpen();
      }
    },
    onPointerEnter: (e: unknown) => {
      call('onPointerEnter', e);
      pending.preload();
    },
    onFocus: (e: unknown) => {
      call('onFocus', e);
      pending.preload();
    },
  });
}

// Rendered only inside an open menu, so only once the chunk has arrived.
export function DropdownMenuContent(props: Props<'DropdownMenuContent'>) {
  const pending = useContext(Pending);
  if (pending || !loaded) return null;
  const Content = loaded.DropdownMenuContent;
  return <Content {...props} />;
}
export function DropdownMenuItem(props: Props<'DropdownMenuItem'>) {
  const Item = loaded!.DropdownMenuItem;
  return <Item {...props} />;
}
export function DropdownMenuLabel(props: Props<'DropdownMenuLabel'>) {
  const Label = loaded!.DropdownMenuLabel;
  return <Label {...props} />;
}
export function DropdownMenuSeparator(props: Props<'DropdownMenuSeparator'>) {
  const Separator = loaded!.DropdownMenuSeparator;
  return <Separator {...props} />;
}
