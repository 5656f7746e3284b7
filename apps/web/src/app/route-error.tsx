import { isRouteErrorResponse, useRouteError } from 'react-router';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';

/** Shown in place of a page that threw while rendering, keeping the sidebar usable. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return <ErrorAlert title="This page failed to render">{message}</ErrorAlert>;
}
