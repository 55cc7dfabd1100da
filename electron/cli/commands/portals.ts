import { describeValue, kindByKey, kindOf, PORTAL_KINDS } from '../../../shared/portals/catalogue';
import type { PortalRow } from '../../../shared/portals/model';
import type { FlatpakCore } from '../../services/core';
import { portalsView, setPortal } from '../../services/portals';
import { defineMessages, formatList, t } from '../../../shared/i18n';
import { checkApp, LINE, USAGE, type CliIo } from '../command';
import { UsageError, type Parsed } from '../options';

const M = defineMessages({
  state: {
    id: 'cli.portals.state',
    defaultMessage: '{state, select, allowed {allowed} denied {denied} notSet {not set} other {kept}}',
    description: 'The state of one portal permission in confine portals APP; short, the column is 10 characters wide',
  },
  badSet: {
    id: 'cli.portals.bad-set',
    defaultMessage: '{option} takes {forms}, not {given}',
    description: 'option: --set; forms: KEY=allow, KEY=deny or KEY=unset (a list); given: what was typed',
  },
  unknownKey: {
    id: 'cli.portals.unknown-key',
    defaultMessage: '{key} is not one of {keys}; another entry is named {tableId} and can only be unset',
    description: 'keys: the portal keys (camera, location, …); tableId: the metavariable TABLE/ID',
  },
});

const stateWord = (state: PortalRow['state']): string => t(M.state, { state: state === 'not-set' ? 'notSet' : state });

export async function portals(core: FlatpakCore, p: Parsed, io: CliIo): Promise<number> {
  if (p.positional.length !== 1) throw new UsageError(t(USAGE.takesOne, { command: 'portals', operand: 'APP' }));
  const app = checkApp(p.positional[0]);
  const connection = await core.portals();
  if (p.set !== undefined) {
    const m = /^([^=]+)=(allow|deny|unset)$/.exec(p.set);
    if (!m?.[1] || !m[2])
      throw new UsageError(
        t(M.badSet, {
          option: '--set',
          forms: formatList(['KEY=allow', 'KEY=deny', 'KEY=unset'], 'disjunction'),
          given: p.set,
        }),
      );
    const kind = kindByKey(m[1]);
    const [table, id] = kind
      ? [kind.table, kind.id]
      : [m[1].slice(0, m[1].indexOf('/')), m[1].slice(m[1].indexOf('/') + 1)];
    if (!kind && (!m[1].includes('/') || m[2] !== 'unset'))
      throw new UsageError(
        t(M.unknownKey, { key: m[1], keys: PORTAL_KINDS.map((k) => k.key).join(', '), tableId: 'TABLE/ID' }),
      );
    const value = m[2] === 'unset' ? null : m[2] === 'allow' ? (kind?.allowed ?? null) : (kind?.denied ?? null);
    const step = await setPortal(connection, app, table, id, value === null ? null : [...value]);
    io.out(`${table}/${id}: ${describeValue(kind, step.before)} → ${describeValue(kind, step.after)}\n`);
    return 0;
  }
  const view = await portalsView(connection, app);
  if (p.json) {
    io.out(JSON.stringify(view, null, 2) + '\n');
    return view.available ? 0 : 1;
  }
  if (!view.available) {
    io.err(t(LINE.error, { message: view.reason }));
    return 1;
  }
  for (const row of view.rows) {
    const state = row.state === 'other' ? describeValue(kindOf(row.table, row.id), row.value) : stateWord(row.state);
    io.out(`${row.key.padEnd(16)} ${state.padEnd(10)} ${row.label}${row.unavailable ? ` (${row.unavailable})` : ''}\n`);
  }
  return 0;
}
