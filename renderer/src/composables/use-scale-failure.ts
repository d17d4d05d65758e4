import { isRpcClientError } from '../api/rpc-client-error';
import { useErrorText, type ErrorText } from './use-error-text';
import { useScaleIssueText } from './use-scale-issue-text';

export interface ScaleFailure extends ErrorText {
  /** The input's problems, each as text in the app's language ("The file is empty (0 bytes)."). */
  issues: string[];
}

/** A failed call of issue #7's channels, for people: the code's meaning, the detail, and each issue. */
export function useScaleFailure() {
  const errorText = useErrorText();
  const issueText = useScaleIssueText();
  return (error: unknown): ScaleFailure => ({
    ...errorText(error),
    issues: isRpcClientError(error) ? error.issues.map((issue) => issueText(issue.message)) : [],
  });
}

/** A failure that is one problem found here, before asking the core (in the core's words). */
export function failureOfIssue(message: string): ScaleFailure {
  return { summary: message, detail: '', issues: [message] };
}
