import { Link } from 'react-router';
import { PageHeading } from '../components/Layout.js';

export function NotFoundPage({ what = 'page' }: { what?: 'page' | 'submission' }) {
  return (
    <div className="card empty-state">
      <PageHeading>{what === 'submission' ? 'Submission not found' : 'Page not found'}</PageHeading>
      <p>
        {what === 'submission'
          ? 'We could not find that submission in your account. Check the reference number and try again.'
          : 'The page you asked for does not exist.'}
      </p>
      <p>
        <Link to="/" className="button">
          Go to my submissions
        </Link>
      </p>
    </div>
  );
}
