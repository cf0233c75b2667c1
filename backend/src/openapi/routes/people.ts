// The signed-in user, departments and the user directory (docs/api.md "Endpoints").
import { z } from 'zod';
import {
  CreateDepartmentRequest,
  DepartmentId,
  DepartmentView,
  MeView,
  ObjectId,
  PagingQuery,
  UpdateDepartmentRequest,
  UpdateUserRequest,
  UserListQuery,
  UserView,
  pageOf,
} from '@donatello/contracts';
import { route } from '../route-spec.ts';
import { LocationHeader } from '../headers.ts';
import { departmentExample, meExample, userExample } from '../examples.ts';

const DepartmentPage = pageOf(DepartmentView, 'DepartmentPage');
const UserPage = pageOf(UserView, 'UserPage');
const DepartmentPath = z.object({ id: DepartmentId.meta({ examples: ['marketing'] }) });
const marketing = departmentExample('marketing');

export const peopleRoutes = [
  route({
    method: 'get',
    path: '/api/v1/me',
    operationId: 'getMe',
    tag: 'Me and users',
    summary: 'The signed-in user, their department and its budget',
    who: 'signed in',
    description: 'A first sign-in creates the user as a `standard_user` with no department.',
    responses: { 200: { description: 'The caller', schema: MeView, example: meExample } },
  }),
  route({
    method: 'get',
    path: '/api/v1/users',
    operationId: 'listUsers',
    tag: 'Me and users',
    summary: 'List users',
    who: 'managers (their department only) and admins',
    params: { query: UserListQuery },
    responses: {
      200: {
        description: 'A page',
        schema: UserPage,
        example: { items: [userExample('alice'), userExample('bob')], nextCursor: null },
      },
    },
    problems: { 403: ['forbidden'] },
  }),
  route({
    method: 'patch',
    path: '/api/v1/users/{id}',
    operationId: 'updateUser',
    tag: 'Me and users',
    summary: "Change a user's role and/or department",
    who: 'managers (between standard and power user, in their department), org admins and super admins',
    description:
      'Nobody raises their own role, grants a role above their own, or changes someone at or above their own role ' +
      '(a super admin can change anyone). Audited with before and after.',
    params: { path: z.object({ id: ObjectId.meta({ description: 'The Entra object id' }) }) },
    body: { schema: UpdateUserRequest, example: { role: 'power_user' } },
    responses: {
      200: {
        description: 'The user as saved',
        schema: UserView,
        example: { ...userExample('alice'), role: 'power_user' },
      },
    },
    problems: { 403: ['forbidden'], 404: ['not-found'], 409: ['conflict'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/departments',
    operationId: 'listDepartments',
    tag: 'Departments',
    summary: 'List departments with budget settings and policy',
    who: 'managers (their own) and admins',
    params: { query: PagingQuery },
    responses: {
      200: {
        description: 'A page',
        schema: DepartmentPage,
        example: {
          items: [departmentExample('engineering'), departmentExample('finance'), marketing],
          nextCursor: null,
        },
      },
    },
    problems: { 403: ['forbidden'] },
  }),
  route({
    method: 'post',
    path: '/api/v1/departments',
    operationId: 'createDepartment',
    tag: 'Departments',
    summary: 'Create a department',
    who: 'org admins and above',
    body: {
      schema: CreateDepartmentRequest,
      example: { id: 'sales', name: 'Sales', budget: { limitAud: '20', mode: 'soft' } },
    },
    responses: {
      201: {
        description: 'Created',
        schema: DepartmentView,
        headers: z.object({ Location: LocationHeader }),
        example: {
          ...marketing,
          id: 'sales',
          name: 'Sales',
          budget: { ...marketing.budget, limitAud: '20.0000' },
        },
      },
    },
    problems: { 403: ['forbidden'], 409: ['already-exists'] },
  }),
  route({
    method: 'get',
    path: '/api/v1/departments/{id}',
    operationId: 'getDepartment',
    tag: 'Departments',
    summary: 'One department',
    who: "the department's managers, admins",
    params: { path: DepartmentPath },
    responses: { 200: { description: 'The department', schema: DepartmentView, example: marketing } },
    problems: { 403: ['forbidden'], 404: ['not-found'] },
  }),
  route({
    method: 'patch',
    path: '/api/v1/departments/{id}',
    operationId: 'updateDepartment',
    tag: 'Departments',
    summary: "Change a department's name, budget settings or policy",
    who: 'org admins and above (managers read but never change: raising their own limit would defeat the control)',
    description: 'Fields not sent are kept. Audited with before and after.',
    params: { path: DepartmentPath },
    body: { schema: UpdateDepartmentRequest, example: { budget: { limitAud: '7.5', mode: 'hard' } } },
    responses: {
      200: {
        description: 'The department as saved',
        schema: DepartmentView,
        example: { ...marketing, budget: { ...marketing.budget, limitAud: '7.5000', mode: 'hard' } },
      },
    },
    problems: { 403: ['forbidden'], 404: ['not-found'], 409: ['conflict'] },
  }),
];
