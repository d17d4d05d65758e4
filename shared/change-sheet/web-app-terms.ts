/**
 * The platform's own words for the chatbot settings, as its web app shows them (menu entries,
 * area and field labels, option names, buttons). A change sheet quotes them unchanged in every
 * language, so that a person can find each field on the web page; only the sheet's own sentences
 * are translated.
 */
export const WEB_APP_MENU = ['Chatbot', 'Chatbot settings'] as const;

export const WEB_APP_AREAS = {
  ai_response: 'AI Response',
  idle_action: 'Idle Action',
  api_integration: 'API Integration',
  crm_integration: 'CRM Integration',
} as const;
export type SheetArea = keyof typeof WEB_APP_AREAS;

export const WEB_APP_FIELDS = {
  threshold: 'Threshold',
  onThreshold: 'When the threshold is reached',
  division: 'Division',
  agent: 'Agent',
  handoverMessage: 'Handover message',
  idleAction: 'Action',
  idleTime: 'Customer idle time',
  assignTo: 'Assign to',
  closingMessage: 'Closing message',
  connectionName: 'Connection name',
  description: 'Description',
  code: 'Code',
  baseUrl: 'Base URL',
  settings: 'Settings',
  headers: 'Headers',
  token: 'Token',
  botResponse: 'Bot response',
  dealSetting: 'Deal setting',
  pipeline: 'Pipeline',
  stage: 'Stage',
  dealName: 'Deal name',
  owner: 'Owner',
  source: 'Source',
  customerContactAssociation: 'Customer contact association',
} as const;
export type SheetField = keyof typeof WEB_APP_FIELDS;

export const WEB_APP_OPTIONS = {
  continue_with_bot: 'Continue with the bot',
  any_available_agent: 'Any available agent',
  specific_division: 'Specific division',
  specific_agent: 'Specific agent',
  none: 'None',
  resolve_conversation: 'Resolve conversation',
  assign_conversation: 'Assign conversation',
  auto: 'Auto',
  division: 'Division',
  agent: 'Agent',
} as const;
export type SheetOption = keyof typeof WEB_APP_OPTIONS;

/** The buttons and actions a step ends with or starts from. */
export const WEB_APP_ACTIONS = {
  save: 'Save',
  addApiConnection: 'Add API connection',
  add: 'Add',
  edit: 'Edit',
  delete: 'Delete',
  editDealSettings: 'Edit deal settings',
  deleteDealSettings: 'Delete deal settings',
  saveChanges: 'Save changes',
} as const;
export type SheetAction = keyof typeof WEB_APP_ACTIONS;
