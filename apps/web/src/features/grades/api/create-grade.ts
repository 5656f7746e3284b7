import { api, type RouteRequest } from '@recflow/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '@/shared/api/client';
import { gradeKeys } from '@/shared/api/query-keys';

export type CreateGradeInput = RouteRequest<typeof api.grades.create>['body'];

export function useCreateGrade() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateGradeInput) => call(api.grades.create, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gradeKeys.all }),
  });
}
