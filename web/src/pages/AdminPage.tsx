/** Staff at /admin: what is administered where, so nobody is left guessing. */
import { Link } from 'react-router';
import { PageHeading } from '../components/Layout.js';

export function AdminPage() {
  return (
    <>
      <PageHeading>Administration</PageHeading>
      <section className="card">
        <h2>Accounts and access</h2>
        <p>
          Provider and staff accounts are created by your IT administrator in the organisation's sign-in service (Amazon Cognito): a person is a provider or
          credentialing staff by the group they belong to. The portal itself has no settings to change.
        </p>
        <h2>Your work here</h2>
        <ul>
          <li>
            <Link to="/review">Review queue</Link>: submissions waiting for a decision, oldest first, with their due dates.
          </li>
          <li>
            <Link to="/staff">All submissions</Link>: every submission by status, and each one's audit trail on its review page.
          </li>
        </ul>
      </section>
    </>
  );
}
