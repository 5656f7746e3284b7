import { useSearchParams } from 'react-router';
import { CreateCriterionDialog } from '@/features/criteria/components/create-criterion-dialog';
import { CriteriaTable } from '@/features/criteria/components/criteria-table';
import { PlatformTabs } from '@/features/criteria/components/platform-tabs';
import { parsePlatform } from '@/features/criteria/model/criterion-lists';
import { PageHeader } from '@/shared/ui/page-header';

export function CriteriaPage() {
  const [search] = useSearchParams();
  const platform = parsePlatform(search.get('platform'));
  return (
    <>
      <PageHeader
        title="Criteria"
        description="Rules that find lives to record among channels nobody follows. Click a value to remove it, + to add one."
        actions={<CreateCriterionDialog platform={platform} />}
      />
      <PlatformTabs current={platform} />
      <CriteriaTable platform={platform} />
    </>
  );
}
