import { isRpcClientError } from '../api/rpc-client-error';
import { useErrorText, type ErrorText } from './use-error-text';
import { useIssueText } from './use-issue-text';

export interface CallFailure extends ErrorText {
  /** The input's problems, each as text in the app's language ("The file is empty (0 bytes)."). */
  issues: string[];
}

/** A failed call to the core, for people: the code's meaning, the detail, and each issue. */
export function useCallFailure() {
  const errorText = useErrorText();
  const issueText = useIssueText();
  return (error: unknown): CallFailure => ({
    ...errorText(error),
    issues: isRpcClientError(error) ? error.issues.map((issue) => issueText(issue.message)) : [],
  });
}

/** A failure that is one problem found here, before asking the core (in the core's words). */
export function failureOfIssue(message: string): CallFailure {
  return { summary: message, detail: '', issues: [message] };
}
