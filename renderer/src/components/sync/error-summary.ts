import { RpcClientError, type RpcClientErrorCode } from '../../api/rpc-client-error';
import { useErrorText, type ErrorText } from '../../composables/use-error-text';

/** A `{code, message}` the core stored (last error, a publish result) as text for people. */
export function useStoredErrorText() {
  const errorText = useErrorText();
  return (error: { code: string; message: string }): ErrorText => errorText(new RpcClientError(error.code as RpcClientErrorCode, error.message));
}
