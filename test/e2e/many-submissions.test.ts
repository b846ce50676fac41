/**
 * A provider with more submissions than one page of her list (25): the oldest ones stay on her
 * home page, a "Load more" away, as they do on the staff lists. Staff find her from the queue by
 * name and see, on her page, what she sent — not her drafts.
 */
import { describe, expect, it } from 'vitest';
import { addProviders, inBatches, officeCv, officeLicense, seedSubmission, type OfficeUser, type Seeded } from '../../testkit/office.js';
import { newPage, pageErrors } from './support/browser.js';
import { signIn, signInAndWait } from './support/portal.js';
import { STAFF, apiSignIn } from './support/stack.js';
import { useBrowserSession } from './support/session.js';

const session = useBrowserSession();
const { stack } = session;
const office = { ...stack, endpoints: { ...stack.endpoints, cognito: stack.cognitoUrl } };

describe('her home page with 26 submissions', () => {
  let provider: OfficeUser;
  let first: Seeded;
  it('lists the newest 25 and, after Load more, her first submission with its reference', async () => {
    // Prepare: her first submission received, then 25 uploads she has not sent yet
    [provider] = (await addProviders(office, 1, `many${Date.now()}`, [{ givenName: 'Grace', familyName: 'Okafor' }])) as [OfficeUser];
    first = await seedSubmission(stack, provider.token, await apiSignIn(stack, STAFF), [officeLicense('7001', '2028-03-31', '2025-04-01')], 'RECEIVED');
    await inBatches(Array.from({ length: 25 }), 5, () => seedSubmission(stack, provider.token, '', [officeCv('2026-01-05')], 'DRAFT'));
    const page = session.page;
    await signIn(page, stack, provider.username, provider.password);
    const submissions = page.getByRole('region', { name: 'Submissions' });
    const rows = submissions.locator('tbody tr');
    await rows.first().waitFor();

    // Act
    const before = { rows: await rows.count(), first: await submissions.getByText(first.referenceNumber!).count() };
    await submissions.getByRole('button', { name: 'Load more' }).click();
    await submissions.getByRole('link', { name: first.referenceNumber! }).waitFor();

    // Assess
    expect(before).toEqual({ rows: 25, first: 0 });
    expect(await rows.count()).toBe(26);
    expect(await submissions.getByRole('button', { name: 'Load more' }).count()).toBe(0);
    expect(pageErrors(page)).toEqual([]);
  });

  it("staff open her page from the queue by her name and see what she sent, not her 25 drafts", async () => {
    // Prepare: a reviewer in a browser context of her own
    const { context, page } = await newPage(session.browser);
    await signInAndWait(page, stack, STAFF);
    await page.goto(`${stack.portalUrl}/review`);
    await page.getByLabel('Find by reference, provider name or email').fill(provider.name);

    // Act
    await page.getByRole('row').filter({ hasText: first.referenceNumber! }).getByRole('link', { name: provider.name }).click();
    const submissions = page.getByRole('region', { name: 'Submissions' });
    await submissions.getByRole('link', { name: first.referenceNumber! }).waitFor();

    // Assess
    expect(page.url()).toBe(`${stack.portalUrl}/staff/providers/${provider.userId}`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(`Credentials of ${provider.name}`);
    expect(await submissions.locator('tbody tr').count()).toBe(1);
    expect(pageErrors(page)).toEqual([]);
    await context.close();
  });
});
