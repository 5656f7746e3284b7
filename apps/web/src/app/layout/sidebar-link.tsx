import { NavLink, useLocation } from 'react-router';
import { cn } from '@/shared/lib/cn';
import type { NavItem } from './nav-items';

export function SidebarLink({
  item,
  collapsed,
  search = '',
}: {
  item: NavItem;
  collapsed: boolean;
  search?: string;
}) {
  const Icon = item.icon;
  const { pathname } = useLocation();
  const under = item.activeUnder !== undefined && pathname.startsWith(item.activeUnder);
  return (
    <NavLink
      to={{ pathname: item.to, search }}
      end={item.to === '/'}
      title={collapsed ? item.label : undefined}
      className={({ isActive }) =>
        cn(
          'flex h-9 items-center gap-3 rounded-md px-2.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground',
          (isActive || under) && 'bg-accent text-accent-foreground',
          collapsed && 'justify-center px-0',
        )
      }
    >
      <Icon className="size-4 shrink-0" aria-hidden />
      <span className={cn(collapsed && 'sr-only')}>{item.label}</span>
    </NavLink>
  );
}
