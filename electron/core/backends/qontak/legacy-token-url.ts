/**
 * Where a legacy chat-service tenant's OAuth grants go. The chat-service serves its chat routes
 * under the base URL the tenant names (`https://chat-service.qontak.com/api/open/v1`) but takes
 * the password and refresh grants at its root: `POST https://chat-service.qontak.com/oauth/token`.
 * The token client's base is therefore the base URL's origin (the route adds `/oauth/token`).
 */
export function legacyTokenBaseUrl(baseUrl: string): string {
  return new URL(baseUrl).origin;
}
