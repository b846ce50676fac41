import { Link } from 'react-router';
import { useAuth } from '../auth/AuthProvider.js';
import { PageHeading } from '../components/Layout.js';

/** Where "home" is for whoever is signed in: her submissions, or the review queue. */
export function HomeLink() {
  const { session } = useAuth();
  return (
    <Link to="/" className="button">
      {session?.role === 'staff' ? 'Go to the review queue' : 'Go to my submissions'}
    </Link>
  );
}

export function NotFoundPage({ what = 'page' }: { what?: 'page' | 'submission' }) {
  return (
    <div className="card empty-state">
      <PageHeading>{what === 'submission' ? 'Submission not found' : 'Page not found'}</PageHeading>
      <p>
        {what === 'submission'
          ? 'We could not find that submission. Check the reference number and try again.'
          : 'The page you asked for does not exist.'}
      </p>
      <p>
        <HomeLink />
      </p>
    </div>
  );
}

/** A provider who opens a page of the credentialing team's (a link shared by mistake, a guessed address). */
export function StaffOnlyPage() {
  return (
    <div className="card empty-state">
      <PageHeading>This page is for the credentialing team</PageHeading>
      <p>It is where the Medical Staff Office reviews documents. Your own documents, their status and any decision on them are on your submissions page.</p>
      <p>
        <HomeLink />
      </p>
    </div>
  );
}
