import { PanelLeftCloseIcon, PanelLeftOpenIcon, RadioTowerIcon } from 'lucide-react';
import { cn } from '@/shared/lib/cn';
import { useUiStore } from '@/shared/stores/ui-store';
import { Button } from '@/shared/ui/button';
import { NAV_GROUPS, SETTINGS_ITEM } from './nav-items';
import { SidebarLink } from './sidebar-link';
import { ThemeToggle } from './theme-toggle';

export function Sidebar() {
  const collapsed = useUiStore((s) => s.sidebarCollapsed);
  const toggle = useUiStore((s) => s.toggleSidebar);
  // The Channels link returns to the query the operator last looked at, as the original did.
  const channelSearch = useUiStore((s) => s.lastChannelSearch);

  return (
    <aside
      className={cn(
        'sticky top-0 flex h-screen shrink-0 flex-col border-r bg-sidebar transition-[width]',
        collapsed ? 'w-14' : 'w-52',
      )}
    >
      <div className={cn('flex h-14 items-center gap-2 border-b px-4', collapsed && 'justify-center px-0')}>
        <RadioTowerIcon className="size-5 shrink-0 text-primary" aria-hidden />
        <span className={cn('text-base font-semibold tracking-tight', collapsed && 'sr-only')}>recflow</span>
      </div>
      <nav aria-label="Main" className="flex flex-1 flex-col gap-4 overflow-y-auto px-2 py-4">
        {NAV_GROUPS.map((group) => (
          <div key={group.label} className="grid gap-0.5">
            <p
              className={cn(
                'px-2.5 pb-1 text-[11px] font-semibold tracking-wider text-muted-foreground/80 uppercase',
                collapsed && 'sr-only',
              )}
            >
              {group.label}
            </p>
            {group.items.map((item) => (
              <SidebarLink
                key={item.to}
                item={item}
                collapsed={collapsed}
                search={item.to === '/channels' ? channelSearch : undefined}
              />
            ))}
          </div>
        ))}
      </nav>
      <div className={cn('grid gap-1 border-t p-2', collapsed && 'justify-items-center')}>
        <SidebarLink item={SETTINGS_ITEM} collapsed={collapsed} />
        <div className={cn('flex items-center justify-between', collapsed && 'flex-col')}>
          <ThemeToggle />
          <Button
            variant="ghost"
            size="icon"
            aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
            onClick={toggle}
          >
            {collapsed ? <PanelLeftOpenIcon /> : <PanelLeftCloseIcon />}
          </Button>
        </div>
      </div>
    </aside>
  );
}
