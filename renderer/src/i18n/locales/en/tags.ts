/** English text of tags on tenants: the add/remove tags dialog. */
export const tagsEn = {
  tags: {
    addTitle: 'Add tags to the selected tenants ({count})',
    removeTitle: 'Remove tags from the selected tenants ({count})',
    description: 'All the selected tenants change together, or none does.',
    label: 'Tags',
    hint: 'Separate tags with commas, such as jakarta, vip. Upper and lower case are the same tag.',
    selectionTags: 'Tags of the selected tenants',
    add: 'Add tags',
    remove: 'Remove tags',
    added: 'Tags “{tags}” added to the selected tenants ({count})',
    removed: 'Tags “{tags}” removed from the selected tenants ({count})',
  },
};
