// Admin (issue #11), loaded on demand: Budgets, Approvals, Usage, Audit and People. Managers see their own
// department (budgets read-only) and its approvals; org admins and super admins pick any department and edit.
// The department is in the URL (`?dept=`), so a copied link opens the same view.
import type { DepartmentView } from '@donatello/contracts';
import {
  Dropdown,
  Label,
  Option,
  Spinner,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ProblemBar, useLocation, useNavigate, useSignedIn } from '@donatello/web';
import { ADMIN_PAGES, canEditDepartments, type AdminPage } from '../routes.ts';
import { NotFound } from '../shell/NotAllowed.tsx';
import { BudgetsPage } from './BudgetsPage.tsx';
import { ApprovalsPage } from './ApprovalsPage.tsx';
import { UsagePage } from './UsagePage.tsx';
import { AuditPage } from './AuditPage.tsx';
import { PeoplePage } from './PeoplePage.tsx';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalS,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  dept: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, marginLeft: 'auto' },
  deptDropdown: { minWidth: '200px' },
});

export default function AdminPages() {
  const styles = useStyles();
  const { api, me } = useSignedIn();
  const { path, query } = useLocation();
  const navigate = useNavigate();
  const page = (path.split('/')[2] ?? 'budgets') as AdminPage;
  const [departments, setDepartments] = useState<DepartmentView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const admin = canEditDepartments(me.user.role);

  useEffect(() => {
    api.departments({ limit: 200 }).then(
      (p) => setDepartments(p.items),
      (err: unknown) => setError(err),
    );
  }, [api]);

  const asked = query.get('dept');
  const deptId =
    departments?.find((d) => d.id === asked)?.id ??
    departments?.find((d) => d.id === me.user.departmentId)?.id ??
    departments?.[0]?.id ??
    null;
  const department = departments?.find((d) => d.id === deptId) ?? null;
  const go = (p: AdminPage, dept: string | null = deptId) =>
    navigate(`/admin/${p}${dept ? `?dept=${dept}` : ''}`);

  if (!ADMIN_PAGES.some((p) => p.key === page)) return <NotFound />;
  let body;
  if (error) body = <ProblemBar error={error} />;
  else if (!departments) body = <Spinner label="Loading departments…" />;
  else if (page === 'approvals') body = <ApprovalsPage />;
  else if (page === 'audit')
    body = <AuditPage department={admin ? null : department} departments={departments} />;
  else if (!department) body = <ProblemBar error={new Error('There is no department to show yet.')} />;
  else if (page === 'budgets')
    body = (
      <BudgetsPage
        key={department.id}
        department={department}
        editable={admin}
        onSaved={(d) => setDepartments((all) => all?.map((x) => (x.id === d.id ? d : x)) ?? null)}
      />
    );
  else if (page === 'usage') body = <UsagePage key={department.id} department={department} />;
  else body = <PeoplePage key={department.id} department={department} departments={departments} />;

  const perDepartment = page === 'budgets' || page === 'usage' || page === 'people';
  return (
    <div className={styles.root}>
      <div className={styles.bar}>
        <h1 className={styles.title}>Admin</h1>
        <TabList
          selectedValue={page}
          onTabSelect={(_e, d) => go(d.value as AdminPage)}
          aria-label="Admin pages"
        >
          {ADMIN_PAGES.map((p) => (
            <Tab key={p.key} value={p.key}>
              {p.label}
            </Tab>
          ))}
        </TabList>
        {perDepartment && departments && departments.length > 1 ? (
          <div className={styles.dept}>
            <Label id="admin-department">Department</Label>
            <Dropdown
              aria-labelledby="admin-department"
              className={styles.deptDropdown}
              value={department?.name ?? ''}
              selectedOptions={deptId ? [deptId] : []}
              onOptionSelect={(_e, d) => d.optionValue && go(page, d.optionValue)}
            >
              {departments.map((d) => (
                <Option key={d.id} value={d.id}>
                  {d.name}
                </Option>
              ))}
            </Dropdown>
          </div>
        ) : null}
      </div>
      {body}
    </div>
  );
}
