import { PlannedPage } from '@/shared/ui/planned-page';

export function CriteriaPage() {
  return (
    <PlannedPage
      title="Criteria"
      summary="Rules that find lives to record among channels nobody follows, per platform."
      features={[
        'Show chzzk and soop criteria on separate tabs, with their minimum viewer count and on/off switches.',
        'Edit the include and exclude lists of tags, keywords, and watch parties (chzzk) or categories (soop).',
        'Create criteria inactive, so a new rule records nothing until it is switched on.',
      ]}
    />
  );
}
