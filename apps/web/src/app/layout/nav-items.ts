import {
  ArchiveIcon,
  BookmarkIcon,
  FileUpIcon,
  FilterIcon,
  type LucideIcon,
  RadioIcon,
  ServerIcon,
  SettingsIcon,
  TagsIcon,
  UsersIcon,
} from 'lucide-react';

export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Pages under another path that belong to this item (a live's page belongs to Lives). */
  activeUnder?: string;
}

export interface NavGroup {
  label: string;
  items: NavItem[];
}

/** The sidebar, grouped as operators think of it: what is being recorded, and whom to record. */
export const NAV_GROUPS: NavGroup[] = [
  {
    label: 'Recording',
    items: [
      { to: '/', label: 'Lives', icon: RadioIcon, activeUnder: '/lives/' },
      { to: '/recordings', label: 'Recordings', icon: ArchiveIcon },
      { to: '/nodes', label: 'Nodes', icon: ServerIcon },
      { to: '/criteria', label: 'Criteria', icon: FilterIcon },
    ],
  },
  {
    label: 'Channels',
    items: [
      { to: '/channels', label: 'Channels', icon: UsersIcon },
      { to: '/grades', label: 'Grades', icon: BookmarkIcon },
      { to: '/tags', label: 'Tags', icon: TagsIcon },
      { to: '/import', label: 'Import', icon: FileUpIcon },
    ],
  },
];

export const SETTINGS_ITEM: NavItem = { to: '/settings', label: 'Settings', icon: SettingsIcon };
