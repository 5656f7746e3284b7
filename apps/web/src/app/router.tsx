import { createBrowserRouter } from 'react-router';
import { CriteriaPage } from '@/pages/criteria/criteria-page';
import { LivesPage } from '@/pages/lives/lives-page';
import { NodesPage } from '@/pages/nodes/nodes-page';
import { NotFoundPage } from '@/pages/not-found/not-found-page';
import { AppLayout } from './layout/app-layout';
import { RouteError } from './route-error';

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <LivesPage /> },
          { path: 'nodes', element: <NodesPage /> },
          { path: 'criteria', element: <CriteriaPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
