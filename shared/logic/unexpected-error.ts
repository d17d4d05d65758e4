/**
 * What the renderer writes to the console before an error nobody handled
 * (renderer/src/app/unexpected-errors.ts); the end-to-end tests fail on a console line that
 * starts with it.
 */
export const UNEXPECTED_ERROR_PREFIX = 'Unexpected error:';
