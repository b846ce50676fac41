import { Link } from 'react-router';
import { PageHeading } from '../components/Layout.js';

const WORDS = {
  page: { heading: 'Page not found', text: 'The page you asked for does not exist.' },
  submission: { heading: 'Submission not found', text: 'We could not find that submission in your account. Check the reference number and try again.' },
  provider: { heading: 'Provider not found', text: 'No provider with that id is on file. Open the provider from the expiring list or a digest email.' },
  document: { heading: 'Document not found', text: 'We could not find that document in your account. Open it from My credentials and choose Renew or Replace.' },
};

export function NotFoundPage({ what = 'page' }: { what?: keyof typeof WORDS }) {
  return (
    <div className="card empty-state">
      <PageHeading>{WORDS[what].heading}</PageHeading>
      <p>{WORDS[what].text}</p>
      <p>
        <Link to="/" className="button">
          Go to my submissions
        </Link>
      </p>
    </div>
  );
}
