// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AddBusName, AddFilesystem, AddPersistent, AddVariable } from './AddForms';

afterEach(cleanup);

describe('adding entries', () => {
  it('adds a filesystem entry in Flatpak normal form with its mode', async () => {
    const onAdd = vi.fn();
    render(<AddFilesystem disabled={false} onAdd={onAdd} />);
    await userEvent.type(screen.getByLabelText('Other file or folder'), 'home/Games//:ro');
    expect(screen.getByText('Gives ~/Games read only')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onAdd).toHaveBeenCalledWith({ kind: 'filesystems', path: '~/Games', value: 'ro' });
    expect(screen.getByLabelText<HTMLInputElement>('Other file or folder').value).toBe('');
  });

  it.each([
    ['relative/path', 'Unknown filesystem location relative/path'],
    ['/a/../b', 'contains ".."'],
    ['/', '--filesystem=/ is not available'],
    ['host:reset', 'only applies to --nofilesystem'],
  ])('explains why %s cannot be added, and does not add it', async (text, message) => {
    const onAdd = vi.fn();
    render(<AddFilesystem disabled={false} onAdd={onAdd} />);
    const input = screen.getByLabelText('Other file or folder');
    await userEvent.type(input, `${text}{Enter}`);
    expect(screen.getByRole('alert').textContent).toContain(message);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Add' }).disabled).toBe(true);
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('adds a refusal with a leading !', async () => {
    const onAdd = vi.fn();
    render(<AddFilesystem disabled={false} onAdd={onAdd} />);
    await userEvent.type(screen.getByLabelText('Other file or folder'), '!~/Secret{Enter}');
    expect(onAdd).toHaveBeenCalledWith({ kind: 'filesystems', path: '~/Secret', value: 'none' });
  });

  it('completes a folder of the home as it is typed, and Enter takes the suggestion', async () => {
    const onAdd = vi.fn();
    const asked: string[] = [];
    const complete = (home: string) => {
      asked.push(home);
      return Promise.resolve(home === 'Do' ? ['Documents', 'Downloads'] : []);
    };
    render(<AddFilesystem disabled={false} onAdd={onAdd} complete={complete} />);
    const input = screen.getByRole('combobox', { name: 'Other file or folder' });
    await userEvent.type(input, '~/Do');
    const list = await screen.findByRole('listbox');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Documents~/Documents',
      'Downloads~/Downloads',
    ]);
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(list.id);
    // The first one completes what is typed, so it is chosen.
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]?.id);
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{Enter}');
    expect((input as HTMLInputElement).value).toBe('~/Downloads');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(onAdd).not.toHaveBeenCalled();
    expect(asked).toContain('Do');
    // With the list closed, Enter adds.
    await userEvent.keyboard('{Enter}');
    expect(onAdd).toHaveBeenCalledWith({ kind: 'filesystems', path: '~/Downloads', value: 'rw' });
  });

  it('offers location words by their friendly names; Escape closes, and Enter adds what is typed', async () => {
    const onAdd = vi.fn();
    render(<AddFilesystem disabled={false} onAdd={onAdd} complete={() => Promise.resolve([])} />);
    const input = screen.getByRole('combobox', { name: 'Other file or folder' });
    await userEvent.type(input, 'down');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'xdg-downloadDownloads folder (~/Downloads)',
    ]);
    // "down" is not the start of xdg-download: nothing is chosen until an arrow key.
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect((input as HTMLInputElement).value).toBe('xdg-download');
    await userEvent.clear(input);
    await userEvent.type(input, 'home');
    expect(input.getAttribute('aria-activedescendant')).toBeNull();
    await userEvent.keyboard('{Enter}');
    expect(onAdd).toHaveBeenLastCalledWith({ kind: 'filesystems', path: 'home', value: 'rw' });
    await userEvent.type(input, 'xdg-m');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    await userEvent.keyboard('{Escape}');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toContain('Unknown filesystem location xdg-m');
    expect(onAdd).toHaveBeenCalledTimes(1);
  });

  it('sets or removes a variable, and refuses a name with =', async () => {
    const onAdd = vi.fn();
    render(<AddVariable disabled={false} onAdd={onAdd} />);
    await userEvent.type(screen.getByLabelText('Variable'), 'A=B');
    expect(screen.getByRole('alert').textContent).toContain("must not contain '='");
    await userEvent.clear(screen.getByLabelText('Variable'));
    await userEvent.type(screen.getByLabelText('Variable'), 'GTK_THEME');
    await userEvent.type(screen.getByLabelText('Value'), 'Adwaita:dark');
    await userEvent.click(screen.getByRole('button', { name: 'Set' }));
    expect(onAdd).toHaveBeenLastCalledWith({ kind: 'environment', name: 'GTK_THEME', value: 'Adwaita:dark' });
    await userEvent.type(screen.getByLabelText('Variable'), 'LD_PRELOAD');
    await userEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect(onAdd).toHaveBeenLastCalledWith({ kind: 'environment', name: 'LD_PRELOAD', value: null });
  });

  it('adds a bus name with the chosen access and refuses a bad one', async () => {
    const onAdd = vi.fn();
    render(<AddBusName bus="system" disabled={false} onAdd={onAdd} />);
    await userEvent.type(screen.getByLabelText('Bus name'), 'not a bus name');
    expect(screen.getByRole('alert').textContent).toContain('Invalid dbus name not a bus name');
    await userEvent.clear(screen.getByLabelText('Bus name'));
    await userEvent.type(screen.getByLabelText('Bus name'), 'org.freedesktop.login1');
    await userEvent.click(screen.getByRole('radio', { name: 'See' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(onAdd).toHaveBeenCalledWith({ kind: 'bus', bus: 'system', name: 'org.freedesktop.login1', value: 'see' });
  });

  it('refuses persistent folders that leave the home folder', async () => {
    const onAdd = vi.fn();
    render(<AddPersistent disabled={false} onAdd={onAdd} />);
    await userEvent.type(screen.getByLabelText('Folder in your home'), '../etc{Enter}');
    expect(screen.getByRole('alert').textContent).toContain('contains “..”');
    expect(onAdd).not.toHaveBeenCalled();
  });

  it('does nothing while editing is locked', async () => {
    const onAdd = vi.fn();
    render(<AddPersistent disabled onAdd={onAdd} />);
    await userEvent.type(screen.getByLabelText('Folder in your home'), '.mozilla{Enter}');
    expect(onAdd).not.toHaveBeenCalled();
  });
});
