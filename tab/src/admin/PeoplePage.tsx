// People: who is in a department, with their role. Admins change roles and departments, managers move their own
// people between standard and power user, as far as the API allows (docs/api.md "Users"); a refusal shows the
// API's reason on that row.
import type { DepartmentView, Role, UserView } from '@donatello/contracts';
import { ROLES, roleRank } from '@donatello/contracts';
import {
  Dropdown,
  Option,
  Spinner,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ApiProblem, ProblemBar, problemText, roleLabel, useSignedIn } from '@donatello/web';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  wrap: {
    overflowX: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  select: { minWidth: '180px' },
  error: { color: tokens.colorPaletteRedForeground1, display: 'block', marginTop: tokens.spacingVerticalXXS },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** Roles this person may hand out (the server has the last word). */
export function assignableRoles(me: UserView, target: UserView): Role[] {
  if (me.objectId === target.objectId) return [];
  if (me.role === 'dept_manager') {
    return me.departmentId === target.departmentId && roleRank(target.role) <= roleRank('power_user')
      ? ['standard_user', 'power_user']
      : [];
  }
  if (roleRank(me.role) < roleRank('org_admin')) return [];
  if (me.role !== 'super_admin' && roleRank(target.role) >= roleRank(me.role)) return [];
  return ROLES.filter((r) => me.role === 'super_admin' || roleRank(r) <= roleRank(me.role));
}

export function PeoplePage({
  department,
  departments,
}: {
  department: DepartmentView;
  departments: DepartmentView[];
}) {
  const styles = useStyles();
  const { api, me } = useSignedIn();
  const admin = roleRank(me.user.role) >= roleRank('org_admin');
  const [everyone, setEveryone] = useState(false);
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [rowErrors, setRowErrors] = useState<Record<string, unknown>>({});

  useEffect(() => {
    setUsers(null);
    api.users({ limit: 200, ...(everyone ? {} : { departmentId: department.id }) }).then(
      (p) => setUsers(p.items),
      (err: unknown) => setError(err),
    );
  }, [api, department.id, everyone]);

  const update = async (u: UserView, patch: { role?: Role; departmentId?: string | null }) => {
    setRowErrors((e) => ({ ...e, [u.objectId]: null }));
    try {
      const saved = await api.updateUser(u.objectId, patch);
      setUsers((list) => list?.map((x) => (x.objectId === saved.objectId ? saved : x)) ?? null);
    } catch (err) {
      setRowErrors((e) => ({ ...e, [u.objectId]: err }));
    }
  };
  const deptName = (id: string | null) =>
    departments.find((d) => d.id === id)?.name ?? (id ? id : 'No department');

  if (error) return <ProblemBar error={error} />;
  return (
    <div className={styles.root}>
      {admin ? (
        <Switch
          label="Show people in every department"
          checked={everyone}
          onChange={(_e, d) => setEveryone(d.checked)}
        />
      ) : null}
      {!users ? <Spinner label="Loading people…" /> : null}
      {users && users.length === 0 ? <Text className={styles.muted}>Nobody here yet.</Text> : null}
      {users && users.length > 0 ? (
        <div className={styles.wrap}>
          <Table size="small" aria-label="People">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>User name</TableHeaderCell>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell>Department</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.map((u) => {
                const roles = assignableRoles(me.user, u);
                const rowError = rowErrors[u.objectId];
                return (
                  <TableRow key={u.objectId}>
                    <TableCell>
                      {u.displayName}
                      {rowError ? (
                        <Text size={200} className={styles.error} role="alert">
                          {rowError instanceof ApiProblem
                            ? (rowError.detail ?? rowError.title)
                            : problemText(rowError).message}
                        </Text>
                      ) : null}
                    </TableCell>
                    <TableCell>{u.username ?? '—'}</TableCell>
                    <TableCell>
                      {roles.length ? (
                        <Dropdown
                          className={styles.select}
                          aria-label={`Role of ${u.displayName}`}
                          value={roleLabel(u.role)}
                          selectedOptions={[u.role]}
                          onOptionSelect={(_e, d) =>
                            d.optionValue &&
                            d.optionValue !== u.role &&
                            void update(u, { role: d.optionValue as Role })
                          }
                        >
                          {roles.map((r) => (
                            <Option key={r} value={r}>
                              {roleLabel(r)}
                            </Option>
                          ))}
                        </Dropdown>
                      ) : (
                        roleLabel(u.role)
                      )}
                    </TableCell>
                    <TableCell>
                      {admin && roles.length ? (
                        <Dropdown
                          className={styles.select}
                          aria-label={`Department of ${u.displayName}`}
                          value={deptName(u.departmentId)}
                          selectedOptions={[u.departmentId ?? '']}
                          onOptionSelect={(_e, d) => {
                            const next = d.optionValue === '' ? null : (d.optionValue ?? null);
                            if (next !== u.departmentId) void update(u, { departmentId: next });
                          }}
                        >
                          <Option value="">No department</Option>
                          {departments.map((d) => (
                            <Option key={d.id} value={d.id}>
                              {d.name}
                            </Option>
                          ))}
                        </Dropdown>
                      ) : (
                        deptName(u.departmentId)
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      ) : null}
    </div>
  );
}
