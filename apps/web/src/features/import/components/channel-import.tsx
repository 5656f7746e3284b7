import { toast } from 'sonner';
import { errorMessage } from '@/shared/api/api-error';
import { ErrorAlert } from '@/shared/ui/alert';
import { Card, CardContent, CardHeader, CardTitle } from '@/shared/ui/card';
import { useImportChannels } from '../api/import-channels';
import { ImportForm } from './import-form';
import { ImportHelp } from './import-help';
import { ImportReport } from './import-report';

export function ChannelImport() {
  const importing = useImportChannels();
  return (
    <div className="grid gap-5">
      <div className="grid items-start gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card>
          <CardContent>
            <ImportForm
              pending={importing.isPending}
              onImport={(body) =>
                importing.mutate(body, {
                  onSuccess: ({ summary }) =>
                    (summary.error > 0 ? toast.warning : toast.success)(
                      `Import done: ${summary.created} created, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.error} failed`,
                    ),
                  onError: (error) => toast.error(`Import failed: ${errorMessage(error)}`),
                })
              }
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Format</CardTitle>
          </CardHeader>
          <CardContent>
            <ImportHelp />
          </CardContent>
        </Card>
      </div>
      {importing.isError && (
        <ErrorAlert title="The import was refused">{errorMessage(importing.error)}</ErrorAlert>
      )}
      {importing.data && <ImportReport key={importing.submittedAt} report={importing.data} />}
    </div>
  );
}
