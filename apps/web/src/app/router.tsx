import { createBrowserRouter } from 'react-router';
import { NotFoundPage } from '@/pages/not-found/not-found-page';
import { AppLayout } from './layout/app-layout';
import {
  channelsLoader,
  criteriaLoader,
  gradesLoader,
  liveLoader,
  livesLoader,
  nodeLoader,
  nodesLoader,
  recordingsLoader,
  settingsLoader,
  tagsLoader,
} from './loaders';
import { RouteError } from './route-error';

// Pages with real screens load on first visit, which keeps the first download small.
export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          {
            index: true,
            loader: livesLoader,
            lazy: async () => ({ Component: (await import('@/pages/lives/lives-page')).LivesPage }),
          },
          {
            path: 'lives/:id',
            loader: liveLoader,
            lazy: async () => ({ Component: (await import('@/pages/live/live-page')).LivePage }),
          },
          {
            path: 'recordings',
            loader: recordingsLoader,
            lazy: async () => ({
              Component: (await import('@/pages/recordings/recordings-page')).RecordingsPage,
            }),
          },
          {
            path: 'nodes',
            loader: nodesLoader,
            lazy: async () => ({ Component: (await import('@/pages/nodes/nodes-page')).NodesPage }),
          },
          {
            path: 'nodes/:id',
            loader: nodeLoader,
            lazy: async () => ({ Component: (await import('@/pages/nodes/node-page')).NodePage }),
          },
          {
            path: 'criteria',
            loader: criteriaLoader,
            lazy: async () => ({ Component: (await import('@/pages/criteria/criteria-page')).CriteriaPage }),
          },
          {
            path: 'channels',
            loader: channelsLoader,
            lazy: async () => ({ Component: (await import('@/pages/channels/channels-page')).ChannelsPage }),
          },
          {
            path: 'grades',
            loader: gradesLoader,
            lazy: async () => ({ Component: (await import('@/pages/grades/grades-page')).GradesPage }),
          },
          {
            path: 'tags',
            loader: tagsLoader,
            lazy: async () => ({ Component: (await import('@/pages/tags/tags-page')).TagsPage }),
          },
          {
            path: 'import',
            lazy: async () => ({ Component: (await import('@/pages/import/import-page')).ImportPage }),
          },
          {
            path: 'settings',
            loader: settingsLoader,
            lazy: async () => ({ Component: (await import('@/pages/settings/settings-page')).SettingsPage }),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
