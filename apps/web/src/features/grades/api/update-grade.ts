import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { channelKeys, gradeKeys } from '@/shared/api/query-keys';

export type UpdateGradeInput = RouteRequest<typeof api.grades.update>['body'];

export function useUpdateGrade() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateGradeInput }) =>
      call(api.grades.update, { params: { id }, body }),
    onSuccess: async () => {
      // Channel rows embed their grade, so a rename shows there too.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: gradeKeys.all }),
        queryClient.invalidateQueries({ queryKey: channelKeys.all }),
      ]);
    },
  });
}
