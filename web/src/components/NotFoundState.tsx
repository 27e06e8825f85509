import { Link } from 'react-router';
import { StateMessage } from './StateMessage';
import { Button } from './ui/button';

/**
 * The one "not found" block for a page whose record is missing or not the reader's to see (the
 * server answers NOT_FOUND for both): a title, a line, and a way back when there is one.
 */
export function NotFoundState({
  title,
  body,
  back,
  testId,
}: {
  title: string;
  body: string;
  back?: { to: string; label: string } | undefined;
  testId: string;
}) {
  return (
    <StateMessage
      kind="notFound"
      title={title}
      body={body}
      data-testid={testId}
      action={
        back ? (
          <Button asChild variant="secondary">
            <Link to={back.to}>{back.label}</Link>
          </Button>
        ) : undefined
      }
    />
  );
}
