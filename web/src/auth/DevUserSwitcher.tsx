// The development sign-in's user switcher: always visible while DEV_AUTH is on, so it is obvious these are not
// real accounts, and anyone can try every role (alice … erin) offline.
import { Badge, Dropdown, Option, makeStyles, mergeClasses, tokens, useId } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DevSignInControl, DevUser } from '../host/types.ts';
import { roleLabel } from '../format.ts';

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  dropdown: { minWidth: '220px' },
  // A task pane: the switcher takes the row and the list shrinks to fit it.
  narrow: {
    minWidth: 0,
    flex: '1 1 auto',
    '& button': { whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  },
});

/** `narrow` for task panes, where it has a row of its own. */
export function DevUserSwitcher({
  control,
  narrow = false,
}: {
  control: DevSignInControl;
  narrow?: boolean;
}) {
  const styles = useStyles();
  const id = useId('dev-user');
  const [users, setUsers] = useState<DevUser[]>([]);
  const [current, setCurrent] = useState(control.current());
  useEffect(() => control.subscribe(setCurrent), [control]);
  useEffect(() => {
    let live = true;
    control.users().then(
      (u) => live && setUsers(u),
      () => live && setUsers([]),
    );
    return () => {
      live = false;
    };
  }, [control]);
  const label = (u: DevUser) => `${u.displayName} (${roleLabel(u.role)})`;
  const selected = users.find((u) => u.name === current);
  return (
    <div className={styles.root}>
      <Badge appearance="tint" color="warning" id={`${id}-badge`} className={styles.badge}>
        Dev sign-in
      </Badge>
      <Dropdown
        className={mergeClasses(styles.dropdown, narrow && styles.narrow)}
        aria-label="Signed in as (development user)"
        aria-describedby={`${id}-badge`}
        value={selected ? label(selected) : current}
        selectedOptions={[current]}
        onOptionSelect={(_e, d) => d.optionValue && control.switchTo(d.optionValue)}
      >
        {users.map((u) => (
          <Option key={u.name} value={u.name} text={label(u)}>
            {label(u)}
          </Option>
        ))}
      </Dropdown>
    </div>
  );
}
