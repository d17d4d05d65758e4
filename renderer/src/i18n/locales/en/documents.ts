/**
 * English text of changes to settings documents as shown in previews and diffs: actions, areas,
 * field changes.
 */
export const documentsEn = {
  changes: {
    actions: { create: 'Create', update: 'Update', unchanged: 'No change' },
    areas: { tenant: 'Tenant', ai_response: 'AI Response', idle_action: 'Idle Action', api_connection: 'API connection' },
    diff: {
      field: 'Field',
      before: 'Before',
      after: 'After',
      none: 'No field differs.',
    },
  },
};
