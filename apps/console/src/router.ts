import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { api } from './lib/api';
import Layout from './layout/Layout.vue';

type Role = 'admin' | 'coordinator' | 'department' | 'observer';
declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    roles?: Role[];
    parent?: string;
    public?: boolean;
  }
}

const COORD: Role[] = ['coordinator', 'admin', 'observer'];

export const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./views/Login.vue'), meta: { title: '登录', public: true } },
  {
    path: '/',
    component: Layout,
    children: [
      // each role's first page; signed out, the login page (which comes back here)
      { path: '', name: 'home', redirect: () => (!api.user ? '/login' : api.user.role === 'department' ? '/my-tasks' : api.user.role === 'admin' ? '/users' : '/dashboard') },
      { path: 'dashboard', name: 'dashboard', component: () => import('./views/Dashboard.vue'), meta: { title: '督办总览', roles: COORD } },
      { path: 'review/overdue', name: 'overdue', component: () => import('./views/Overdue.vue'), meta: { title: '逾期督办', roles: COORD } },
      { path: 'tasks', name: 'tasks', component: () => import('./views/Tasks.vue'), meta: { title: '任务台账', roles: COORD } },
      { path: 'my-tasks', name: 'my-tasks', component: () => import('./views/Tasks.vue'), meta: { title: '我的任务', roles: ['department'] } },
      { path: 'tasks/:id', name: 'task', component: () => import('./views/TaskDetail.vue'), meta: { title: '任务详情' } },
      { path: 'plans', name: 'plans', component: () => import('./views/Plans.vue'), meta: { title: '方案导入', roles: ['coordinator', 'admin', 'observer'] } },
      { path: 'plans/:id/draft', name: 'plan-draft', component: () => import('./views/PlanDraft.vue'), meta: { title: '草稿审核', roles: ['coordinator', 'admin'], parent: 'plans' } },
      { path: 'departments', name: 'departments', component: () => import('./views/Departments.vue'), meta: { title: '责任单位', roles: COORD } },
      { path: 'joint-meeting', name: 'joint-meeting', component: () => import('./views/JointMeeting.vue'), meta: { title: '联席会议', roles: COORD } },
      { path: 'users', name: 'users', component: () => import('./views/Users.vue'), meta: { title: '用户管理', roles: ['admin'] } },
      { path: 'settings', name: 'settings', component: () => import('./views/Settings.vue'), meta: { title: '通知设置', roles: ['admin', 'coordinator', 'observer'] } },
      { path: ':rest(.*)*', name: 'not-found', component: () => import('./views/NotFound.vue'), meta: { title: '页面不存在' } },
    ],
  },
];

export const router = createRouter({ history: createWebHistory('/'), routes });

router.beforeEach((to) => {
  if (to.meta.public) return true;
  if (!api.user) return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} };
  if (to.meta.roles && !to.meta.roles.includes(api.user.role)) return { name: 'home' };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 督办系统` : '督办系统';
});

api.onChange((user) => {
  if (!user && router.currentRoute.value.name !== 'login') void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } });
});
