/** The frame around every page: skip link, header with navigation and sign-out, main landmark. */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { IdleSignOut } from '../auth/IdleSignOut.js';
import { useAuth } from '../auth/AuthProvider.js';
import { PORTAL_ROUTES } from '../../../src/contract/portal-routes.js';
import { ContactOffice } from './ContactOffice.js';

/** The page's h1; it takes focus when the page opens so screen readers announce the new page. */
export function PageHeading({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const text = title ?? (typeof children === 'string' ? children : undefined);
  useEffect(() => {
    if (text) document.title = `${text} · Provider Credentialing`;
    ref.current?.focus({ preventScroll: true });
  }, [text]);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}

export function Layout() {
  const { session, signOut, config } = useAuth();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to="/" className="brand">
            <span className="brand__mark" aria-hidden="true">
              +
            </span>
            <span>
              <span className="brand__name">Provider Credentialing</span>
              <span className="brand__sub">{config.office.organizationName ?? config.office.officeName}</span>
            </span>
          </Link>
          {session && (
            <nav aria-label="Main" className="site-nav">
              {session.role === 'staff' ? (
                <>
                  <NavLink to="/review">Review queue</NavLink>
                  <NavLink to="/staff" end>
                    All submissions
                  </NavLink>
                  <NavLink to={PORTAL_ROUTES.staffProviders} end>
                    Providers
                  </NavLink>
                </>
              ) : (
                <>
                  <NavLink to="/" end>
                    My submissions
                  </NavLink>
                  <NavLink to="/upload">Upload documents</NavLink>
                </>
              )}
              <NavLink to={PORTAL_ROUTES.accountSecurity}>Two-step sign-in</NavLink>
              <span className="site-nav__user" title={session.email}>
                {session.name}
              </span>
              <button type="button" className="button button--ghost button--small" onClick={signOut}>
                Sign out
              </button>
            </nav>
          )}
        </div>
      </header>
      <IdleSignOut />
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>
          Questions about credentialing? Contact <ContactOffice />.
        </p>
        <p>
          Your documents are encrypted in transit and at rest. <a href="/licenses/heic-to.txt">Open-source licence of the photo converter</a>
        </p>
      </footer>
    </>
  );
}
