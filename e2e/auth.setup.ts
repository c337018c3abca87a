import { expect, test as setup } from '@playwright/test';
import { DEMO, signIn, storageStateFor, type DemoRole } from './fixtures';

// Sign each demo role in once; journeys reuse the stored session.
const homes: Record<DemoRole, RegExp> = { admin: /\/admin$/, physio: /\/dashboard$/, owner: /\/dashboard$/, patient: /\/portal$/ };

for (const role of Object.keys(DEMO) as DemoRole[]) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await signIn(page, DEMO[role]);
    await expect(page).toHaveURL(homes[role]);
    await page.context().storageState({ path: storageStateFor(role) });
  });
}
