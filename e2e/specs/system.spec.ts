// The System page over fixture trees standing in for the machine: the verdict, the three cards,
// the advice with its commands, and the sidebar's indicator that opens it. Expected words follow
// the research notes' states for each tree (../shared/research/mac-status.md §6).

import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures';
import { screenshots } from './steps';

const card = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

test.describe('Fedora with SELinux switched to permissive', () => {
  test.use({ systemFixture: { name: 'fedora-permissive' } });

  test('the indicator warns, and the page says how to return to enforcing', async ({ confine }, testInfo) => {
    const { page } = confine;
    const indicator = page.getByRole('button', { name: /^System protection: SELinux permissive/ });
    await expect(indicator).toBeVisible();
    // Reachable from the keyboard like any other control.
    await indicator.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('System');
    await expect(page.getByRole('status', { name: 'Verdict' })).toHaveText(
      'At risk: SELinux is on but only logs, blocking nothing.',
    );
    await expect(page.getByText(/^Fedora Linux 42 \(Workstation Edition\); read as a normal user$/)).toBeVisible();

    const selinux = card(page, 'SELinux');
    await expect(selinux).toContainText('Permissive (logs only)');
    await expect(selinux.getByRole('definition').first()).toHaveText('targeted');
    await expect(selinux).toContainText('Mode in /etc/selinux/config');
    await expect(selinux).toContainText('SELinux only logs');
    await expect(selinux).toContainText('Changed since boot');
    await expect(card(page, 'AppArmor')).toContainText('Not running');
    await expect(card(page, 'Sandbox footing')).toContainText(
      'lockdown, capability, yama, selinux, bpf, landlock, ipe, ima, evm',
    );
    await screenshots(page, testInfo, 'system-fedora-permissive', { fullPage: true });
    await card(page, 'Sandbox footing').scrollIntoViewIfNeeded();
    await screenshots(page, testInfo, 'system-fedora-permissive-bottom');

    await selinux.getByRole('button', { name: 'Copy the command: SELinux only logs' }).click();
    await expect.poll(() => confine.desktop.clipboard).toEqual(['sudo setenforce 1']);
    await expect(page.getByRole('status').filter({ hasText: 'Command copied.' })).toBeVisible();
  });
});

test.describe('Ubuntu with AppArmor, as a normal user', () => {
  test.use({ systemFixture: { name: 'ubuntu-apparmor-100', variant: 'unprivileged' } });

  test('profile counts need administrator rights, and nothing is guessed', async ({ confine }, testInfo) => {
    const { page } = confine;
    await page.getByRole('button', { name: /^System protection: AppArmor on/ }).click();
    await expect(page.getByRole('status', { name: 'Verdict' })).toHaveText('Protected: AppArmor is on.');
    const apparmor = card(page, 'AppArmor');
    await expect(apparmor).toContainText('On');
    await expect(apparmor).toContainText('needs administrator rights');
    await expect(apparmor).toContainText('Restricts user namespaces');
    await expect(apparmor.getByText('sudo aa-status', { exact: true })).toBeVisible();
    await expect(card(page, 'SELinux')).toContainText('Not running');
    await expect(card(page, 'Sandbox footing')).toContainText('restricted by AppArmor');
    await screenshots(page, testInfo, 'system-ubuntu-user');
  });
});

test.describe('Arch with no MAC', () => {
  test.use({ systemFixture: { name: 'arch-none' } });

  test('manual set-up is advised, as a choice rather than an alarm', async ({ confine }) => {
    const { page } = confine;
    await page.getByRole('button', { name: /^System protection: No MAC active/ }).click();
    await expect(page.getByRole('status', { name: 'Verdict' })).toHaveText('No mandatory access control is active.');
    await expect(page.getByText('Arch leaves MAC to you')).toBeVisible();
    await expect(card(page, 'AppArmor')).toContainText('built in, not selected at boot');
  });
});

test.describe('Fedora with a root Docker daemon and a docker group', () => {
  test.use({ systemFixture: { name: 'docker-rootful' } });

  test('the containers card warns, names who is root-equivalent, and links the way out', async ({
    confine,
  }, testInfo) => {
    const { page } = confine;
    await page.getByRole('button', { name: /^System protection: SELinux enforcing/ }).click();
    const containers = card(page, 'Containers');
    await expect(containers).toContainText('Docker runs a root daemon');
    await expect(containers).toContainText('/run/docker.sock (root)');
    await expect(containers).toContainText('alice, bob, ci');
    await expect(containers.getByText('sudo gpasswd -d alice docker', { exact: true })).toBeVisible();
    await expect(card(page, 'Firejail')).toContainText('Not installed');
    await expect(card(page, 'Own profiles')).toContainText('deny_ptrace');
    // The verdict stays about SELinux; the warnings are on their own cards.
    await expect(page.getByRole('status', { name: 'Verdict' })).toHaveText(
      'Protected: SELinux is enforcing the targeted policy.',
    );
    await containers.scrollIntoViewIfNeeded();
    await screenshots(page, testInfo, 'system-docker');
    await containers.getByRole('button', { name: /docs\.docker\.com\/engine\/security\/rootless/ }).click();
    await expect.poll(() => confine.desktop.openedLinks).toEqual(['https://docs.docker.com/engine/security/rootless/']);
  });
});

test.describe('Ubuntu with Firejail installed setuid root', () => {
  test.use({ systemFixture: { name: 'firejail-setuid' } });

  test('Firejail is a warning with what to use instead, and profiles can be searched', async ({
    confine,
  }, testInfo) => {
    const { page } = confine;
    await page.getByRole('button', { name: /^System protection: AppArmor on/ }).click();
    const firejail = card(page, 'Firejail');
    await expect(firejail).toContainText('Installed, setuid root');
    await expect(firejail).toContainText('firefox, vlc');
    await expect(firejail.getByText('sudo firecfg --clean && sudo apt remove firejail', { exact: true })).toBeVisible();
    const profiles = card(page, 'Own profiles');
    await expect(profiles).toContainText('Document Viewer');
    const list = profiles.getByRole('list', { name: 'Loaded AppArmor profiles' });
    await expect(list.getByRole('listitem')).toHaveCount(6);
    await profiles.getByRole('searchbox', { name: 'Search loaded AppArmor profiles' }).fill('complain');
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('libreoffice-soffice');
    await firejail.scrollIntoViewIfNeeded();
    await screenshots(page, testInfo, 'system-firejail');
  });
});
