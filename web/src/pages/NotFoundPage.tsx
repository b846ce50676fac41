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
