/**
 * Field bindings that never validate on their own: the settings forms validate the whole value
 * on each change (rules span fields, e.g. hours and minutes together), then autosave.
 */
export const QUIET_FIELD = {
  validateOnBlur: false,
  validateOnChange: false,
  validateOnInput: false,
  validateOnModelUpdate: false,
} as const;
