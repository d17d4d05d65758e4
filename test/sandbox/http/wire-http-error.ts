import { WIRE_ERROR_STATUS, type WireErrorCode, type WireErrorDetails } from '../../../shared/wire/errors';

/** Thrown by handlers; answered in the contract's one error shape with the code's status. */
export class WireHttpError extends Error {
  readonly status: number;

  constructor(
    readonly code: WireErrorCode,
    message: string,
    readonly details?: WireErrorDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'WireHttpError';
    this.status = WIRE_ERROR_STATUS[code];
  }
}
