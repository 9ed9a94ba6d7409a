import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { setUnauthorizedHandler } from './api/http.ts';
import { i18n } from './i18n/index.ts';
import { router } from './router/index.ts';
import { useAuthStore } from './stores/auth.store.ts';
import './styles/base.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia).use(i18n).use(router);
setUnauthorizedHandler(() => {
  useAuthStore(pinia).logout();
  void router.push({ path: '/login', query: { next: router.currentRoute.value.fullPath } });
});
app.mount('#app');
